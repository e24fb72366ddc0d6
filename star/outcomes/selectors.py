"""Reads for the outcomes pages and API. Returns are scoped to the organisations whose aggregates the user
may see (their own; a regional lead's whole alliance)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from star.core.models import DataImport
from star.core.selectors import organisations_in_aggregate_scope

from .models import OutcomeReturn
from .report import available, build_funnel, build_report, build_trend, returns_for


def returns_visible(user) -> QuerySet[OutcomeReturn]:
    return returns_for(organisations_in_aggregate_scope(user))


def choices(user) -> dict:
    return available(returns_visible(user))


def default_area(user, areas: list[str]) -> str | None:
    own = getattr(user.organisation, "la_code", "") if user.organisation else ""
    return own if own in areas else (areas[0] if areas else None)


def outcomes_report(user, **filters) -> dict:
    return build_report(returns_visible(user), **filters)


def outcomes_trend(user, **filters) -> dict:
    return build_trend(returns_visible(user), **filters)


def outcomes_funnel(user, **filters) -> dict | None:
    return build_funnel(returns_visible(user), **filters)


def imports_for(user) -> QuerySet[DataImport]:
    """The organisation's own return imports (a regional lead does not see other councils' files)."""
    return DataImport.objects.for_user(user).filter(kind__startswith="outcomes.").select_related(
        "created_by", "outcome_return")


def import_for(user, pk: int) -> DataImport:
    return get_object_or_404(imports_for(user), pk=pk)
