"""Writes about imports themselves (not the rows they bring in): mappings, re-runs and deletion."""

from django.db import transaction

from star.analytics.ethnicity import ALL_CATEGORIES

from ..models import ColumnMapping, DataImport, EthnicityLabelMapping
from .runner import background_threshold, run_import
from .spec import get_spec


@transaction.atomic
def ethnicity_label_mappings_save(*, organisation, user, mappings: dict[str, str]) -> list[EthnicityLabelMapping]:
    """Record the council's answer for labels the normaliser could not map (audited)."""
    saved = []
    for label, category in mappings.items():
        if category not in ALL_CATEGORIES:
            raise ValueError(f"‘{category}’ is not an ethnicity category")
        mapping, created = EthnicityLabelMapping.objects.get_or_create(
            organisation=organisation, label=label.strip(), defaults={"category": category, "created_by": user})
        if not created and mapping.category != category:
            mapping.category = category
            mapping.created_by = user
            mapping.save()
        saved.append(mapping)
    return saved


def data_import_rerun(*, data_import: DataImport, background: bool | None = None) -> DataImport:
    """Run a stored import again (after its ethnicity labels were mapped)."""
    if not data_import.stored_file:
        raise ValueError("The file of this import is no longer stored: upload it again.")
    if background is None:
        background = data_import.rows_total > background_threshold()
    DataImport.objects.filter(pk=data_import.pk).update(status=DataImport.Status.PENDING)
    data_import.status = DataImport.Status.PENDING
    if background:
        from .tasks import import_run

        import_run.enqueue(data_import.pk)
        data_import.refresh_from_db()
        return data_import
    return run_import(data_import)


@transaction.atomic
def data_import_delete(*, data_import: DataImport) -> None:
    """Delete an import and exactly the rows it brought in (they cascade), and its stored file."""
    if data_import.stored_file:
        stored = data_import.stored_file
        transaction.on_commit(lambda: stored.storage.delete(stored.name))
    data_import.delete()


@transaction.atomic
def column_mapping_save(*, organisation, kind: str, name: str, columns: dict[str, str]) -> ColumnMapping:
    """Save (or replace) a named mapping from STAR's columns to a council's own headings."""
    spec = get_spec(kind)
    unknown = set(columns) - set(spec.names)
    if unknown:
        raise ValueError(f"{', '.join(sorted(unknown))} {'is' if len(unknown) == 1 else 'are'} not "
                         f"a column of {spec.label.lower()} files")
    mapping, _ = ColumnMapping.objects.update_or_create(
        organisation=organisation, kind=kind, name=name,
        defaults={"columns": {key: value for key, value in columns.items() if value}})
    return mapping
