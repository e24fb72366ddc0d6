"""`star population import FILE`: one platform-wide table, replaced per area and year."""

import pytest
from django.core.management import CommandError, call_command

from star.core.models import DataImport, PopulationEstimate

HEADER = "area_code,area_name,year,age_band,sex,ethnicity,count\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def write(tmp_path, text, name="population.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_population_import(tmp_path, capsys):
    path = write(tmp_path, HEADER + "E06000001,Northbridge,2021,0-17,all,WBRI,31250\n"
                                    "E06000001,Northbridge,2021,0-17,all,\"Asian, Asian British or Asian Welsh: "
                                    "Indian\",1200\nE06000001,Northbridge,2021,0-17,F,Refused,5\n")
    call_command("population", "import", path)
    assert "Imported population.csv" in capsys.readouterr().out
    cells = dict(PopulationEstimate.objects.values_list("ethnicity", "count"))
    assert cells == {"white_british": 31250, "asian_indian": 1200, "refused": 5}
    assert PopulationEstimate.objects.get(ethnicity="refused").sex == "female"
    assert DataImport.objects.get().organisation is None

    call_command("population", "import", path)  # the same file again changes nothing
    assert "already imported" in capsys.readouterr().out
    assert DataImport.objects.count() == 1

    newer = write(tmp_path, HEADER + "E06000001,Northbridge,2021,0-17,all,WBRI,31000\n", "v2.csv")
    call_command("population", "import", newer)
    assert list(PopulationEstimate.objects.values_list("ethnicity", "count")) == [("white_british", 31000)]


@pytest.mark.django_db
def test_population_import_refuses_bad_rows_and_changes_nothing(tmp_path, capsys):
    path = write(tmp_path, HEADER + "E06000001,Northbridge,2021,all,all,WBRI,-4\n"
                                    "E06000001,Northbridge,2021,all,all,White British,10\n"
                                    "E06000001,Northbridge,2021,all,all,Martian,10\n")
    with pytest.raises(CommandError, match="Nothing was imported: 3 problems"):
        call_command("population", "import", path)
    err = capsys.readouterr().err
    assert "Row 2, count: -4 is less than 0" in err
    assert "Row 3, ethnicity: This area, year, age band, sex and ethnicity are already on row 2" in err  # WBRI
    assert "Row 4, ethnicity: ‘Martian’ is not a recognised ethnicity (1 row, first on row 4): use an ONS" in err
    assert PopulationEstimate.objects.count() == 0


@pytest.mark.django_db
def test_population_file_may_call_the_area_column_area(tmp_path):
    """The documented short heading `area` is read as the area code."""
    path = write(tmp_path, "area,year,age_band,sex,ethnicity,count\nE09000901,2021,0-17,all,BCRB,2100\n")
    call_command("population", "import", path)
    cell = PopulationEstimate.objects.get()
    assert (cell.area_code, cell.age_band, cell.ethnicity, cell.count) == ("E09000901", "0-17", "black_caribbean",
                                                                            2100)
