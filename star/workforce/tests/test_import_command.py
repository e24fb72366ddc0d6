"""`star workforce import KIND FILE ...`."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from star.core.models import ColumnMapping, DataImport, EthnicityLabelMapping
from star.workforce.models import Application, StaffRecord

TEMPLATES = Path(__file__).resolve().parents[3] / "docs" / "templates"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_import_staff_from_the_command_line(organisation, capsys):
    call_command("workforce", "import", "staff", str(TEMPLATES / "workforce-staff.csv"), "--as-at", "2026-03-31",
                 "--organisation", organisation.slug)
    out = capsys.readouterr().out
    assert "Imported workforce-staff.csv" in out and "2 staff records" in out
    assert StaffRecord.objects.count() == 2
    assert DataImport.objects.get().params["as_at"] == "2026-03-31"


def test_the_organisation_can_be_left_out_when_there_is_only_one(organisation):
    call_command("workforce", "import", "recruitment", str(TEMPLATES / "workforce-recruitment.csv"))
    assert Application.objects.count() == 2


def test_failures_exit_with_the_problems(organisation, tmp_path, capsys):
    path = tmp_path / "staff.csv"
    path.write_text("staff_id,ethnicity,grade\nE1,Black Brit,PO1\n")
    with pytest.raises(CommandError, match="1 ethnicity label"):
        call_command("workforce", "import", "staff", str(path), "--as-at", "2026-03-31")
    assert "Row 2, ethnicity: ‘Black Brit’ is not a recognised ethnicity" in capsys.readouterr().err
    call_command("workforce", "import", "staff", str(path), "--as-at", "2026-03-31",
                 "--ethnicity", "Black Brit=black_unspecified")
    assert StaffRecord.objects.get().ethnicity == "black_unspecified"
    assert EthnicityLabelMapping.objects.get().label == "Black Brit"


def test_missing_as_at_and_unknown_organisation(organisation, tmp_path):
    with pytest.raises(CommandError, match="Enter the as-at date"):
        call_command("workforce", "import", "staff", str(TEMPLATES / "workforce-staff.csv"))
    with pytest.raises(CommandError, match="no organisation with the slug"):
        call_command("workforce", "import", "staff", "x.csv", "--organisation", "nowhere")
    with pytest.raises(CommandError, match="There is no file"):
        call_command("workforce", "import", "staff", str(tmp_path / "missing.csv"), "--as-at", "2026-03-31")


def test_a_saved_column_mapping(organisation, tmp_path):
    ColumnMapping.objects.create(organisation=organisation, kind="workforce.processes", name="iTrent",
                                 columns={"staff_id": "Person Ref", "date_opened": "Case Start", "kind": "Case Type"})
    path = tmp_path / "itrent.csv"
    path.write_text("Person Ref,Case Start,Case Type\nE1,2026-01-05,Disciplinary\n")
    call_command("workforce", "import", "processes", str(path), "--mapping", "iTrent")
    with pytest.raises(CommandError, match="no saved column mapping called ‘SAP’"):
        call_command("workforce", "import", "development", str(path), "--mapping", "SAP")


def test_report_command_prints_json_csv_and_html(organisation):
    import json
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from star.workforce.tests.test_views import make_snapshot

    with pytest.raises(CommandError, match="No staff snapshot"):
        call_command("workforce", "report", "--organisation", organisation.slug, stdout=StringIO())
    make_snapshot(organisation)
    out = StringIO()
    call_command("workforce", "report", "--organisation", organisation.slug, stdout=out)
    report = json.loads(out.getvalue())
    assert report["as_at"] == "2026-03-31" and report["reference_group"] == "White"
    assert {"id", "standard_references", "reading"} <= set(report["indicators"][0])
    out = StringIO()
    call_command("workforce", "report", "--format", "csv", "--standard", "nhs-wres", stdout=out,
                 organisation=organisation.slug)
    assert out.getvalue().startswith("indicator,standard_reference")
    out = StringIO()
    call_command("workforce", "report", "--format", "html", "--organisation", organisation.slug, stdout=out)
    assert "<h1>Workforce race equality report</h1>" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("workforce", "report", "--as-at", "31/03/2026", "--organisation", organisation.slug)
