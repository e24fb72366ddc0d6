"""Feedback end to end: a practice lead publishes a survey, people answer it anonymously in other
browsers, and the results stay hidden until enough people have answered (axe-clean staff pages)."""

import pytest
from playwright.sync_api import expect

from star.voice.models import Response, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_anonymously(browser, live_server, address: str, choice: str) -> None:
    """A respondent in their own browser: not signed in, no cookies shared with the practice lead."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto(address)
    page.get_by_role("group", name="The social worker listened to me.").get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    context.close()


def test_publish_answer_anonymously_and_see_results_only_once_the_threshold_is_reached(
        browser, live_server, page, sign_in, make_user, assert_accessible):
    lead = make_user("practice_lead", first_name="Grace", last_name="Mensah")
    sign_in(page, lead)
    page.goto("/feedback/")
    page.get_by_role("link", name="Create a survey").click()
    page.get_by_role("button", name="Create survey").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a template")
    assert_accessible(page)
    page.get_by_label("Your experience of children's social care", exact=False).first.check()
    page.get_by_role("button", name="Create survey").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 (draft)")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Version 1 published")
    assert_accessible(page)

    survey = Survey.objects.get()
    page.get_by_role("link", name="Change settings").click()
    page.get_by_label("Anonymity threshold").fill("2")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be 3 or more")
    page.get_by_label("Anonymity threshold").fill("3")
    page.get_by_label("As answers arrive", exact=False).check()
    page.get_by_role("button", name="Save settings").click()

    address = page.locator("code").first.inner_text().replace(live_server.url, "")
    assert address.startswith("/s/")
    answer_anonymously(browser, live_server, address, "Agree")
    answer_anonymously(browser, live_server, address, "Strongly agree")
    assert Response.objects.filter(survey=survey).count() == 2

    page.goto(f"/feedback/{survey.pk}/results/")
    expect(page.locator("#results-hidden")).to_contain_text("Fewer than 3 people")
    expect(page.locator("main")).not_to_contain_text("Strongly agree")

    answer_anonymously(browser, live_server, address, "Disagree")
    page.reload()
    expect(page.locator("main")).to_contain_text("3 people answered")
    expect(page.locator("main")).to_contain_text("2 of 3 people who answered (66.7%) agreed or strongly agreed")
    assert_accessible(page)
