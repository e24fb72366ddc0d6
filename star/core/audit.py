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


__all__ = ["LogEntry", "record_access"]
