"""Action learning sets: membership limits, the schedule, follow-through across meetings, the end of cycle."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from star.core.models import Notification
from star.core.tests.factories import OrganisationFactory, UserFactory
from star.learning.models import LearningSet, SetAttendance, SetCommitment, SetMembership
from star.learning.selectors import sets as selectors
from star.learning.services import sets as services

from .test_sets_support import build_set, record, weeks_ago

pytestmark = pytest.mark.django_db
Review = SetCommitment.Review


# --- creating a set and its membership ------------------------------------------------------------

@pytest.mark.parametrize("weeks", [3, 13, 0])
def test_a_cadence_outside_4_to_12_weeks_is_refused(make_user, weeks):
    lead, facilitator = make_user("learning_lead"), make_user("practitioner")
    with pytest.raises(ValidationError, match="4 to 12 weeks"):
        services.set_create(user=lead, name="Set", theme="Theme", facilitator=facilitator, cadence_weeks=weeks,
                            committed_meetings=6, starts_on=timezone.localdate())
    assert not LearningSet.objects.exists()


@pytest.mark.parametrize("weeks", [4, 12])
def test_cadences_of_4_and_12_weeks_are_allowed(make_user, weeks):
    lead, facilitator = make_user("learning_lead"), make_user("practitioner")
    learning_set = services.set_create(user=lead, name="Set", theme="Theme", facilitator=facilitator,
                                       cadence_weeks=weeks, committed_meetings=6, starts_on=timezone.localdate())
    assert learning_set.status == LearningSet.Status.FORMING and learning_set.cadence_weeks == weeks


def test_the_database_also_refuses_a_cadence_outside_4_to_12_weeks(make_user, organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningSet.objects.create(organisation=organisation, name="Set", theme="Theme", cadence_weeks=13,
                                   committed_meetings=6, starts_on=timezone.localdate())


def test_only_learning_leads_create_sets_and_manage_membership(make_user):
    practitioner, facilitator = make_user("practitioner"), make_user("practitioner")
    for someone in (practitioner, make_user("admin"), make_user("practice_lead")):
        with pytest.raises(PermissionDenied):
            services.set_create(user=someone, name="Set", theme="Theme", facilitator=facilitator, cadence_weeks=6,
                                committed_meetings=6, starts_on=timezone.localdate())
    a_set = build_set(make_user, start=False)
    with pytest.raises(PermissionDenied):
        services.set_member_add(learning_set=a_set.learning_set, user=a_set.facilitator, member=practitioner)


def test_the_facilitator_and_members_come_from_the_organisation(make_user):
    lead = make_user("learning_lead")
    outsider = UserFactory(organisation=OrganisationFactory(), roles=["practitioner"])
    with pytest.raises(ValidationError, match="people in your organisation"):
        services.set_create(user=lead, name="Set", theme="Theme", facilitator=outsider, cadence_weeks=6,
                            committed_meetings=6, starts_on=timezone.localdate())
    a_set = build_set(make_user, start=False, prefix="x")
    with pytest.raises(ValidationError, match="people in your organisation"):
        services.set_member_add(learning_set=a_set.learning_set, user=a_set.lead, member=outsider)
    with pytest.raises(ValidationError, match="facilitates this set"):
        services.set_member_add(learning_set=a_set.learning_set, user=a_set.lead, member=a_set.facilitator)
    with pytest.raises(ValidationError, match="already a member"):
        services.set_member_add(learning_set=a_set.learning_set, user=a_set.lead, member=a_set.members[0])


def test_a_ninth_member_is_refused(make_user):
    a_set = build_set(make_user, members=8)
    ninth = make_user("practitioner", username="ninth")
    with pytest.raises(ValidationError, match="at most 8 members"):
        services.set_member_add(learning_set=a_set.learning_set, user=a_set.lead, member=ninth)
    assert selectors.active_memberships(a_set.learning_set).count() == 8
    services.set_member_remove(learning_set=a_set.learning_set, user=a_set.lead, member=a_set.members[0])
    services.set_member_add(learning_set=a_set.learning_set, user=a_set.lead, member=ninth)
    assert selectors.active_memberships(a_set.learning_set).count() == 8


def test_a_set_cannot_start_with_3_members_and_starts_with_4(make_user):
    a_set = build_set(make_user, members=3, start=False)
    with pytest.raises(ValidationError, match="at least 4 members to start: it has 3"):
        services.set_start(learning_set=a_set.learning_set, user=a_set.lead)
    a_set.learning_set.refresh_from_db()
    assert a_set.learning_set.status == LearningSet.Status.FORMING
    services.set_member_add(learning_set=a_set.learning_set, user=a_set.lead, member=make_user("practitioner"))
    services.set_start(learning_set=a_set.learning_set, user=a_set.lead)
    a_set.learning_set.refresh_from_db()
    assert a_set.learning_set.status == LearningSet.Status.RUNNING


def test_members_are_notified_without_any_content(make_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a_set = build_set(make_user)
    alice = a_set.members[0]
    messages = list(Notification.objects.filter(user=alice).values_list("message", flat=True))
    assert "You have been added to an action learning set" in messages
    assert all(a_set.learning_set.name not in message and "Anti-racist" not in message for message in messages)
    with django_capture_on_commit_callbacks(execute=True):
        record(a_set, weeks=20, notes="Alice spoke about a family who felt judged",
               commitments={alice: "Ask the family"})
    assert len(mail.outbox) >= 5 + 4
    bodies = [message.body for message in mail.outbox]
    assert bodies and not any("judged" in body or "Ask the family" in body for body in bodies)
    assert Notification.objects.filter(user=alice, message__contains="meeting of your action learning set").exists()


def test_removing_a_member_before_any_meeting_deletes_the_membership_and_after_ends_it(make_user):
    a_set = build_set(make_user, members=5)
    alice, bola = a_set.members[:2]
    services.set_member_remove(learning_set=a_set.learning_set, user=a_set.lead, member=alice)
    assert not SetMembership.objects.filter(user=alice).exists()
    record(a_set, weeks=20, attended=a_set.members[1:])
    services.set_member_remove(learning_set=a_set.learning_set, user=a_set.lead, member=bola)
    assert SetMembership.objects.get(user=bola).left_on == timezone.localdate()
    assert SetAttendance.objects.get(user=bola).attended


# --- meetings and the schedule --------------------------------------------------------------------

def test_the_next_meeting_is_due_a_cadence_after_the_last(make_user):
    a_set = build_set(make_user, cadence_weeks=6, committed_meetings=3)
    learning_set = a_set.learning_set
    assert selectors.next_meeting_due(learning_set) == learning_set.starts_on
    record(a_set, weeks=20)
    assert selectors.next_meeting_due(learning_set) == weeks_ago(20) + timedelta(weeks=6)
    dates = selectors.meeting_dates(learning_set)
    assert [(item.number, item.on, item.held) for item in dates] == [
        (1, weeks_ago(20), True), (2, weeks_ago(14), False), (3, weeks_ago(8), False)]
    record(a_set, weeks=12)
    record(a_set, weeks=4)
    assert selectors.next_meeting_due(learning_set) is None


def test_a_meeting_needs_a_running_set_its_facilitator_and_a_sensible_date(make_user):
    a_set = build_set(make_user, start=False)
    with pytest.raises(ValidationError, match="Start the set"):
        record(a_set, weeks=20)
    services.set_start(learning_set=a_set.learning_set, user=a_set.lead)
    with pytest.raises(PermissionDenied):
        services.meeting_record(learning_set=a_set.learning_set, user=a_set.lead, held_on=weeks_ago(1),
                                attended=[a_set.members[0].pk], presenters=[], notes="", commitments={}, reviews={})
    with pytest.raises(ValidationError, match="today or in the past"):
        record(a_set, weeks=-1)
    with pytest.raises(ValidationError, match="on or after the set's start"):
        record(a_set, weeks=40)
    record(a_set, weeks=20)
    with pytest.raises(ValidationError, match="after the last meeting"):
        record(a_set, weeks=20)


def test_attendance_presenters_and_commitments_must_fit_who_was_there(make_user):
    a_set = build_set(make_user)
    alice, bola, *_ = a_set.members
    outsider = make_user("practitioner", username="outsider")
    with pytest.raises(ValidationError, match="at least one member"):
        record(a_set, weeks=20, attended=[])
    with pytest.raises(ValidationError, match="Only the set's members"):
        record(a_set, weeks=20, attended=[alice, outsider])
    with pytest.raises(ValidationError, match="Only members who were at the meeting"):
        record(a_set, weeks=20, attended=[alice], presenters=[bola])
    with pytest.raises(ValidationError, match="Bola Member was not at the meeting"):
        record(a_set, weeks=20, attended=[alice], commitments={bola: "Something"})
    meeting = record(a_set, weeks=20, attended=[alice, bola], presenters=[alice], notes="Notes",
                     commitments={alice: "Read the report", bola: "  "})
    assert meeting.number == 1
    assert list(meeting.presenters.all()) == [alice]
    assert {row.user_id: row.attended for row in meeting.attendance.all()} == {
        person.pk: person in (alice, bola) for person in a_set.members}
    assert [(item.member, item.action) for item in meeting.commitments.all()] == [(alice, "Read the report")]


def test_no_more_meetings_than_committed(make_user):
    a_set = build_set(make_user, committed_meetings=1)
    record(a_set, weeks=20)
    with pytest.raises(ValidationError, match="all 1 of its committed meetings"):
        record(a_set, weeks=10)


# --- follow-through -------------------------------------------------------------------------------

def test_a_commitment_made_at_meeting_1_is_reviewed_at_meeting_2(make_user):
    a_set = build_set(make_user)
    alice = a_set.members[0]
    record(a_set, weeks=20, commitments={alice: "Use the family's own words in my next assessment"})
    commitment = SetCommitment.objects.get()
    assert selectors.review_list(a_set.learning_set) == [commitment]
    with pytest.raises(ValidationError, match="Review Alice Member's commitment from meeting 1"):
        record(a_set, weeks=14)
    second = record(a_set, weeks=14, reviews={commitment: ("done", "I did, and the family noticed")})
    commitment.refresh_from_db()
    assert commitment.review == Review.DONE and commitment.reviewed_at == second
    assert commitment.review_reflection == "Meeting 2 (Done): I did, and the family noticed"
    assert selectors.review_list(a_set.learning_set) == []


def test_in_progress_carries_forward_and_done_does_not(make_user):
    a_set = build_set(make_user)
    alice, bola, chen, _ = a_set.members
    record(a_set, weeks=20, commitments={alice: "Ask about identity in every visit", bola: "Read Bernard's paper",
                                         chen: "Talk to my manager about the referral data"})
    by = {item.member: item for item in SetCommitment.objects.all()}
    record(a_set, weeks=14, reviews={by[alice]: ("in_progress", "Twice so far"), by[bola]: ("done", ""),
                                     by[chen]: ("changed", "My manager asked me to take it to the team meeting")},
           commitments={chen: "Take the referral data to the team meeting"})
    chen_new = SetCommitment.objects.get(member=chen, meeting__number=2)
    assert selectors.review_list(a_set.learning_set) == [by[alice], chen_new]
    with pytest.raises(ValidationError, match="Only open commitments"):
        record(a_set, weeks=8, reviews={by[bola]: ("done", ""), by[alice]: ("done", ""), chen_new: ("done", "")})
    third = record(a_set, weeks=8, reviews={by[alice]: ("done", "Every visit now"), chen_new: ("in_progress", "")})
    by[alice].refresh_from_db()
    assert by[alice].review == Review.DONE and by[alice].reviewed_at == third
    assert by[alice].review_reflection == "Meeting 2 (In progress): Twice so far\n\nMeeting 3 (Done): Every visit now"
    assert selectors.review_list(a_set.learning_set) == [chen_new]


def test_an_absent_members_commitment_stays_open_unless_reviewed(make_user):
    a_set = build_set(make_user)
    alice, bola, *rest = a_set.members
    record(a_set, weeks=20, commitments={alice: "Shadow a family group conference", bola: "Read the CSPR"})
    by = {item.member: item for item in SetCommitment.objects.all()}
    record(a_set, weeks=14, attended=[bola, *rest], reviews={by[bola]: ("done", "")})
    by[alice].refresh_from_db()
    assert by[alice].review == Review.OPEN and selectors.review_list(a_set.learning_set) == [by[alice]]
    record(a_set, weeks=8, attended=[bola, *rest], reviews={by[alice]: ("in_progress", "She emailed an update")})
    by[alice].refresh_from_db()
    assert by[alice].review == Review.IN_PROGRESS


def test_changed_needs_a_reflection(make_user):
    a_set = build_set(make_user)
    alice = a_set.members[0]
    record(a_set, weeks=20, commitments={alice: "Something"})
    with pytest.raises(ValidationError, match="Say how Alice Member's commitment changed"):
        record(a_set, weeks=14, reviews={SetCommitment.objects.get(): ("changed", " ")})


def test_a_former_members_commitments_leave_the_review_list(make_user):
    a_set = build_set(make_user, members=5)
    alice = a_set.members[0]
    record(a_set, weeks=20, commitments={alice: "Something"})
    services.set_member_remove(learning_set=a_set.learning_set, user=a_set.lead, member=alice)
    assert selectors.review_list(a_set.learning_set) == []


def test_a_member_rewords_their_commitment_until_the_next_meeting(make_user):
    a_set = build_set(make_user)
    alice, bola = a_set.members[:2]
    record(a_set, weeks=20, commitments={alice: "Draft", bola: "Bola's"})
    commitment = SetCommitment.objects.get(member=alice)
    with pytest.raises(PermissionDenied):
        services.commitment_update(commitment=commitment, user=bola, action="Not mine")
    services.commitment_update(commitment=commitment, user=alice, action="Ask every family about their name")
    commitment.refresh_from_db()
    assert commitment.action == "Ask every family about their name"
    record(a_set, weeks=14, attended=[bola], reviews={SetCommitment.objects.get(member=bola): ("done", "")})
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.commitment_update(commitment=commitment, user=alice, action="Too late")


def test_the_home_panel_lists_the_members_sets_and_open_commitments(make_user):
    a_set = build_set(make_user)
    alice, bola = a_set.members[:2]
    record(a_set, weeks=20, commitments={alice: "First", bola: "Bola's"})
    first = SetCommitment.objects.get(member=alice)
    record(a_set, weeks=14, reviews={first: ("in_progress", ""), SetCommitment.objects.get(member=bola): ("done", "")},
           commitments={alice: "Second"})
    panel = selectors.home_panel(alice)
    assert [item.learning_set for item in panel["my_sets"]] == [a_set.learning_set]
    assert panel["my_sets"][0].next_due == weeks_ago(14) + timedelta(weeks=6)
    assert [(item.action, item.editable) for item in panel["my_set_commitments"]] == [("First", False),
                                                                                     ("Second", True)]
    assert selectors.home_panel(bola)["my_set_commitments"] == []
    assert selectors.home_panel(a_set.facilitator)["my_sets"][0].is_facilitator
    assert not panel["can_manage_sets"] and selectors.home_panel(a_set.lead)["can_manage_sets"]
    outsider = make_user("practitioner", username="outsider")
    assert selectors.home_panel(outsider) == {"my_sets": [], "my_set_commitments": [], "can_manage_sets": False}


# --- end of cycle ---------------------------------------------------------------------------------

def test_a_set_finishes_only_when_its_committed_meetings_are_held(make_user):
    a_set = build_set(make_user, committed_meetings=2)
    record(a_set, weeks=20)
    with pytest.raises(ValidationError, match="2 committed meetings are recorded: 1 so far"):
        services.set_finish(learning_set=a_set.learning_set, user=a_set.facilitator)
    record(a_set, weeks=10)
    with pytest.raises(PermissionDenied):
        services.set_finish(learning_set=a_set.learning_set, user=a_set.members[0])
    services.set_finish(learning_set=a_set.learning_set, user=a_set.facilitator, send_evaluation=False)
    a_set.learning_set.refresh_from_db()
    assert a_set.learning_set.status == LearningSet.Status.FINISHED and a_set.learning_set.evaluation_survey is None
    with pytest.raises(ValidationError, match="finished"):
        services.set_member_add(learning_set=a_set.learning_set, user=a_set.lead, member=make_user("practitioner"))


def test_finishing_creates_the_evaluation_survey_links_it_and_sends_members_its_public_link(make_user):
    from star.voice.models import Question, Survey

    a_set = build_set(make_user, committed_meetings=1, members=5)
    record(a_set, weeks=10, attended=a_set.members[:4])
    services.set_member_remove(learning_set=a_set.learning_set, user=a_set.lead, member=a_set.members[4])
    services.set_finish(learning_set=a_set.learning_set, user=a_set.lead)
    a_set.learning_set.refresh_from_db()
    survey = a_set.learning_set.evaluation_survey
    assert survey is not None and survey.status == Survey.Status.OPEN
    assert survey.organisation_id == a_set.learning_set.organisation_id and survey.audience == "staff"
    assert survey.anonymity_threshold == 3
    questions = list(Question.objects.filter(section__version=survey.current_version).order_by("order"))
    assert [(item.kind, item.text) for item in questions] == [
        ("likert", "The set helped me change my practice"), ("likert", "I felt safe to be honest in the set"),
        ("likert", "I followed through on the actions I committed to"),
        ("text", "What would make the next set better?")]
    link = survey.links.get()
    told = Notification.objects.filter(url=f"/s/{link.token}/")
    assert set(told.values_list("user", flat=True)) == {person.pk for person in a_set.members} | {
        a_set.facilitator.pk}
    with pytest.raises(ValidationError, match="already has its evaluation"):
        services.set_evaluation_create(learning_set=a_set.learning_set, user=a_set.lead)


def test_the_evaluation_can_be_sent_later_for_a_finished_set(make_user):
    a_set = build_set(make_user, committed_meetings=1)
    with pytest.raises(ValidationError, match="Finish the set"):
        services.set_evaluation_create(learning_set=a_set.learning_set, user=a_set.lead)
    record(a_set, weeks=10)
    services.set_finish(learning_set=a_set.learning_set, user=a_set.facilitator, send_evaluation=False)
    survey = services.set_evaluation_create(learning_set=a_set.learning_set, user=a_set.facilitator)
    a_set.learning_set.refresh_from_db()
    assert a_set.learning_set.evaluation_survey == survey
