"""The public survey form: what is stored for each kind of question, and every protection around it."""

import re
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.core.cache import caches
from django.utils import timezone

from star.analytics.categories import BROAD_GROUPS, DETAILED
from star.core.tests.factories import OrganisationFactory
from star.voice import forms_public
from star.voice.forms_public import SHARED_WORDING, clean_text
from star.voice.models import (
    Action,
    Answer,
    Audience,
    Question,
    Response,
    Section,
    Survey,
    SurveyLink,
    SurveyVersion,
    UsedSubmission,
)
from star.voice.questionnaire_library import EASY_READ_LIKERT_OPTIONS, LIKERT_OPTIONS
from star.voice.selectors import public as public_selectors
from star.voice.services.responses import response_submit

pytestmark = pytest.mark.django_db

YES_NO = [{"key": "yes", "label": "Yes"}, {"key": "no", "label": "No"}]
HELPS = [{"key": "interpreter", "label": "An interpreter"}, {"key": "advocate", "label": "An advocate"},
         {"key": "faith", "label": "Someone from my faith community"}]


def build_survey(organisation, *, status=Survey.Status.OPEN, published=True, title="How was it for you?"):
    """An open survey with one question of each kind and a follow-up, reached through one link."""
    survey = Survey.objects.create(organisation=organisation, title=title, audience=Audience.PARENTS_CARERS,
                                   purpose="We want to hear from you.\n\nYou can skip any question.", status=status)
    version = SurveyVersion.objects.create(survey=survey, number=1, published_at=timezone.now() if published else None)
    views = Section.objects.create(version=version, title="Your views", order=1)
    about = Section.objects.create(version=version, title="About you", order=2)
    for order, (key, kind, text, fields) in enumerate([
        ("listened", "likert", "I was listened to.", {"required": True}),
        ("discriminated", "single", "Were you treated differently because of your race?", {"options": YES_NO}),
        ("what-happened", "text", "What happened?", {"required": True, "shown_if_question": "discriminated",
                                                     "shown_if_answer": "yes"}),
        ("support", "multiple", "What would have helped?", {"options": HELPS}),
        ("comments", "text", "Anything else?", {}),
    ], start=1):
        Question.objects.create(section=views, key=key, kind=kind, text=text, order=order, **fields)
    Question.objects.create(section=about, key="ethnic-group", kind="ethnicity", text="What is your ethnic group?",
                            order=1)
    return SurveyLink.objects.create(survey=survey, label="Everyone")


@pytest.fixture
def link(organisation):
    return build_survey(organisation)


def url(link, suffix=""):
    return f"/s/{link.token}/{suffix}"


def form_key(html: str) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', html)[1]


def fresh_key(client, link) -> str:
    return form_key(client.get(url(link)).content.decode())


FULL = {"q_listened": "4", "q_discriminated": "yes", "q_what-happened": "They did not use an interpreter.",
        "q_support": ["interpreter", "faith"], "q_comments": "Thank you.", "q_ethnic-group": "black_caribbean"}


def send(client, link, data, *, key=None, **extra):
    payload = {"form_key": fresh_key(client, link) if key is None else key, "lang": "en-gb", "website": "", **data}
    return client.post(url(link), payload, **extra)


def html(response) -> str:
    return response.content.decode()


def answers_by_key(response: Response) -> dict:
    return {answer.question.key: answer for answer in response.answers.select_related("question")}


def test_the_form_shows_every_question_by_section(client, link):
    page = client.get(url(link))
    assert page.status_code == 200
    text = html(page)
    assert "This survey is anonymous" in text
    assert "<h2 class=\"govuk-heading-m\">Your views</h2>" in text
    assert "Strongly agree" in text
    assert "Anything else? (optional)" in text
    assert "I was listened to.</legend>" in text  # required: no "(optional)"
    assert 'id="conditional-id_q_discriminated_0"' in text  # the follow-up sits inside the "Yes" option
    assert text.index("conditional-id_q_discriminated_0") < text.index("What happened?")
    assert "Black, Black British, Black Welsh, Caribbean or African" in text
    assert "Prefer not to say" in text
    assert 'data-module="govuk-character-count" data-maxlength="3000"' in text


