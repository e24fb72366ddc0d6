"""A small world for the catalogue tests (helpers only; each test_catalogue* module makes its ``world`` fixture
with ``build_catalogue_world(organisation, make_user)``).

Northbridge on the published STAR framework: one service with two teams, Assessment Team 1 (a manager, the
three people who report to them and two colleagues: six people) and Family Help North (three people), a
learning lead and a senior leader; an activity with a session next week (two places) and one held last week.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from star.core.models import User
from star.core.tests.factories import ServiceFactory, StaffProfileFactory, TeamFactory
from star.framework.services import framework_ensure_default
from star.learning.models import Activity, Session
from star.learning.services import catalogue as services


@dataclass
class CatalogueWorld:
    organisation: object
    team_a: object
    team_b: object
    lead: User
    leader: User
    manager: User
    alice: User
    bob: User
    cara: User
    dan: User
    eve: User
    team_b_people: list
    activity: Activity
    upcoming: Session
    held: Session


def build_catalogue_world(organisation, make_user) -> CatalogueWorld:
    framework_ensure_default()
    service = ServiceFactory(organisation=organisation, name="Children's Social Care")
    team_a = TeamFactory(service=service, name="Assessment Team 1")
    team_b = TeamFactory(service=service, name="Family Help North")
    lead = make_user("learning_lead", username="lead", first_name="Lena", last_name="Grant",
                     email="lena.grant@northbridge.example")
    leader = make_user("senior_leader", username="leader", first_name="Sade", last_name="Brown")
    manager = make_user("manager", username="manager1", first_name="Ayo", last_name="Patel",
                        email="ayo.patel@northbridge.example")
    boss = StaffProfileFactory(organisation=organisation, user=manager, team=team_a, job_title="Team manager")
    people = {}
    for name, reports in (("alice", True), ("bob", True), ("cara", True), ("dan", False), ("eve", False)):
        user = make_user("practitioner", username=name, first_name=name.title(), last_name="Mensah",
                         email=f"{name}@northbridge.example")
        StaffProfileFactory(organisation=organisation, user=user, team=team_a, line_manager=boss if reports else None)
        people[name] = user
    team_b_people = []
    for name in ("fay", "gus", "hal"):
        user = make_user("practitioner", username=name, first_name=name.title(), last_name="Okoro",
                         email=f"{name}@northbridge.example")
        StaffProfileFactory(organisation=organisation, user=user, team=team_b)
        team_b_people.append(user)
    activity = services.activity_create(
        user=lead, title="Adultification: what it is and how to challenge it", kind="training",
        description="How adultification shows up in referrals and risk analyses.", provider="In-house",
        lens_keys=["anti_racist", "trauma_informed"], indicator_keys=["think-yourself-1", "act-yourself-2"],
        minutes=180)
    # 10:00 a week ahead, so a three-hour session never crosses midnight whenever the tests run.
    soon = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=7), time(10, 0)))
    upcoming = services.session_create(activity=activity, user=lead, starts_at=soon, ends_at=soon + timedelta(hours=3),
                                       location="Civic Centre, Room 2.14", capacity=2, facilitator="Lena Grant")
    before = timezone.now().replace(microsecond=0) - timedelta(days=7)
    held = Session.objects.create(activity=activity, starts_at=before, ends_at=before + timedelta(hours=3),
                                  location="Online", capacity=20)
    return CatalogueWorld(organisation, team_a, team_b, lead, leader, manager, people["alice"], people["bob"],
                          people["cara"], people["dan"], people["eve"], team_b_people, activity, upcoming, held)


def place(world: CatalogueWorld, session: Session, *people, status: str = "registered"):
    """Give people a place at a session directly (for sessions in the past, where registering is closed)."""
    from star.learning.models import Attendance

    return [Attendance.objects.create(session=session, user=person, status=status) for person in people]
