"""Which surveys, versions, links, themes and actions a signed-in person may see."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from star.voice.models import Action, Question, Section, Survey, SurveyLink, SurveyVersion, Theme


def surveys_for(user) -> QuerySet[Survey]:
    return Survey.objects.for_user(user).annotate(response_count=Count("responses", distinct=True))


def survey_for(user, pk: int, permission: str = "voice.view_results") -> Survey:
    survey = get_object_or_404(Survey.objects.for_user(user), pk=pk)
    if not user.has_perm(permission, survey):
        raise PermissionDenied
    return survey


def version_for(survey: Survey, number: int) -> SurveyVersion:
    return get_object_or_404(survey.versions, number=number)


def sections_of(version: SurveyVersion) -> list[Section]:
    return list(version.sections.prefetch_related("questions"))


def section_for(user, pk: int) -> Section:
    return get_object_or_404(Section.objects.for_user(user).select_related("version__survey"), pk=pk)


def question_for(user, pk: int) -> Question:
    return get_object_or_404(Question.objects.for_user(user).select_related("section__version__survey"), pk=pk)


def link_for(user, pk: int) -> SurveyLink:
    return get_object_or_404(SurveyLink.objects.for_user(user).select_related("survey"), pk=pk)


def links_of(survey: Survey) -> QuerySet[SurveyLink]:
    return survey.links.annotate(response_count=Count("responses")).select_related("team")


def themes_for(user) -> QuerySet[Theme]:
    return Theme.objects.for_user(user).annotate(comment_count=Count("answers"))


def theme_for(user, pk: int) -> Theme:
    return get_object_or_404(Theme.objects.for_user(user), pk=pk)


def actions_for(user, survey: Survey | None = None) -> QuerySet[Action]:
    actions = Action.objects.for_user(user).select_related("theme", "survey", "owner")
    return actions.filter(survey=survey) if survey is not None else actions


def action_for(user, pk: int) -> Action:
    return get_object_or_404(Action.objects.for_user(user), pk=pk)


def published_surveys_for(user) -> QuerySet[Survey]:
    """Open and closed surveys of the user's organisation (not drafts)."""
    return Survey.objects.for_user(user).exclude(status=Survey.Status.DRAFT).order_by("title")


def agreement_questions(surveys) -> dict[int, dict[str, str]]:
    """{survey id: {question key: text}} for the agree-or-disagree questions of ``surveys``, one per key,
    in the words of the latest version that asks it."""
    questions: dict[int, dict[str, str]] = {}
    rows = (Question.objects.filter(section__version__survey__in=surveys, kind=Question.Kind.LIKERT)
            .order_by("section__version__survey", "section__version__number", "section__order", "order")
            .values_list("section__version__survey", "key", "text"))
    for survey_id, key, text in rows:
        questions.setdefault(survey_id, {})[key] = text
    return questions
