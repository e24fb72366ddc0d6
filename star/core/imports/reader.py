"""One tabular reader for CSV and XLSX files, streaming rows as ``(row_number, {column: value})``.

The format is read from the content, not only the name. CSV is decoded as UTF-8 (with or without
a byte-order mark) and then as Windows-1252. XLSX is read in openpyxl's streaming mode; cells with
formulas and merged header cells are refused because what the analyst sees is not what is stored.
Row numbers are as a spreadsheet shows them: the header is row 1.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import time

from openpyxl.utils import get_column_letter, range_boundaries

from .errors import FileRefused

CSV, XLSX, XML = "csv", "xlsx", "xml"
EXTRA = "__extra__"  # key of a row's surplus values (more values than headings)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


@dataclass(frozen=True)
class Formula:
    """A spreadsheet cell holding a formula rather than a value."""

    cell: str
    formula: str


@dataclass
class Table:
    format: str
    headers: list[str]
    columns: list[str | None]
    rows: Iterator[tuple[int, dict]]
    header_row: int = 1
    encoding: str = ""
    sheet: str = ""
    notes: list[str] = field(default_factory=list)


def normalise_header(header) -> str:
    """"Staff ID", "staff-id" and " STAFF_ID " all become "staff_id"."""
    return re.sub(r"[^a-z0-9]+", "_", str(header or "").strip().lower()).strip("_")


def detect_format(data: bytes) -> str:
    """"csv", "xlsx" or "xml" from the bytes; refuses empty, old Excel and other binary files."""
    if not data:
        raise FileRefused("The file is empty (0 bytes). Check you chose the right file and try again.")
    if data.startswith(_ZIP_MAGIC):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise FileRefused("The file looks like a spreadsheet but is damaged: save it again as .xlsx or "
                              "CSV.") from None
        if "xl/workbook.xml" not in names:
            raise FileRefused("The file is a zip archive, not an Excel workbook: upload a .xlsx or CSV file.")
        return XLSX
    if data.startswith(_OLE_MAGIC):
        raise FileRefused("The file is in the old Excel 97-2003 format (.xls): save it as .xlsx or CSV and try again.")
    start = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<?xml") or (start.startswith(b"<") and not start.startswith(b"<<")):
        return XML
    if b"\x00" in data[:8192]:
        raise FileRefused("The file is not a CSV or Excel file (it contains binary data): upload a .csv or .xlsx file.")
    return CSV


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and a readable name of its encoding: UTF-8 first, then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 (with byte-order mark)"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise FileRefused("The file's characters cannot be read as UTF-8 or Windows-1252: "
                          "save it as ‘CSV UTF-8’ and try again.") from None


def read_table(data: bytes, *, renames: Mapping[str, str] | None = None) -> Table:
    """Read a CSV or XLSX file. ``renames`` maps normalised file headings to STAR column names."""
    kind = detect_format(data)
    if kind == XML:
        raise FileRefused("This is an XML file, not a CSV or Excel file. If it is the DfE social work workforce "
                          "census (CSWW), choose that kind of import.")
    if kind == XLSX:
        return _read_xlsx(data, renames or {})
    return _read_csv(data, renames or {})


def _columns(headers: list[str], renames: Mapping[str, str], *, letters: bool) -> list[str | None]:
    columns: list[str | None] = []
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = normalise_header(header)
        name = renames.get(key, key) or None
        if name is not None and name in seen:
            where = (f"columns {get_column_letter(seen[name] + 1)} and {get_column_letter(index + 1)}" if letters
                     else f"columns {seen[name] + 1} and {index + 1}")
            raise FileRefused(f"The column ‘{name}’ appears twice in the header row ({where}): "
                              "each column needs its own heading.")
        if name is not None:
            seen[name] = index
        columns.append(name)
    if not seen:
        raise FileRefused("The file has no header row: the first row must name the columns.")
    return columns


def _row_dict(columns: list[str | None], values) -> dict:
    row = {}
    extra = 0
    for index, value in enumerate(values):
        if index < len(columns):
            if columns[index] is not None:
                row[columns[index]] = value
        elif value not in (None, ""):
            extra += 1
    if extra:
        row[EXTRA] = extra
    return row


def _read_csv(data: bytes, renames) -> Table:
    text, encoding = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise FileRefused("The file has no rows: the first row must name the columns.") from None
    except csv.Error as error:
        raise FileRefused(f"The header row cannot be read as CSV ({error}).") from None
    columns = _columns(headers, renames, letters=False)

    def rows():
        number = 1
        try:
            for values in reader:
                number += 1
                if any(value.strip() for value in values):
                    yield number, _row_dict(columns, [value.strip() for value in values])
        except csv.Error as error:
            raise FileRefused(f"Row {number + 1} cannot be read as CSV ({error}): check for a stray quotation mark.",
                              ) from None

    notes = [] if delimiter == "," else [f"Columns are separated by {'semicolons' if delimiter == ';' else 'tabs'}."]
    return Table(CSV, headers, columns, rows(), encoding=encoding, notes=notes)


def _cell_value(cell):
    value = cell.value
    if cell.data_type == "f":
        return Formula(cell.coordinate, str(value))
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, time):
        return value.isoformat()
    return value


def _merged_ranges(archive: zipfile.ZipFile, path: str) -> set[str]:
    refs: set[str] = set()
    tail = b""
    with archive.open(path) as source:
        while chunk := source.read(1 << 20):
            buffer = tail + chunk
            refs.update(match.group(1).decode() for match in _MERGE_RE.finditer(buffer))
            tail = buffer[-300:]
    return refs


def _read_xlsx(data: bytes, renames) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for damaged files
        raise FileRefused("The Excel file cannot be opened: it may be damaged or password-protected. "
                          "Save it again as .xlsx or CSV.") from None
    sheet = workbook.worksheets[0]
    notes = []
    if len(workbook.worksheets) > 1:
        notes.append(f"Only the first sheet, ‘{sheet.title}’, was read.")
    cells = sheet.iter_rows()
    header_cells = None
    for row in cells:
        if any(cell.value not in (None, "") for cell in row):
            header_cells = row
            break
    if header_cells is None:
        raise FileRefused("The spreadsheet's first sheet is empty: the first row must name the columns.")
    header_row = next(cell.row for cell in header_cells if hasattr(cell, "row"))
    formulas = [cell.coordinate for cell in header_cells if cell.data_type == "f"]
    if formulas:
        raise FileRefused(f"The header row contains formulas (cells {', '.join(formulas)}): type the headings as text.")
    merged = sorted(ref for ref in _merged_ranges(workbook._archive, sheet._worksheet_path)
                    if ":" in ref and range_boundaries(ref)[1] <= header_row <= range_boundaries(ref)[3])
    if merged:
        raise FileRefused(f"The header row has merged cells ({', '.join(merged)}): unmerge them so that each "
                          "column has its own heading.")
    headers = ["" if cell.value is None else str(cell.value).strip() for cell in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    columns = _columns(headers, renames, letters=True)

    def rows():
        try:
            for row in cells:
                values = [_cell_value(cell) for cell in row]
                if any(value not in (None, "") for value in values):
                    number = next((cell.row for cell in row if hasattr(cell, "row")), None)
                    yield number, _row_dict(columns, values)
        finally:
            workbook.close()

    return Table(XLSX, headers, columns, rows(), header_row=header_row, sheet=sheet.title, notes=notes)


def count_rows(data: bytes) -> int:
    """A quick estimate of the number of data rows (to choose between now and a background task)."""
    try:
        kind = detect_format(data)
    except FileRefused:
        return 0
    if kind == XLSX:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True)
            rows = workbook.worksheets[0].max_row or 0
            workbook.close()
        except Exception:
            return 0
        return max(rows - 1, 0)
    if kind == XML:
        return data.count(b"<CSWWWorker>")
    return max(data.count(b"\n") - (0 if data.endswith(b"\n") else -1) - 1, 0)
