"""Public survey journeys: answered anonymously with and without JavaScript, by keyboard, and right to left."""

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from star.voice.models import Response
from star.voice.tests.test_public_form import build_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def link(organisation):
    return build_survey(organisation)


def test_a_respondent_answers_anonymously(page, link, assert_accessible):
    page.goto(f"/s/{link.token}/")
    expect(page.locator("h1")).to_have_text("How was it for you?")
    expect(page.locator(".govuk-character-count__status").first).to_be_attached()  # the count is live
    expect(page.locator("#id_q_what-happened")).to_be_hidden()
    assert_accessible(page)

    page.check("#id_q_discriminated_0")
    expect(page.locator("#id_q_what-happened")).to_be_visible()
    page.check("#id_q_support_0")
    page.fill("#id_q_comments", "The letters were in English only.")
    page.click("button:has-text('Send your answers')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose an answer to ‘I was listened to.’")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write your answer to ‘What happened?’")
    expect(page.locator("#id_q_discriminated_0")).to_be_checked()
    expect(page.locator("#id_q_support_0")).to_be_checked()
    expect(page.locator("#id_q_comments")).to_have_value("The letters were in English only.")
    expect(page.locator("#id_q_what-happened")).to_be_visible()
    assert_accessible(page)

    page.check("#id_q_listened_3")
    page.fill("#id_q_what-happened", "Nobody asked which language we speak at home.")
    page.get_by_label("Caribbean", exact=True).check()
    page.click("button:has-text('Send your answers')")
    expect(page.locator("h1")).to_have_text("Thank you")
    expect(page.locator("main")).to_contain_text("What happens next")
    assert_accessible(page)
    response = Response.objects.get()
    assert response.ethnicity == "black_caribbean"
    assert {a.question.key: a.choice or a.text or a.choices for a in response.answers.all()} == {
        "listened": "4", "discriminated": "yes", "what-happened": "Nobody asked which language we speak at home.",
        "support": ["interpreter"], "comments": "The letters were in English only.", "ethnic-group": "black_caribbean"}
    assert {cookie["name"] for cookie in page.context.cookies()} == {"csrftoken"}


def test_the_form_is_right_to_left_in_urdu(page, link, assert_accessible):
    page.goto(f"/s/{link.token}/?lang=ur")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    page.click("button:has-text('اپنے جوابات بھیجیں')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("ایک مسئلہ ہے")
    page.check("#id_q_discriminated_0")
    page.check("#id_q_support_1")
    page.check("#id_q_listened_4")
    assert_accessible(page)
    radio = page.locator("#id_q_listened_4").bounding_box()
    circle_right = page.locator("#id_q_listened_4").evaluate(
        "input => input.closest('.govuk-radios__item').getBoundingClientRect().right"
        " - parseFloat(getComputedStyle(input.nextElementSibling, '::before').right)")
    assert abs(circle_right - (radio["x"] + radio["width"])) < 5  # the circle is drawn over the radio, on the right
    page.screenshot(path=Path(tempfile.gettempdir()) / "voice-rtl.png", full_page=True)  # for a person to look at


def test_without_javascript_the_follow_up_is_shown_and_answered(page_without_js, link):
    page = page_without_js
    page.goto(f"/s/{link.token}/")
    expect(page.locator("#id_q_what-happened")).to_be_visible()
    page.check("#id_q_listened_0")
    page.check("#id_q_discriminated_0")
    page.fill("#id_q_what-happened", "I was spoken about, not to.")
    page.check("#id_q_ethnic-group_19")
    page.click("button:has-text('Send your answers')")
    expect(page.locator("h1")).to_have_text("Thank you")
    response = Response.objects.get()
    assert response.ethnicity == "prefer_not_to_say"
    assert response.answers.get(question__key="what-happened").text == "I was spoken about, not to."


def test_keyboard_only_reaches_the_error_summary(page, link):
    page.goto(f"/s/{link.token}/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q_listened_0":
            break
    expect(page.locator("#id_q_listened_0")).to_be_focused()
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose an answer to ‘I was listened to.’")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#id_q_listened_0")).to_be_focused()
    assert not Response.objects.exists()