def test_answers_are_stored_by_kind(client, link):
    entries = LogEntry.objects.count()
    response = send(client, link, FULL)
    assert response.status_code == 302
    assert response["Location"] == f"/s/{link.token}/thank-you/?lang=en-gb"
    stored = Response.objects.get()
    assert (stored.survey, stored.link, stored.version) == (link.survey, link, link.survey.current_version)
    assert stored.submitted_on == timezone.localdate()
    assert (stored.language, stored.ethnicity) == ("en-gb", "black_caribbean")
    answers = answers_by_key(stored)
    assert answers["listened"].choice == "4"
    assert answers["discriminated"].choice == "yes"
    assert answers["what-happened"].text == "They did not use an interpreter."
    assert answers["support"].choices == ["interpreter", "faith"]
    assert answers["comments"].text == "Thank you."
    assert answers["ethnic-group"].choice == "black_caribbean"
    assert UsedSubmission.objects.count() == 1
    assert LogEntry.objects.count() == entries  # an audit entry would carry the time of day


def test_unanswered_optional_questions_store_nothing(client, link):
    send(client, link, {"q_listened": "2"})
    stored = Response.objects.get()
    assert list(answers_by_key(stored)) == ["listened"]
    assert stored.ethnicity == ""


def test_prefer_not_to_say_is_kept_as_the_ethnicity(client, link):
    send(client, link, {"q_listened": "2", "q_ethnic-group": "prefer_not_to_say"})
    assert Response.objects.get().ethnicity == "prefer_not_to_say"


def test_a_missing_required_answer_keeps_everything_else(client, link):
    data = {**FULL, "q_listened": ""}
    response = send(client, link, data)
    assert response.status_code == 200
    text = html(response)
    assert "There is a problem" in text
    assert '<a href="#id_q_listened_0">Choose an answer to ‘I was listened to.’</a>' in text
    assert "<title>Error: " in text
    assert re.search(r'value="yes" checked', text)
    assert re.search(r'id="id_q_support_0"[^>]*value="interpreter" checked', text)
    assert re.search(r'id="id_q_support_2"[^>]*value="faith" checked', text)
    assert not re.search(r'id="id_q_support_1"[^>]*checked', text)
    assert "They did not use an interpreter.</textarea>" in text
    assert "Thank you.</textarea>" in text
    assert re.search(r'value="black_caribbean" checked', text)
    assert not Response.objects.exists()


def test_an_unknown_option_is_refused(client, link):
    response = send(client, link, {"q_listened": "6", "q_support": ["interpreter", "bribe"]})
    text = html(response)
    assert "Choose one of the answers shown for ‘I was listened to.’" in text
    assert "Choose one of the answers shown for ‘What would have helped?’" in text
    assert not Response.objects.exists()


def test_a_question_with_a_percent_sign_is_refused_plainly(client, link):
    Question.objects.filter(key="listened").update(text="I was 100% sure of what would happen.")
    text = html(send(client, link, {"q_listened": "%(value)s"}))
    assert "Choose one of the answers shown for ‘I was 100% sure of what would happen.’" in text


def test_an_unknown_ethnicity_key_is_refused(client, link):
    send(client, link, {"q_listened": "3", "q_ethnic-group": "white_gypsy_roma_dfe"})
    assert not Response.objects.exists()


def test_a_follow_up_is_discarded_when_its_condition_is_not_met(client, link):
    send(client, link, {"q_listened": "5", "q_discriminated": "no", "q_what-happened": "Should not be kept."})
    assert set(answers_by_key(Response.objects.get())) == {"listened", "discriminated"}


def test_a_follow_up_is_not_required_when_hidden_but_is_when_shown(client, link):
    assert send(client, link, {"q_listened": "5"}).status_code == 302
    response = send(client, link, {"q_listened": "5", "q_discriminated": "yes"})
    assert response.status_code == 200
    assert "Write your answer to ‘What happened?’" in html(response)
    assert Response.objects.count() == 1


