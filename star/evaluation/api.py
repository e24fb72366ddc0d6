"""/api/v1/evaluation: interventions and their evaluation summaries (figures with intervals, read-only)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from . import selectors

router = Router(tags=["evaluation"])


class InterventionOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    starts_on: date
    ends_on: date | None
    owner: str | None
    partners: str
    indicator_keys: list[str]
    measures: int
    reviews: list[str]


def _figure(figure) -> dict | None:
    return figure.to_dict() if figure is not None else None


@router.get("/interventions", response=list[InterventionOut], summary="Interventions of your organisation")
def interventions(request):
    if not request.user.has_perm("evaluation.use_evaluation"):
        raise HttpError(403, "Your role does not give access to evaluation.")
    return [{"id": item.pk, "title": item.title, "kind": item.kind, "status": item.status,
             "starts_on": item.starts_on, "ends_on": item.ends_on,
             "owner": (item.owner.get_full_name() or item.owner.username) if item.owner else None,
             "partners": item.partners, "indicator_keys": item.indicator_keys, "measures": item.measure_count,
             "reviews": [review.phase for review in item.reviews.all()]}
            for item in selectors.interventions_for(request.user)]


@router.get("/interventions/{intervention_id}/summary", response=dict,
            summary="An intervention's measures before, during and after, and the change after vs before")
def summary(request, intervention_id: int):
    """Each figure as the analytics core gives it: value, Wilson (or Newcombe) interval, flags and reading;
    symbol 'c' where there are not enough answers to show it."""
    try:
        item = selectors.intervention_for(request.user, intervention_id)
    except (Http404, PermissionDenied) as error:
        raise HttpError(404, "There is no intervention with that id that you may see.") from error
    result = selectors.summary_for(item)
    return {
        "id": item.pk, "title": item.title, "purpose": item.purpose, "intended_outcomes": item.intended_outcomes,
        "indicators": [{"key": key, "text": text} for key, text in result["indicators"]],
        "partners": item.partners,
        "measures": [{"id": entry.measure.pk, "label": entry.measure.label, "kind": entry.measure.kind,
                      "description": entry.description, "higher_is_better": entry.measure.higher_is_better,
                      "phases": {phase.phase: {"figure": _figure(phase.figure), "note": phase.note}
                                 for phase in entry.phases},
                      "change": {"figure": _figure(entry.change), "note": entry.change_note}}
                     for entry in result["results"]],
        "perspectives": {"gathered": dict(result["gathered"]), "never_gathered": result["never_gathered"],
                         "missing": dict(result["missing"])},
        "lessons": dict(result["lessons"]),
    }
