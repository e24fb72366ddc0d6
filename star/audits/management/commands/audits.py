"""`star audits import-cases FILE --programme ID` (a programme's case list, all rows or none) and
`star audits remind` (reminders for actions from audits that have come due; run it daily)."""

from django.core.management.base import BaseCommand, CommandError

from star.audits import services
from star.audits.models import AuditProgramme
from star.core.imports import import_file
from star.core.imports.cli import organisation_for, report


class Command(BaseCommand):
    help = "Case audits: import an audit programme's case list (CSV or XLSX)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{import-cases,remind}")
        sub.add_parser("remind", help="Remind owners once of open actions from audits that have come due.")
        cases = sub.add_parser("import-cases", help="Import the case list of an audit programme.")
        cases.add_argument("path", metavar="FILE")
        cases.add_argument("--programme", type=int, required=True, help="The programme's id (in its page address).")
        cases.add_argument("--organisation", help="Organisation slug (needed when there is more than one).")

    def handle(self, *args, **options):
        if options["subcommand"] == "remind":
            sent = services.audit_action_reminders_send()
            self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
            return
        organisation = organisation_for(options["organisation"])
        if not AuditProgramme.objects.filter(pk=options["programme"], organisation=organisation).exists():
            raise CommandError(f"{organisation.name} has no audit programme {options['programme']}.")
        try:
            data_import = import_file(organisation=organisation, kind="audits.cases", path=options["path"],
                                      params={"programme": options["programme"]})
        except FileNotFoundError as error:
            raise CommandError(f"There is no file at {options['path']}.") from error
        report(self, data_import)
