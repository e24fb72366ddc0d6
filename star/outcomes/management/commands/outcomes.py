"""`star outcomes import ssda903|cin|annexa PATH... [--year YYYY] [--area CODE]` and `star outcomes report`."""

import csv
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from star.core.imports.cli import organisation_for
from star.core.models import DataImport
from star.outcomes.export import ROW_FIELDS, report_rows
from star.outcomes.groups import LEVELS, REFERENCES
from star.outcomes.report import ReportUnavailable, build_report, returns_for
from star.outcomes.services import import_return
from star.outcomes.stages import SOURCES

SHOWN_PROBLEMS = 30


class Command(BaseCommand):
    help = "Outcomes for children: import statutory returns (reduced to counts on import) and report."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{import,report,synthetic}")
        imp = sub.add_parser("import", help="Import a return: ssda903 (one or more files), cin or annexa.")
        imp.add_argument("source", choices=list(SOURCES), help="Which return the files are.")
        imp.add_argument("paths", nargs="+", metavar="PATH",
                         help="SSDA903: the CSV files of one return (header, episodes, oc3 …) or its XML. "
                              "CIN census and Annex A: each file is imported on its own.")
        imp.add_argument("--year", type=int, help="Collection year (2025 = April 2024 to March 2025). "
                                                  "Default: from the file.")
        imp.add_argument("--area", help="Area code the return is for. Default: the organisation's code.")
        imp.add_argument("--organisation", help="Organisation slug (needed when there is more than one).")
        rep = sub.add_parser("report", help="Print the disproportionality report (json, csv or html).")
        rep.add_argument("--year", type=int, help="Collection year (default: the latest imported).")
        rep.add_argument("--area", help="Area code (needed when more than one area is loaded).")
        rep.add_argument("--level", choices=list(LEVELS), default="broad")
        rep.add_argument("--reference", choices=list(REFERENCES), default="white")
        rep.add_argument("--format", dest="output_format", choices=["json", "csv", "html"], default="json")
        rep.add_argument("--organisation", help="Organisation slug (needed when there is more than one).")

        syn = sub.add_parser("synthetic", help="Write synthetic returns (not real data) to try the importers with.")
        syn.add_argument("folder", help="Folder to write the files into (created if missing).")
        syn.add_argument("--year", type=int, default=2025, help="Collection year (default 2025).")
        syn.add_argument("--children", type=int, default=50_000, help="Children aged 0-17 in the council.")
        syn.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, subcommand, **options):
        getattr(self, f"handle_{subcommand}")(**options)

    def handle_import(self, *, source, paths, year, area, organisation, **options):
        target = organisation_for(organisation)
        missing = [path for path in paths if not Path(path).is_file()]
        if missing:
            raise CommandError(f"There is no file at {missing[0]}.")
        groups = [paths] if source == "ssda903" else [[path] for path in paths]
        failed = 0
        for group in groups:
            data_import = import_return(organisation=target, source=source, paths=group, year=year, area_code=area)
            failed += not self._report(data_import)
        if failed:
            raise CommandError(f"Nothing was imported from {failed} of {len(groups)} return(s).")

    def _report(self, data_import: DataImport) -> bool:
        if data_import.noop:
            self.stdout.write(f"{data_import.filename} was already imported (import {data_import.pk}): "
                              "nothing has changed.")
            return True
        summary = data_import.summary
        if data_import.status == DataImport.Status.SUCCEEDED:
            stages = ", ".join(f"{stage} {count:,}" for stage, count in summary["children by stage"].items())
            self.stdout.write(self.style.SUCCESS(
                f"Imported {data_import.filename} (import {data_import.pk}) for {summary['area']}, "
                f"{summary['year'] - 1} to {summary['year']}: {summary['children']:,} children ({stages})."))
            for note in summary.get("notes", []):
                self.stdout.write(note)
            if summary.get("warning count"):
                self.stdout.write(f"{summary['warning count']:,} data-quality finding(s) that do not change the "
                                  f"counts, for example line {summary['warnings'][0]['row']}: "
                                  f"{summary['warnings'][0]['message']}")
            if summary.get("invalid ethnicity codes"):
                codes = ", ".join(f"{code} ({count})" for code, count in summary["invalid ethnicity codes"].items())
                self.stdout.write(f"Ethnicity codes that are not DfE codes, counted as invalid: {codes}.")
            return True
        for error in data_import.errors[:SHOWN_PROBLEMS]:
            where = f"Line {error['row']}" if error["row"] is not None else "File"
            field = f", {error['field']}" if error["field"] else ""
            self.stderr.write(f"  {where}{field}: {error['message']}")
        hidden = data_import.error_count - min(len(data_import.errors), SHOWN_PROBLEMS)
        if hidden > 0:
            self.stderr.write(f"  … and {hidden:,} more.")
        self.stderr.write(f"Nothing was imported from {data_import.filename}: {data_import.error_count:,} "
                          f"problem{'s' if data_import.error_count != 1 else ''} (import {data_import.pk}).")
        return False

    def handle_report(self, *, year, area, level, reference, output_format, organisation, **options):
        target = organisation_for(organisation)
        try:
            report = build_report(returns_for([target]), year=year, area=area, level=level, reference=reference)
        except ReportUnavailable as reason:
            raise CommandError(f"{reason}.") from None
        if output_format == "json":
            self.stdout.write(json.dumps(report, indent=2))
        elif output_format == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=ROW_FIELDS)
            writer.writeheader()
            writer.writerows(report_rows(report))
        else:
            self.stdout.write(render_to_string("outcomes/report_standalone.html",
                                               {"report": report, "organisation": target}))
        sys.stdout.flush()

    def handle_synthetic(self, *, folder, year, children, seed, **options):
        from star.outcomes import synthetic

        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        records = synthetic.generate(year=year, children=children, seed=seed)
        written = [synthetic.write_cin_census(records, out / f"cin-census-{year}.xml", year=year),
                   *synthetic.write_ssda903_csv(records, out / f"ssda903-{year}", year=year).values(),
                   synthetic.write_ssda903_xml(records, out / f"ssda903-{year}.xml", year=year),
                   synthetic.write_annexa(records, out / f"annex-a-{year}.xlsx", year=year)]
        self.stdout.write(f"Wrote synthetic returns for {len(records):,} children (not real data):")
        for path in written:
            self.stdout.write(f"  {path}")
