"""The survey builder: templates, drafts, publishing rules and versions that never change."""

import pytest
from django.core.exceptions import ValidationError

from star.voice.models import Question, Survey, SurveyVersion
from star.voice.questionnaire_library import questionnaire
from star.voice.services import surveys as builder

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(make_user):
    return make_user("practice_lead")


def _survey(lead, template="family-parents"):
    return builder.survey_create(organisation=lead.organisation, user=lead, title="", audience="",
                                 template_key=template)


def test_a_survey_from_a_template_copies_its_questions_into_a_first_draft(lead):
    survey = _survey(lead)
    spec = questionnaire("family-parents")
    draft = survey.draft_version
    assert survey.title == spec.title and survey.status == Survey.Status.DRAFT
    assert draft.number == 1 and not draft.is_published
    keys = list(Question.objects.filter(section__version=draft).order_by("section__order", "order")
                .values_list("key", flat=True))
    assert keys == [question.key for section in spec.sections for question in section.questions]


def test_publishing_opens_the_survey_and_gives_it_a_first_link(lead):
    survey = _survey(lead)
    builder.version_publish(version=survey.draft_version, user=lead, change_note="First")
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert survey.current_version.number == 1
    assert survey.links.count() == 1 and len(survey.links.get().token) >= 12


def test_a_published_version_cannot_change(lead):
    survey = _survey(lead)
    version = builder.version_publish(version=survey.draft_version, user=lead)
    section = version.sections.first()
    with pytest.raises(ValidationError, match="published"):
        builder.question_save(section=section, user=lead, kind="text", text="Anything else?", hint="",
                              options=[], required=False, shown_if_question="", shown_if_answer="")
    with pytest.raises(ValidationError, match="published"):
        builder.question_delete(question=section.questions.first(), user=lead)


def test_a_new_draft_copies_the_current_version_and_publishing_it_keeps_the_old_one(lead):
    survey = _survey(lead)
    first = builder.version_publish(version=survey.draft_version, user=lead)
    draft = builder.version_draft(survey=survey, user=lead)
    assert draft.number == 2 and builder.version_draft(survey=survey, user=lead) == draft
    section = draft.sections.first()
    added = builder.question_save(section=section, user=lead, kind="single", text="How did you hear from us?",
                                  hint="", options=builder.parse_options("Letter\nPhone call\nVisit"),
                                  required=False, shown_if_question="", shown_if_answer="")
    assert added.key == "how-did-you-hear-from-us" and [o["key"] for o in added.options] == [
        "letter", "phone-call", "visit"]
    builder.version_publish(version=draft, user=lead, change_note="Added a question")
    survey.refresh_from_db()
    assert survey.current_version == draft
    assert not Question.objects.filter(section__version=first, key=added.key).exists()
    assert SurveyVersion.objects.filter(survey=survey, published_at__isnull=False).count() == 2


def test_publishing_refuses_broken_conditions_and_choice_questions_without_options(lead):
    survey = builder.survey_create(organisation=lead.organisation, user=lead, title="Quick check",
                                   audience="staff")
    draft = survey.draft_version
    section = draft.sections.get()
    assert builder.version_problems(draft) == ["Add at least one question."]
    first = builder.question_save(section=section, user=lead, kind="text", text="Anything else?", hint="",
                                  options=[], required=False, shown_if_question="", shown_if_answer="")
    Question.objects.create(section=section, key="later", kind="single", text="Later", order=0,
                            options=[{"key": "a", "label": "A"}], shown_if_question=first.key, shown_if_answer="x")
    problems = builder.version_problems(draft)
    assert any("two options" in problem for problem in problems)
    assert any("does not come before it" in problem for problem in problems)
    with pytest.raises(ValidationError):
        builder.version_publish(version=draft, user=lead)


def test_choice_questions_need_two_options_and_options_cannot_repeat(lead):
    survey = builder.survey_create(organisation=lead.organisation, user=lead, title="Quick check", audience="staff")
    section = survey.draft_version.sections.get()
    with pytest.raises(ValidationError):
        builder.question_save(section=section, user=lead, kind="single", text="Pick", hint="",
                              options=builder.parse_options("Only one"), required=False,
                              shown_if_question="", shown_if_answer="")
    with pytest.raises(ValidationError):
        builder.parse_options("Yes\nyes")


def test_a_question_others_depend_on_cannot_be_removed(lead):
    survey = _survey(lead)
    trigger = Question.objects.get(section__version=survey.draft_version, key="interpreter-needed")
    with pytest.raises(ValidationError, match="depends on this question"):
        builder.question_delete(question=trigger, user=lead)


def test_moving_a_question_swaps_it_with_its_neighbour(lead):
    survey = _survey(lead)
    section = survey.draft_version.sections.order_by("order").first()
    first, second = list(section.questions.order_by("order"))[:2]
    builder.question_move(question=second, user=lead, direction=-1)
    assert list(section.questions.order_by("order"))[:2] == [second, first]


def test_the_anonymity_threshold_is_never_below_three(lead):
    survey = _survey(lead)
    with pytest.raises(ValidationError):
        builder.survey_settings_save(survey=survey, user=lead, anonymity_threshold=2)
    survey.refresh_from_db()
    assert survey.anonymity_threshold == 5
    builder.survey_settings_save(survey=survey, user=lead, anonymity_threshold=3)
    survey.refresh_from_db()
    assert survey.anonymity_threshold == 3


def test_a_survey_can_only_be_opened_once_published(lead):
    survey = _survey(lead)
    with pytest.raises(ValidationError, match="Publish"):
        builder.survey_status_set(survey=survey, user=lead, status="open")


def test_link_names_are_unique_within_a_survey(lead):
    survey = _survey(lead)
    builder.version_publish(version=survey.draft_version, user=lead)
    builder.link_add(survey=survey, user=lead, label="Schools")
    with pytest.raises(ValidationError):
        builder.link_add(survey=survey, user=lead, label="schools")
