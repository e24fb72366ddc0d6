"""Writes for the public form: one anonymous response and its answers, counted once per form.

Nothing about the respondent is kept: no address, browser or time of day, only the day. The audit trail
is switched off for these writes, because its entries carry a timestamp.
"""

import hashlib

from auditlog.context import disable_auditlog
from django.db import IntegrityError, transaction
from django.utils import timezone

from star.voice.models import Answer, Question, Response, SurveyLink, UsedSubmission


def submission_key_hash(nonce: str) -> str:
    """What is kept of a form's one-time key: its SHA-256, so the key itself is never stored."""
    return hashlib.sha256(nonce.encode()).hexdigest()


def response_submit(link: SurveyLink, answers: dict[str, str | list[str]], *, language: str,
                    key_nonce: str) -> Response | None:
    """Store the answers (question key -> option key, option keys, or text) given through ``link``.

    Returns None, storing nothing, when the form's key has been used already (a second press of Send).
    """
    survey = link.survey
    version = survey.current_version
    questions = {question.key: question for question in Question.objects.filter(section__version=version)}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValueError(f"No such question in version {version.number}: {sorted(unknown)}")
    ethnicity = next((value for key, value in answers.items() if questions[key].kind == Question.Kind.ETHNICITY), "")
    with disable_auditlog(), transaction.atomic():
        try:
            with transaction.atomic():
                UsedSubmission.objects.create(key_hash=submission_key_hash(key_nonce))
        except IntegrityError:
            return None
        response = Response.objects.create(survey=survey, version=version, link=link, language=language,
                                           submitted_on=timezone.localdate(), ethnicity=ethnicity)
        Answer.objects.bulk_create(_answer(response, questions[key], value) for key, value in answers.items())
    return response


def _answer(response: Response, question: Question, value: str | list[str]) -> Answer:
    if question.kind == Question.Kind.MULTIPLE:
        return Answer(response=response, question=question, choices=list(value))
    if question.kind == Question.Kind.TEXT:
        return Answer(response=response, question=question, text=value)
    return Answer(response=response, question=question, choice=value)
