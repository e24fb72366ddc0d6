"""The action learning set demo: two sets part-way through, following the same rules as the services."""

import io

import pytest

from star.core.demo import DemoContext
from star.core.tests.factories import StaffProfileFactory, TeamFactory
from star.learning.demos import sets as demo
from star.learning.models import LearningSet, SetCommitment
from star.learning.selectors import sets as selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(organisation, make_user):
    for username, role in (("practicelead", "practice_lead"), ("learninglead", "learning_lead"),
                           ("practitioner", "practitioner"), ("manager", "manager")):
        make_user(role, username=username, first_name=username.title(), last_name="Login")
    for number in range(8):
        team = TeamFactory(service__organisation=organisation)
        for role in ("practitioner", "manager"):
            user = make_user(role, username=f"northbridge.{role}{number}", first_name=f"Person{number}",
                             last_name=role.title())
            StaffProfileFactory(organisation=organisation, user=user, team=team)


def _build(organisation, seed=7):
    stdout = io.StringIO()
    demo.build(DemoContext(seed=seed, size="council", stdout=stdout), organisation)
    return stdout.getvalue()


def test_the_demo_builds_two_sets_part_way_through(organisation, staff):
    from star.core.models import User

    assert "2 action learning sets" in _build(organisation)
    frontline = LearningSet.objects.get(name="Anti-racist practice set: frontline practitioners")
    managers = LearningSet.objects.get(name="Leading anti-racist change: managers")
    for learning_set, members, cadence, committed, held in ((frontline, 6, 6, 6, 4), (managers, 5, 8, 5, 3)):
        assert learning_set.status == LearningSet.Status.RUNNING
        overview = selectors.set_overview(learning_set)
        assert (len(overview.members), learning_set.cadence_weeks, learning_set.committed_meetings, overview.held) == (
            members, cadence, committed, held)
        assert overview.next_due > overview.meetings[-1].meeting.held_on
        assert learning_set.ground_rules
    reviews = set(SetCommitment.objects.values_list("review", flat=True))
    assert reviews == {"open", "done", "in_progress", "changed"}
    learninglead, practitioner = User.objects.get(username="learninglead"), User.objects.get(username="practitioner")
    assert learninglead.has_perm("learning.view_set_content", managers)
    assert not learninglead.has_perm("learning.view_set_content", frontline)
    assert learninglead.has_perm("learning.view_set", frontline)
    panel = selectors.home_panel(practitioner)
    assert [item.learning_set for item in panel["my_sets"]] == [frontline]
    assert any(item.editable for item in panel["my_set_commitments"])
    assert any(item.review == "in_progress" for item in panel["my_set_commitments"])


def test_the_demo_follows_through_as_the_services_do(organisation, staff):
    _build(organisation)
    for learning_set in LearningSet.objects.all():
        meetings = list(learning_set.meetings.order_by("number"))
        for meeting in meetings:
            present = set(meeting.attendance.filter(attended=True).values_list("user", flat=True))
            assert set(meeting.presenters.values_list("pk", flat=True)) <= present
            assert set(meeting.commitments.values_list("member", flat=True)) <= present
        for commitment in SetCommitment.objects.filter(meeting__learning_set=learning_set):
            if commitment.review == "open":
                continue
            assert commitment.reviewed_at.number > commitment.meeting.number
            lines = commitment.review_reflection.split("\n\n")
            assert lines[-1].startswith(f"Meeting {commitment.reviewed_at.number} ({commitment.get_review_display()})")
        # What is still open is what the next meeting would review: made or carried by current members.
        open_ones = SetCommitment.objects.filter(meeting__learning_set=learning_set,
                                                 review__in=selectors.STILL_OPEN)
        assert set(selectors.review_list(learning_set)) == set(open_ones)


def test_the_demo_skips_sets_without_staff_accounts(organisation):
    assert "0 action learning sets" in _build(organisation)
    assert not LearningSet.objects.exists()
