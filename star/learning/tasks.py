"""Background tasks of learning (django-tasks; run by `star db_worker`, or from cron through a command)."""

from django_tasks import task

from .services import communities


@task()
def action_reminders_send() -> int:
    """Remind owners of committed actions (from events or the action log) that have come due and are not done
    or dropped (schedule it daily, early morning)."""
    return communities.action_reminders_send()
