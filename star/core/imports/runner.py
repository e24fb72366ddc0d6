"""Run an import: validate everything, then write everything in one transaction, or nothing.

Progress: rows are counted while they are checked (``rows_done`` is saved every 2,000 rows in its
own short write, outside the import's transaction); the rows are then saved in one transaction, so
``rows_done`` reaches ``rows_total`` before the final save and the status changes when it commits.
"""

import hashlib
import json
import logging
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from star.analytics.ethnicity import EthnicityNormaliser

from ..models import ColumnMapping, DataImport, EthnicityLabelMapping
from .errors import FileRefused, ParseError, RowError
from .reader import normalise_header
from .spec import ImportSpec, get_spec
from .validate import ImportContext, validate

logger = logging.getLogger(__name__)
Status = DataImport.Status


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def background_threshold() -> int:
    return getattr(settings, "STAR_IMPORT_BACKGROUND_ROWS", 5000)


def already_imported_message(data_import: DataImport) -> str:
    when = date_format(timezone.localtime(data_import.finished_at or data_import.created_at), "j F Y \\a\\t H:i")
    return f"This file was already imported on {when} (‘{data_import.filename}’): nothing has changed."


def parse_params(spec: ImportSpec, params: dict) -> dict:
    """Check the options given with the file; returns them parsed (dates as dates)."""
    parsed = {}
    for param in spec.params:
        value = params.get(param.name)
        if value in (None, ""):
            if param.required:
                raise ValueError(f"Enter the {param.label.lower()}")
            continue
        if isinstance(value, date):
            parsed[param.name] = value
            continue
        try:
            parsed[param.name] = param.parser(value)
        except ParseError as error:
            raise ValueError(f"The {param.label.lower()}: {error}") from None
    return parsed


def _json_params(params: dict) -> dict:
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in params.items()
            if value not in (None, "")}


def _renames(data_import: DataImport, spec: ImportSpec) -> dict[str, str]:
    renames = {normalise_header(alias): column.name for column in spec.columns for alias in column.aliases}
    name = data_import.params.get("mapping")
    if name:
        mapping = ColumnMapping.objects.filter(organisation=data_import.organisation, kind=spec.kind,
                                               name=name).first()
        if mapping is None:
            raise FileRefused(f"There is no saved column mapping called ‘{name}’ for this kind of import.")
        renames.update({normalise_header(header): column for column, header in mapping.columns.items() if header})
    return renames


def _normaliser(organisation) -> EthnicityNormaliser:
    extra = dict(EthnicityLabelMapping.objects.filter(organisation=organisation).values_list("label", "category"))
    return EthnicityNormaliser(extra=extra)


def import_file(*, organisation, kind: str, path: str | Path | None = None, fileobj=None, data: bytes | None = None,
                filename: str = "", params: dict | None = None, user=None, background: bool | None = False
                ) -> DataImport:
    """Import one file and return its ``DataImport``.

    Give the file as ``path``, ``fileobj`` (binary) or ``data``. ``background=None`` runs files over
    ``STAR_IMPORT_BACKGROUND_ROWS`` rows as a background task; ``False`` runs now (the default);
    ``True`` always queues. If the same file was already imported, the earlier import is returned
    unchanged with ``noop`` set to True.
    """
    spec = get_spec(kind)
    if user is not None and not user.has_role(*spec.roles):
        raise PermissionDenied(f"You do not have a role that may import {spec.label.lower()} files.")
    if (organisation is None) != spec.platform_wide:
        raise ValueError("Platform-wide tables have no organisation; every other import needs one.")
    if data is None:
        if path is not None:
            data = Path(path).read_bytes()
            filename = filename or Path(path).name
        else:
            data = fileobj.read()
            filename = filename or Path(getattr(fileobj, "name", "") or "upload").name
    params = params or {}
    parsed = parse_params(spec, params)
    mapping = params.get("mapping") or ""
    if mapping and not ColumnMapping.objects.filter(organisation=organisation, kind=kind, name=mapping).exists():
        raise ValueError(f"There is no saved column mapping called ‘{mapping}’ for {spec.label.lower()} files.")
    stored_params = _json_params({**parsed, "mapping": mapping})
    # The same file with the same options is a no-op; with other options (another as-at date, another
    # audit programme) it is a new import, so the options are part of the digest.
    digest = content_hash(data + json.dumps(stored_params, sort_keys=True).encode()) if stored_params \
        else content_hash(data)
    earlier = DataImport.objects.filter(organisation=organisation, kind=kind, content_hash=digest,
                                        status=Status.SUCCEEDED).first()
    if earlier is not None:
        earlier.noop = True
        return earlier
    from .reader import count_rows

    data_import = DataImport(organisation=organisation, kind=kind, filename=filename[:255], content_hash=digest,
                             params=stored_params,
                             rows_total=count_rows(data), created_by=user)
    data_import.stored_file.save(Path(filename).name or "upload", ContentFile(data), save=False)
    data_import.save()
    data_import.noop = False
    if background is None:
        background = data_import.rows_total > background_threshold()
    if background:
        from .tasks import import_run

        import_run.enqueue(data_import.pk)
        data_import.refresh_from_db()
        data_import.noop = False
        return data_import
    return run_import(data_import)