def test_the_honeypot_looks_like_success_but_stores_nothing(client, link):
    response = send(client, link, {**FULL, "website": "https://spam.example"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/s/{link.token}/thank-you/")
    assert not Response.objects.exists()
    assert not UsedSubmission.objects.exists()


def test_the_honeypot_is_hidden_from_people(client, link):
    text = html(client.get(url(link)))
    assert re.search(r'<div class="govuk-visually-hidden" aria-hidden="true">\s*<label for="id_website">'
                     r'Leave this blank</label>\s*<input type="text" id="id_website" name="website" tabindex="-1" '
                     r'autocomplete="off">', text)


def test_the_same_form_sent_twice_counts_once(client, link):
    key = fresh_key(client, link)
    first = send(client, link, FULL, key=key)
    second = send(client, link, {**FULL, "q_listened": ""}, key=key)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Response.objects.count() == 1


def test_a_used_key_found_only_when_storing_still_counts_once(link):
    assert response_submit(link, {"listened": "1"}, language="en-gb", key_nonce="abc") is not None
    assert response_submit(link, {"listened": "2"}, language="en-gb", key_nonce="abc") is None
    assert Response.objects.count() == 1


@pytest.mark.parametrize("key", ["", "not-a-key", "tampered"])
def test_a_bad_key_keeps_the_answers_and_stores_nothing(client, link, key):
    if key == "tampered":
        good = fresh_key(client, link)
        key = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    response = send(client, link, FULL, key=key)
    assert response.status_code == 200
    text = html(response)
    assert "This form has expired. Your answers are below" in text
    assert "They did not use an interpreter.</textarea>" in text
    assert form_key(text) != key
    assert not Response.objects.exists()


def test_a_key_for_another_link_or_too_old_is_refused(client, link, organisation, monkeypatch):
    other = build_survey(organisation, title="Another survey")
    assert "This form has expired" in html(send(client, link, FULL, key=fresh_key(client, other)))
    monkeypatch.setattr(forms_public, "FORM_KEY_MAX_AGE", -1)
    assert "This form has expired" in html(send(client, link, FULL))
    assert not Response.objects.exists()


def test_the_rate_limit_is_per_address_and_keeps_the_answers(client, link, settings):
    settings.STAR = {**settings.STAR, "SURVEY_SUBMISSIONS_PER_HOUR": 2}
    caches["shared"].clear()
    for _ in range(2):
        assert send(client, link, FULL, REMOTE_ADDR="203.0.113.7").status_code == 302
    limited = send(client, link, FULL, REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    text = html(limited)
    assert "Too many answers have been sent from your connection in the last hour. Please try again later." in text
    assert "They did not use an interpreter.</textarea>" in text
    assert re.search(r'value="4" checked', text)
    assert Response.objects.count() == 2
    assert send(client, link, FULL, REMOTE_ADDR="198.51.100.20").status_code == 302
    assert Response.objects.count() == 3
    assert client.get(url(link), REMOTE_ADDR="203.0.113.7").status_code == 200  # reading is never limited


def test_more_values_than_the_form_has_are_refused(client, link):
    response = send(client, link, {**FULL, **{f"extra{n}": "x" for n in range(20)}})
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_a_closed_survey_shows_the_closed_page(client, organisation):
    closed = build_survey(organisation, status=Survey.Status.CLOSED)
    Action.objects.create(organisation=organisation, survey=closed.survey, you_said="Interpreters came late.",
                          we_did="We book them a week ahead.", status=Action.Status.DONE)
    response = client.get(url(closed))
    assert response.status_code == 200
    text = html(response)
    assert "This survey is closed" in text
    assert "<form" not in text
    assert "We book them a week ahead." in text
    assert client.post(url(closed), FULL).status_code == 200
    assert not Response.objects.exists()


def test_an_open_survey_without_a_published_version_is_closed(client, organisation):
    draft = build_survey(organisation, published=False)
    assert "This survey is closed" in html(client.get(url(draft)))


def test_unknown_and_inactive_links_are_not_found(client, link):
    assert client.get("/s/no-such-token/").status_code == 404
    assert client.get("/s/no-such-token/thank-you/").status_code == 404
    link.is_active = False
    link.save()
    assert client.get(url(link)).status_code == 404
    assert client.post(url(link), FULL).status_code == 404


def test_text_over_the_limit_is_refused_and_kept(client, link):
    long = "a" * 3_001
    response = send(client, link, {"q_listened": "1", "q_comments": long})
    text = html(response)
    assert "Your answer to ‘Anything else?’ must be 3,000 characters or fewer" in text
    assert f"{long}</textarea>" in text
    assert not Response.objects.exists()
    windows_lines = "a" * 2_000 + "\r\n" + "b" * 999  # 3,000 characters once the line end is plain
    assert send(client, link, {"q_listened": "1", "q_comments": windows_lines}).status_code == 302


def test_text_is_stored_as_typed_and_shown_escaped(client, link, organisation):
    script = "<script>alert('x')</script> & <b>bold</b>\n\tsecond line"
    send(client, link, {"q_listened": "1", "q_comments": f"  {script}\x00\x07  "})
    assert Answer.objects.get(question__key="comments").text == script
    page = html(send(client, link, {"q_comments": script}))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script>alert" not in page
    Action.objects.create(organisation=organisation, survey=link.survey, you_said=script, we_did="<i>Listened</i>")
    thanks = html(client.get(url(link, "thank-you/")))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in thanks
    assert "&lt;i&gt;Listened&lt;/i&gt;" in thanks
    assert "<script>alert" not in thanks


def test_control_characters_are_removed_but_lines_and_tabs_kept():
    assert clean_text("a\r\nb\tc\x1b[31m\x7f\x85 ") == "a\nb\tc[31m"


def test_the_thank_you_page_lists_only_public_actions(client, link, organisation):
    Action.objects.create(organisation=organisation, survey=link.survey, you_said="Letters were hard to read.",
                          we_did="We rewrote them with families.", status=Action.Status.UNDERWAY)
    Action.objects.create(organisation=organisation, survey=link.survey, you_said="Private note",
                          we_did="Not for respondents.", is_public=False)
    text = html(client.get(url(link, "thank-you/")))
    assert "Thank you" in text
    assert "What happens next" in text
    assert "We rewrote them with families." in text
    assert "Under way" in text
    assert "Not for respondents." not in text


def test_the_public_pages_set_no_cookie_but_csrf(client, link):
    pages = [client.get(url(link)), send(client, link, {**FULL, "q_listened": ""}), send(client, link, FULL),
             client.get(url(link, "thank-you/"))]
    for page in pages:
        assert set(page.cookies) <= {"csrftoken"}, page.cookies
    assert "csrftoken" in pages[0].cookies
    assert "no-cache" in pages[0]["Cache-Control"]


def test_the_form_needs_the_csrf_token(link):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    page = strict.get(url(link))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html(page))[1]
    data = {**FULL, "form_key": form_key(html(page)), "lang": "en-gb", "website": ""}
    assert strict.post(url(link), data).status_code == 403
    assert strict.post(url(link), {**data, "csrfmiddlewaretoken": token}).status_code == 302


def test_an_easy_read_survey_uses_easy_read_answers(client, link, monkeypatch):
    Survey.objects.filter(pk=link.survey_id).update(template_key="easy")
    monkeypatch.setattr(public_selectors, "questionnaire", lambda key: SimpleNamespace(easy_read=key == "easy"))
    text = html(client.get(url(link)))
    assert "Yes, a lot" in text
    assert "Strongly agree" not in text
    send(client, link, {"q_listened": "5"})
    assert Answer.objects.get().choice == "5"


def test_a_template_no_longer_shipped_is_not_easy_read(link):
    link.survey.template_key = "no-such-template"
    assert not public_selectors.is_easy_read(link.survey)


def test_every_shared_answer_is_marked_for_translation():
    shared = set(SHARED_WORDING)
    assert {label for _, label in LIKERT_OPTIONS + EASY_READ_LIKERT_OPTIONS} <= shared
    assert {broad.label for broad in BROAD_GROUPS.values()} <= shared
    assert {category.name for category in DETAILED.values()} <= shared


def test_the_poster_needs_sign_in_and_the_permission(client, link, make_user):
    poster = url(link, "poster/")
    response = client.get(poster)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    client.force_login(make_user("practitioner"))
    assert client.get(poster).status_code == 403
    client.force_login(make_user("practice_lead", organisation=OrganisationFactory()))
    assert client.get(poster).status_code == 404
    assert client.get(url(link, "qr.svg")).status_code == 404
    client.force_login(make_user("practice_lead"))
    page = client.get(poster)
    assert page.status_code == 200
    text = html(page)
    assert f"http://localhost:8000/s/{link.token}/" in text
    assert '<svg role="img" viewBox="0 0 ' in text
    assert "<title>QR code for How was it for you?</title>" in text
    assert " style=" not in text.split('<div class="star-poster__qr">')[1].split("</div>")[0]
    svg = client.get(url(link, "qr.svg"))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg["Content-Disposition"] == f'attachment; filename="survey-{link.token}-qr.svg"'
    assert svg.content.startswith(b"<?xml")


def test_an_empty_response_is_not_counted(client, link):
    Question.objects.filter(key="listened").update(required=False)
    response = send(client, link, {})
    assert response.status_code == 200 and "Answer at least one question" in html(response)
    assert not Response.objects.exists()
