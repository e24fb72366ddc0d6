"""Bringing files into STAR: one reader, declared specs per kind, one validation pipeline, one runner.

Public API::

    from star.core.imports import import_file, run_import
    data_import = import_file(organisation=org, kind="workforce.staff", path="staff.csv",
                              params={"as_at": "2026-03-31"}, user=None)
    data_import.status  # "succeeded", "failed", "review" (ethnicity labels to map) or, queued, "pending"

Apps declare their kinds with ``register(ImportSpec(...))`` in ``<app>/importers/__init__.py``.
"""

from auditlog.registry import auditlog

from ..models import ColumnMapping, DataImport, EthnicityLabelMapping
from .errors import FileRefused, ParseError, RowError
from .runner import already_imported_message, import_file, run_import
from .spec import ETHNICITY, Column, ImportSpec, Param, all_specs, get_spec, register, specs_for

for _model in (DataImport, EthnicityLabelMapping, ColumnMapping):
    if not auditlog.contains(_model):
        auditlog.register(_model, exclude_fields=["errors", "rows_done"] if _model is DataImport else None)

__all__ = [
    "ETHNICITY",
    "Column",
    "FileRefused",
    "ImportSpec",
    "Param",
    "ParseError",
    "RowError",
    "all_specs",
    "already_imported_message",
    "get_spec",
    "import_file",
    "register",
    "run_import",
    "specs_for",
]

from . import population  # noqa: E402,F401  (registers the platform-wide population kind)