def _fail(data_import: DataImport, errors: list[RowError], count: int, *, status=Status.FAILED, summary=None):
    data_import.status = status
    data_import.errors = [error.to_dict() for error in errors]
    data_import.error_count = count
    data_import.summary = summary or {}
    data_import.finished_at = timezone.now()
    data_import.save()
    return data_import


def run_import(data_import: DataImport) -> DataImport:
    """Validate and write one import (again, after an ethnicity review). Never raises for bad files."""
    spec = get_spec(data_import.kind)
    DataImport.objects.filter(pk=data_import.pk).update(status=Status.RUNNING, rows_done=0)
    data_import.status, data_import.rows_done = Status.RUNNING, 0
    data_import.noop = getattr(data_import, "noop", False)

    def progress(done: int) -> None:
        data_import.rows_done = done
        DataImport.objects.filter(pk=data_import.pk).update(rows_done=done)

    try:
        params = parse_params(spec, data_import.params)
    except ValueError as error:
        return _fail(data_import, [RowError(None, "", str(error))], 1)
    context = ImportContext(spec=spec, organisation=data_import.organisation, params=params,
                            normaliser=_normaliser(data_import.organisation), progress=progress)
    try:
        with data_import.stored_file.open("rb") as stored:
            data = stored.read()
        validated = validate(data=data, context=context, renames=_renames(data_import, spec))
    except FileRefused as refusal:
        return _fail(data_import, refusal.errors, len(refusal.errors), summary=_summary(context, None, 0))
    except Exception:
        logger.exception("Import %s could not be checked", data_import.pk)
        return _fail(data_import, [RowError(None, "", "Something went wrong while reading the file. Nothing was "
                                                      "imported. Please try again, or ask your administrator.")], 1)
    summary = _summary(context, validated, validated.rows_read)
    data_import.rows_total = validated.rows_read
    for label, count in sorted(context.unmapped.items(), key=lambda item: context.unmapped_first_row[item[0]]):
        action = ("use an ONS 2021 label or a DfE code" if spec.platform_wide
                  else "map it to a category on the review page")
        context.error(context.unmapped_first_row[label], "ethnicity",
                      f"‘{label}’ is not a recognised ethnicity ({count} row{'s' if count > 1 else ''}, first on row "
                      f"{context.unmapped_first_row[label]}): {action}")
    if context.error_count:
        only_labels = context.error_count == len(context.unmapped) and not spec.platform_wide
        return _fail(data_import, context.errors, context.error_count, summary=summary,
                     status=Status.REVIEW if only_labels else Status.FAILED)
    try:
        with transaction.atomic():
            created = spec.writer(data_import=data_import, rows=validated.rows, params=context.params)
            data_import.status = Status.SUCCEEDED
            data_import.errors, data_import.error_count = [], 0
            data_import.summary = {**summary, "created": created}
            data_import.finished_at = timezone.now()
            data_import.save()
    except FileRefused as refusal:
        return _fail(data_import, refusal.errors, len(refusal.errors), summary=summary)
    except IntegrityError:
        logger.warning("Import %s conflicted with another import", data_import.pk, exc_info=True)
        return _fail(data_import, [RowError(None, "", "Another import of the same records finished while this one "
                                                      "was running, so nothing was imported from this file.")], 1,
                     summary=summary)
    except Exception:
        logger.exception("Import %s could not be saved", data_import.pk)
        return _fail(data_import, [RowError(None, "", "Something went wrong while saving. Nothing was imported. "
                                                      "Please try again, or ask your administrator.")], 1,
                     summary=summary)
    _discard_file(data_import)
    return data_import


def _summary(context: ImportContext, validated, rows: int) -> dict:
    table = validated.table if validated else None
    summary = {"rows": rows, **context.summary}
    if table is not None:
        summary["format"] = table.format.upper()
        if table.encoding:
            summary["encoding"] = table.encoding
        if table.sheet:
            summary["sheet"] = table.sheet
    if context.notes:
        summary["notes"] = context.notes
    if context.ethnicity_methods:
        summary["ethnicity_methods"] = dict(context.ethnicity_methods)
    if context.custom_labels:
        summary["custom_labels"] = context.custom_labels
    if context.unmapped:
        summary["unmapped"] = [{"label": label, "count": count, "first_row": context.unmapped_first_row[label]}
                               for label, count in context.unmapped.most_common()]
    return summary


def _discard_file(data_import: DataImport) -> None:
    """The upload holds raw staff ids: once its rows are stored (hashed), the file is deleted."""
    if data_import.stored_file:
        data_import.stored_file.delete(save=False)
        DataImport.objects.filter(pk=data_import.pk).update(stored_file="")
