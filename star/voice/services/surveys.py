"""Writes for the survey builder: surveys from templates, draft versions, publishing, links, status.

A published version never changes. To change a live survey, a new draft is made from the current
version, edited and published; responses keep the version they answered.
"""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from star.voice.models import Question, Section, Survey, SurveyLink, SurveyVersion
from star.voice.questionnaire_library import questionnaire

CHOICE_KINDS = frozenset({Question.Kind.SINGLE, Question.Kind.MULTIPLE})
CONDITION_KINDS = frozenset({Question.Kind.SINGLE, Question.Kind.LIKERT})
LIKERT_KEYS = ("1", "2", "3", "4", "5")


@transaction.atomic
def survey_create(*, organisation, user, title: str, audience: str, template_key: str = "",
                  purpose: str = "", anonymity_threshold: int = 5) -> Survey:
    """A new survey with a first draft version: the template's questions, or one empty section."""
    spec = questionnaire(template_key) if template_key else None
    with set_actor(user):
        survey = Survey(organisation=organisation, title=title or (spec.title if spec else ""),
                        audience=audience or (spec.audience if spec else ""), template_key=template_key,
                        purpose=purpose or (spec.purpose if spec else ""), anonymity_threshold=anonymity_threshold,
                        created_by=user)
        survey.full_clean()
        survey.save()
        version = SurveyVersion.objects.create(survey=survey, number=1)
        if spec is None:
            Section.objects.create(version=version, title="Your views", order=1)
            return survey
        for order, section_spec in enumerate(spec.sections, start=1):
            section = Section.objects.create(version=version, title=section_spec.title,
                                             description=section_spec.description, order=order)
            Question.objects.bulk_create(
                Question(section=section, key=item.key, kind=item.kind, text=item.text, hint=item.hint,
                         options=[{"key": key, "label": label} for key, label in item.options],
                         required=item.required, shown_if_question=item.shown_if_question,
                         shown_if_answer=item.shown_if_answer, order=position)
                for position, item in enumerate(section_spec.questions, start=1))
    return survey


def _editable(version: SurveyVersion) -> None:
    if version.is_published:
        raise ValidationError("This version has been published and cannot change. Make a new draft to edit it.")


def version_problems(version: SurveyVersion) -> list[str]:
    """What stops a draft being published, in plain words (empty when it can be)."""
    problems = []
    questions = list(Question.objects.filter(section__version=version).order_by("section__order", "order"))
    if not questions:
        problems.append("Add at least one question.")
    seen: dict[str, Question] = {}
    for question in questions:
        if question.key in seen:
            problems.append(f"Two questions share the key '{question.key}'.")
        if question.kind in CHOICE_KINDS and len(question.options) < 2:
            problems.append(f"'{question.text}' needs at least two options.")
        if question.shown_if_question:
            trigger = seen.get(question.shown_if_question)
            if trigger is None or trigger.kind not in CONDITION_KINDS:
                problems.append(f"'{question.text}' depends on a question that does not come before it, "
                                "or is not a 'choose one' or agree/disagree question.")
            elif question.shown_if_answer not in option_keys(trigger):
                problems.append(f"'{question.text}' depends on an answer that '{trigger.text}' does not offer.")
        seen[question.key] = question
    if sum(question.kind == Question.Kind.ETHNICITY for question in questions) > 1:
        problems.append("Ask about ethnic group once at most.")
    return problems


def option_keys(question: Question) -> tuple[str, ...]:
    if question.kind == Question.Kind.LIKERT:
        return LIKERT_KEYS
    return tuple(option["key"] for option in question.options)


@transaction.atomic
def version_publish(*, version: SurveyVersion, user, change_note: str = "") -> SurveyVersion:
    """Publish a draft: it becomes what respondents see. A survey in draft opens."""
    version = SurveyVersion.objects.select_for_update().get(pk=version.pk)
    _editable(version)
    if problems := version_problems(version):
        raise ValidationError(problems)
    with set_actor(user):
        version.published_at = timezone.now()
        version.published_by = user
        version.change_note = change_note
        version.save(update_fields=["published_at", "published_by", "change_note"])
        survey = version.survey
        if survey.status == Survey.Status.DRAFT:
            survey.status = Survey.Status.OPEN
            survey.save(update_fields=["status"])
            if not survey.links.exists():
                SurveyLink.objects.create(survey=survey, label="Everyone")
    return version


