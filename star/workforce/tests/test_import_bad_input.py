"""Every kind of bad input gets a clear message naming the problem and rows, and changes nothing."""

import io
from pathlib import Path

import openpyxl
import pytest

from star.core.imports import import_file
from star.core.models import DataImport
from star.core.tests.factories import GradeFactory
from star.workforce.models import Application, Promotion, StaffRecord, StaffSnapshot

HEADER = "staff_id,ethnicity,grade,hourly_pay,start_date,leaving_date\n"
SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "external" / "liiatools-samples"
CIN_SAMPLE = SAMPLES / "cin-2022.xml"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def stored_rows():
    return (StaffSnapshot.objects.count(), StaffRecord.objects.count(), Application.objects.count(),
            Promotion.objects.count())


def staff(organisation, data: bytes, **params):
    before = stored_rows()
    data_import = import_file(organisation=organisation, kind="workforce.staff", data=data, filename="staff.csv",
                              params={"as_at": "2026-03-31", **params})
    assert stored_rows() == before, "the database must be unchanged"
    assert data_import.status == DataImport.Status.FAILED
    return data_import


def messages(data_import):
    return [(error["row"], error["field"], error["message"]) for error in data_import.errors]


def test_missing_required_columns_are_named(organisation):
    data_import = staff(organisation, b"staff_id,grade\nE1,PO1\n")
    assert messages(data_import) == [(1, "ethnicity", messages(data_import)[0][2])]
    assert "required column ‘ethnicity’ is missing" in data_import.errors[0]["message"]
    assert "staff_id, grade" in data_import.errors[0]["message"]  # the columns that were found


def test_unknown_grades_are_listed_with_their_rows(organisation):
    GradeFactory(organisation=organisation, code="PO1", name="Social worker", rank=3)
    GradeFactory(organisation=organisation, code="PO8", name="Team manager", rank=6, tier="manager")
    data_import = staff(organisation, (HEADER + "E1,WBRI,PO1,,,\nE2,WBRI,PO9,,,\nE3,WBRI,Band 7,,,\n").encode())
    assert [(row, field) for row, field, _ in messages(data_import)] == [(3, "grade"), (4, "grade")]
    assert "‘PO9’ is not one of the organisation's grades (PO1, PO8)" in data_import.errors[0]["message"]


def test_known_grades_by_name_are_stored_as_codes_with_rank_and_tier(organisation):
    GradeFactory(organisation=organisation, code="PO8", name="Team manager", rank=6, tier="manager")
    data_import = import_file(organisation=organisation, kind="workforce.staff", data=(
        HEADER + "E1,WBRI,team manager,,,\n").encode(), filename="s.csv", params={"as_at": "2026-03-31"})
    assert data_import.status == "succeeded", data_import.errors
    record = StaffRecord.objects.get()
    assert (record.grade, record.grade_rank, record.leadership_tier) == ("PO8", 6, "first_line")


def test_duplicated_staff_ids_name_both_rows(organisation):
    data_import = staff(organisation, (HEADER + "E1,WBRI,PO1,,,\nE2,WBRI,PO1,,,\ne1 ,WBRI,PO1,,,\n").encode())
    assert messages(data_import) == [(4, "staff_id", "This staff id is also on row 2: each staff id may appear "
                                                     "only once")]


def test_impossible_dates_name_row_and_column(organisation):
    data_import = staff(organisation, (HEADER + "E1,WBRI,PO1,,31/02/2024,\nE2,WBRI,PO1,,2024-13-01,\n"
                                                "E3,WBRI,PO1,,01/01/2020,1/1/19\n").encode())
    assert [(row, field) for row, field, _ in messages(data_import)] == [(2, "start_date"), (3, "start_date"),
                                                                         (4, "leaving_date")]
    assert "‘31/02/2024’ is not a real date" in data_import.errors[0]["message"]
    assert "2-digit year" in data_import.errors[2]["message"]


