"""The equality analyst's journey: dashboard, filters, downloads and row-level records, each page axe-clean."""

from datetime import date

import pytest
from playwright.sync_api import expect

from star.workforce.tests.test_views import make_snapshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_equality_analyst_reads_the_dashboard_and_drills_down(page, make_user, sign_in, organisation,
                                                              assert_accessible):
    make_snapshot(organisation, as_at=date(2025, 3, 31))
    make_snapshot(organisation, as_at=date(2026, 3, 31))
    sign_in(page, make_user("equality_analyst"))
    page.click("text=Workforce equality")
    expect(page.locator("h1")).to_have_text("Workforce race equality")
    expect(page.locator("main")).to_contain_text("Global Majority share of the whole workforce")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert_accessible(page)

    page.click("text=Change date, standard or service")
    page.select_option("#id_standard", "nhs-wres")
    page.select_option("#id_as_at", "2025-03-31")
    page.click("button:has-text('Show figures')")
    expect(page.locator(".govuk-caption-l")).to_contain_text("2025-03-31")
    expect(page.locator("main")).to_contain_text("NHS")
    with page.expect_download() as download:
        page.click("text=CSV")
    assert download.value.suggested_filename.endswith(".csv")

    page.click("text=Staff snapshots (row-level)")
    expect(page.locator("h1")).to_have_text("Staff snapshots")
    assert_accessible(page)
    page.click("text=31 March 2026")
    expect(page.locator("h1")).to_contain_text("Staff records at 31 March 2026")
    assert_accessible(page)


def test_senior_leader_sees_aggregates_but_not_rows(page, make_user, sign_in, organisation, assert_accessible):
    make_snapshot(organisation)
    sign_in(page, make_user("senior_leader"))
    page.goto("/workforce/")
    expect(page.locator("h1")).to_have_text("Workforce race equality")
    expect(page.locator("text=Staff snapshots (row-level)")).to_have_count(0)
    assert page.goto("/workforce/snapshots/").status == 403


def test_analyst_saves_a_column_mapping(page, make_user, sign_in, assert_accessible):
    sign_in(page, make_user("equality_analyst"))
    page.goto("/imports/")
    page.click("text=Column mappings")
    expect(page.locator("h1")).to_have_text("Column mappings")
    assert_accessible(page)
    page.click("text=For staff snapshot files")
    page.fill("#id_column__staff_id", "Employee No")
    page.click("button:has-text('Save mapping')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the mapping")
    expect(page.locator("#id_column__staff_id")).to_have_value("Employee No")
    assert_accessible(page)
    page.fill("#id_name", "iTrent extract")
    page.click("button:has-text('Save mapping')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Mapping ‘iTrent extract’ saved")
    expect(page.locator("main")).to_contain_text("Employee No")
