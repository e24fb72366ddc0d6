"""Reads for the public pages: what a survey's link reaches, without signing in."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from star.voice.models import Action, Question, Section, Survey, SurveyLink, SurveyVersion, UsedSubmission
from star.voice.questionnaire_library import questionnaire
from star.voice.services.responses import submission_key_hash


def active_link(token: str) -> SurveyLink:
    """The link with this token, if it is in use (404 otherwise)."""
    return get_object_or_404(SurveyLink.objects.select_related("survey"), token=token, is_active=True)


def open_version(survey: Survey) -> SurveyVersion | None:
    """The version respondents answer: the current published one, while the survey is open."""
    if survey.status != Survey.Status.OPEN:
        return None
    return survey.current_version


def sections_of(version: SurveyVersion) -> list[Section]:
    """The version's sections in order, each with its questions in order."""
    questions = Prefetch("questions", queryset=Question.objects.order_by("order"))
    return list(version.sections.order_by("order").prefetch_related(questions))


def is_easy_read(survey: Survey) -> bool:
    """Whether the survey started from an easy-read template (its agree/disagree answers are simpler)."""
    try:
        return bool(survey.template_key) and questionnaire(survey.template_key).easy_read
    except KeyError:
        return False


def public_actions(survey: Survey) -> QuerySet[Action]:
    """The survey's 'you said, we did' entries that respondents may see."""
    return survey.actions.filter(is_public=True).order_by("-updated_at")


def submission_key_used(nonce: str) -> bool:
    return UsedSubmission.objects.filter(key_hash=submission_key_hash(nonce)).exists()


def poster_survey(request, token: str) -> Survey:
    """The survey behind a link, among those of the signed-in person's organisation (404 otherwise)."""
    return get_object_or_404(SurveyLink.objects.for_user(request.user).select_related("survey"), token=token).survey
