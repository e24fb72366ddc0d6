"""Reads for the import pages, the error report and the ethnicity review."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from star.analytics.categories import BROAD_GROUPS, BROAD_ONLY, DETAILED, UNKNOWN

from ..models import ColumnMapping, DataImport
from .spec import get_spec

FIRST_ERRORS = 50


def imports_for(user, *, kinds: list[str] | None = None) -> QuerySet[DataImport]:
    imports = DataImport.objects.for_user(user).select_related("created_by")
    return imports.filter(kind__in=kinds) if kinds is not None else imports


def import_for(user, pk: int) -> DataImport:
    """One import of the user's organisation, or 404."""
    return get_object_or_404(imports_for(user), pk=pk)


def kind_label(kind: str) -> str:
    try:
        return get_spec(kind).label
    except LookupError:
        return kind


def error_report_rows(data_import: DataImport) -> list[list]:
    """Rows of the downloadable error report: the header, each stored error, and a note if cut short."""
    rows = [["row", "column", "problem"]]
    rows.extend([error["row"] if error["row"] is not None else "", error["field"], error["message"]]
                for error in data_import.errors)
    hidden = data_import.error_count - len(data_import.errors)
    if hidden > 0:
        rows.append(["", "", f"A further {hidden:,} problems are not listed. Fix these and import the file again "
                             "to see them."])
    return rows


def column_mappings_for(user, kind: str | None = None) -> QuerySet[ColumnMapping]:
    mappings = ColumnMapping.objects.for_user(user).order_by("kind", "name")
    return mappings.filter(kind=kind) if kind else mappings


def ethnicity_category_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for the review screen: each ONS broad group, broad-only rows, then unknowns."""
    groups = []
    for broad in BROAD_GROUPS.values():
        options = [(key, category.label) for key, category in DETAILED.items() if category.broad == broad.key]
        options += [(key, f"{category.label} (broad group only)") for key, category in BROAD_ONLY.items()
                    if category.broad == broad.key]
        groups.append((broad.label, options))
    groups.append(("Not known", [(key, category.label) for key, category in UNKNOWN.items()]))
    return groups
