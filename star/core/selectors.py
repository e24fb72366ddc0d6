"""Reads used by core's views, API and exports. Every query starts from the scoped manager."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from star.analytics import GSS_SYMBOLS, hierarchical_table, protect

from .audit import record_access
from .models import ApiToken, Grade, Notification, Organisation, SitePage, StaffProfile, User
from .roles import CROSS_ORGANISATION_ROLES


def people_visible_to(user, *, search: str = "") -> QuerySet[StaffProfile]:
    """Admins see their organisation's staff; managers see their direct reports."""
    people = StaffProfile.objects.for_user(user).select_related("grade", "team", "line_manager")
    if not user.has_role("admin"):
        own = getattr(user, "staff_profile", None)
        people = people.filter(line_manager=own) if own else people.none()
    if search:
        people = people.filter(Q(display_name__icontains=search) | Q(job_title__icontains=search))
    return people


def staff_profile_for(user, pk: int) -> StaffProfile:
    """One profile, checked against the object rule, with the read written to the audit trail."""
    profile = get_object_or_404(
        StaffProfile.objects.for_user(user).select_related("grade", "team__service", "line_manager"), pk=pk
    )
    if not user.has_perm("core.view_staffprofile", profile):
        raise PermissionDenied
    record_access(user=user, obj=profile)
    return profile


AUDIT_ACTIONS = dict(LogEntry.Action.choices)


def audit_entries(user, *, action: int | None = None, model: str = "", actor: str = "",
                  request_id: str = "", date_from=None, date_to=None) -> QuerySet[LogEntry]:
    """Audit entries made by people of the admin's own organisation, newest first."""
    entries = LogEntry.objects.filter(actor__organisation_id=user.organisation_id)
    if action is not None:
        entries = entries.filter(action=action)
    if model:
        app_label, _, model_name = model.partition(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model_name)
    if actor:
        entries = entries.filter(actor__username__icontains=actor)
    if request_id:
        entries = entries.filter(cid=request_id)
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def audited_model_choices() -> list[tuple[str, str]]:
    """(app_label.model, readable name) for each model that has entries in the trail."""
    type_ids = LogEntry.objects.values_list("content_type_id", flat=True).distinct()
    types = ContentType.objects.filter(pk__in=type_ids).order_by("app_label", "model")
    return [(f"{ct.app_label}.{ct.model}", f"{ct.app_label}: {ct.name}") for ct in types]


def users_of_organisation(user, *, search: str = "") -> QuerySet[User]:
    """Accounts in the admin's organisation (never another organisation's)."""
    if user.organisation_id is None:
        return User.objects.none()
    users = User.objects.filter(organisation_id=user.organisation_id).prefetch_related("groups")
    if search:
        users = users.filter(Q(username__icontains=search) | Q(first_name__icontains=search)
                             | Q(last_name__icontains=search) | Q(email__icontains=search))
    return users.order_by("last_name", "first_name", "username")


def user_in_organisation(user, pk: int) -> User:
    return get_object_or_404(users_of_organisation(user), pk=pk)


def api_tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def site_page_body(*, kind: str, organisation: Organisation | None) -> SitePage | None:
    """The council's own version of a statutory page, if it has written one."""
    if organisation is None:
        return SitePage.objects.filter(kind=kind, organisation__isnull=True).first()
    return (
        SitePage.objects.filter(kind=kind, organisation=organisation).first()
        or SitePage.objects.filter(kind=kind, organisation__isnull=True).first()
    )


def organisations_in_aggregate_scope(user) -> QuerySet[Organisation]:
    """Organisations whose figures the user may see as aggregates: their own, or their region's."""
    if user.has_role(*CROSS_ORGANISATION_ROLES) and user.organisation and user.organisation.region_id:
        return Organisation.objects.filter(region_id=user.organisation.region_id)
    return Organisation.objects.for_user(user)


def headcount_by_tier(user) -> dict:
    """Current staff by organisation and tier, with disclosure control applied to every cell."""
    organisations = list(organisations_in_aggregate_scope(user).order_by("name").values_list("pk", "name"))
    tiers = list(Grade.Tier)
    counts = {
        (row["organisation_id"], row["grade__tier"]): row["n"]
        for row in StaffProfile.objects.filter(organisation_id__in=[pk for pk, _ in organisations], is_active=True)
        .values("organisation_id", "grade__tier").annotate(n=Count("id"))
    }
    values = [[counts.get((pk, tier.value), 0) for tier in tiers] for pk, _ in organisations]
    names = [name for _, name in organisations]
    if not names:
        return {"columns": [tier.label for tier in tiers], "rows": [], "total": None, "symbols": GSS_SYMBOLS}
    labels = [tier.label for tier in tiers]
    table = hierarchical_table(values, names, labels, total_label="All")
    published = protect(table)
    column_labels = [*labels, "All"]
    grid = published.grid([*names, "All"], column_labels)
    return {
        "columns": column_labels,
        "rows": [{"name": name, "cells": cells} for name, cells in zip(names, grid[:-1], strict=True)],
        "total": {"name": "All organisations" if len(names) > 1 else "All", "cells": grid[-1]},
        "any_suppressed": bool(published.suppressed.any()),
        "symbols": GSS_SYMBOLS,
    }


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_notification_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
