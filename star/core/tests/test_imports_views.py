"""Import pages: permissions, upload, status, error report, ethnicity review, background runs, delete."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from star.core.imports import import_file
from star.core.models import DataImport, EthnicityLabelMapping
from star.core.tests.factories import OrganisationFactory, UserFactory
from star.workforce.models import StaffRecord, StaffSnapshot

STAFF = b"staff_id,ethnicity,grade\nE1,White British,PO1\nE2,Black Brit,PO1\nE3,Black Brit,PO1\nE4,Kurdish,PO1\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def analyst(client, make_user):
    user = make_user("equality_analyst")
    client.force_login(user)
    return user


def upload(client, data=STAFF, name="staff.csv", **fields):
    form = {"kind": "workforce.staff", "as_at": "31/03/2026", "mapping": "",
            "file": SimpleUploadedFile(name, data, content_type="text/csv"), **fields}
    return client.post(reverse("core:import_new"), form)


def test_practitioner_cannot_see_imports(client, make_user):
    client.force_login(make_user("practitioner"))
    assert client.get(reverse("core:imports")).status_code == 403
    assert client.get(reverse("core:import_new")).status_code == 403


def test_performance_analyst_is_not_offered_workforce_kinds(client, make_user, organisation):
    client.force_login(make_user("performance_analyst"))
    page = client.get(reverse("core:import_new")).content.decode()
    assert "workforce.staff" not in page
    hr = import_file(organisation=organisation, kind="workforce.staff", data=STAFF, filename="s.csv",
                     params={"as_at": "2026-03-31"})
    assert client.get(reverse("core:import_detail", args=[hr.pk])).status_code == 404


def test_another_organisations_import_is_not_found(client, analyst):
    other = OrganisationFactory()
    theirs = import_file(organisation=other, kind="workforce.staff", data=STAFF, filename="s.csv",
                         params={"as_at": "2026-03-31"})
    for name in ("core:import_detail", "core:import_errors_csv", "core:import_ethnicity", "core:import_delete"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert "s.csv" not in client.get(reverse("core:imports")).content.decode()


def test_form_errors_keep_what_was_typed(client, analyst):
    response = client.post(reverse("core:import_new"), {"kind": "workforce.staff", "as_at": "31/02/2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert 'href="#id_as_at"' in page and 'href="#id_file"' in page
    assert "Enter a real as-at date" in page and "Select a file" in page
    assert 'value="31/02/2026"' in page
    assert '<option value="workforce.staff" selected>' in page


def test_staff_snapshot_needs_an_as_at_date(client, analyst):
    response = upload(client, as_at="")
    assert "Enter the as-at date of the staff snapshot" in response.content.decode()
    assert DataImport.objects.count() == 0


def test_zero_byte_upload_is_refused_by_the_form(client, analyst):
    response = upload(client, data=b"")
    assert "The selected file is empty (0 bytes)" in response.content.decode()


def test_unmapped_ethnicity_review_then_success(client, analyst, organisation):
    response = upload(client)
    data_import = DataImport.objects.get()
    assert response.url == reverse("core:import_detail", args=[data_import.pk])
    assert data_import.status == DataImport.Status.REVIEW
    assert StaffRecord.objects.count() == 0
    assert [item["label"] for item in data_import.summary["unmapped"]] == ["Black Brit", "Kurdish"]

    detail = client.get(response.url).content.decode()
    assert reverse("core:import_ethnicity", args=[data_import.pk]) in detail
    review = client.get(reverse("core:import_ethnicity", args=[data_import.pk])).content.decode()
    assert "‘Black Brit’" in review and "2 rows, first on row 3" in review
    assert '<optgroup label="Black, Black British, Black Welsh, Caribbean or African">' in review

    missing = client.post(reverse("core:import_ethnicity", args=[data_import.pk]), {"label_0": "black_unspecified"})
    assert "Choose a category for ‘Kurdish’" in missing.content.decode()
    assert StaffRecord.objects.count() == 0

    done = client.post(reverse("core:import_ethnicity", args=[data_import.pk]),
                       {"label_0": "black_unspecified", "label_1": "other_any"})
    assert done.status_code == 302
    data_import.refresh_from_db()
    assert data_import.status == DataImport.Status.SUCCEEDED, data_import.errors
    assert sorted(StaffRecord.objects.values_list("ethnicity", flat=True)) == [
        "black_unspecified", "black_unspecified", "other_any", "white_british"]
    assert data_import.summary["custom_labels"] == {"Black Brit": "black_unspecified", "Kurdish": "other_any"}
    mapping = EthnicityLabelMapping.objects.get(label="Kurdish")
    assert (mapping.organisation, mapping.created_by) == (organisation, analyst)
    from auditlog.models import LogEntry
    assert LogEntry.objects.get_for_object(mapping).filter(actor=analyst).exists()


def test_reimporting_the_same_file_is_a_noop(client, analyst):
    good = b"staff_id,ethnicity,grade\nE1,WBRI,PO1\n"
    upload(client, data=good)
    first = DataImport.objects.get()
    assert first.status == DataImport.Status.SUCCEEDED
    response = upload(client, data=good, name="renamed.csv")
    assert response.url == reverse("core:import_detail", args=[first.pk])
    page = client.get(response.url).content.decode()
    assert "This file was already imported on" in page
    assert DataImport.objects.count() == 1 and StaffRecord.objects.count() == 1


def test_status_page_lists_problems_and_the_error_report_downloads(client, analyst):
    data = b"staff_id,ethnicity,grade,hourly_pay\nE1,WBRI,PO1,-3\nE1,WBRI,PO1,4\n"
    upload(client, data=data)
    data_import = DataImport.objects.get()
    assert data_import.status == DataImport.Status.FAILED
    page = client.get(reverse("core:import_detail", args=[data_import.pk])).content.decode()
    assert '<caption class="govuk-table__caption govuk-table__caption--m">2 problems</caption>' in page
    assert "Pay cannot be negative (-3)" in page
    response = client.get(reverse("core:import_errors_csv", args=[data_import.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["row", "column", "problem"], ["2", "hourly_pay", "Pay cannot be negative (-3)"],
                    ["3", "staff_id", "This staff id is also on row 2: each staff id may appear only once"]]


def test_large_files_run_in_the_background_with_progress(client, analyst, settings):
    settings.STAR_IMPORT_BACKGROUND_ROWS = 2
    data = b"staff_id,ethnicity,grade\n" + b"".join(b"E%d,WBRI,PO1\n" % n for n in range(5))
    upload(client, data=data)
    data_import = DataImport.objects.get()  # the immediate backend has already run the task
    assert data_import.status == DataImport.Status.SUCCEEDED, data_import.errors
    assert (data_import.rows_done, data_import.rows_total) == (5, 5)
    assert StaffRecord.objects.count() == 5


def test_a_running_import_page_refreshes_itself(client, analyst, organisation):
    running = DataImport.objects.create(organisation=organisation, kind="workforce.staff", filename="big.csv",
                                        content_hash="x", status=DataImport.Status.RUNNING, rows_total=40000,
                                        rows_done=10000)
    response = client.get(reverse("core:import_detail", args=[running.pk]))
    assert response["Refresh"] == "3"
    assert "10,000 of about 40,000 (25%)" in response.content.decode()
    assert "Refresh" not in client.get(reverse("core:import_detail", args=[running.pk]) + "?auto=off")


def test_list_and_delete_removes_exactly_its_rows(client, analyst):
    upload(client, data=b"staff_id,ethnicity,grade\nE1,WBRI,PO1\n")
    upload(client, data=b"staff_id,ethnicity,grade\nE1,WBRI,PO1\nE2,WBRI,PO1\n", as_at="2025-03-31")
    first, second = DataImport.objects.order_by("pk")
    listing = client.get(reverse("core:imports")).content.decode()
    assert listing.count("Imported</strong>") == 2
    assert "Delete import" in client.get(reverse("core:import_delete", args=[first.pk])).content.decode()
    client.post(reverse("core:import_delete", args=[first.pk]))
    assert list(DataImport.objects.all()) == [second]
    assert list(StaffSnapshot.objects.values_list("as_at", flat=True)).__len__() == 1
    assert StaffRecord.objects.count() == 2


def test_navigation_shows_imports_to_analysts(client, analyst):
    assert f'href="{reverse("core:imports")}"' in client.get(reverse("core:home")).content.decode()


def test_service_refuses_a_role_without_the_kind(organisation):
    from django.core.exceptions import PermissionDenied

    learner = UserFactory(roles=["performance_analyst"], organisation=organisation)
    with pytest.raises(PermissionDenied):
        import_file(organisation=organisation, kind="workforce.staff", data=STAFF, filename="s.csv",
                    params={"as_at": "2026-03-31"}, user=learner)