def test_leaving_before_starting_is_refused(organisation):
    data_import = staff(organisation, (HEADER + "E1,WBRI,PO1,,2020-05-01,2019-01-01\n").encode())
    assert messages(data_import)[0][:2] == (2, "leaving_date")


def test_negative_pay_is_refused(organisation):
    data_import = staff(organisation, (HEADER + "E1,WBRI,PO1,-12.50,,\nE2,WBRI,PO1,£14.20,,\n").encode())
    assert messages(data_import) == [(2, "hourly_pay", "Pay cannot be negative (-12.50)")]


def test_zero_byte_file(organisation):
    data_import = staff(organisation, b"")
    assert messages(data_import) == [(None, "", "The file is empty (0 bytes). Check you chose the right file and "
                                                "try again.")]


def test_header_only_file(organisation):
    data_import = staff(organisation, HEADER.encode())
    assert "no rows of data" in data_import.errors[0]["message"]


def test_file_without_a_header_row(organisation):
    data_import = staff(organisation, b"E1,WBRI,PO1,12.50\nE2,WBRI,PO1,13.00\n")
    assert "no header row" in data_import.errors[0]["message"]
    assert "E1, WBRI, PO1" in data_import.errors[0]["message"]


def test_duplicate_headers(organisation):
    data_import = staff(organisation, b"staff_id,ethnicity,grade,Grade\nE1,WBRI,PO1,PO2\n")
    assert "column ‘grade’ appears twice in the header row (columns 3 and 4)" in data_import.errors[0]["message"]


def test_a_recruitment_file_imported_as_staff_is_recognised(organisation):
    data_import = staff(organisation, b"application_id,vacancy_id,grade,ethnicity,shortlisted,appointed,"
                                      b"decision_date\nA1,V1,PO1,WBRI,Y,N,2026-01-01\n")
    assert data_import.errors[0]["message"].startswith("This looks like a recruitment file, not a staff snapshot "
                                                       "file: choose ‘Recruitment’")


def test_an_xml_file_imported_as_staff(organisation):
    data_import = staff(organisation, b'<?xml version="1.0"?><Message></Message>')
    assert "This is an XML file" in data_import.errors[0]["message"]


def test_a_cin_census_imported_as_csww_is_refused(organisation):
    assert CIN_SAMPLE.exists()
    data_import = import_file(organisation=organisation, kind="workforce.csww", path=CIN_SAMPLE)
    assert data_import.status == "failed"
    assert "not the DfE social work workforce census" in data_import.errors[0]["message"]
    assert StaffSnapshot.objects.count() == 0


def test_a_csv_imported_as_csww_is_refused(organisation):
    data_import = import_file(organisation=organisation, kind="workforce.csww", data=HEADER.encode(), filename="x")
    assert "not the CSWW census XML" in data_import.errors[0]["message"]


def test_malformed_csww_xml_names_the_line(organisation):
    data = b"<Message>\n<CSWWWorker><AgencyWorker>0</AgencyWorker>\n<SWENo>AB1</SWENo></Message>"
    data_import = import_file(organisation=organisation, kind="workforce.csww", data=data, filename="x.xml",
                              params={"as_at": "2022-09-30"})
    assert "not well formed" in data_import.errors[0]["message"]
    assert "line 3" in data_import.errors[0]["message"]


def test_csww_bad_codes_name_element_and_line(organisation):
    data = (b"<Message>\n<CSWWWorker>\n<AgencyWorker>2</AgencyWorker>\n<SWENo>AB1234567890</SWENo>\n"
            b"<OrgRole>9</OrgRole>\n</CSWWWorker>\n</Message>")
    data_import = import_file(organisation=organisation, kind="workforce.csww", data=data, filename="x.xml",
                              params={"as_at": "2022-09-30"})
    assert [(row, field) for row, field, _ in messages(data_import)] == [(2, "OrgRole"), (2, "AgencyWorker")]


