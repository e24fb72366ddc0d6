"""Downloads of the same rows a page shows: CSV and XLSX (no formulas, text cells kept as text)."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Cells starting with these characters would be read as formulas by spreadsheet programs.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Neutralise spreadsheet formula injection in text cells (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


def csv_response(*, filename: str, columns: Sequence[str], rows: Iterable[dict]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe(row.get(column)) for column in columns])
    return response


def xlsx_response(*, filename: str, sheet: str, columns: Sequence[str], rows: Iterable[dict],
                  notes: Sequence[str] = ()) -> HttpResponse:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    for note in notes:
        worksheet.append([note])
    if notes:
        worksheet.append([])
    worksheet.append(list(columns))
    for row in rows:
        worksheet.append([_safe(row.get(column)) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
