"""Background tasks of practice (django-tasks; run by `star db_worker`, or `star practice remind` from cron)."""

from django_tasks import task

from . import services


@task()
def commitment_reminders_send() -> int:
    """Remind people of open commitments that have come due (schedule it daily, early morning)."""
    return services.commitment_reminders_send()
