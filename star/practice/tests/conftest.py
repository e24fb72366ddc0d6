"""A small team: a manager and three practitioners who report to them, on the published STAR framework."""

from dataclasses import dataclass

import pytest

from star.core.models import User
from star.core.tests.factories import StaffProfileFactory, TeamFactory
from star.framework.services import framework_ensure_default


@dataclass
class SmallTeam:
    team: object
    manager: User
    alice: User
    bob: User
    cara: User


@pytest.fixture
def framework(db):
    return framework_ensure_default()


@pytest.fixture
def small_team(framework, organisation, make_user) -> SmallTeam:
    return build_small_team(organisation, make_user)


def build_small_team(organisation, make_user) -> SmallTeam:
    team = TeamFactory(service__organisation=organisation, name="Assessment Team 1")
    manager = make_user("manager", username="manager1", first_name="Ayo", last_name="Patel")
    boss = StaffProfileFactory(organisation=organisation, user=manager, team=team, job_title="Team manager")
    people = []
    for name in ("alice", "bob", "cara"):
        user = make_user("practitioner", username=name, first_name=name.title(), last_name="Mensah")
        StaffProfileFactory(organisation=organisation, user=user, team=team, line_manager=boss)
        people.append(user)
    return SmallTeam(team, manager, *people)
