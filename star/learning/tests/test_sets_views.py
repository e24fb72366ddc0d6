"""Action learning set pages: setting up, membership, recording meetings with reviews, finishing, the calendar."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from star.learning.models import LearningSet, SetCommitment, SetMembership
from star.learning.selectors import sets as selectors
from star.learning.services import sets as services

from .test_sets_support import build_set, record, weeks_ago

pytestmark = pytest.mark.django_db


def test_a_learning_lead_sets_up_a_set_and_a_mistake_keeps_what_they_typed(client, make_user):
    lead = make_user("learning_lead", first_name="Lena", last_name="Lead")
    facilitator = make_user("practice_lead", first_name="Femi", last_name="Adeyemi")
    client.force_login(lead)
    assert client.get(reverse("learning:sets")).status_code == 200
    url = reverse("learning:set_new")
    data = {"name": "Frontline set", "theme": "Anti-racist practice", "facilitator": facilitator.pk,
            "cadence_weeks": 13, "committed_meetings": 6, "starts_on": timezone.localdate().isoformat()}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and "A set meets at least every 12 weeks" in html
    assert 'value="Frontline set"' in html and "Error: " in html
    response = client.post(url, {**data, "cadence_weeks": 3})
    assert "A set meets every 4 weeks at most often" in response.content.decode()
    response = client.post(url, {**data, "cadence_weeks": 6})
    learning_set = LearningSet.objects.get()
    assert response.url == reverse("learning:set_members", args=[learning_set.pk])
    assert learning_set.facilitator == facilitator and learning_set.cadence_weeks == 6


def test_people_who_are_not_learning_leads_cannot_set_up_sets(client, make_user):
    client.force_login(make_user("admin"))
    assert client.get(reverse("learning:set_new")).status_code == 403
    client.force_login(make_user("practitioner"))
    assert client.get(reverse("learning:set_new")).status_code == 403


def test_membership_page_adds_refuses_a_ninth_and_removes(client, make_user):
    a_set = build_set(make_user, members=8, start=False)
    learning_set = a_set.learning_set
    client.force_login(a_set.lead)
    url = reverse("learning:set_members", args=[learning_set.pk])
    html = client.get(url).content.decode()
    assert "the most a set can have" in html and 'name="member"' not in html
    ninth = make_user("practitioner", first_name="Nina", last_name="Ninth")
    response = client.post(url, {"member": ninth.pk})
    assert response.status_code == 400 and "at most 8 members" in response.content.decode()
    remove = reverse("learning:set_member_remove", args=[learning_set.pk, a_set.members[0].pk])
    assert client.post(remove).status_code == 302
    response = client.post(url, {"member": ninth.pk})
    assert response.status_code == 302
    assert selectors.active_memberships(learning_set).filter(user=ninth).exists()
    start = client.post(reverse("learning:set_start", args=[learning_set.pk]))
    assert start.url == reverse("learning:set", args=[learning_set.pk])


def test_starting_with_three_members_is_refused_with_a_message(client, make_user):
    a_set = build_set(make_user, members=3, start=False)
    client.force_login(a_set.lead)
    response = client.post(reverse("learning:set_start", args=[a_set.learning_set.pk]), follow=True)
    assert "at least 4 members to start: it has 3" in response.content.decode()
    a_set.learning_set.refresh_from_db()
    assert a_set.learning_set.status == LearningSet.Status.FORMING


def test_the_set_page_shows_ground_rules_to_agree_until_the_facilitator_records_them(client, make_user):
    a_set = build_set(make_user)
    client.force_login(a_set.members[0])
    url = reverse("learning:set", args=[a_set.learning_set.pk])
    html = client.get(url).content.decode()
    assert "To agree at the first meeting." in html and "Record the ground rules" not in html
    assert a_set.learning_set.starts_on.strftime("%-d %B %Y") in html  # the first meeting is due at the start
    client.force_login(a_set.facilitator)
    rules = reverse("learning:set_ground_rules", args=[a_set.learning_set.pk])
    assert "Record the ground rules" in client.get(url).content.decode()
    assert client.post(rules, {"ground_rules": ""}).status_code == 200
    client.post(rules, {"ground_rules": "We listen before we question."})
    assert "We listen before we question." in client.get(url).content.decode()


def _meeting_data(a_set, **extra):
    data = {"held_on": weeks_ago(20).isoformat(), "attended": [person.pk for person in a_set.members],
            "notes": "We talked about adultification."}
    data.update(extra)
    return data


def test_the_facilitator_records_meetings_and_reviews_commitments_on_the_same_form(client, make_user):
    a_set = build_set(make_user)
    alice, bola, chen, _ = a_set.members
    pk = a_set.learning_set.pk
    client.force_login(a_set.facilitator)
    url = reverse("learning:set_meeting_new", args=[pk])
    html = client.get(url).content.decode()
    assert "Record meeting 1" in html and "Review commitments" not in html
    response = client.post(url, _meeting_data(a_set, attended=[alice.pk], presenters=[bola.pk],
                                              **{f"commit_{chen.pk}": "Chen's words"}))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bola Member presented, so tick them as at the meeting too" in html
    assert "Chen Member was not at the meeting" in html and "Chen&#x27;s words" in html
    response = client.post(url, _meeting_data(a_set, presenters=[bola.pk], **{
        f"commit_{alice.pk}": "Ask each family how they describe their identity",
        f"commit_{bola.pk}": "Read the CSPR"}))
    assert response.url == reverse("learning:set_meeting", args=[pk, 1])
    html = client.get(url).content.decode()
    assert "Record meeting 2" in html and "Review commitments from earlier meetings" in html
    assert "Commitment from meeting 1: Ask each family how they describe their identity" in html
    alices, bolas = SetCommitment.objects.get(member=alice), SetCommitment.objects.get(member=bola)
    response = client.post(url, _meeting_data(a_set, held_on=weeks_ago(14).isoformat(),
                                              **{f"review_{alices.pk}": "in_progress"}))
    assert response.status_code == 400
    assert "Review Bola Member&#x27;s commitment from meeting 1" in response.content.decode()
    response = client.post(url, _meeting_data(a_set, held_on=weeks_ago(14).isoformat(), **{
        f"review_{alices.pk}": "in_progress", f"reflection_{alices.pk}": "Three families so far",
        f"review_{bolas.pk}": "done"}))
    assert response.status_code == 302
    html = client.get(reverse("learning:set_meeting", args=[pk, 2])).content.decode()
    assert "Meeting 2 (In progress): Three families so far" in html and "Read the CSPR" in html
    html = client.get(url).content.decode()
    assert "Record meeting 3" in html and f"review_{alices.pk}" in html and f"review_{bolas.pk}" not in html
    assert "In progress when reviewed at meeting 2" in html


def test_members_see_and_reword_their_own_commitment_before_the_next_meeting(client, make_user):
    a_set = build_set(make_user)
    alice, bola = a_set.members[:2]
    record(a_set, weeks=20, commitments={alice: "First wording", bola: "Bola's"})
    commitment = SetCommitment.objects.get(member=alice)
    client.force_login(alice)
    html = client.get(reverse("learning:set", args=[a_set.learning_set.pk])).content.decode()
    assert "Your open commitments" in html and "First wording" in html
    url = reverse("learning:set_commitment_edit", args=[commitment.pk])
    response = client.post(url, {"action": "Better wording"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.action == "Better wording"
    client.force_login(bola)
    assert client.get(url).status_code == 403


def test_the_home_panel_template_shows_sets_and_open_commitments(make_user):
    a_set = build_set(make_user)
    alice = a_set.members[0]
    record(a_set, weeks=20, commitments={alice: "Use the family's own words"})
    request = RequestFactory().get("/learning/")
    request.user = alice
    html = render_to_string("learning/sets/_home_panel.html", selectors.home_panel(alice), request=request)
    assert "Action learning sets" in html and a_set.learning_set.name in html
    assert "Use the family&#x27;s own words" in html and "Meeting 2 due" in html
    assert reverse("learning:set_commitment_edit", args=[SetCommitment.objects.get().pk]) in html
    html = render_to_string("learning/sets/_home_panel.html", selectors.home_panel(a_set.lead), request=request)
    assert "You are not in an action learning set" in html and "All action learning sets" in html


def test_the_calendar_lists_held_and_due_meetings_without_content(client, make_user):
    a_set = build_set(make_user, committed_meetings=3, cadence_weeks=6)
    record(a_set, weeks=20, notes="Private notes", commitments={a_set.members[0]: "Private action"})
    client.force_login(a_set.members[1])
    response = client.get(reverse("learning:set_calendar", args=[a_set.learning_set.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 3
    assert f"DTSTART;VALUE=DATE:{weeks_ago(20):%Y%m%d}" in body
    assert f"DTSTART;VALUE=DATE:{weeks_ago(14):%Y%m%d}" in body and f"{weeks_ago(8):%Y%m%d}" in body
    assert "meeting 2 of 3" in body and "Private" not in body


def test_finishing_from_the_page_sends_the_evaluation(client, make_user):
    a_set = build_set(make_user, committed_meetings=1)
    client.force_login(a_set.facilitator)
    url = reverse("learning:set_finish", args=[a_set.learning_set.pk])
    assert "1 committed meetings are recorded: 0 so far" in client.get(url).content.decode()
    record(a_set, weeks=5)
    html = client.get(reverse("learning:set", args=[a_set.learning_set.pk])).content.decode()
    assert "Finish the set" in html
    response = client.post(url, {"send_evaluation": "on"})
    assert response.status_code == 302
    a_set.learning_set.refresh_from_db()
    assert a_set.learning_set.status == LearningSet.Status.FINISHED and a_set.learning_set.evaluation_survey_id
    client.force_login(a_set.lead)
    html = client.get(reverse("learning:set", args=[a_set.learning_set.pk])).content.decode()
    assert reverse("voice:results", args=[a_set.learning_set.evaluation_survey_id]) in html


def test_a_former_member_is_listed_as_such(client, make_user):
    a_set = build_set(make_user, members=5)
    record(a_set, weeks=20)
    services.set_member_remove(learning_set=a_set.learning_set, user=a_set.lead, member=a_set.members[0])
    client.force_login(a_set.lead)
    html = client.get(reverse("learning:set", args=[a_set.learning_set.pk])).content.decode()
    assert "Former members" in html
    assert SetMembership.objects.filter(left_on__isnull=False).count() == 1
