"""Catalogue services: capacity and duplicates, attendance and the records it makes, my records, suggestions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from star.audits import services as audit_services
from star.audits.models import Audit, AuditProgramme, CaseListEntry, LearningPoint
from star.core.models import Notification
from star.framework.models import Indicator
from star.learning.models import Attendance, LearningRecord, Suggestion
from star.learning.services import catalogue as services
from star.practice import services as practice_services

from .test_catalogue_world import build_catalogue_world, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisation, make_user):
    return build_catalogue_world(organisation, make_user)


# --- the catalogue --------------------------------------------------------------------------------

def test_only_a_learning_lead_adds_activities_and_tags_come_from_the_framework(world):
    with pytest.raises(PermissionDenied):
        services.activity_create(user=world.alice, title="Reading", kind="reading")
    with pytest.raises(ValidationError, match="current STAR framework"):
        services.activity_create(user=world.lead, title="Reading", kind="reading", indicator_keys=["no-such-thing"])
    with pytest.raises(ValidationError, match="kind of learning"):
        services.activity_create(user=world.lead, title="Reading", kind="podcast")
    item = services.activity_create(user=world.lead, title="  Reading  ", kind="reading",
                                    lens_keys=["anti_racist", "systemic", "systemic"],
                                    indicator_keys=["learn-yourself-2", "think-yourself-1"])
    assert item.title == "Reading" and item.organisation == world.organisation
    assert item.lens_keys == ["systemic", "anti_racist"]  # the framework's order, each once
    assert item.indicator_keys == ["think-yourself-1", "learn-yourself-2"]


def test_a_session_ends_after_it_starts_and_keeps_room_for_those_registered(world):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError, match="end after it starts"):
        services.session_create(activity=world.activity, user=world.lead, starts_at=start, ends_at=start)
    services.session_register(session=world.upcoming, user=world.alice)
    services.session_register(session=world.upcoming, user=world.bob)
    with pytest.raises(ValidationError, match="2 people already have a place"):
        services.session_update(session=world.upcoming, user=world.lead, starts_at=world.upcoming.starts_at,
                                ends_at=world.upcoming.ends_at, capacity=1)
    services.session_update(session=world.upcoming, user=world.lead, starts_at=world.upcoming.starts_at,
                            ends_at=world.upcoming.ends_at, capacity=None, location="Online")
    world.upcoming.refresh_from_db()
    assert world.upcoming.capacity is None and world.upcoming.location == "Online"


# --- registering ----------------------------------------------------------------------------------

def test_capacity_is_enforced_and_a_cancelled_place_frees_it(world):
    services.session_register(session=world.upcoming, user=world.alice)
    services.session_register(session=world.upcoming, user=world.bob)
    with pytest.raises(ValidationError, match="This session is full"):
        services.session_register(session=world.upcoming, user=world.cara)
    services.session_cancel(session=world.upcoming, user=world.bob)
    services.session_register(session=world.upcoming, user=world.cara)
    statuses = dict(world.upcoming.attendances.values_list("user__username", "status"))
    assert statuses == {"alice": "registered", "bob": "cancelled", "cara": "registered"}
    with pytest.raises(ValidationError, match="This session is full"):
        services.session_register(session=world.upcoming, user=world.bob)  # coming back needs a free place


def test_a_duplicate_registration_is_refused_clearly(world):
    services.session_register(session=world.upcoming, user=world.alice)
    with pytest.raises(ValidationError, match="You are already registered for this session"):
        services.session_register(session=world.upcoming, user=world.alice)
    assert Attendance.objects.filter(session=world.upcoming, user=world.alice).count() == 1


def test_registering_or_cancelling_after_the_start_is_refused(world):
    with pytest.raises(ValidationError, match="already started"):
        services.session_register(session=world.held, user=world.alice)
    services.session_register(session=world.upcoming, user=world.alice)
    with pytest.raises(ValidationError, match="already started"):
        services.session_cancel(session=world.upcoming, user=world.alice,
                                now=world.upcoming.starts_at + timedelta(minutes=1))
    with pytest.raises(ValidationError, match="already started"):
        services.session_register(session=world.upcoming, user=world.bob, now=world.upcoming.starts_at)


def test_nobody_registers_for_a_session_of_another_organisation_or_a_retired_activity(world, make_user):
    from star.core.tests.factories import OrganisationFactory, UserFactory

    stranger = UserFactory(roles=["practitioner"], organisation=OrganisationFactory(slug="eastmoor"))
    with pytest.raises(PermissionDenied):
        services.session_register(session=world.upcoming, user=stranger)
    services.activity_update(activity=world.activity, user=world.lead, title=world.activity.title, kind="training",
                             is_active=False)
    with pytest.raises(ValidationError, match="no longer offered"):
        services.session_register(session=world.upcoming, user=world.alice)


# --- attendance and records -----------------------------------------------------------------------

def test_marking_attended_makes_one_record_and_unmarking_removes_it(world):
    alice, bob = place(world, world.held, world.alice, world.bob)
    counts = services.attendance_mark(session=world.held, user=world.lead,
                                      marks={alice.pk: "attended", bob.pk: "no_show"})
    assert counts == {"changed": 2, "records_added": 1, "records_removed": 0}
    record = LearningRecord.objects.get()
    assert (record.user, record.session, record.source) == (world.alice, world.held, "attendance")
    assert record.title == world.activity.title and record.completed_on == timezone.localdate(world.held.starts_at)
    assert record.lens_keys == ["trauma_informed", "anti_racist"] and record.minutes == 180
    assert Notification.objects.filter(user=world.alice, url="/learning/records/").exists()

    # Marking again changes nothing; a second record for the same session is impossible.
    assert services.attendance_mark(session=world.held, user=world.lead, marks={alice.pk: "attended"})["changed"] == 0
    assert LearningRecord.objects.count() == 1

    services.attendance_mark(session=world.held, user=world.lead, marks={alice.pk: "no_show", bob.pk: "attended"})
    assert list(LearningRecord.objects.values_list("user__username", flat=True)) == ["bob"]
    services.attendance_mark(session=world.held, user=world.lead, marks={bob.pk: "registered"})
    assert not LearningRecord.objects.exists()


def test_the_database_allows_one_record_per_person_per_session(world):
    from django.db import IntegrityError, transaction

    LearningRecord.objects.create(organisation=world.organisation, user=world.alice, session=world.held,
                                  title="x", kind="training", completed_on=date.today())
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningRecord.objects.create(organisation=world.organisation, user=world.alice, session=world.held,
                                      title="y", kind="training", completed_on=date.today())


def test_attendance_is_marked_only_by_a_learning_lead_and_only_once_the_session_has_started(world):
    services.session_register(session=world.upcoming, user=world.alice)
    mine = Attendance.objects.get(user=world.alice)
    with pytest.raises(PermissionDenied):
        services.attendance_mark(session=world.upcoming, user=world.alice, marks={mine.pk: "attended"})
    with pytest.raises(ValidationError, match="has not started yet"):
        services.attendance_mark(session=world.upcoming, user=world.lead, marks={mine.pk: "attended"})
    (other,) = place(world, world.held, world.bob)
    with pytest.raises(ValidationError, match="no longer on this session's register"):
        services.attendance_mark(session=world.upcoming, user=world.lead, marks={other.pk: "registered"})


def test_a_record_i_logged_myself_survives_unmarking(world):
    (alice,) = place(world, world.held, world.alice, status="no_show")
    services.record_create(user=world.alice, title="Reading on adultification", kind="reading",
                           completed_on=timezone.localdate())
    services.attendance_mark(session=world.held, user=world.lead, marks={alice.pk: "registered"})
    assert LearningRecord.objects.filter(user=world.alice, source="self").count() == 1


# --- my records -----------------------------------------------------------------------------------

def test_logging_my_learning_checks_the_date_tags_and_the_linked_reflection(world):
    mine = practice_services.reflection_create(author=world.alice, text="What I noticed.",
                                               indicator_keys=["think-yourself-1"])
    theirs = practice_services.reflection_create(author=world.bob, text="Bob's words.",
                                                 indicator_keys=["think-yourself-1"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="today or in the past"):
        services.record_create(user=world.alice, title="Podcast", kind="other", completed_on=tomorrow)
    with pytest.raises(ValidationError, match="your own reflections"):
        services.record_create(user=world.alice, title="Podcast", kind="other", completed_on=timezone.localdate(),
                               practice_reflection=theirs)
    record = services.record_create(user=world.alice, title="Podcast", kind="other", completed_on=timezone.localdate(),
                                    minutes=45, lens_keys=["anti_racist"], reflection="  Useful.  ",
                                    practice_reflection=mine)
    assert (record.source, record.reflection, record.practice_reflection) == ("self", "Useful.", mine)


def test_only_the_owner_changes_a_record_and_a_register_record_keeps_its_facts(world):
    (alice,) = place(world, world.held, world.alice)
    services.attendance_mark(session=world.held, user=world.lead, marks={alice.pk: "attended"})
    record = LearningRecord.objects.get()
    with pytest.raises(PermissionDenied):
        services.record_update(record=record, user=world.bob, reflection="Not mine")
    with pytest.raises(ValidationError, match="keeps the session's title"):
        services.record_update(record=record, user=world.alice, title="Something else")
    services.record_update(record=record, user=world.alice, title=record.title, reflection="I will check my wording.",
                           lens_keys=["anti_racist"], indicator_keys=["act-yourself-2"])
    record.refresh_from_db()
    assert record.reflection == "I will check my wording." and record.indicator_keys == ["act-yourself-2"]
    with pytest.raises(ValidationError, match="correct the register"):
        services.record_delete(record=record, user=world.alice)
    own = services.record_create(user=world.alice, title="Book club", kind="reading", completed_on=date(2026, 1, 5))
    with pytest.raises(PermissionDenied):
        services.record_delete(record=own, user=world.bob)
    services.record_delete(record=own, user=world.alice)
    assert LearningRecord.objects.count() == 1


# --- suggestions ----------------------------------------------------------------------------------

def _audit_of(world, worker, tags):
    version = audit_services.standards_starter_install(organisation=world.organisation)
    programme = AuditProgramme.objects.create(organisation=world.organisation, name="Thematic audit", kind="thematic",
                                              standards_version=version, period_start=date(2026, 1, 1),
                                              period_end=date(2026, 1, 31))
    case = CaseListEntry.objects.create(programme=programme, case_reference="NB-100001", team_name="Assessment Team 1",
                                        worker=worker, ethnicity="black_african", stage="Child in need")
    audit = Audit.objects.create(organisation=world.organisation, programme=programme, case=case, auditor=world.lead,
                                 status=Audit.Status.SUBMITTED, submitted_at=timezone.now())
    return LearningPoint.objects.create(audit=audit, text="Risk analysis did not consider adultification.", tags=tags)


def test_an_audit_theme_becomes_a_suggestion_for_the_worker_of_the_audited_case(world):
    _audit_of(world, world.alice, ["adultification", "Interpreters"])
    counts = services.suggestions_refresh(organisation=world.organisation)
    assert counts["audit_theme"] == 2
    themes = Suggestion.objects.filter(reason="audit_theme")
    assert set(themes.values_list("user__username", flat=True)) == {"alice"}
    adultification = themes.get(source_key="theme:adultification")
    assert adultification.activity == world.activity  # the catalogue activity that names the theme
    assert "adultification" in adultification.text
    assert themes.get(source_key="theme:interpreters").activity is None
    # A draft audit's learning points are not used.
    point = _audit_of(world, world.bob, ["faith"])
    Audit.objects.filter(pk=point.audit_id).update(status=Audit.Status.IN_PROGRESS)
    assert services.suggestions_refresh(organisation=world.organisation)["audit_theme"] == 0


def test_an_open_action_from_supervision_suggests_learning_on_its_indicators(world):
    record = practice_services.supervision_record(
        supervisor=world.manager, supervisee=world.alice, held_on=timezone.localdate(), case_references=[],
        race_identity_discussed=True, trauma_considered=True, wider_system_considered=False,
        summary="We discussed adultification.", feedback="Well named.", indicator_keys=["act-yourself-2"],
        actions=[{"action": "Revisit the wording.", "due_on": timezone.localdate() + timedelta(days=14),
                  "measure": "Shared with me.", "indicator_keys": ["act-yourself-2"]}])
    practice_services.commitment_create(owner=world.bob, action="Read the report.", measure="Done.",
                                        due_on=timezone.localdate(), indicator_keys=["think-yourself-1"])
    services.suggestions_refresh(organisation=world.organisation)
    (suggestion,) = Suggestion.objects.filter(reason="supervision_action")
    commitment = record.agreed_actions.get()
    assert (suggestion.user, suggestion.source_key) == (world.alice, f"commitment:{commitment.pk}")
    assert suggestion.indicator_key == "act-yourself-2" and suggestion.activity == world.activity
    assert "Revisit the wording" not in suggestion.text  # the commitment's words stay in practice

    # Done: the open suggestion goes; a dismissed one would have stayed dismissed.
    practice_services.commitment_close(commitment=commitment, user=world.alice, status="done")
    counts = services.suggestions_refresh(organisation=world.organisation)
    assert counts["removed"] >= 1 and not Suggestion.objects.filter(reason="supervision_action").exists()


def test_indicator_gaps_are_per_person_and_ignore_private_reflections_of_colleagues(world, settings):
    settings.STAR = {**settings.STAR, "INDICATOR_QUIET_DAYS": 90}
    # Bob's reflection on think-yourself-1 is shared: his team has touched it.
    shared = practice_services.reflection_create(author=world.bob, text="Shared.", indicator_keys=["think-yourself-1"])
    practice_services.reflection_share(reflection=shared, user=world.bob, shared_with=world.manager, kind="supervisor")
    # Cara's reflection on act-yourself-1 is private: it counts for her only.
    practice_services.reflection_create(author=world.cara, text="Private.", indicator_keys=["act-yourself-1"])
    services.suggestions_refresh(organisation=world.organisation)
    gaps = Suggestion.objects.filter(reason="indicator_gap")

    def keys(user):
        return set(gaps.filter(user=user).values_list("indicator_key", flat=True))

    assert "think-yourself-1" not in keys(world.alice)
    assert "act-yourself-1" in keys(world.alice)  # a colleague's private reflection says nothing
    assert "act-yourself-1" not in keys(world.cara)  # but Cara covered it herself
    assert "think-yourself-1" in keys(world.team_b_people[0])  # another team
    every = Indicator.objects.filter(version__is_current=True).count()
    assert len(keys(world.alice)) == every - 1 and len(keys(world.team_b_people[0])) == every
    act = gaps.get(user=world.alice, indicator_key="act-yourself-2")
    assert act.activity == world.activity and act.source_key == "gap:act-yourself-2"
    assert gaps.get(user=world.alice, indicator_key="evaluate-1").activity is None


def test_suggestions_are_idempotent_and_a_dismissed_one_never_returns(world):
    _audit_of(world, world.alice, ["adultification"])
    first = services.suggestions_refresh(organisation=world.organisation)
    total = Suggestion.objects.count()
    assert total == sum(value for key, value in first.items() if key != "removed") > 0
    again = services.suggestions_refresh(organisation=world.organisation)
    assert Suggestion.objects.count() == total
    assert {key: value for key, value in again.items()} == {"audit_theme": 0, "supervision_action": 0,
                                                             "indicator_gap": 0, "removed": 0}
    gap = Suggestion.objects.filter(user=world.alice, reason="indicator_gap").first()
    theme = Suggestion.objects.get(user=world.alice, reason="audit_theme")
    services.suggestion_dismiss(suggestion=gap, user=world.alice)
    services.suggestion_dismiss(suggestion=theme, user=world.alice)
    with pytest.raises(PermissionDenied):
        services.suggestion_dismiss(suggestion=gap, user=world.bob)
    services.suggestions_refresh(organisation=world.organisation)
    gap.refresh_from_db()
    theme.refresh_from_db()
    assert gap.dismissed_at is not None and theme.dismissed_at is not None
    assert Suggestion.objects.count() == total


def test_an_indicator_gap_closes_when_the_team_touches_the_indicator(world):
    services.suggestions_refresh(organisation=world.organisation)
    assert Suggestion.objects.filter(user=world.alice, indicator_key="evaluate-2").exists()
    practice_services.supervision_record(
        supervisor=world.manager, supervisee=world.bob, held_on=timezone.localdate(), case_references=[],
        race_identity_discussed=False, trauma_considered=False, wider_system_considered=False, summary="s",
        feedback="f", indicator_keys=["evaluate-2"])
    services.suggestions_refresh(organisation=world.organisation, notify=True)
    assert not Suggestion.objects.filter(user__in=[world.alice, world.bob], indicator_key="evaluate-2").exists()
    assert Suggestion.objects.filter(user=world.team_b_people[0], indicator_key="evaluate-2").exists()
    assert not Notification.objects.filter(message="You have new learning suggestions").exists()  # nothing new


def test_the_daily_command_refreshes_suggestions(world):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("learning_suggest", "--organisation", "northbridge", "--notify", stdout=out)
    assert "Northbridge Council:" in out.getvalue() and "from indicator gaps" in out.getvalue()
    assert Notification.objects.filter(user=world.alice, message="You have new learning suggestions").count() == 1
    out = io.StringIO()
    call_command("learning_suggest", stdout=out)
    assert "Northbridge Council: 0 new suggestions" in out.getvalue()
