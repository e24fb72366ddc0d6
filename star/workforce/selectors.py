"""Reads behind the workforce pages, API and exports. Every query is scoped to the user's organisation."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from star.core.audit import record_access

from .models import StaffRecord, StaffSnapshot
from .report import build_report


def snapshot_dates(user) -> list[date]:
    return list(StaffSnapshot.objects.for_user(user).order_by("-as_at").values_list("as_at", flat=True))


def services(user) -> list[str]:
    latest = StaffSnapshot.objects.for_user(user).order_by("-as_at").first()
    if latest is None:
        return []
    return sorted(set(latest.records.exclude(service="").values_list("service", flat=True)))


def workforce_report(user, *, as_at: str | None = None, standard: str = "sc-wres", service: str | None = None,
                     rolling_years: int = 1):
    """The report for the user's organisation (aggregates only: every figure is disclosure-controlled)."""
    if not user.has_perm("workforce.view_dashboard"):
        raise PermissionDenied
    return build_report(organisation=user.organisation, as_at=date.fromisoformat(as_at) if as_at else None,
                        standard=standard, service=service, rolling_years=rolling_years)


def snapshot_records(user, *, snapshot_id: int) -> tuple[StaffSnapshot, QuerySet[StaffRecord]]:
    """Row-level staff records of one snapshot, for the equality analyst; the read is audit-trailed."""
    snapshot = get_object_or_404(StaffSnapshot.objects.for_user(user), pk=snapshot_id)
    if not user.has_perm("workforce.view_staffsnapshot", snapshot):
        raise PermissionDenied
    record_access(user=user, obj=snapshot)
    return snapshot, snapshot.records.order_by("service", "grade_rank", "staff_key")


def snapshot_list(user) -> QuerySet[StaffSnapshot]:
    return (StaffSnapshot.objects.for_user(user).select_related("data_import")
            .annotate(headcount=Count("records", filter=Q(records__leaving_date__isnull=True)),
                      leavers=Count("records", filter=Q(records__leaving_date__isnull=False)))
            .order_by("-as_at"))
