import io
import json

import pytest
from django.core.management import CommandError, call_command

from star.outcomes import synthetic
from star.outcomes.models import OutcomeReturn

from .helpers import make_population

pytestmark = pytest.mark.django_db
AREA = "E09000001"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("outcomes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    children = synthetic.generate(year=2025, children=20_000, seed=4)
    cin = synthetic.write_cin_census(children, tmp_path / "cin.xml", year=2025)
    ssda903 = synthetic.write_ssda903_csv(children, tmp_path / "903", year=2025)
    return {"cin": cin, "ssda903": list(ssda903.values()),
            "expected": synthetic.expected_counts(children, year=2025)}


def test_import_and_report_in_every_format(organisation, files):
    organisation.la_code = AREA
    organisation.save()
    make_population(counts={"white_british": 13_000, "black_african": 3_000, "asian_pakistani": 4_000})
    out, _ = run("import", "cin", str(files["cin"]))
    referred = sum(count for (stage, _), count in files["expected"].items() if stage == "referral")
    assert f"for {AREA}, 2024 to 2025" in out and f"referral {referred:,}" in out
    out, _ = run("import", "ssda903", *map(str, files["ssda903"]))
    assert "Imported header.csv, episodes.csv, oc3.csv" in out
    assert run("import", "cin", str(files["cin"]))[0].startswith("cin.xml was already imported")
    assert set(OutcomeReturn.objects.values_list("source", flat=True)) == {"cin", "ssda903"}

    report = json.loads(run("report", "--year", "2025", "--level", "detailed")[0])
    assert report["year"] == 2025 and report["area"] == AREA and report["level"] == "detailed"
    referral = next(stage for stage in report["stages"] if stage["id"] == "referral")
    assert referral["source"] == "cin" and referral["total"]["count"] == referred
    csv_out = run("report", "--format", "csv")[0]
    assert csv_out.splitlines()[0].startswith("year,area,reference_group,stage")
    assert "cla_at_31_march" in csv_out
    html = run("report", "--format", "html", "--reference", "white_british")[0]
    assert "<table>" in html and "Looked after at 31 March" in html


def test_a_bad_file_stops_with_its_problems(organisation, tmp_path):
    broken = tmp_path / "cin.xml"
    broken.write_text("<Message><Children><Child>\n<oops></Child></Message>")
    with pytest.raises(CommandError, match="Nothing was imported from 1 of 1"):
        run("import", "cin", str(broken), "--area", AREA)
    with pytest.raises(CommandError, match="There is no file"):
        run("import", "cin", str(tmp_path / "missing.xml"))
    with pytest.raises(CommandError, match="No statutory returns"):
        run("report")
    assert not OutcomeReturn.objects.exists()
