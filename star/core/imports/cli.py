"""What the `star ... import` commands print: the outcome, the summary, and the first problems."""

from django.core.management.base import CommandError

from ..models import DataImport, Organisation
from .runner import already_imported_message

SHOWN_ERRORS = 20


def organisation_for(slug: str | None) -> Organisation:
    """The organisation named by ``--organisation``, or the only one there is."""
    if slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"There is no organisation with the slug ‘{slug}’.")
        return organisation
    organisations = list(Organisation.objects.order_by("slug")[:20])
    if len(organisations) == 1:
        return organisations[0]
    listed = ", ".join(org.slug for org in organisations) or "none yet"
    raise CommandError(f"Say which organisation with --organisation SLUG (one of: {listed}).")


def parse_label_mappings(values: list[str]) -> dict[str, str]:
    """--ethnicity "LABEL=CATEGORY" options as a dict."""
    mappings = {}
    for value in values or []:
        label, sep, category = value.rpartition("=")
        if not sep or not label.strip() or not category.strip():
            raise CommandError(f"‘{value}’ should be LABEL=CATEGORY, e.g. \"Black Brit=black_unspecified\".")
        mappings[label.strip()] = category.strip()
    return mappings


def report(command, data_import: DataImport) -> None:
    """Write the outcome; a failed import raises CommandError (exit status 1)."""
    if getattr(data_import, "noop", False):
        command.stdout.write(already_imported_message(data_import))
        return
    summary = data_import.summary
    if data_import.status == DataImport.Status.SUCCEEDED:
        created = ", ".join(f"{count:,} {what}" for what, count in summary.get("created", {}).items())
        command.stdout.write(command.style.SUCCESS(
            f"Imported {data_import.filename} (import {data_import.pk}): {created}."))
        if summary.get("encoding"):
            command.stdout.write(f"Read as {summary['format']} in {summary['encoding']}.")
        for note in summary.get("notes", []):
            command.stdout.write(note)
        return
    if data_import.in_progress:
        command.stdout.write(f"Import {data_import.pk} is queued to run in the background.")
        return
    for error in data_import.errors[:SHOWN_ERRORS]:
        where = f"Row {error['row']}" if error["row"] is not None else "File"
        column = f", {error['field']}" if error["field"] else ""
        command.stderr.write(f"  {where}{column}: {error['message']}")
    hidden = data_import.error_count - min(len(data_import.errors), SHOWN_ERRORS)
    if hidden > 0:
        command.stderr.write(f"  … and {hidden:,} more.")
    if data_import.status == DataImport.Status.REVIEW:
        raise CommandError(f"Nothing was imported: {len(summary.get('unmapped', []))} ethnicity label(s) need a "
                           "category. Map them on the import's review page, or run again with "
                           "--ethnicity \"LABEL=CATEGORY\".")
    raise CommandError(f"Nothing was imported: {data_import.error_count:,} problem"
                       f"{'s' if data_import.error_count != 1 else ''} (import {data_import.pk}).")
