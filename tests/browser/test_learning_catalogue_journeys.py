"""Learning journeys: a practitioner registers for a session and logs learning (after a validation error); a
learning lead marks attendance and reads the dashboard. Every page is scanned with axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from star.learning.models import Attendance, LearningRecord
from star.learning.services import catalogue as services
from star.learning.tests.test_catalogue_world import build_catalogue_world, place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db, organisation, make_user):
    world = build_catalogue_world(organisation, make_user)
    services.suggestions_refresh(organisation=world.organisation)
    return world


def test_practitioner_registers_for_a_session_and_logs_learning(page, world, sign_in, assert_accessible):
    sign_in(page, world.alice)
    page.click("nav >> text=Learning")
    expect(page.locator("h1")).to_have_text("Learning")
    assert_accessible(page)

    page.click("text=Browse the catalogue")
    expect(page.locator("h1")).to_have_text("Learning catalogue")
    page.select_option("#id_lens", "anti_racist")
    page.click("button:has-text('Show')")
    assert_accessible(page)
    page.click(f"text={world.activity.title}")
    expect(page.locator("h1")).to_have_text(world.activity.title)
    assert_accessible(page)
    page.click("table >> text=Register")
    page.click("button:has-text('Register for this session')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You are registered for")
    expect(page.locator("main")).to_contain_text("1 of 2 left")
    assert_accessible(page)
    assert Attendance.objects.get(user=world.alice).status == "registered"

    page.goto("/learning/")
    expect(page.locator("main")).to_contain_text("Your upcoming sessions")
    page.click("text=Log your learning")
    expect(page.locator("h1")).to_have_text("Log your learning")
    page.fill("#id_title", "Read the report on racial disproportionality")
    page.select_option("#id_kind", "reading")
    page.fill("#id_completed_on", (timezone.localdate() + timedelta(days=2)).isoformat())
    page.check("#id_lenses_2")
    page.fill("#id_reflection", "Thresholds are where bias creeps in. I will bring this to supervision.")
    page.click("button:has-text('Save learning record')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The date must be today or in the past")
    expect(page.locator("#id_title")).to_have_value("Read the report on racial disproportionality")
    expect(page.locator("#id_reflection")).to_have_value(
        "Thresholds are where bias creeps in. I will bring this to supervision.")
    assert_accessible(page)
    page.fill("#id_completed_on", timezone.localdate().isoformat())
    page.click("button:has-text('Save learning record')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your learning is recorded")
    expect(page.locator("main")).to_contain_text("Thresholds are where bias creeps in.")
    assert_accessible(page)
    assert LearningRecord.objects.get(user=world.alice).lens_keys == ["anti_racist"]
    page.goto("/learning/records/")
    expect(page.locator("table")).to_contain_text("Read the report on racial disproportionality")
    assert_accessible(page)

    page.goto("/learning/suggestions/")
    assert_accessible(page)
    before = world.alice.learning_suggestions.filter(dismissed_at__isnull=True).count()
    page.locator("button:has-text('Dismiss')").first.click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Suggestion dismissed")
    assert world.alice.learning_suggestions.filter(dismissed_at__isnull=True).count() == before - 1


def test_learning_lead_marks_attendance_and_reads_the_dashboard(page, world, sign_in, assert_accessible):
    alice, bob = place(world, world.held, world.alice, world.bob)
    sign_in(page, world.lead)
    page.goto(f"/learning/sessions/{world.held.pk}/")
    assert_accessible(page)
    page.click("text=Mark attendance")
    expect(page.locator("h1")).to_have_text("Mark attendance")
    assert_accessible(page)
    page.check(f"#id_mark_{alice.pk}_0")
    page.check(f"#id_mark_{bob.pk}_1")
    page.click("button:has-text('Save attendance')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 learning record added")
    assert LearningRecord.objects.get().user == world.alice

    page.goto("/learning/dashboard/")
    expect(page.locator("h1")).to_have_text("Learning dashboard")
    assert_accessible(page)
    page.goto("/learning/attendance/import/")
    assert_accessible(page)
    page.goto("/learning/catalogue/new/")
    page.click("button:has-text('Save activity')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the title of the activity")
    assert_accessible(page)


def test_a_line_manager_reads_a_direct_reports_records(page, world, sign_in, assert_accessible):
    services.record_create(user=world.alice, title="Cultural humility workshop", kind="workshop",
                           completed_on=timezone.localdate(), reflection="Private words.")
    sign_in(page, world.manager)
    page.goto("/learning/")
    page.click("text=Your team's learning records")
    assert_accessible(page)
    page.click("text=Alice Mensah")
    expect(page.locator("table")).to_contain_text("Cultural humility workshop")
    expect(page.locator("main")).not_to_contain_text("Private words.")
    assert_accessible(page)


def test_registering_works_without_javascript(page_without_js, world, sign_in):
    sign_in(page_without_js, world.bob)
    page_without_js.goto(f"/learning/sessions/{world.upcoming.pk}/")
    page_without_js.click("button:has-text('Register for this session')")
    expect(page_without_js.locator(".govuk-notification-banner")).to_contain_text("You are registered for")
    assert Attendance.objects.get(user=world.bob).status == "registered"
