"""The tabular reader and value parsers (no database)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from star.core.imports.errors import FileRefused, ParseError
from star.core.imports.parsers import make_choice, parse_date, parse_decimal, parse_flag, parse_int
from star.core.imports.reader import CSV, XLSX, count_rows, decode_text, detect_format, normalise_header, read_table


def test_headers_are_normalised():
    assert normalise_header(" Staff ID ") == normalise_header("staff-id") == normalise_header("STAFF_ID") == "staff_id"


def test_format_is_detected_from_content():
    assert detect_format(b"a,b\n1,2\n") == CSV
    with pytest.raises(FileRefused, match="old Excel 97-2003"):
        detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest")
    with pytest.raises(FileRefused, match=r"damaged|not an Excel workbook"):
        detect_format(b"PK\x03\x04not really a zip")
    with pytest.raises(FileRefused, match="binary data"):
        detect_format(b"%PDF-1.4\x00\x00")


def test_decoding_prefers_utf8_then_windows_1252():
    assert decode_text("café".encode()) == ("café", "UTF-8")
    assert decode_text(b"\xef\xbb\xbfcaf\xc3\xa9") == ("café", "UTF-8 (with byte-order mark)")
    assert decode_text("O’Brien".encode("cp1252")) == ("O’Brien", "Windows-1252")


def test_csv_rows_are_numbered_as_a_spreadsheet_and_blank_rows_skipped():
    table = read_table(b"Staff ID,Grade\nE1,PO1\n,\nE2,PO2,extra\n", renames={})
    assert table.format == CSV
    assert list(table.rows) == [(2, {"staff_id": "E1", "grade": "PO1"}),
                                (4, {"staff_id": "E2", "grade": "PO2", "__extra__": 1})]


def test_semicolon_csv_and_renames():
    table = read_table(b"Emp No;Ethnic origin\nE1;WBRI\n", renames={"emp_no": "staff_id"})
    assert list(table.rows) == [(2, {"staff_id": "E1", "ethnic_origin": "WBRI"})]
    assert table.notes == ["Columns are separated by semicolons."]


def test_count_rows_estimates():
    assert count_rows(b"a\n1\n2\n") == 2
    assert count_rows(b"a\n1\n2") == 2
    assert count_rows(b"") == 0
    assert detect_format(b"\n  <?xml version='1.0'?><a/>") == "xml"
    assert XLSX == "xlsx"


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-02-29", date(2024, 2, 29)), ("29/02/2024", date(2024, 2, 29)), ("1/3/2024", date(2024, 3, 1)),
    ("2024-03-31 00:00:00", date(2024, 3, 31)), ("2024-03-31T00:00:00Z", date(2024, 3, 31)),
])
def test_dates_iso_and_uk(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ("31/02/2024", "not a real date"), ("29/02/2023", "not a real date"), ("2024-00-10", "not a real date"),
    ("03/31/2024", "not a real date"), ("31/03/24", "2-digit year"), ("next week", "not a date"),
    ("1066-10-14", "outside 1900 to 2100"),
])
def test_impossible_dates_are_refused(raw, message):
    with pytest.raises(ParseError, match=message):
        parse_date(raw)


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 31))
def test_date_parser_accepts_exactly_the_real_dates(year, month, day):
    try:
        real = date(year, month, day)
    except ValueError:
        real = None
    for text in (f"{year:04d}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year:04d}", f"{day}/{month}/{year}"):
        if real is None:
            with pytest.raises(ParseError):
                parse_date(text)
        else:
            assert parse_date(text) == real


@given(st.text(max_size=8))
def test_flag_parser_accepts_only_the_documented_spellings(text):
    accepted = {"y": True, "yes": True, "true": True, "1": True, "n": False, "no": False, "false": False, "0": False}
    expected = accepted.get(text.strip().lower())
    if expected is None:
        with pytest.raises(ParseError):
            parse_flag(text)
    else:
        assert parse_flag(text) is expected


def test_decimals_and_integers():
    assert parse_decimal("£1,234.505") == Decimal("1234.51")
    with pytest.raises(ParseError, match="cannot be negative"):
        parse_decimal("-0.01", noun="Pay")
    with pytest.raises(ParseError, match="not a number"):
        parse_decimal("NaN")
    assert parse_int("7") == 7
    with pytest.raises(ParseError, match="not a whole number"):
        parse_int("7.5")


def test_choices_ignore_case_and_hyphens():
    parse = make_choice({"first-line": "first_line", "senior": "senior"}, allow_blank=True)
    assert parse("First Line") == parse("FIRST_LINE") == "first_line"
    assert parse("") == ""
    with pytest.raises(ParseError, match="is not one of: first-line, senior"):
        parse("top")
