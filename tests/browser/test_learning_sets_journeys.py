"""Action learning sets end to end: a learning lead sets one up; the facilitator records a meeting with
attendance, a presenter and commitments, then reviews them at the next; a member rewords their commitment;
the learning lead sees the metadata only. Every page is axe-clean."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from star.learning.models import LearningSet, SetCommitment
from star.learning.tests.test_sets_support import build_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTES = "The presenter brought a strategy discussion where a Black boy of 14 was described as intimidating."


def _day(weeks: int) -> str:
    return (timezone.localdate() - timedelta(weeks=weeks)).isoformat()


@pytest.fixture
def signed_in(browser, live_server, sign_in):
    contexts = []

    def open_as(user):
        contexts.append(browser.new_context(base_url=live_server.url))
        page = contexts[-1].new_page()
        sign_in(page, user)
        return page

    yield open_as
    for context in contexts:  # before the live server goes, so no request is left in flight
        context.close()


def test_a_learning_lead_sets_up_a_set_adds_members_and_starts_it(signed_in, make_user, assert_accessible):
    lead = make_user("learning_lead", username="lena", first_name="Lena", last_name="Lead")
    make_user("practice_lead", username="femi", first_name="Femi", last_name="Adeyemi")
    names = ["Alice Mensah", "Bola Okoro", "Chen Li", "Dara Khan"]
    for name in names:
        first, last = name.split()
        make_user("practitioner", username=first.lower(), first_name=first, last_name=last)
    page = signed_in(lead)
    page.goto("/learning/sets/")
    expect(page.locator("h1")).to_have_text("Action learning sets")
    assert_accessible(page)
    page.click("text=Set up a new set")
    page.fill("#id_name", "Anti-racist practice set: frontline practitioners")
    page.fill("#id_theme", "Anti-racist practice in assessments")
    page.select_option("#id_facilitator", label="Femi Adeyemi")
    page.fill("#id_cadence_weeks", "13")
    page.fill("#id_committed_meetings", "6")
    page.fill("#id_starts_on", _day(0))
    page.click("button:has-text('Create the set')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("A set meets at least every 12 weeks")
    expect(page.locator("#id_name")).to_have_value("Anti-racist practice set: frontline practitioners")
    assert_accessible(page)
    page.fill("#id_cadence_weeks", "6")
    page.click("button:has-text('Create the set')")
    expect(page.locator("h1")).to_have_text("Members")
    for name in names[:3]:
        page.select_option("#id_member", label=name)
        page.click("button:has-text('Add to the set')")
        expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{name} is added")
    expect(page.locator("main")).to_contain_text("Add at least 4 members to start the set")
    assert_accessible(page)
    page.select_option("#id_member", label=names[3])
    page.click("button:has-text('Add to the set')")
    page.click("button:has-text('Start the set')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The set is running")
    expect(page.locator("#confidential")).to_contain_text("confidential to its members and facilitator")
    assert_accessible(page)
    assert LearningSet.objects.get().status == LearningSet.Status.RUNNING


def test_the_facilitator_records_a_meeting_then_reviews_its_commitments_at_the_next(
        signed_in, make_user, assert_accessible):
    a_set = build_set(make_user)
    alice, bola, chen, _ = a_set.members
    pk = a_set.learning_set.pk
    page = signed_in(a_set.facilitator)
    page.goto(f"/learning/sets/{pk}/")
    expect(page.locator("main")).to_contain_text("To agree at the first meeting.")
    assert_accessible(page)
    page.click("text=Record the ground rules")
    page.fill("#id_ground_rules", "What is said in the set stays in the set.")
    page.click("button:has-text('Save the ground rules')")
    expect(page.locator("main")).to_contain_text("What is said in the set stays in the set.")

    page.click("text=Record meeting 1")
    expect(page.locator("h1")).to_have_text("Record meeting 1")
    assert_accessible(page)
    page.fill("#id_held_on", _day(12))
    page.uncheck("#id_attended_3")  # Dara was absent
    page.check("#id_presenters_3")  # ... so cannot have presented
    page.fill("#id_notes", NOTES)
    page.fill(f"#id_commit_{alice.pk}", "Reread my next three assessments for 'hostile' and 'evasive'")
    page.fill(f"#id_commit_{bola.pk}", "Ask the family how they describe their identity")
    page.click("button:has-text('Save meeting 1')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Dara Member presented, so tick them")
    expect(page.locator("#id_notes")).to_have_value(NOTES)
    assert_accessible(page)
    page.uncheck("#id_presenters_3")
    page.check("#id_presenters_1")  # Bola presented
    page.click("button:has-text('Save meeting 1')")
    expect(page.locator("h1")).to_have_text("Meeting 1")
    expect(page.locator(".govuk-summary-list__row", has_text="Absent")).to_contain_text("Dara Member")
    expect(page.locator(".govuk-summary-list__row", has_text="Presented")).to_contain_text("Bola Member")
    assert_accessible(page)

    page.goto(f"/learning/sets/{pk}/")
    expect(page.locator("main")).to_contain_text("Commitments to review at the next meeting")
    page.click("text=Record meeting 2")
    alices, bolas = SetCommitment.objects.get(member=alice), SetCommitment.objects.get(member=bola)
    expect(page.locator("main")).to_contain_text("Commitment from meeting 1: Ask the family how they describe")
    assert_accessible(page)
    page.fill("#id_held_on", _day(6))
    page.check(f"#id_review_{alices.pk}_1")  # in progress
    page.fill(f"#id_reflection_{alices.pk}", "Two of three reread")
    page.click("button:has-text('Save meeting 2')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Review Bola Member's commitment from meeting 1")
    assert_accessible(page)
    page.check(f"#id_review_{bolas.pk}_0")  # done
    page.fill(f"#id_reflection_{bolas.pk}", "Recorded in her words, and she noticed")
    page.fill(f"#id_commit_{chen.pk}", "Bring the interpreter booking dates")
    page.click("button:has-text('Save meeting 2')")
    expect(page.locator("h1")).to_have_text("Meeting 2")
    expect(page.locator("main")).to_contain_text("Meeting 2 (In progress): Two of three reread")
    expect(page.locator("main")).to_contain_text("Meeting 2 (Done): Recorded in her words")
    assert_accessible(page)

    page.click("text=Back to the set")
    page.click("text=Record meeting 3")
    expect(page.locator("main")).to_contain_text("In progress when reviewed at meeting 2")
    expect(page.locator(f"#id_review_{bolas.pk}_0")).to_have_count(0)  # done: off the list
    expect(page.locator(f"#id_review_{alices.pk}_0")).to_have_count(1)  # in progress: carried forward
    assert_accessible(page)


def test_a_member_rewords_their_commitment_and_the_lead_sees_metadata_only(signed_in, make_user,
                                                                          assert_accessible):
    from star.learning.services import sets as services

    a_set = build_set(make_user)
    alice = a_set.members[0]
    services.meeting_record(
        learning_set=a_set.learning_set, user=a_set.facilitator, held_on=timezone.localdate() - timedelta(weeks=2),
        attended=[person.pk for person in a_set.members], presenters=[alice.pk], notes=NOTES,
        commitments={alice.pk: "First wording"}, reviews={})
    page = signed_in(alice)
    page.goto(f"/learning/sets/{a_set.learning_set.pk}/")
    expect(page.locator("main")).to_contain_text("Your open commitments")
    page.click("text=Change your commitment from meeting 1")
    expect(page.locator("h1")).to_have_text("Your commitment")
    assert_accessible(page)
    page.fill("#id_action", "")
    page.click("button:has-text('Save your commitment')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your commitment")
    assert_accessible(page)
    page.fill("#id_action", "Use the family's own words in my next two assessments")
    page.click("button:has-text('Save your commitment')")
    expect(page.locator("main")).to_contain_text("Use the family's own words in my next two assessments")

    lead = signed_in(a_set.lead)
    lead.goto(f"/learning/sets/{a_set.learning_set.pk}/")
    expect(lead.locator("#confidential")).to_contain_text("confidential to its members and facilitator")
    expect(lead.locator("main")).to_contain_text("Meetings and attendance")
    expect(lead.locator("main")).not_to_contain_text(NOTES)
    expect(lead.locator("main")).not_to_contain_text("own words")
    assert_accessible(lead)
    response = lead.goto(f"/learning/sets/{a_set.learning_set.pk}/meetings/1/")
    assert response.status == 403
