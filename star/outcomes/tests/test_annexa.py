"""Ofsted Annex A reader: list-to-stage mapping, messy workbooks and bad input (no database)."""

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from star.outcomes.cube import WrongFormat
from star.outcomes.sources import annexa
from star.outcomes.sources.annexa import read_annexa

TODAY = date(2024, 6, 1)
EXTERNAL = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "external"
BASE = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age"]
HEADERS = {
    1: [*BASE, "Date of Contact", "Contact Source"],
    2: [*BASE, "Assessment start date", "Assessment completion date"],
    3: [*BASE, "Date of Referral", "Referral NFA?", "Number of Referrals in Last 12 Months"],
    4: [*BASE, "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"],
    5: [*BASE, "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?", "Date of Initial Child Protection Conference",
        "Number of ICPCs in the last 12 months"],
    6: [*BASE, "CIN Start Date", "CIN Closure Date"],
    7: [*BASE, "Child Protection Plan Start Date", "Child Protection Plan End Date"],
    8: [*BASE, "Date Started to be Looked After", "Start date of current legal status", "Child's Legal Status",
        "Date Ceased to be Looked After"],
    9: [*BASE, "Eligibility Category", "Activity Status"],
}
KID = ["b) Female", "a) WBRI", datetime(2015, 6, 1), 8.8]  # sex, ethnicity, date of birth, age


def write(tmp_path: Path, lists: dict, *, name="annex_a.xlsx", titles: dict | None = None, above=0) -> Path:
    """``lists``: {number: [row, ...]} written under that list's standard header; ``above`` title rows first."""
    wb = Workbook()
    wb.remove(wb.active)
    for number, rows in lists.items():
        ws = wb.create_sheet((titles or {}).get(number, f"List {number}"))
        for i in range(above):
            ws.append([f"Annex A list {number}" if i == 0 else None])
        ws.append(HEADERS[number])
        for row in rows:
            ws.append(list(row))
    path = tmp_path / name
    wb.save(path)
    return path


def read(path: Path, **kwargs):
    kwargs.setdefault("today", TODAY)
    return read_annexa(path, **kwargs)


def totals(result) -> dict:
    return dict(result.cube.stage_totals())


def test_each_list_gives_its_stage_and_a_child_is_merged_across_lists(tmp_path):
    path = write(tmp_path, {
        1: [[101, *KID, datetime(2023, 5, 1), "Police"], [102, *KID, datetime(2023, 5, 2), "School"]],
        2: [[103, *KID, datetime(2023, 5, 3), None]],
        3: [[101, *KID, datetime(2023, 5, 4), "No", 0]],
        4: [[101, *KID, datetime(2023, 5, 5), None]],
        5: [[101, *KID, datetime(2023, 5, 6), "No", datetime(2023, 5, 20), 1]],
        7: [[101, *KID, datetime(2023, 5, 21), None]],
        9: [[104, "a) Male", "k) APKN", datetime(2005, 1, 1), 19, "Former relevant", "F1"]],
    })
    result = read(path, year=2024)
    assert totals(result) == {"contact": 2, "early_help": 1, "referral": 1, "assessment": 1, "section47": 1,
                              "icpc": 1, "cp_plan": 1, "care_leaver": 1}
    assert result.cube.children == 4  # 101 is one child across six lists
    transitions = result.cube.transitions
    for before, after in [("contact", "referral"), ("referral", "assessment"), ("assessment", "section47"),
                          ("section47", "icpc"), ("icpc", "cp_plan")]:
        assert transitions[before, after, "white_british"] == 1
    assert result.cube.cells["care_leaver", "asian_pakistani", "18+", "male"] == 1
    assert result.cube.cells["contact", "white_british", "5-9", "female"] == 2
    assert (result.source, result.year, result.records_read, result.files) == ("annexa", 2024, 8, ["annex_a.xlsx"])


