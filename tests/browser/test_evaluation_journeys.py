"""Evaluation end to end: an intervention, a count measure, the before and after reviews, the summary."""

import pytest
from playwright.sync_api import expect

from star.evaluation.models import CountEntry, Intervention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lead(framework, make_user):
    return make_user("practice_lead", username="lead", first_name="Lena", last_name="Grant")


def record_review(page, phase, start, end, happened, number, total):
    page.click(f"a:has-text('Record'):has-text('the {phase} review')")
    page.fill("#id_period_start", start)
    page.fill("#id_period_end", end)
    page.fill("#id_expected", "Members would feel safer to speak up about racism at work.")
    page.fill("#id_happened", happened)
    page.check("label:text-is('Global Majority staff')")
    page.fill("#id_perspectives_missing", "We did not hear from agency social workers.")
    page.fill("#id_changes", "Invite agency staff through their leads.")
    page.fill("[id$='_x']", number)
    page.fill("[id$='_n']", total)
    page.click("button:has-text('Save review')")


def test_a_practice_lead_records_an_intervention_its_reviews_and_reads_the_summary(page, lead, sign_in,
                                                                                    assert_accessible):
    sign_in(page, lead)
    page.goto("/evaluation/")
    page.click("text=Record an intervention")
    page.fill("#id_title", "Racialised trauma support group for Global Majority staff")
    page.check("#id_kind_0")
    page.fill("#id_purpose", "A confidential space to share experiences of racism at work and find support.")
    page.check("label:has-text('Gather feedback from a diverse range of perspectives')")
    page.fill("#id_starts_on", "2025-09-01")
    page.fill("#id_ends_on", "2025-08-01")
    page.click("button:has-text('Save intervention')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what outcomes the intervention intends")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The end must be on or after the start")
    expect(page.locator("#id_title")).to_have_value("Racialised trauma support group for Global Majority staff")
    assert_accessible(page)
    page.fill("#id_intended_outcomes", "Members feel safer to speak up and know how to raise concerns.")
    page.fill("#id_ends_on", "2026-07-31")
    page.click("button:has-text('Save intervention')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("now add how you will measure it")

    page.click("text=Add a measure")
    page.check("label:has-text('A count we record (x of n)')")
    page.fill("#id_label", "Members who feel safer to speak up about racism at work")
    page.click("button:has-text('Save measure')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Measure saved")

    record_review(page, "before", "2025-09-01", "2025-09-30", "Most had not told a manager what happened.", "9", "17")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Before review saved")
    expect(page.locator("main")).to_contain_text("9 of 17 counted (52.9%)")
    page.click("nav.govuk-breadcrumbs >> text=Racialised trauma support group for Global Majority staff")
    record_review(page, "after", "2026-07-01", "2026-07-31", "Fourteen of eighteen feel safer.", "14", "18")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("After review saved")

    page.click("text=Evaluation summary: before and after")
    expect(page.locator("h1")).to_have_text("Racialised trauma support group for Global Majority staff")
    table = page.locator("table")
    expect(table).to_contain_text("52.9%")
    expect(table).to_contain_text("77.8%")
    expect(table).to_contain_text("+24.8 points")
    expect(page.locator("main")).to_contain_text("not statistically significant")
    expect(page.locator("main")).to_contain_text("We did not hear from agency social workers.")
    assert_accessible(page)

    intervention = Intervention.objects.get()
    assert intervention.owner == lead and intervention.indicator_keys == ["evaluate-2"]
    assert sorted(CountEntry.objects.values_list("phase", "numerator", "denominator")) == [
        ("after", 14, 18), ("before", 9, 17)]
