import io

from openpyxl import load_workbook

from star.core.charts import Point, interval_chart, line_chart
from star.core.exports import csv_response, xlsx_response


def test_csv_download_neutralises_formulas_and_keeps_unicode():
    response = csv_response(filename="x.csv", columns=["group", "value"],
                            rows=[{"group": "=HYPERLINK(\"http://evil\")", "value": 3},
                                  {"group": "Mixed or Multiple ethnic groups: White and Asian", "value": None}])
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "White and Asian," in text
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_xlsx_download_has_notes_then_header_then_rows():
    response = xlsx_response(filename="x.xlsx", sheet="Report", columns=["group", "value"],
                             rows=[{"group": "White", "value": 1.5}], notes=["Figures under 5 are shown as c."])
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Figures under 5 are shown as c."
    assert rows[2] == ("group", "value") and rows[3] == ("White", 1.5)


def test_charts_are_labelled_svg_pointing_to_their_table():
    svg = interval_chart([Point("White", 0.3, 0.2, 0.4), Point("Global Majority", 0.2, 0.1, 0.3),
                          Point("Suppressed", None)], title="Shortlisting rate", axis_label="%", percent=True,
                         reference=0.25)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "same figures are in the table" in svg
    assert "Global Majority" in svg and "Suppressed" not in svg
    assert "style=" not in svg and "<style" not in svg  # the CSP forbids inline styles
    assert 'fill="#ffffff"' in svg
    line = line_chart(["2022", "2023"], {"Leadership": [0.2, 0.25], "Workforce": [0.5, None]},
                      title="Trend", axis_label="%", percent=True)
    assert "Leadership" in line and "<script" not in line
