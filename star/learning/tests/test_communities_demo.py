"""The demo tells the story of the network and the summit: "what happened after the summit?" has some
actions done, some in progress and some overdue."""

import io

import pytest
from django.utils import timezone

from star.core.demo import demo_build
from star.core.models import User
from star.learning.demos.communities import summit_day
from star.learning.models import CommittedAction, Community, Event
from star.learning.selectors import communities as selectors

pytestmark = pytest.mark.django_db


def test_the_demo_network_summit_and_what_happened_after(client):
    demo_build(seed=5, size="council", stdout=io.StringIO())
    community = Community.objects.get(name="Anti-racist practice leads network")
    assert community.organisation.slug == "northbridge" and not community.partner_organisations.exists()
    members = {membership.user.username: membership.is_coordinator for membership in community.memberships.all()}
    assert members["learninglead"] and members["practicelead"] and not members["manager"]
    assert len(members) >= 10 and {user.organisation.slug for user in User.objects.filter(
        community_memberships__community=community)} == {"northbridge"}
    meetings = list(community.meetings.order_by("starts_at"))
    assert len(meetings) == 6 and meetings[0].starts_at < timezone.now() < meetings[-1].starts_at
    assert community.resources.filter(kind="link").count() >= 3 and not community.resources.exclude(file="").exists()

    summit = Event.objects.get()
    assert summit.name == f"Northbridge Anti-Racism Summit {summit.starts_on.year}"
    assert summit.starts_on == summit_day(timezone.localdate()) and summit.sessions.count() == 6
    assert 55 <= summit.attendees.count() <= 65
    actions = CommittedAction.objects.filter(event=summit)
    assert 20 <= actions.count() <= 30
    assert all(action.owner in summit.attendees.all() for action in actions.select_related("owner"))
    summary = selectors.action_log_summary(summit.organisation, event=summit)
    counts = {row.status: row.count for row in summary["by_status"]}
    assert counts["done"] >= 5 and counts["in_progress"] >= 2 and summary["overdue"] >= 3
    figure = summary["done_by_due"]
    assert 0 < figure.numerator < figure.denominator and figure.lower < figure.value < figure.upper

    leader = User.objects.get(username="seniorleader")
    client.force_login(leader)
    page = client.get(f"/learning/events/{summit.pk}/").content.decode()
    assert "What happened after the summit?" in page and "In our own words" in page
    assert CommittedAction.objects.filter(owner=leader).exists()
    client.force_login(User.objects.get(username="manager"))
    assert client.get(f"/learning/communities/{community.pk}/").status_code == 200


def test_the_summit_is_well_in_the_past():
    from datetime import date

    assert summit_day(date(2026, 11, 29)) == date(2026, 6, 18)
    assert summit_day(date(2026, 7, 1)) == date(2025, 6, 18)
