"""`star practice remind`: send due-date reminders for open commitments (run it daily)."""

from django.core.management.base import BaseCommand

from star.practice.services import commitment_reminders_send


class Command(BaseCommand):
    help = "STAR practice: send reminders for commitments that have come due (in-app and by email)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{remind}")
        sub.add_parser("remind", help="Remind each owner once of each open commitment due today or earlier.")

    def handle(self, *args, **options):
        sent = commitment_reminders_send()
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
