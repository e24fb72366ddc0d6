"""Every write the workforce app makes. Keyword-only, atomic, named <thing>_<verb>.

The import writers receive rows already validated by ``star.core.imports`` (namedtuples whose
fields are the template's columns, ids already replaced by their keyed hash) and store them with
``bulk_create`` in batches; each row belongs to its import, so deleting the import removes it.
"""

from django.db import transaction

from .models import Application, DevelopmentActivity, FormalProcess, Promotion, StaffRecord, StaffSnapshot

BATCH = 2000


@transaction.atomic
def staff_snapshot_import(*, data_import, rows, params) -> dict:
    """One snapshot at ``params["as_at"]`` with a record per person."""
    snapshot = StaffSnapshot.objects.create(organisation=data_import.organisation, as_at=params["as_at"],
                                            data_import=data_import)
    StaffRecord.objects.bulk_create(
        (StaffRecord(snapshot=snapshot, staff_key=row.staff_id, ethnicity=row.ethnicity, grade=row.grade,
                     grade_rank=row.grade_rank, leadership_tier=row.leadership_tier, service=row.service,
                     team=row.team, job_family=row.job_family, manager_key=row.manager_id,
                     start_date=row.start_date, leaving_date=row.leaving_date, leaving_reason=row.leaving_reason,
                     fte=row.fte, hourly_pay=row.hourly_pay, bonus_paid=row.bonus_paid, contract=row.contract)
         for row in rows),
        batch_size=BATCH)
    return {"snapshots": 1, "staff records": len(rows)}


@transaction.atomic
def applications_import(*, data_import, rows, params) -> dict:
    Application.objects.bulk_create(
        (Application(organisation=data_import.organisation, data_import=data_import, application_key=row.application_id,
                     vacancy_id=row.vacancy_id, grade=row.grade, service=row.service, ethnicity=row.ethnicity,
                     shortlisted=row.shortlisted, appointed=row.appointed, decision_date=row.decision_date)
         for row in rows),
        batch_size=BATCH)
    return {"applications": len(rows)}


@transaction.atomic
def formal_processes_import(*, data_import, rows, params) -> dict:
    FormalProcess.objects.bulk_create(
        (FormalProcess(organisation=data_import.organisation, data_import=data_import, staff_key=row.staff_id,
                       date_opened=row.date_opened, kind=row.kind) for row in rows),
        batch_size=BATCH)
    return {"formal processes": len(rows)}


@transaction.atomic
def development_activities_import(*, data_import, rows, params) -> dict:
    DevelopmentActivity.objects.bulk_create(
        (DevelopmentActivity(organisation=data_import.organisation, data_import=data_import, staff_key=row.staff_id,
                             date=row.date, activity=row.activity, mandatory=row.mandatory, funded=row.funded)
         for row in rows),
        batch_size=BATCH)
    return {"development activities": len(rows)}


@transaction.atomic
def promotions_import(*, data_import, rows, params) -> dict:
    Promotion.objects.bulk_create(
        (Promotion(organisation=data_import.organisation, data_import=data_import, staff_key=row.staff_id,
                   date=row.date, from_grade=row.from_grade, to_grade=row.to_grade) for row in rows),
        batch_size=BATCH)
    return {"promotions": len(rows)}
