"""`star workforce report`: the report as JSON, CSV or a standalone HTML page, on standard output."""

import csv
import json
import sys
from datetime import date

from django.core.management.base import CommandError
from django.template.loader import render_to_string

from star.core.imports.cli import organisation_for

from .report import ROW_FIELDS, ReportUnavailable, build_report, report_rows


def report_arguments(parser) -> None:
    parser.add_argument("--as-at", dest="as_at", help="Snapshot date, YYYY-MM-DD (default: the latest).")
    parser.add_argument("--standard", choices=["sc-wres", "nhs-wres"], default="sc-wres")
    parser.add_argument("--service", help="Limit the report to one service.")
    parser.add_argument("--rolling-years", dest="rolling_years", type=int, choices=[1, 2], default=1,
                        help="Count formal processes over the last 1 (default) or 2 years.")
    parser.add_argument("--format", dest="output_format", choices=["json", "csv", "html"], default="json")
    parser.add_argument("--organisation", help="Organisation slug (needed when there is more than one).")


def report_handle(command, *, as_at, standard, service, rolling_years, output_format, organisation,
                  **options) -> None:
    target = organisation_for(organisation)
    try:
        day = date.fromisoformat(as_at) if as_at else None
    except ValueError:
        raise CommandError(f"--as-at must be a date in the form YYYY-MM-DD, not {as_at!r}.") from None
    try:
        report = build_report(organisation=target, as_at=day, standard=standard, service=service,
                              rolling_years=rolling_years)
    except ReportUnavailable as reason:
        raise CommandError(f"{reason}.") from None
    if output_format == "json":
        command.stdout.write(json.dumps(report, indent=2))
    elif output_format == "csv":
        writer = csv.DictWriter(command.stdout, fieldnames=ROW_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(report_rows(report))
    else:
        command.stdout.write(render_to_string("workforce/report_standalone.html",
                                              {"report": report, "organisation": target}))
    sys.stdout.flush()