def test_windows_1252_csv_imports_with_its_characters(organisation):
    data = (HEADER.replace("start_date", "team") + "E1,WBRI,PO1,,Équipe Nord – O’Brien,\n").encode("cp1252")
    data_import = import_file(organisation=organisation, kind="workforce.staff", data=data, filename="s.csv",
                              params={"as_at": "2026-03-31"})
    assert data_import.status == "succeeded", data_import.errors
    assert data_import.summary["encoding"] == "Windows-1252"
    assert StaffRecord.objects.get().team == "Équipe Nord – O’Brien"


def xlsx(rows, *, formula=None, merge=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if formula:
        sheet[formula[0]] = formula[1]
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_a_formula_is_refused_naming_the_cell(organisation):
    data = xlsx([["staff_id", "ethnicity", "grade", "hourly_pay"], ["E1", "WBRI", "PO1", 12],
                 ["E2", "WBRI", "PO1", 13]], formula=("D3", "=D2+1"))
    data_import = staff(organisation, data)
    assert messages(data_import) == [(3, "hourly_pay", "Cell D3 contains a formula (=D2+1): copy the column and "
                                                       "paste it back as values only")]


def test_xlsx_with_merged_header_cells_is_refused(organisation):
    data = xlsx([["staff_id", "ethnicity", "grade", None], ["E1", "WBRI", "PO1", 12]], merge="C1:D1")
    data_import = staff(organisation, data)
    assert "header row has merged cells (C1:D1)" in data_import.errors[0]["message"]


def test_xlsx_imports_detected_by_content_with_dates_and_numbers(organisation):
    from datetime import datetime

    data = xlsx([["Staff ID", "Ethnicity", "Grade", "Start date", "FTE"],
                 [10001, "Indian", "PO1", datetime(2020, 5, 1), 0.8]])
    data_import = import_file(organisation=organisation, kind="workforce.staff", data=data, filename="no-extension",
                              params={"as_at": "2026-03-31"})
    assert data_import.status == "succeeded", data_import.errors
    record = StaffRecord.objects.get()
    assert (str(record.start_date), str(record.fte), record.ethnicity) == ("2020-05-01", "0.800", "asian_indian")


def test_errors_are_all_counted_but_only_1000_stored(organisation):
    data = HEADER + "".join(f"E{n},WBRI,PO1,-1,,\n" for n in range(1200))
    data_import = staff(organisation, data.encode())
    assert data_import.error_count == 1200
    assert len(data_import.errors) == 1000


def test_recruitment_rules(organisation):
    head = "application_id,vacancy_id,grade,ethnicity,shortlisted,appointed,decision_date\n"
    data = head + "A1,V1,PO1,WBRI,N,Y,2026-01-01\nA2,V1,PO1,WBRI,maybe,N,2026-01-01\nA1,V1,PO1,WBRI,yes,no,2026-01-02\n"
    data_import = import_file(organisation=organisation, kind="workforce.recruitment", data=data.encode(),
                              filename="r.csv")
    assert data_import.status == "failed"
    assert [(row, field) for row, field, _ in messages(data_import)] == [
        (2, "appointed"), (3, "shortlisted"), (4, "application_id")]
    assert Application.objects.count() == 0


def test_an_existing_snapshot_date_is_not_overwritten(organisation):
    first = import_file(organisation=organisation, kind="workforce.staff", data=(HEADER + "E1,WBRI,PO1,,,\n").encode(),
                        filename="march.csv", params={"as_at": "2026-03-31"})
    assert first.status == "succeeded"
    second = staff(organisation, (HEADER + "E2,WBRI,PO1,,,\n").encode())
    assert "already a staff snapshot at 31 March 2026 from ‘march.csv’" in second.errors[0]["message"]


def test_promotion_to_a_less_senior_grade(organisation):
    GradeFactory(organisation=organisation, code="PO1", rank=3)
    GradeFactory(organisation=organisation, code="PO4", rank=4)
    data = "staff_id,date,from_grade,to_grade\nE1,2026-01-01,PO4,PO1\n"
    data_import = import_file(organisation=organisation, kind="workforce.promotions", data=data.encode(),
                              filename="p.csv")
    assert messages(data_import)[0][:2] == (2, "to_grade")
    assert Promotion.objects.count() == 0
