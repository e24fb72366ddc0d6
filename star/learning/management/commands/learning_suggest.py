"""`star learning_suggest`: bring everyone's learning suggestions up to date (run it daily, like reminders)."""

from django.core.management.base import BaseCommand

from star.core.imports.cli import organisation_for
from star.core.models import Organisation
from star.learning.services.catalogue import suggestions_refresh


class Command(BaseCommand):
    help = ("STAR learning: suggest learning from case-audit themes, actions agreed in supervision and STAR "
            "indicators a team has not touched lately (each suggestion made once; dismissed ones never return).")

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="The organisation's slug; every organisation if left out.")
        parser.add_argument("--notify", action="store_true",
                            help="Tell each person with new suggestions (in-app notification, no email).")

    def handle(self, *args, **options):
        organisations = ([organisation_for(options["organisation"])] if options["organisation"]
                         else list(Organisation.objects.order_by("slug")))
        for organisation in organisations:
            counts = suggestions_refresh(organisation=organisation, notify=options["notify"])
            made = sum(value for key, value in counts.items() if key != "removed")
            self.stdout.write(f"{organisation.name}: {made} new suggestion{'s' if made != 1 else ''} "
                              f"({counts['audit_theme']} from case audits, {counts['supervision_action']} from "
                              f"supervision, {counts['indicator_gap']} from indicator gaps); "
                              f"{counts['removed']} no longer needed removed.")
