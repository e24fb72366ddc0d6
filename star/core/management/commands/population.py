"""`star population import FILE`: the platform-wide resident population by ethnicity."""

from django.core.management.base import BaseCommand, CommandError

from star.core.imports import import_file
from star.core.imports.cli import report


class Command(BaseCommand):
    help = "Resident population by ethnicity (one table for the whole platform)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{import}")
        load = sub.add_parser("import", help="Import a CSV or XLSX of area, year, age band, sex, ethnicity, "
                                             "count. Figures for each area and year in the file replace any "
                                             "held before.")
        load.add_argument("file")

    def handle(self, *args, subcommand, file, **options):
        try:
            data_import = import_file(organisation=None, kind="core.population", path=file)
        except FileNotFoundError:
            raise CommandError(f"There is no file at {file}.") from None
        report(self, data_import)
