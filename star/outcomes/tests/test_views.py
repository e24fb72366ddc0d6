import csv
import io

import pytest
from django.urls import reverse

from star.core.models import DataImport
from star.outcomes.cube import Cube, SourceResult, WrongFormat
from star.outcomes.models import OutcomeReturn

from .helpers import make_population, make_return

pytestmark = pytest.mark.django_db
AREA = "E09000001"


@pytest.fixture
def loaded(organisation):
    organisation.la_code = AREA
    organisation.save()
    make_population(counts={"white_british": 30_000, "black_caribbean": 3_000, "asian_indian": 5_000})
    make_return(organisation, cells={"referral": {"white_british": 1500, "black_caribbean": 300, "asian_indian": 90},
                                     "assessment": {"white_british": 1200, "black_caribbean": 280,
                                                    "asian_indian": 60}},
                transitions={("referral", "assessment"): {"white_british": 1000, "black_caribbean": 270,
                                                          "asian_indian": 50}})
    return organisation


@pytest.mark.parametrize("role", ["practitioner", "manager", "support_adviser", "learning_lead"])
def test_dashboard_is_closed_to_roles_without_access(client, make_user, loaded, role):
    client.force_login(make_user(role))
    assert client.get(reverse("outcomes:dashboard")).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("outcomes:dashboard"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_dashboard_shows_pathway_readings_and_tables(client, make_user, loaded):
    client.force_login(make_user("senior_leader"))
    response = client.get(reverse("outcomes:dashboard"), {"stage": "referral"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The pathway: relative rate at each stage" in page
    assert "star-rri--much-higher" in page  # Black children: 1,000 vs 500 per 10,000 referred
    assert "times as likely to be referred to children&#x27;s social care as White children" in page
    assert "<svg" in page and "stage-table-caption" in page  # the chart and its table
    assert "Import a return" not in page


def test_dashboard_without_returns_explains(client, make_user, organisation):
    client.force_login(make_user("performance_analyst"))
    page = client.get(reverse("outcomes:dashboard")).content.decode()
    assert "No statutory returns have been imported yet" in page
    assert reverse("outcomes:import_new") in page


def test_csv_and_xlsx_downloads(client, make_user, loaded):
    client.force_login(make_user("performance_analyst"))
    response = client.get(reverse("outcomes:report_csv"), {"level": "detailed"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    caribbean = next(row for row in rows if row["stage"] == "referral" and "Caribbean" in row["ethnicity"])
    assert float(caribbean["rri"]) == pytest.approx((300 / 3000) / (1500 / 30000))
    assessed = next(row for row in rows if row["stage"] == "assessment" and "Caribbean" in row["ethnicity"])
    assert assessed["conditional_method"] == "tracked" and assessed["conditional_base_stage"] == "referral"
    assert float(assessed["conditional_rri"]) == pytest.approx((270 / 300) / (1000 / 1500))
    xlsx = client.get(reverse("outcomes:report_xlsx"))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_api_report(client, make_user, loaded):
    client.force_login(make_user("regional_lead"))
    body = client.get("/api/v1/outcomes/report", {"level": "broad"}).json()
    assert body["year"] == 2024 and body["area"] == AREA
    assert body["stages"][2]["id"] == "referral"
    client.force_login(make_user("practitioner"))
    assert client.get("/api/v1/outcomes/report").status_code == 403


def test_import_pages_upload_and_keep_no_file(client, make_user, organisation, monkeypatch, tmp_path):
    organisation.la_code = AREA
    organisation.save()
    seen = {}

    def reader(paths, **options):
        seen["names"] = [path.name for path in paths]
        seen["bytes"] = [path.read_bytes() for path in paths]
        cube = Cube()
        cube.add_child(ethnicity="black_african", age_band="5-9", sex="male", stages={"cla_at_31_march"})
        cube.warn("episodes.csv", 2, "DECOM", "This episode starts before the episode at line 3 ends")
        return SourceResult("ssda903", options["year"] or 2025, cube, records_read=1)

    monkeypatch.setattr("star.outcomes.services._reader", lambda source: reader)
    client.force_login(make_user("performance_analyst"))
    assert client.get(reverse("outcomes:import_new")).status_code == 200
    header = io.BytesIO(b"CHILD,SEX,DOB,ETHNIC\n1,1,01/01/2015,BAFR\n")
    header.name = "header.csv"
    episodes = io.BytesIO(b"CHILD,DECOM,RNE,LS\n1,01/01/2024,S,C2\n")
    episodes.name = "episodes.csv"
    response = client.post(reverse("outcomes:import_new"), {"source": "ssda903", "files": [header, episodes],
                                                            "year": "2024", "area": ""})
    data_import = DataImport.objects.get(kind="outcomes.ssda903")
    assert response.status_code == 302 and response["Location"] == reverse("outcomes:import_detail",
                                                                           args=[data_import.pk])
    assert seen["names"] == ["header.csv", "episodes.csv"] and seen["bytes"][0].startswith(b"CHILD")
    assert not data_import.stored_file  # the child-level file is never kept
    assert data_import.status == "succeeded" and data_import.filename == "header.csv, episodes.csv"
    page = client.get(response["Location"]).content.decode()
    assert "1 children counted" in page or "1 child" in page
    assert "Looked after at 31 March" in page
    assert "1 data-quality finding (the counts are not affected)" in page and "starts before the episode" in page
    assert OutcomeReturn.objects.get().year == 2024


def test_import_form_keeps_what_was_typed_on_error(client, make_user, organisation):
    client.force_login(make_user("performance_analyst"))
    response = client.post(reverse("outcomes:import_new"), {"source": "cin", "year": "20x5", "area": "E06000001"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a file" in page and "Enter the year as 4 digits" in page
    assert 'value="E06000001"' in page and 'value="20x5"' in page


def test_wrong_format_fails_with_a_clear_message_and_nothing_written(organisation, monkeypatch, tmp_path):
    from star.outcomes.services import import_return

    def reader(paths, **options):
        raise WrongFormat("cin.xml does not look like an SSDA903 file: it is a CIN census.")

    monkeypatch.setattr("star.outcomes.services._reader", lambda source: reader)
    path = tmp_path / "cin.xml"
    path.write_text("<Message/>")
    data_import = import_return(organisation=organisation, source="ssda903", paths=[path], area_code=AREA)
    assert data_import.status == "failed" and "CIN census" in data_import.errors[0]["message"]
    assert not OutcomeReturn.objects.exists()


def test_problems_stop_the_import_and_same_file_twice_is_a_noop(organisation, monkeypatch, tmp_path):
    from star.outcomes.services import import_return

    calls = []

    def reader(paths, **options):
        calls.append(1)
        cube = Cube()
        cube.add_child(ethnicity="white_british", age_band="0-4", sex="female", stages={"referral"})
        if paths[0].read_text() == "bad":
            cube.error("cin.xml", 12, "CINreferralDate", "The date is in the future")
        return SourceResult("cin", 2025, cube, records_read=1)

    monkeypatch.setattr("star.outcomes.services._reader", lambda source: reader)
    bad = tmp_path / "bad.xml"
    bad.write_text("bad")
    failed = import_return(organisation=organisation, source="cin", paths=[bad], area_code=AREA)
    assert failed.status == "failed" and failed.errors[0]["row"] == 12
    assert not OutcomeReturn.objects.exists()
    good = tmp_path / "good.xml"
    good.write_text("good")
    first = import_return(organisation=organisation, source="cin", paths=[good], area_code=AREA)
    again = import_return(organisation=organisation, source="cin", paths=[good], area_code=AREA)
    assert first.status == "succeeded" and again.pk == first.pk and again.noop and len(calls) == 2
    other = tmp_path / "newer.xml"
    other.write_text("newer")
    replacement = import_return(organisation=organisation, source="cin", paths=[other], area_code=AREA)
    assert OutcomeReturn.objects.get().data_import == replacement
    first.refresh_from_db()
    assert "replaced" in first.summary["removed"]
    # the first file can be imported again once it has been replaced
    assert not import_return(organisation=organisation, source="cin", paths=[good], area_code=AREA).noop


def test_removing_a_return(client, make_user, loaded):
    client.force_login(make_user("performance_analyst"))
    item = OutcomeReturn.objects.get().data_import
    assert client.get(reverse("outcomes:import_delete", args=[item.pk])).status_code == 200
    response = client.post(reverse("outcomes:import_delete", args=[item.pk]))
    assert response.status_code == 302 and not OutcomeReturn.objects.exists()
    client.force_login(make_user("senior_leader"))
    assert client.get(reverse("outcomes:imports")).status_code == 403


def test_problems_in_an_uploaded_file_name_the_file_as_it_was_uploaded(client, make_user, organisation):
    client.force_login(make_user("performance_analyst"))
    broken = io.BytesIO(b"<Message><Children><Child>\n<oops></Child></Message>")
    broken.name = "CIN_Census_2025.xml"
    client.post(reverse("outcomes:import_new"), {"source": "cin", "files": [broken], "year": "2025",
                                                 "area": AREA})
    [problem] = DataImport.objects.get(kind="outcomes.cin").errors
    assert problem["message"].startswith("CIN_Census_2025.xml: The XML is not well formed at line 2")