def test_messy_workbook_sheet_names_title_rows_blank_rows_labels_and_formulas(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "List 1 - Contacts"
    ws.append(["Annex A: List 1 - Contacts in the last six months"])
    ws.append([])
    ws.append(["", " Child  Unique ID ", "GENDER", "Ethnicity\n(code)", "Date of birth", "Date of contact"])
    ws.append([None, "A1", "b) Female", "a) WBRI", "14/02/2016", "2023-09-16"])
    ws.append([])
    ws.append([None, "A2", "Boy", "Mixed: White & Asian", datetime(2009, 1, 1), datetime(2023, 9, 17)])
    ws.append([None, None, None, None, None, None])
    ws.append([None, "A3", "a) Male", "Martian", None, "=TODAY()"])
    wb.create_sheet("Notes").append(["Child Unique ID", "Not a list"])
    path = tmp_path / "messy.xlsx"
    wb.save(path)
    result = read(path, year=2024)
    cells = {key[1:]: n for key, n in result.cube.cells.items()}
    assert cells == {("white_british", "5-9", "female"): 1, ("mixed_white_asian", "10-15", "unknown"): 1,
                     ("invalid", "unknown", "male"): 1}
    assert result.cube.invalid_codes == {"Martian": 1}
    assert result.records_read == 3
    assert result.cube.problem_count == 0  # a formula without a cached value is a blank cell


@pytest.mark.parametrize(("header", "value", "counted"), [
    ("Number of Referrals in Last 12 Months", 2, True),
    ("Number of Referrals in Last 12 Months", 1, True),
    ("Number of Referrals in Last 12 Months", 0, False),
    ("Number of Referrals in Last 12 Months", None, False),
    ("Re-referral within 12 months (Y/N)", "a) Yes", True),
    ("Re-referral within 12 months (Y/N)", "Y", True),
    ("Rereferral in last 12 months", "Yes - within 12 months", True),
    ("Re-referral within 12 months (Y/N)", "b) No", False),
])
def test_re_referral_from_a_yes_no_or_count_column(tmp_path, header, value, counted):
    wb = Workbook()
    ws = wb.active
    ws.title = "List 3"
    ws.append([*BASE, "Date of Referral", header])
    ws.append([1, *KID, datetime(2023, 9, 1), value])
    path = tmp_path / "a.xlsx"
    wb.save(path)
    result = read(path, year=2024)
    assert totals(result).get("re_referral_12m", 0) == int(counted)
    assert totals(result)["referral"] == 1


def test_icpc_only_when_a_conference_date_is_present(tmp_path):
    path = write(tmp_path, {5: [[1, *KID, datetime(2023, 6, 1), "No", datetime(2023, 6, 20), 1],
                                [2, *KID, datetime(2023, 6, 1), "Yes", None, 0],
                                [3, *KID, datetime(2023, 6, 1), "Yes", "#N/A", 0]]})
    result = read(path, year=2024)
    assert totals(result) == {"section47": 3, "icpc": 1}


def test_plans_count_when_they_start_in_the_year(tmp_path):
    path = write(tmp_path, {6: [[1, *KID, datetime(2023, 4, 1), None], [2, *KID, datetime(2010, 6, 9), None],
                                [3, *KID, None, None]],
                            7: [[4, *KID, datetime(2024, 3, 31), None], [5, *KID, datetime(2024, 4, 1), None]]})
    result = read(path, year=2024)
    assert totals(result) == {"cin_plan": 1, "cp_plan": 1}
    assert any("List 6: 1 row(s) not counted (no start date)" in note for note in result.cube.notes)


def test_looked_after_start_and_at_31_march(tmp_path):
    started, before, after = datetime(2023, 7, 1), datetime(2015, 1, 1), datetime(2024, 4, 2)
    path = write(tmp_path, {8: [
        [1, *KID, started, started, "C2: FCO", None],  # started in the year, still looked after
        [2, *KID, before, before, "E1: Placement order", None],  # looked after for years
        [3, *KID, started, started, "C1: ICO", datetime(2024, 1, 5)],  # started and ceased in the year
        [4, *KID, before, before, "C2: FCO", datetime(2024, 4, 30)],  # ceased after 31 March
        [5, *KID, after, after, "C2: FCO", None],  # started after 31 March
        [6, *KID, started, started, "V3: Single short break", None],  # short breaks are not looked after
    ]})
    result = read(path, year=2024)
    assert totals(result) == {"cla_start": 2, "cla_at_31_march": 3}
    assert result.cube.transitions["cla_start", "cla_at_31_march", "white_british"] == 1
    assert any("short break" in note for note in result.cube.notes)


def test_care_leavers_aged_17_to_21(tmp_path):
    path = write(tmp_path, {9: [[1, "a) Male", "a) WBRI", datetime(2005, 6, 1), 18, "x", "y"],
                                [2, "a) Male", "a) WBRI", datetime(2000, 6, 1), 23, "x", "y"],
                                [3, "a) Male", "a) WBRI", None, None, "x", "y"]]})
    result = read(path, year=2024)
    assert totals(result) == {"care_leaver": 2}
    assert any("not aged 17 to 21" in note for note in result.cube.notes)


def test_a_child_listed_twice_in_one_list_counts_once_and_is_not_an_error(tmp_path):
    path = write(tmp_path, {1: [[7, *KID, datetime(2023, 5, 1), "Police"], [7, *KID, datetime(2023, 6, 1), "School"]]})
    result = read(path, year=2024)
    assert totals(result) == {"contact": 1}
    assert result.cube.children == 1 and result.cube.problem_count == 0
    assert result.records_read == 2


def test_ethnicity_sex_and_birth_come_from_the_first_list_that_has_them(tmp_path):
    path = write(tmp_path, {1: [[1, None, "a) WBRI", None, None, datetime(2023, 5, 1), "Police"]],
                            3: [[1, "b) Female", "k) APKN", datetime(2012, 1, 1), 11, datetime(2023, 5, 2), "No", 0]]})
    result = read(path, year=2024)
    assert set(key[1:] for key in result.cube.cells) == {("white_british", "10-15", "female")}


def test_unknown_labels(tmp_path):
    path = write(tmp_path, {1: [[1, "c) Not stated/recorded", "zz) XXXX", None, 3.5, datetime(2023, 5, 1), "P"],
                                [2, "Indeterminate", None, None, None, datetime(2023, 5, 1), "P"]]})
    result = read(path, year=2024)
    assert set(key[1:] for key in result.cube.cells) == {("invalid", "0-4", "unknown"),
                                                       ("not_obtained", "unknown", "unknown")}
    assert result.cube.invalid_codes == {"zz) XXXX": 1}


def test_unparseable_and_future_dates_are_errors_with_sheet_and_row(tmp_path):
    path = write(tmp_path, {1: [[1, *KID, "sometime in May", "Police"]],
                            8: [[2, "b) Female", "a) WBRI", "31/13/2010", 12, datetime(2024, 7, 1), None, "C2", None]]},
                 titles={8: "List 8 - CLA"}, above=2)
    result = read(path, year=2024)
    problems = sorted((p.file, p.line, p.field, p.message) for p in result.cube.problems)
    assert problems == [
        ("annex_a.xlsx List 1", 4, "Date of Contact", "Date of Contact is not a date."),
        ("annex_a.xlsx List 8 - CLA", 4, "Date Started to be Looked After",
         "Date Started to be Looked After is in the future; it was not counted."),
        ("annex_a.xlsx List 8 - CLA", 4, "Date of Birth", "Date of Birth is not a date."),
    ]
    assert totals(result) == {"contact": 1, "cla_at_31_march": 1}


def test_year_inferred_from_the_latest_date_with_a_note(tmp_path):
    path = write(tmp_path, {1: [[1, *KID, datetime(2022, 11, 1), "P"]],
                            7: [[2, *KID, datetime(2023, 2, 1), datetime(2023, 4, 3)]]})
    result = read(path)
    assert result.year == 2024  # the plan's end date, 3 April 2023, is the latest date
    assert any("the year of the latest date" in note for note in result.cube.notes)
    assert totals(result) == {}
    assert any("List 1: 1 row(s) dated outside the collection year 2024" in note for note in result.cube.notes)
    assert totals(read(path, year=2023)) == {"contact": 1, "cp_plan": 1}


def test_events_of_lists_1_to_5_count_in_the_year_or_when_undated(tmp_path):
    path = write(tmp_path, {
        3: [[1, *KID, datetime(2023, 4, 1), "No", 1], [2, *KID, datetime(2023, 3, 31), "No", 1],
            [3, *KID, None, "No", 0]],
        4: [[1, *KID, datetime(2024, 3, 31), None], [2, *KID, datetime(2024, 4, 1), None]],
        5: [[1, *KID, datetime(2023, 3, 1), "No", datetime(2023, 4, 2), 1]],  # enquiry before, conference in
    })
    result = read(path, year=2024)
    assert totals(result) == {"referral": 2, "re_referral_12m": 1, "assessment": 1, "icpc": 1}
    notes = " ".join(result.cube.notes)
    assert "List 3: 1 row(s) dated outside" in notes and "List 4: 1 row(s)" in notes and "List 5: 1 row(s)" in notes


def test_adoption_lists_are_ignored_and_missing_lists_noted(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "List 10"
    ws.append(["Child Unique ID", "Gender", "Date of Birth"])
    ws.append([1, "a) Male", datetime(2020, 1, 1)])
    ws2 = wb.create_sheet("List 1")
    ws2.append(HEADERS[1])
    ws2.append([2, *KID, datetime(2023, 5, 1), "P"])
    path = tmp_path / "a.xlsx"
    wb.save(path)
    result = read(path, year=2024)
    assert totals(result) == {"contact": 1}
    assert any("List 2 (early help)" in note for note in result.cube.notes)


def test_a_list_without_a_child_id_column_is_a_problem(tmp_path):
    wb = Workbook()
    wb.active.title = "List 1"
    wb.active.append(["Name", "Date of Contact"])
    path = tmp_path / "a.xlsx"
    wb.save(path)
    (problem,) = read(path, year=2024).cube.problems
    assert problem.file == "a.xlsx List 1" and "child id column" in problem.message


def test_progress_every_so_many_rows(tmp_path, monkeypatch):
    assert annexa.PROGRESS_EVERY == 5000
    monkeypatch.setattr(annexa, "PROGRESS_EVERY", 2)  # a small workbook keeps the test fast
    path = write(tmp_path, {1: [[i, *KID, datetime(2023, 5, 1), "P"] for i in range(5)]})
    calls = []
    result = read(path, year=2024, progress=calls.append)
    assert calls == [2, 4, 5]
    assert totals(result) == {"contact": 5}


@pytest.mark.parametrize(("content", "expected"), [
    (b"Child Unique ID,Gender\n1,Male\n", "not a spreadsheet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", ".xls"),
    (b"PK\x03\x04not really a zip", "not a readable .xlsx"),
])
def test_files_that_are_not_a_workbook_raise_wrong_format(tmp_path, content, expected):
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    with pytest.raises(WrongFormat, match="expected an Ofsted Annex A workbook") as raised:
        read(path)
    assert expected in str(raised.value)


def test_a_workbook_without_list_sheets_raises_wrong_format(tmp_path):
    wb = Workbook()
    wb.active.title = "Staff"
    wb.active.append(["Name", "Ethnicity"])
    path = tmp_path / "staff.xlsx"
    wb.save(path)
    with pytest.raises(WrongFormat, match=r'no sheets named List 1 to List 9.*"Staff"'):
        read(path)


@pytest.mark.skipif(not EXTERNAL.is_dir(), reason="external sample data not present")
def test_external_annex_a_sample():
    result = read_annexa(EXTERNAL / "liiatools-samples" / "Annex_A.xlsx", today=date(2026, 11, 29))
    assert result.year == 2021
    assert result.cube.problem_count == 0
    # List 4's assessments all started before April 2020 (they are listed for their authorisation dates)
    assert totals(result) == {"contact": 5, "early_help": 5, "referral": 6, "re_referral_12m": 3, "section47": 5,
                              "icpc": 3, "cp_plan": 5, "cla_at_31_march": 4, "care_leaver": 6}
    assert result.cube.children == 35
