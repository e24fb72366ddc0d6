"""The append-only audit trail (django-auditlog), and the record of sensitive reads."""

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import accessed

from .models import (
    ApiToken,
    Grade,
    Organisation,
    Region,
    Service,
    SitePage,
    StaffEqualityRecord,
    StaffProfile,
    Team,
    User,
)

auditlog.register(Region)
auditlog.register(Organisation)
auditlog.register(Service)
auditlog.register(Team)
auditlog.register(Grade)
auditlog.register(StaffProfile)
auditlog.register(StaffEqualityRecord)
auditlog.register(User, exclude_fields=["password", "last_login"], m2m_fields={"groups"})
auditlog.register(ApiToken, exclude_fields=["token_hash", "last_used_at"])
auditlog.register(SitePage)


def record_access(*, user, obj) -> None:
    """Write an ACCESS entry for a read of a record marked sensitive."""
    with set_actor(user if user.is_authenticated else None):
        accessed.send(sender=obj.__class__, instance=obj)


def sensitive_object(user, queryset, pk: int, *, permission: str, author_field: str):
    """One record from a scoped queryset that the user may read under `permission` (404 if it is not
    in their organisation, 403 if the rule refuses); a read by anyone but its author is audit-trailed."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    obj = get_object_or_404(queryset, pk=pk)
    if not user.has_perm(permission, obj):
        raise PermissionDenied
    if getattr(obj, author_field) != user.pk:
        record_access(user=user, obj=obj)
    return obj


__all__ = ["LogEntry", "record_access", "sensitive_object"]
