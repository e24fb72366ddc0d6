"""`star workforce SUBCOMMAND ...`. Each subcommand is a (add_arguments, handle) pair in SUBCOMMANDS."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError

from star.core.imports import import_file
from star.core.imports.cli import organisation_for, parse_label_mappings, report
from star.core.imports.services import ethnicity_label_mappings_save
from star.workforce.report_command import report_arguments, report_handle

KINDS = ("staff", "recruitment", "processes", "development", "promotions", "csww")


@dataclass(frozen=True)
class Subcommand:
    help: str
    add_arguments: Callable
    handle: Callable


def import_arguments(parser) -> None:
    parser.add_argument("kind", choices=KINDS, help="What the file holds.")
    parser.add_argument("file", help="A CSV or XLSX file (XML for csww).")
    parser.add_argument("--as-at", dest="as_at", help="Snapshot date, YYYY-MM-DD (staff; csww defaults to the "
                                                      "census reference date).")
    parser.add_argument("--mapping", default="", help="Name of a saved column mapping.")
    parser.add_argument("--organisation", help="Organisation slug (needed when there is more than one).")
    parser.add_argument("--ethnicity", action="append", default=[], metavar="LABEL=CATEGORY",
                        help="Map an ethnicity label to a category before importing (repeatable).")


def import_handle(command, *, kind, file, as_at, mapping, organisation, ethnicity, **options) -> None:
    target = organisation_for(organisation)
    mappings = parse_label_mappings(ethnicity)
    if mappings:
        try:
            ethnicity_label_mappings_save(organisation=target, user=None, mappings=mappings)
        except ValueError as error:
            raise CommandError(str(error)) from None
    try:
        data_import = import_file(organisation=target, kind=f"workforce.{kind}", path=file,
                                  params={"as_at": as_at, "mapping": mapping})
    except FileNotFoundError:
        raise CommandError(f"There is no file at {file}.") from None
    except ValueError as error:
        raise CommandError(str(error)) from None
    report(command, data_import)


SUBCOMMANDS: dict[str, Subcommand] = {
    "import": Subcommand("Import a workforce file (all or nothing).", import_arguments, import_handle),
    "report": Subcommand("Print the workforce race equality report (json, csv or html).", report_arguments,
                         report_handle),
}


class Command(BaseCommand):
    help = "Workforce race equality: import HR files and report."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{" + ",".join(SUBCOMMANDS) + "}")
        for name, subcommand in SUBCOMMANDS.items():
            subcommand.add_arguments(sub.add_parser(name, help=subcommand.help))

    def handle(self, *args, subcommand, **options):
        SUBCOMMANDS[subcommand].handle(self, **options)
