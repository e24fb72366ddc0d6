"""/api/v1/practice: the person's own reflections and commitments, and team aggregates.

Only the author's own records are listed here; shared reflections and supervision records are read in
the browser, where each read is audit-trailed. Team figures are the same aggregates the page shows.
"""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from star.core.periods import Quarter
from star.core.validators import case_references_clean

from . import selectors, services, team
from .models import TEXT_LIMIT

router = Router(tags=["practice"])


class ReflectionIn(Schema):
    text: str = Field(min_length=1, max_length=TEXT_LIMIT)
    indicators: list[str] = Field(min_length=1, description="Indicator keys of the current framework version.")
    lenses: list[str] = Field(default_factory=list, description="Lens keys: systemic, trauma_informed, anti_racist.")
    prompt: str = Field("", max_length=300)
    case_reference: str = Field("", max_length=40)
    learning_activity: str = Field("", max_length=200)


class ReflectionOut(Schema):
    id: int
    created_at: datetime
    framework_version: int
    text: str
    prompt: str
    indicators: list[str]
    lenses: list[str]
    case_reference: str
    learning_activity: str
    shared_with: int = Field(description="How many people it is shared with.")


class CommitmentIn(Schema):
    action: str = Field(min_length=1, max_length=2_000)
    due_on: date
    measure: str = Field(min_length=1, max_length=2_000)
    indicators: list[str] = Field(min_length=1)


class CommitmentOut(Schema):
    id: int
    created_at: datetime
    framework_version: int
    action: str
    due_on: date
    measure: str
    status: str
    closed_on: date | None
    dropped_reason: str
    indicators: list[str]
    from_supervision: bool


def _reflection_out(reflection) -> dict:
    return {"id": reflection.pk, "created_at": reflection.created_at,
            "framework_version": reflection.framework_version.number, "text": reflection.text,
            "prompt": reflection.prompt, "indicators": [item.key for item in reflection.indicators.all()],
            "lenses": [lens.key for lens in reflection.lenses.all()], "case_reference": reflection.case_reference,
            "learning_activity": reflection.learning_activity, "shared_with": len(reflection.shares.all())}


def _commitment_out(commitment) -> dict:
    return {"id": commitment.pk, "created_at": commitment.created_at,
            "framework_version": commitment.framework_version.number, "action": commitment.action,
            "due_on": commitment.due_on, "measure": commitment.measure, "status": commitment.status,
            "closed_on": commitment.closed_on, "dropped_reason": commitment.dropped_reason,
            "indicators": [item.key for item in commitment.indicators.all()],
            "from_supervision": commitment.supervision_id is not None}


def _signed_in_member(request):
    if not request.user.has_perm("practice.use_my_star"):
        raise HttpError(403, "Your account is not linked to an organisation.")


@router.get("/reflections", response=list[ReflectionOut], summary="Your reflections, newest first")
def reflections(request, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)):
    _signed_in_member(request)
    return [_reflection_out(item) for item in selectors.reflections_of(request.user)[offset:offset + limit]]


@router.get("/reflections/{reflection_id}", response=ReflectionOut, summary="One of your reflections")
def reflection(request, reflection_id: int):
    _signed_in_member(request)
    try:
        item = selectors.reflection_for(request.user, reflection_id, to_change=True)
    except (Http404, PermissionDenied) as error:
        raise HttpError(404, "You have no reflection with that id.") from error
    return _reflection_out(item)


@router.post("/reflections", response={201: ReflectionOut}, summary="Record a reflection (private to you)")
def reflection_create(request, payload: ReflectionIn):
    _signed_in_member(request)
    try:
        references = case_references_clean(payload.case_reference, single=True)
        item = services.reflection_create(
            author=request.user, text=payload.text, indicator_keys=payload.indicators, lens_keys=payload.lenses,
            prompt=payload.prompt, case_reference=references[0] if references else "",
            learning_activity=payload.learning_activity)
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    return 201, _reflection_out(selectors.reflection_for(request.user, item.pk))


@router.get("/commitments", response=list[CommitmentOut], summary="Your commitments, by due date")
def commitments(request, status: Literal["open", "done", "dropped"] | None = None):
    _signed_in_member(request)
    return [_commitment_out(item) for item in selectors.commitments_of(request.user, status=status)
            .select_related("framework_version")]


@router.post("/commitments", response={201: CommitmentOut}, summary="Record a commitment")
def commitment_create(request, payload: CommitmentIn):
    _signed_in_member(request)
    try:
        item = services.commitment_create(owner=request.user, action=payload.action, due_on=payload.due_on,
                                          measure=payload.measure, indicator_keys=payload.indicators)
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    return 201, _commitment_out(selectors.commitment_for(request.user, item.pk))


@router.get("/team", response=dict, summary="Team practice aggregates for one quarter")
def team_figures(request, quarter: str | None = Query(None, pattern=r"^\d{4}-Q[1-4]$",
                                                      description="For example 2026-Q3; default: this quarter."),
                 service: int | None = Query(None, description="A service id (organisation-wide roles only).")):
    """Supervision prompts, lens use and commitments per team, service and in total, disclosure-controlled:
    the same figures as the team practice page. No record content."""
    if not request.user.has_perm("practice.view_team"):
        raise HttpError(403, "Your role does not give access to team practice figures.")
    chosen = next((item for item in team.services_in_scope(request.user) if item.pk == service), None)
    if service is not None and chosen is None:
        raise HttpError(404, "There is no such service in your view.")
    view = team.team_view(request.user, quarter=Quarter.parse(quarter) if quarter else None, service=chosen)
    return {"quarter": view["quarter"].key, "quarter_label": view["quarter"].label, "scope": view["scope_name"],
            "suppression_threshold": view["threshold"], "rows": list(team.export_rows(view))}
