"""Background tasks of case audits (django-tasks; or `star audits remind` from cron)."""

from django_tasks import task

from . import services


@task()
def audit_action_reminders_send() -> int:
    """Remind owners of actions from case audits that have come due (schedule it daily)."""
    return services.audit_action_reminders_send()
