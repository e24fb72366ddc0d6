"""Background tasks of core (django-tasks interface; database queue in production, run by `star db_worker`)."""

from django.core.management import call_command
from django_tasks import task


@task()
def sessions_clear() -> None:
    """Remove expired sessions from the database (schedule it daily)."""
    call_command("clearsessions")
