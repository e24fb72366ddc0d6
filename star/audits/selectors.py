"""Every read of case audits that a page, the API, an export or another app uses."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from star.core.audit import sensitive_object

from . import report
from .models import Answer, Audit, AuditAction, AuditProgramme, Question, Standard, StandardsVersion
from .outcomes import standard_result


def standards_versions(user) -> QuerySet[StandardsVersion]:
    return StandardsVersion.objects.for_user(user).annotate(standard_count=Count("standards"))


def standards_version_for(user, number: int) -> StandardsVersion:
    return get_object_or_404(StandardsVersion.objects.for_user(user), number=number)


def published_version(user) -> StandardsVersion | None:
    return StandardsVersion.objects.for_user(user).filter(status=StandardsVersion.Status.PUBLISHED).first()


def standards_of(version: StandardsVersion) -> list[Standard]:
    return list(version.standards.prefetch_related("questions"))


def standard_for(user, pk: int) -> Standard:
    return get_object_or_404(Standard.objects.for_user(user).select_related("version"), pk=pk)


def programmes_for(user) -> QuerySet[AuditProgramme]:
    """Every programme for practice leads; the programmes someone audits for, otherwise."""
    programmes = AuditProgramme.objects.for_user(user).select_related("standards_version").annotate(
        sampled=Count("audits", filter=Q(audits__moderation_of__isnull=True), distinct=True),
        submitted=Count("audits", filter=Q(audits__moderation_of__isnull=True, audits__status="submitted"),
                        distinct=True))
    if user.has_perm("audits.manage_programmes"):
        return programmes
    return programmes.filter(auditors=user)


def programme_for(user, pk: int) -> AuditProgramme:
    programme = get_object_or_404(AuditProgramme.objects.for_user(user).select_related("standards_version"), pk=pk)
    if not user.has_perm("audits.view_programme", programme):
        raise PermissionDenied
    return programme


def programme_audits(programme: AuditProgramme) -> QuerySet[Audit]:
    return programme.audits.select_related("case", "auditor", "moderation_of").order_by(
        "moderation_of", "case__team_name", "case__case_reference")


def audits_to_do(user) -> QuerySet[Audit]:
    return (Audit.objects.for_user(user).filter(auditor=user).exclude(status=Audit.Status.SUBMITTED)
            .select_related("case", "programme"))


def audits_of_my_cases(user) -> QuerySet[Audit]:
    return (Audit.objects.for_user(user).filter(case__worker=user, status=Audit.Status.SUBMITTED,
                                                moderation_of__isnull=True, programme__practitioner_can_respond=True)
            .select_related("case", "programme"))


def actions_owned(user) -> QuerySet[AuditAction]:
    """Actions from audit learning points that this person owns (their text only, not the audit)."""
    return (AuditAction.objects.for_user(user).filter(owner=user)
            .select_related("learning_point__audit__programme").order_by("status", "due_on"))


def action_for(user, pk: int) -> AuditAction:
    return get_object_or_404(AuditAction.objects.for_user(user).select_related("learning_point__audit"), pk=pk)


def audit_for(user, pk: int) -> Audit:
    """One audit the user may see; reads by anyone but its auditor are audit-trailed."""
    return sensitive_object(
        user, Audit.objects.for_user(user).select_related("case__team", "programme__standards_version", "auditor",
                                                           "moderation_of", "updated_by"), pk,
        permission="audits.view_audit", author_field="auditor_id")


@dataclass
class QuestionRow:
    question: Question
    answer: Answer | None


@dataclass
class StandardBlock:
    standard: Standard
    rows: list[QuestionRow]
    result: str | None


def audit_form_rows(audit: Audit) -> list[StandardBlock]:
    """The programme's standards with this audit's answers (blank until answered)."""
    answers = {answer.question_id: answer for answer in audit.answers.select_related("answered_by")}
    blocks = []
    for standard in standards_of(audit.programme.standards_version):
        rows = [QuestionRow(question, answers.get(question.pk)) for question in standard.questions.all()]
        values = [row.answer.value if row.answer else "" for row in rows]
        blocks.append(StandardBlock(standard, rows, standard_result(values)))
    return blocks


def report_for(user, *, programme: AuditProgramme | None = None, standard_key: str | None = None) -> dict:
    """The standards report for one programme, or for every programme of the council."""
    if programme is not None:
        audits, version = programme.audits.all(), programme.standards_version
    else:
        audits, version = Audit.objects.for_user(user), published_version(user)
    standards = standards_of(version) if version else []
    return report.standards_report(audits, standards=standards, standard_key=standard_key)
