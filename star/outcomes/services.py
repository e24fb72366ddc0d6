"""Writes: import a statutory return as aggregate counts, all or nothing.

The child-level file is read as a stream and never stored: only its SHA-256 (to recognise the same
file twice), its name, and the counts it reduces to are kept (see ``docs/outcomes.md``).
"""

import hashlib
import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from star.core.models import DataImport

from .cube import Cube, WrongFormat
from .models import OutcomeReturn, StageCount, StageTransition
from .stages import SOURCES, STAGE_IDS

logger = logging.getLogger(__name__)
Status = DataImport.Status
CHUNK = 1 << 20


def _reader(source: str) -> Callable:
    """The reader for one kind of return, as f(paths, *, year, today, progress) -> SourceResult."""
    if source == "ssda903":
        from .sources.ssda903 import read_ssda903

        return read_ssda903
    if source == "cin":
        from .sources.cin import read_cin as read_one
    else:
        from .sources.annexa import read_annexa as read_one
    return lambda paths, **options: read_one(paths[0], **options)


def files_digest(paths: Sequence[Path], *extra: str) -> str:
    """SHA-256 over the files (in name order) and the options that change what they mean."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda item: item.name):
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            while block := handle.read(CHUNK):
                digest.update(block)
    digest.update("|".join(extra).encode())
    return digest.hexdigest()


def _fail(data_import: DataImport, messages: list[dict], count: int | None = None, summary=None) -> DataImport:
    data_import.status = Status.FAILED
    data_import.errors = messages
    data_import.error_count = count if count is not None else len(messages)
    data_import.summary = summary or {}
    data_import.finished_at = timezone.now()
    data_import.save()
    return data_import


def _message(text: str) -> dict:
    return {"row": None, "field": "", "message": text}


def import_return(*, organisation, source: str, paths: Sequence[str | Path], year: int | None = None,
                  area_code: str | None = None, user=None, today: date | None = None,
                  filenames: Sequence[str] | None = None) -> DataImport:
    """Read one return (SSDA903: one or more files; CIN census and Annex A: one file) and store its counts.

    Returns the ``DataImport``: ``succeeded`` with a summary, or ``failed`` with its problems and nothing
    written. The same files with the same options a second time are a no-op (``noop`` is True).
    """
    if source not in SOURCES:
        raise ValueError(f"Choose one of {', '.join(SOURCES)} as the kind of return.")
    paths = [Path(path) for path in paths]
    if not paths:
        raise ValueError("Give at least one file.")
    if source != "ssda903" and len(paths) > 1:
        raise ValueError("Import one CIN census or Annex A file at a time.")
    names = list(filenames or [path.name for path in paths])
    area_code = (area_code or "").strip().upper() or None
    digest = files_digest(paths, source, str(year or ""), area_code or "")
    kind = f"outcomes.{source}"
    earlier = DataImport.objects.filter(organisation=organisation, kind=kind, content_hash=digest,
                                        status=Status.SUCCEEDED).first()
    if earlier is not None:
        earlier.noop = True
        return earlier
    data_import = DataImport.objects.create(
        organisation=organisation, kind=kind, filename=", ".join(names)[:255], content_hash=digest,
        status=Status.RUNNING, params={key: value for key, value in (("year", year), ("area", area_code)) if value},
        created_by=user)
    data_import.noop = False

    def progress(done: int) -> None:
        DataImport.objects.filter(pk=data_import.pk).update(rows_done=done)

    try:
        result = _reader(source)(paths, year=year, today=today, progress=progress)
    except WrongFormat as refusal:
        return _fail(data_import, [_message(str(refusal))])
    except Exception:
        logger.exception("Outcomes import %s could not be read", data_import.pk)
        return _fail(data_import, [_message("Something went wrong while reading the file. Nothing was imported. "
                                            "Please try again, or ask your administrator.")])
    cube = result.cube
    summary = {"children": cube.children, "records read": result.records_read,
               "invalid ethnicity codes": dict(cube.invalid_codes.most_common(50)),
               "other unknown codes": {f"{field}: {code}": count
                                       for (field, code), count in cube.invalid_values.most_common(50)},
               "notes": cube.notes, "warning count": cube.warning_count,
               "warnings": [problem.to_dict() for problem in cube.warnings[:200]]}
    data_import.rows_total = data_import.rows_done = result.records_read
    if cube.problem_count:
        return _fail(data_import, [problem.to_dict() for problem in cube.problems], cube.problem_count, summary)
    if result.year is None:
        return _fail(data_import, [_message("The file does not say which collection year it is for, and no dates "
                                            "in it show one. Give the year (for example 2025).")], summary=summary)
    area = area_code or organisation.la_code or result.area_code
    if not area:
        return _fail(data_import, [_message("Give the area code the return is for (for example the council's ONS "
                                            "code, E09000001).")], summary=summary)
    try:
        store_counts(organisation=organisation, data_import=data_import, source=source, year=result.year, area=area,
                     cube=cube, summary=summary)
    except Exception:
        logger.exception("Outcomes import %s could not be saved", data_import.pk)
        return _fail(data_import, [_message("Something went wrong while saving the counts. Nothing was imported. "
                                            "Please try again, or ask your administrator.")], summary=summary)
    return data_import


@transaction.atomic
def store_counts(*, organisation, data_import: DataImport, source: str, year: int, area: str, cube: Cube,
                 summary: dict) -> OutcomeReturn:
    """Save a return's counts (replacing any earlier return for the same source, area and year)."""
    replaced = OutcomeReturn.objects.filter(organisation=organisation, source=source, year=year, area_code=area)
    replaced_import = replaced.values_list("data_import_id", flat=True).first()
    replaced.delete()
    if replaced_import:
        _retire(DataImport.objects.get(pk=replaced_import), "replaced by a later import")
    outcome_return = OutcomeReturn.objects.create(
        organisation=organisation, source=source, year=year, area_code=area, data_import=data_import,
        children=cube.children, invalid_codes=dict(cube.invalid_codes),
        invalid_values={f"{field}: {code}": count for (field, code), count in cube.invalid_values.items()},
        notes=cube.notes)
    StageCount.objects.bulk_create(
        (StageCount(outcome_return=outcome_return, stage=stage, ethnicity=ethnicity, age_band=band, sex=sex,
                    count=count) for (stage, ethnicity, band, sex), count in cube.cells.items() if count),
        batch_size=2000)
    StageTransition.objects.bulk_create(
        (StageTransition(outcome_return=outcome_return, from_stage=before, to_stage=after, ethnicity=ethnicity,
                         count=count) for (before, after, ethnicity), count in cube.transitions.items() if count),
        batch_size=2000)
    totals = cube.stage_totals()
    data_import.status = Status.SUCCEEDED
    data_import.errors, data_import.error_count = [], 0
    data_import.summary = {**summary, "year": year, "area": area,
                           "children by stage": {stage: totals[stage] for stage in STAGE_IDS if totals[stage]},
                           **({"replaced import": replaced_import} if replaced_import else {})}
    data_import.finished_at = timezone.now()
    data_import.save()
    return outcome_return


def _retire(data_import: DataImport, why: str) -> None:
    """Keep a past import in the history, but free its file to be imported again."""
    data_import.content_hash = f"removed-{data_import.pk}"
    data_import.summary = {**data_import.summary, "removed": f"{why}, {timezone.now():%d %B %Y %H:%M}"}
    data_import.save(update_fields=["content_hash", "summary"])


def delete_return(outcome_return: OutcomeReturn) -> None:
    """Remove a return's counts (its import record stays in the history, marked as removed)."""
    with transaction.atomic():
        data_import = outcome_return.data_import
        outcome_return.delete()
        _retire(data_import, "removed")
