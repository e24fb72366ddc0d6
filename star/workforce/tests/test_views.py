"""Who sees what: aggregates for leaders and analysts, rows for the equality analyst only; exports match the page."""

import csv
import io
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from star.core.models import DataImport
from star.core.tests.factories import OrganisationFactory
from star.workforce.models import StaffRecord, StaffSnapshot

pytestmark = pytest.mark.django_db

ETHNICITIES = ["white_british"] * 30 + ["black_african"] * 20 + ["asian_indian"] * 10 + ["refused"] * 3


def make_snapshot(organisation, as_at=date(2026, 3, 31)):
    data_import = DataImport.objects.create(organisation=organisation, kind="workforce.staff", filename="hr.csv",
                                            content_hash=f"hash-{as_at}", status="succeeded")
    snapshot = StaffSnapshot.objects.create(organisation=organisation, as_at=as_at, data_import=data_import)
    StaffRecord.objects.bulk_create(
        StaffRecord(snapshot=snapshot, staff_key=f"key-{i}", ethnicity=ethnicity, grade="Social worker",
                    grade_rank=3, leadership_tier="first_line" if i % 6 == 0 else "", service="Family Help",
                    hourly_pay=20 + i % 7)
        for i, ethnicity in enumerate(ETHNICITIES)
    )
    return snapshot


@pytest.mark.parametrize("role", ["practitioner", "manager", "practice_lead", "learning_lead", "support_adviser",
                                  "performance_analyst", "regional_lead"])
def test_dashboard_is_refused_to_roles_without_access(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("workforce:dashboard")).status_code == 403
    assert client.get(reverse("workforce:report_csv")).status_code == 403
    assert client.get("/api/v1/workforce/report").status_code == 403


def test_without_data_the_dashboard_explains_what_to_do(client, make_user):
    client.force_login(make_user("equality_analyst"))
    page = client.get(reverse("workforce:dashboard")).content.decode()
    assert "No staff snapshot has been imported yet" in page
    assert client.get("/api/v1/workforce/report").status_code == 404


@pytest.mark.parametrize("role", ["equality_analyst", "senior_leader"])
def test_dashboard_shows_suppressed_aggregates_with_readings(client, make_user, organisation, role):
    make_snapshot(organisation)
    client.force_login(make_user(role))
    page = client.get(reverse("workforce:dashboard")).content.decode()
    assert "Workforce race equality" in page
    assert "Global Majority share of the whole workforce" in page
    assert "key-1" not in page  # never a row-level identifier on the aggregate page
    assert "How these figures are made" in page
    assert "Leadership by broad ethnic group" in page


def test_csv_and_xlsx_downloads_carry_the_same_figures_as_the_api(client, make_user, organisation):
    make_snapshot(organisation)
    client.force_login(make_user("equality_analyst"))
    report = client.get("/api/v1/workforce/report").json()
    assert report["as_at"] == "2026-03-31" and report["comparison_group"] == "Global Majority"
    ids = [indicator["id"] for indicator in report["indicators"]]
    assert {"representation_by_grade", "leadership_vs_workforce", "pay_gap"} <= set(ids)
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("workforce:report_csv")).content.decode("utf-8-sig"))))
    assert {row["indicator"] for row in rows} <= set(ids) and rows
    workbook = load_workbook(io.BytesIO(client.get(reverse("workforce:report_xlsx")).content))
    header_row = next(r for r in workbook.active.iter_rows(values_only=True) if r and r[0] == "indicator")
    assert "reading" in header_row


def test_nhs_wres_standard_can_be_chosen(client, make_user, organisation):
    make_snapshot(organisation)
    client.force_login(make_user("equality_analyst"))
    report = client.get("/api/v1/workforce/report", {"standard": "nhs-wres"}).json()
    assert report["standard"]["id"] == "nhs-wres"
    assert client.get("/api/v1/workforce/report", {"as_at": "31/03/2026"}).status_code == 422
    two_years = client.get("/api/v1/workforce/report", {"rolling_years": 2}).json()
    disciplinary = next(i for i in two_years["indicators"] if i["id"] == "disciplinary_entry")
    assert disciplinary["period"]["start"] == "2024-03-31"
    page = client.get(reverse("workforce:dashboard"), {"rolling_years": "2"}).content.decode()
    assert 'value="2" selected' in page


def test_row_level_records_are_for_the_equality_analyst_and_audited(client, make_user, organisation):
    snapshot = make_snapshot(organisation)
    client.force_login(make_user("senior_leader"))
    assert client.get(reverse("workforce:snapshot_records", args=[snapshot.pk])).status_code == 403
    analyst = make_user("equality_analyst")
    client.force_login(analyst)
    page = client.get(reverse("workforce:snapshot_records", args=[snapshot.pk])).content.decode()
    assert "Black, Black British, Black Welsh, Caribbean or African: African" in page
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=analyst,
                                   object_pk=str(snapshot.pk)).exists()
    elsewhere = make_snapshot(OrganisationFactory())
    assert client.get(reverse("workforce:snapshot_records", args=[elsewhere.pk])).status_code == 404