@transaction.atomic
def version_draft(*, survey: Survey, user) -> SurveyVersion:
    """A new draft copied from the current version (or the existing draft, if there is one)."""
    if (draft := survey.draft_version) is not None:
        return draft
    current = survey.current_version
    number = survey.versions.aggregate(n=Max("number"))["n"] + 1
    with set_actor(user):
        draft = SurveyVersion.objects.create(survey=survey, number=number)
        for section in current.sections.prefetch_related("questions"):
            copy = Section.objects.create(version=draft, title=section.title, description=section.description,
                                          order=section.order)
            Question.objects.bulk_create(
                Question(section=copy, key=q.key, kind=q.kind, text=q.text, hint=q.hint, options=q.options,
                         required=q.required, shown_if_question=q.shown_if_question,
                         shown_if_answer=q.shown_if_answer, order=q.order)
                for q in section.questions.all())
    return draft


def parse_options(text: str) -> list[dict]:
    """One option per line; keys are made from the labels (stable while the wording stays)."""
    options, keys = [], set()
    for line in text.splitlines():
        label = line.strip()
        if not label:
            continue
        key = slugify(label)[:60] or f"option-{len(options) + 1}"
        if key in keys:
            raise ValidationError({"options": f"'{label}' appears twice."})
        keys.add(key)
        options.append({"key": key, "label": label})
    return options


@transaction.atomic
def question_save(*, section: Section, user, question: Question | None = None, **fields) -> Question:
    """Add a question to a draft's section, or change one. ``fields``: kind, text, hint, options (list),
    required, shown_if_question, shown_if_answer."""
    _editable(section.version)
    if question is None:
        base = slugify(fields.get("text", ""))[:40] or "question"
        taken = set(Question.objects.filter(section__version=section.version).values_list("key", flat=True))
        key, counter = base, 2
        while key in taken:
            key, counter = f"{base}-{counter}", counter + 1
        order = (section.questions.aggregate(n=Max("order"))["n"] or 0) + 1
        question = Question(section=section, key=key, order=order)
    for name, value in fields.items():
        setattr(question, name, value)
    if question.kind not in CHOICE_KINDS:
        question.options = []
    if question.kind in CHOICE_KINDS and len(question.options) < 2:
        raise ValidationError({"options": "Give at least two options, one per line."})
    if bool(question.shown_if_question) != bool(question.shown_if_answer):
        raise ValidationError({"shown_if_answer": "Choose both the question and the answer, or neither."})
    with set_actor(user):
        question.full_clean(exclude=["section"])
        question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question, user) -> None:
    _editable(question.section.version)
    dependants = Question.objects.filter(section__version=question.section.version,
                                         shown_if_question=question.key)
    if dependants.exists():
        raise ValidationError(f"'{dependants.first().text}' depends on this question: change that first.")
    with set_actor(user):
        question.delete()


@transaction.atomic
def question_move(*, question: Question, user, direction: int) -> None:
    """Swap a question with its neighbour in the section (direction -1 up, +1 down)."""
    _editable(question.section.version)
    siblings = list(question.section.questions.order_by("order"))
    index = siblings.index(question)
    other = index + direction
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    with set_actor(user):
        for order, item in enumerate(siblings, start=1):
            if item.order != order:
                item.order = order
                item.save(update_fields=["order"])


@transaction.atomic
def section_save(*, version: SurveyVersion, user, section: Section | None = None, title: str,
                 description: str = "") -> Section:
    _editable(version)
    if section is None:
        order = (version.sections.aggregate(n=Max("order"))["n"] or 0) + 1
        section = Section(version=version, order=order)
    section.title, section.description = title, description
    with set_actor(user):
        section.full_clean(exclude=["version"])
        section.save()
    return section


@transaction.atomic
def survey_settings_save(*, survey: Survey, user, **fields) -> Survey:
    """Title, purpose, audience, anonymity threshold (never below 3), population stage."""
    for name, value in fields.items():
        setattr(survey, name, value)
    with set_actor(user):
        survey.full_clean()
        survey.save()
    return survey


@transaction.atomic
def survey_status_set(*, survey: Survey, user, status: str) -> Survey:
    if status == Survey.Status.OPEN and survey.current_version is None:
        raise ValidationError("Publish the survey before opening it.")
    if status not in (Survey.Status.OPEN, Survey.Status.CLOSED):
        raise ValidationError("A survey can be opened or closed.")
    with set_actor(user):
        survey.status = status
        survey.save(update_fields=["status"])
    return survey


@transaction.atomic
def link_add(*, survey: Survey, user, label: str, team=None) -> SurveyLink:
    """A new public address for the survey, e.g. one per team or partner, to see results by link."""
    if survey.links.filter(label__iexact=label.strip()).exists():
        raise ValidationError({"label": "This survey already has a link with that name."})
    with set_actor(user):
        link = SurveyLink(survey=survey, label=label.strip(), team=team)
        link.full_clean()
        link.save()
    return link


@transaction.atomic
def link_active_set(*, link: SurveyLink, user, active: bool) -> SurveyLink:
    with set_actor(user):
        link.is_active = active
        link.save(update_fields=["is_active"])
    return link
