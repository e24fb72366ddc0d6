"""`star learning_remind`: remind owners of committed actions that have come due (run it daily)."""

from django.core.management.base import BaseCommand

from star.learning.services.communities import action_reminders_send


class Command(BaseCommand):
    help = "STAR learning: remind the owners of committed actions (from events or the action log) that have come due."

    def handle(self, *args, **options):
        sent = action_reminders_send()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
