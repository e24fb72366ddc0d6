"""Practice journeys: a reflection and a commitment shared with a supervisor; a supervision acknowledged."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from star.practice.models import Commitment, Reflection, SupervisionRecord
from star.practice.tests.conftest import build_small_team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def small_team(framework, organisation, make_user):
    return build_small_team(organisation, make_user)


def test_practitioner_reflects_commits_and_shares_with_their_supervisor(page, small_team, sign_in,
                                                                        assert_accessible):
    sign_in(page, small_team.alice)
    page.click("nav >> text=My STAR")
    expect(page.locator("h1")).to_have_text("My STAR")
    assert_accessible(page)

    page.click("text=Reflect on this: Reflect on your own biases, values and beliefs")
    expect(page.locator("h1")).to_have_text("Write a reflection")
    expect(page.locator("#id_indicators_0")).to_be_checked()
    page.select_option("#id_prompt", index=1)
    page.click("button:has-text('Save reflection')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write your reflection")
    assert_accessible(page)
    page.fill("#id_text", "I described Mum as 'hostile'. She was frightened. I will change the words I use.")
    page.check("#id_lenses_2")
    page.fill("#id_case_reference", "NB-204518")
    page.click("button:has-text('Save reflection')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Only you can read it")
    expect(page.locator("main")).to_contain_text("Only you. Nobody else")
    assert_accessible(page)

    page.click("button:has-text('Share with your supervisor, Ayo Patel')")
    expect(page.locator("table")).to_contain_text("Ayo Patel (supervisor)")
    reflection = Reflection.objects.get()
    assert reflection.shares.get().shared_with == small_team.manager

    page.goto("/practice/commitments/new/")
    page.fill("#id_action", "I will ask every family who matters to them, not who is family.")
    page.fill("#id_due_on", (timezone.localdate() - timedelta(days=3)).isoformat())
    page.fill("#id_measure", "My next three network meetings include people beyond parents.")
    page.check("#id_indicators_9")
    page.click("button:has-text('Save commitment')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be today or in the future")
    expect(page.locator("#id_action")).to_have_value("I will ask every family who matters to them, not who is family.")
    assert_accessible(page)
    page.fill("#id_due_on", (timezone.localdate() + timedelta(days=21)).isoformat())
    page.click("button:has-text('Save commitment')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("We will remind you")
    assert Commitment.objects.get().owner == small_team.alice


def test_manager_records_supervision_and_the_practitioner_acknowledges(browser, live_server, small_team, sign_in,
                                                                      assert_accessible):
    manager_page = browser.new_context(base_url=live_server.url).new_page()
    sign_in(manager_page, small_team.manager)
    manager_page.goto("/practice/supervision/")
    manager_page.click("text=Record a STAR supervision")
    assert_accessible(manager_page)
    manager_page.select_option("#id_supervisee", label="Alice Mensah")
    manager_page.fill("#id_case_references", "NB-204518")
    manager_page.check("#id_race_identity_discussed_0")
    manager_page.check("#id_trauma_considered_0")
    manager_page.check("#id_wider_system_considered_1")
    manager_page.check("#id_lenses_2")
    manager_page.check("#id_indicators_7")
    manager_page.fill("#id_summary", "We discussed adultification in the strategy discussion.")
    manager_page.fill("#id_feedback", "You named it clearly and kindly. Next, bring the data.")
    manager_page.fill("#id_action_1", "Revisit the assessment wording with me.")
    manager_page.fill("#id_due_1", (timezone.localdate() + timedelta(days=14)).isoformat())
    manager_page.fill("#id_measure_1", "Shared before our next supervision.")
    manager_page.click("button:has-text('Save supervision record')")
    expect(manager_page.locator(".govuk-notification-banner")).to_contain_text("asked to read and acknowledge")
    assert_accessible(manager_page)
    record = SupervisionRecord.objects.get()

    page = browser.new_context(base_url=live_server.url).new_page()
    sign_in(page, small_team.alice)
    page.goto("/practice/")
    page.click("text=Read and acknowledge your supervision")
    expect(page.locator("main")).to_contain_text("You named it clearly and kindly")
    page.fill("#id_comment", "Agreed. I will bring the numbers.")
    page.click("button:has-text('Acknowledge')")
    expect(page.locator("main")).to_contain_text("Acknowledged by Alice Mensah")
    assert_accessible(page)
    record.refresh_from_db()
    assert record.supervisee_comment == "Agreed. I will bring the numbers."
    assert Commitment.objects.get(supervision=record).owner == small_team.alice

    manager_page.goto("/practice/team/")
    expect(manager_page.locator("h1")).to_have_text("Team practice")
    assert_accessible(manager_page)


def test_a_reflection_can_be_written_without_javascript(page_without_js, small_team, sign_in):
    sign_in(page_without_js, small_team.bob)
    page_without_js.goto("/practice/reflections/new/")
    page_without_js.fill("#id_text", "A short reflection written with scripts switched off.")
    page_without_js.check("#id_indicators_3")
    page_without_js.click("button:has-text('Save reflection')")
    expect(page_without_js.locator("h1")).to_contain_text("Reflection of")
    assert Reflection.objects.get().author == small_team.bob
