"""Imports too large to run while the page waits run here (django-tasks)."""

from django_tasks import task


@task()
def import_run(data_import_id: int) -> str:
    """Run one import by id; returns its final status."""
    from ..models import DataImport
    from .runner import run_import

    data_import = DataImport.objects.filter(pk=data_import_id).first()
    if data_import is None or data_import.status not in {DataImport.Status.PENDING, DataImport.Status.REVIEW}:
        return "skipped"
    return run_import(data_import).status
