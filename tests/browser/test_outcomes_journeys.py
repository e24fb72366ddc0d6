"""The performance analyst imports a CIN census through the page and reads the outcomes dashboard; a senior
leader changes the view without JavaScript. Each page the analyst sees is axe-clean (axe itself needs JavaScript)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from star.core.models import PopulationEstimate
from star.outcomes import synthetic
from star.outcomes.tests.helpers import make_population, make_return

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EXTERNAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "external"
AREA = "E09000001"


def test_analyst_imports_a_cin_census_and_reads_the_pathway(page, make_user, sign_in, organisation,
                                                             assert_accessible, tmp_path):
    organisation.la_code = AREA
    organisation.save()
    uniform = {key: 5_000 for key in ("white_british", "white_irish", "white_other", "black_african",
                                      "black_caribbean", "asian_indian", "asian_pakistani", "mixed_other")}
    make_population(counts=uniform)
    sign_in(page, make_user("performance_analyst"))
    page.click("text=Outcomes for children")
    expect(page.locator("main")).to_contain_text("No statutory returns have been imported yet")
    page.click("text=Import a statutory return")
    expect(page.locator("h1")).to_have_text("Import a statutory return")
    assert_accessible(page)
    page.click("button:has-text('Check and import')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select which return it is")
    assert_accessible(page)
    page.select_option("#id_source", "cin")
    # a third-party sample with dates in the future: refused, with the lines to fix
    page.set_input_files("#id_files", str(EXTERNAL / "cin-census-fake" / "fake_CIN_data.xml"))
    page.click("button:has-text('Check and import')")
    expect(page.locator(".govuk-warning-text")).to_contain_text("Nothing was imported")
    expect(page.locator("main table")).to_contain_text("is in the future")
    assert_accessible(page)
    page.click(".govuk-breadcrumbs >> text=Statutory returns")
    page.click("text=Import a return")
    census = synthetic.write_cin_census(synthetic.generate(year=2025, children=20_000, seed=7),
                                        tmp_path / "CIN_Census_2025.xml", year=2025)
    page.select_option("#id_source", "cin")
    page.set_input_files("#id_files", str(census))
    page.click("button:has-text('Check and import')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Imported")
    expect(page.locator("main")).to_contain_text("Referral")
    assert_accessible(page)
    page.click(".govuk-breadcrumbs >> text=Outcomes for children")
    expect(page.locator("h1")).to_have_text("Outcomes for children")
    expect(page.locator("main")).to_contain_text("The pathway: relative rate at each stage")
    assert_accessible(page)
    with page.expect_download() as download:
        page.click("text=CSV")
    assert download.value.suggested_filename.endswith(".csv")
    assert PopulationEstimate.objects.exists()


def test_senior_leader_changes_the_view_without_javascript(page_without_js, make_user, sign_in, organisation):
    page = page_without_js
    organisation.la_code = AREA
    organisation.save()
    make_population(counts={"white_british": 30_000, "black_caribbean": 3_000, "asian_indian": 5_000})
    for year, caribbean in ((2024, 40), (2025, 60)):
        make_return(organisation, source="ssda903", year=year, area=AREA,
                    cells={"cla_at_31_march": {"white_british": 150, "black_caribbean": caribbean,
                                               "asian_indian": 9}})
    sign_in(page, make_user("senior_leader"))
    page.goto("/outcomes/")
    expect(page.locator(".govuk-caption-l")).to_contain_text("2025")
    page.click("text=Change year, area, groups or comparison")
    page.select_option("#id_year", "2024")
    page.select_option("#id_level", "detailed")
    page.select_option("#id_reference", "white_british")
    page.click("button:has-text('Show figures')")
    expect(page.locator(".govuk-caption-l")).to_contain_text("April 2023 to 31 March 2024")
    expect(page.locator("#trend-table-caption")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Black, Black British, Black Welsh, Caribbean or African: Caribbean")
    expect(page.locator("#id_level")).to_have_value("detailed")  # the choices made are kept
