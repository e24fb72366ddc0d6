"""Each documented template imports as it stands, and the CSWW sample imports as a snapshot."""

from pathlib import Path

import pytest

from star.core.imports import import_file
from star.core.models import DataImport, staff_key_for
from star.workforce.models import (
    Application,
    DevelopmentActivity,
    FormalProcess,
    Promotion,
    StaffRecord,
    StaffSnapshot,
)

REPO = Path(__file__).resolve().parents[3]
TEMPLATES = REPO / "docs" / "templates"
CSWW_SAMPLE = REPO.parent / "shared" / "data" / "external" / "liiatools-samples" / "social_work_workforce_2022.xml"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(("kind", "model", "params"), [
    ("staff", StaffRecord, {"as_at": "2026-03-31"}),
    ("recruitment", Application, {}),
    ("processes", FormalProcess, {}),
    ("development", DevelopmentActivity, {}),
    ("promotions", Promotion, {}),
])
def test_each_template_imports(organisation, kind, model, params):
    data_import = import_file(organisation=organisation, kind=f"workforce.{kind}",
                              path=TEMPLATES / f"workforce-{kind}.csv", params=params)
    assert data_import.status == DataImport.Status.SUCCEEDED, data_import.errors
    assert model.objects.count() == 2
    assert data_import.summary["rows"] == 2
    assert not data_import.stored_file  # the raw file (with HR ids) is not kept once imported


def test_staff_template_values_are_parsed_and_ids_hashed(organisation):
    import_file(organisation=organisation, kind="workforce.staff", path=TEMPLATES / "workforce-staff.csv",
                params={"as_at": "2026-03-31"})
    record = StaffRecord.objects.get(staff_key=staff_key_for("E10002"))
    assert record.ethnicity == "white_british"
    assert record.leadership_tier == "first_line"
    assert str(record.start_date) == "2015-09-12"
    assert str(record.hourly_pay) == "29.10"
    assert record.manager_key == staff_key_for("E10090")
    assert record.contract == "agency"
    assert not StaffRecord.objects.filter(staff_key="E10002").exists()


def test_csww_sample_imports_as_a_snapshot(organisation):
    assert CSWW_SAMPLE.exists(), CSWW_SAMPLE
    data_import = import_file(organisation=organisation, kind="workforce.csww", path=CSWW_SAMPLE)
    assert data_import.status == DataImport.Status.SUCCEEDED, data_import.errors
    snapshot = StaffSnapshot.objects.get()
    assert str(snapshot.as_at) == "2022-09-30"  # the census ReferenceDate
    records = snapshot.records.all()
    assert records.count() == 30
    first = records.get(staff_key=staff_key_for("Oz2054309383"))
    assert (first.ethnicity, first.contract, first.grade) == ("refused", "agency", "Role not recorded")
    leaver = records.get(staff_key=staff_key_for("Yk7226043359"))
    assert (leaver.leadership_tier, str(leaver.leaving_date), leaver.leaving_reason) == (
        "middle", "2019-09-23", "Not yet collected")  # ReasonLeave 10
    assert records.filter(leadership_tier="senior").count() == 4
    assert records.filter(ethnicity="asian_pakistani").count() == 3
    assert records.filter(ethnicity="not_obtained").count() == 30 - 22
