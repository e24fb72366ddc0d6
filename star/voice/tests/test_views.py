"""The staff pages: who sees what, the builder keeps what was typed, coding and 'you said, we did'."""

import pytest
from django.urls import reverse

from star.core.tests.factories import OrganisationFactory, UserFactory
from star.voice.models import Action, Question, Survey, Theme

pytestmark = pytest.mark.django_db


def test_a_practice_lead_creates_a_survey_from_a_template(client, make_user):
    lead = make_user("practice_lead")
    client.force_login(lead)
    response = client.post(reverse("voice:survey_new"), {"template": "staff-inclusion-pulse", "title": ""})
    survey = Survey.objects.get()
    assert response.status_code == 302 and survey.audience == "staff"
    page = client.get(reverse("voice:version", args=[survey.pk, 1]))
    assert b"Publish version 1" in page.content


def test_a_blank_survey_needs_a_title_and_audience_and_keeps_what_was_typed(client, make_user):
    client.force_login(make_user("practice_lead"))
    response = client.post(reverse("voice:survey_new"), {"template": "blank", "title": "Our pulse"})
    assert response.status_code == 200 and b"Choose who the survey is for" in response.content
    assert b'value="Our pulse"' in response.content and not Survey.objects.exists()


def test_adding_a_question_with_one_option_keeps_the_form(client, world):
    client.force_login(world.lead)
    draft = world.survey.versions.create(number=2)
    section = draft.sections.create(title="More", order=1)
    url = reverse("voice:question_add", args=[world.survey.pk, 2, section.pk])
    response = client.post(url, {"kind": "single", "text": "Which office?", "options": "North only"})
    assert response.status_code == 200 and b"at least two options" in response.content
    assert b"Which office?" in response.content and not section.questions.exists()
    response = client.post(url, {"kind": "single", "text": "Which office?", "options": "North\nSouth"})
    assert response.status_code == 302 and section.questions.get().options[1]["label"] == "South"


def test_a_manager_sees_results_but_not_comments(client, world, make_user):
    manager = make_user("manager")
    world.respond(6, comment="Please call back.")
    client.force_login(manager)
    assert client.get(reverse("voice:results", args=[world.survey.pk])).status_code == 200
    assert client.get(reverse("voice:comments", args=[world.survey.pk])).status_code == 403
    assert client.get(reverse("voice:survey_new")).status_code == 403


def test_another_councils_lead_cannot_reach_the_survey(client, world):
    other = UserFactory(roles=["practice_lead"], organisation=OrganisationFactory(name="Elsewhere", slug="else"))
    client.force_login(other)
    assert client.get(reverse("voice:survey", args=[world.survey.pk])).status_code == 404
    assert client.get(reverse("voice:results", args=[world.survey.pk])).status_code == 404


def test_the_results_page_says_a_small_group_is_hidden(client, world):
    world.respond(3)
    client.force_login(world.lead)
    response = client.get(reverse("voice:results", args=[world.survey.pk]))
    assert b"Fewer than 5 people in this group answered" in response.content


def test_reading_comments_is_audit_trailed_and_coding_saves_themes(client, world):
    from auditlog.models import LogEntry

    world.respond(5, comment="The letters were only in English.")
    theme = Theme.objects.create(organisation=world.survey.organisation, name="Interpreters and language")
    client.force_login(world.lead)
    page = client.get(reverse("voice:comments", args=[world.survey.pk]))
    assert b"The letters were only in English." in page.content
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(world.survey.pk)).exists()
    answer = world.survey.responses.first().answers.get(question__key="do-better")
    client.post(reverse("voice:comment_code", args=[answer.pk]), {f"a{answer.pk}-themes": [str(theme.pk)]})
    assert list(answer.themes.all()) == [theme]


def test_comments_are_escaped_on_output(client, world):
    world.respond(5, comment="<script>alert(1)</script>")
    client.force_login(world.lead)
    page = client.get(reverse("voice:comments", args=[world.survey.pk]))
    assert b"<script>alert(1)</script>" not in page.content and b"&lt;script&gt;" in page.content


def test_you_said_we_did_is_recorded(client, world):
    client.force_login(world.lead)
    response = client.post(reverse("voice:action_new"), {
        "survey": world.survey.pk, "you_said": "Calls were not returned.", "we_did": "A same-day duty line.",
        "status": "done", "is_public": "on"})
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.status == "done" and action.owner == world.lead


def test_the_threshold_cannot_be_set_below_three(client, world):
    client.force_login(world.lead)
    response = client.post(reverse("voice:survey_settings", args=[world.survey.pk]), {
        "title": world.survey.title, "purpose": "", "anonymity_threshold": "2", "results_release": "quarterly",
        "population_stage": ""})
    assert response.status_code == 200 and b"must be 3 or more" in response.content
    world.survey.refresh_from_db()
    assert world.survey.anonymity_threshold == 5


def test_publishing_a_draft_from_the_page(client, world):
    client.force_login(world.lead)
    client.post(reverse("voice:version_new_draft", args=[world.survey.pk]))
    question = Question.objects.get(section__version__number=2, section__version__survey=world.survey,
                                    key="went-well")
    client.post(reverse("voice:question_edit", args=[question.pk]), {"action": "delete"})
    response = client.post(reverse("voice:version_publish", args=[world.survey.pk, 2]), {"change_note": "Shorter"})
    assert response.status_code == 302
    world.survey.refresh_from_db()
    assert world.survey.current_version.number == 2
    assert not Question.objects.filter(section__version=world.survey.current_version, key="went-well").exists()
