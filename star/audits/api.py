"""/api/v1/audits: programmes, audits (permission-checked) and the standards report (aggregates)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from . import report, selectors

router = Router(tags=["audits"])


class ProgrammeOut(Schema):
    id: int
    name: str
    kind: str
    theme: str
    period_start: date
    period_end: date
    standards_version: int
    sampled: int
    submitted: int
    sample_seed: int | None


class AnswerOut(Schema):
    standard: str
    question: str
    value: str
    evidence: str


class AuditOut(Schema):
    id: int
    programme: int
    case_reference: str
    team: str
    status: str
    moderation_of: int | None
    grade: str
    grade_rationale: str
    safeguarding_concern: bool
    submitted_at: datetime | None
    answers: list[AnswerOut]


def _programme_out(programme) -> dict:
    return {"id": programme.pk, "name": programme.name, "kind": programme.kind, "theme": programme.theme,
            "period_start": programme.period_start, "period_end": programme.period_end,
            "standards_version": programme.standards_version.number, "sampled": programme.sampled,
            "submitted": programme.submitted, "sample_seed": programme.sample_seed}


@router.get("/programmes", response=list[ProgrammeOut], summary="Audit programmes you run or audit for")
def programmes(request):
    return [_programme_out(item) for item in selectors.programmes_for(request.user)]


@router.get("/audits/{audit_id}", response=AuditOut, summary="One audit you may see")
def audit(request, audit_id: int):
    try:
        item = selectors.audit_for(request.user, audit_id)
    except (Http404, PermissionDenied) as error:
        raise HttpError(404, "There is no audit with that id that you may see.") from error
    answers = [{"standard": block.standard.key, "question": row.question.text,
                "value": row.answer.value if row.answer else "", "evidence": row.answer.evidence if row.answer else ""}
               for block in selectors.audit_form_rows(item) for row in block.rows]
    return {"id": item.pk, "programme": item.programme_id, "case_reference": item.case.case_reference,
            "team": item.case.team_name, "status": item.status, "moderation_of": item.moderation_of_id,
            "grade": item.grade, "grade_rationale": item.grade_rationale,
            "safeguarding_concern": item.safeguarding_concern, "submitted_at": item.submitted_at, "answers": answers}


@router.get("/report", response=dict, summary="Standards met: overall, by team, by the child's ethnic group")
def standards_report(request, programme: int | None = Query(None, description="A programme id; all if left out.")):
    """The same aggregates as the report page, disclosure-controlled ('c' where hidden)."""
    try:
        chosen = selectors.programme_for(request.user, programme) if programme else None
    except (Http404, PermissionDenied) as error:
        raise HttpError(404, "There is no such programme that you may see.") from error
    if chosen is None and not request.user.has_perm("audits.view_aggregates"):
        raise HttpError(403, "Your role does not give access to the practice standards report.")
    result = selectors.report_for(request.user, programme=chosen)
    return {"audits": result["audits"], "suppression_threshold": result["threshold"],
            "rows": list(report.export_rows(result)),
            "agreement": [{"standard": item["standard"].key, "pairs": item["agreement"].pairs,
                           "kappa": item["agreement"].kappa, "lower": item["agreement"].lower,
                           "upper": item["agreement"].upper} for item in result["agreement"]["standards"]]}
