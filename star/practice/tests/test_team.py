"""The team view: aggregates only, private reflections never counted, small groups hidden."""

import pytest

from star.core.tests.factories import StaffProfileFactory, TeamFactory
from star.practice import services, team

from .test_permissions import reflect, supervise

pytestmark = pytest.mark.django_db


def grow(small_team, make_user, organisation, extra: int):
    """Add practitioners to the manager's team so that it is big enough to publish."""
    boss = small_team.manager.staff_profile
    people = [small_team.alice, small_team.bob, small_team.cara]
    for index in range(extra):
        user = make_user("practitioner", username=f"extra{index}")
        StaffProfileFactory(organisation=organisation, user=user, team=small_team.team, line_manager=boss)
        people.append(user)
    return people


def row(rows, kind):
    return next(item for item in rows if item.kind == kind)


def test_private_reflections_are_never_counted_and_shared_ones_are(small_team):
    for _ in range(6):
        reflect(small_team.alice)
    view = team.team_view(small_team.manager)
    assert row(view["lens_rows"], "total").records == 0
    shared = reflect(small_team.alice)
    services.reflection_share(reflection=shared, user=small_team.alice, shared_with=small_team.manager,
                              kind="supervisor")
    view = team.team_view(small_team.manager)
    assert row(view["lens_rows"], "total").records == "c"  # one record: counted, but too few to show


def test_a_team_of_three_is_suppressed_whatever_its_number_of_supervisions(small_team):
    for person in (small_team.alice, small_team.bob, small_team.cara):
        for _ in range(4):
            supervise(small_team, person)
    view = team.team_view(small_team.manager)
    figure = row(view["supervision_rows"], "team").figures["race_identity_discussed"]
    assert figure.symbol == "c"
    assert row(view["supervision_rows"], "team").records == 12  # the count of records itself is safe to show


def test_a_big_enough_team_shows_shares_with_intervals(small_team, make_user, organisation):
    people = grow(small_team, make_user, organisation, extra=9)
    for index, person in enumerate(people):
        supervise(small_team, person, race_identity_discussed=index < 6, trauma_considered=index < 2)
    view = team.team_view(small_team.manager)
    figure = row(view["supervision_rows"], "total").figures["race_identity_discussed"]
    assert (figure.numerator, figure.denominator) == (6, 12)
    assert figure.lower < 0.5 < figure.upper
    # 2 of 12 would reveal too few people: hidden, with the reason in its reading.
    assert row(view["supervision_rows"], "total").figures["trauma_considered"].symbol == "c"
    assert view["headline"] == figure
    assert view["trend"][-1]["figure"].numerator == 6


def test_a_manager_sees_only_their_teams_and_leaders_see_every_team(small_team, make_user, organisation):
    other = TeamFactory(service=small_team.team.service, name="Assessment Team 2")
    assert [item.name for item in team.teams_in_scope(small_team.manager)] == ["Assessment Team 1"]
    leader = make_user("practice_lead")
    assert {item.name for item in team.teams_in_scope(leader)} == {"Assessment Team 1", other.name}
    view = team.team_view(leader)
    assert view["services_only"] is True
    assert all(item.kind != "team" for item in view["supervision_rows"])


def test_the_export_has_no_record_content(small_team, make_user, organisation):
    people = grow(small_team, make_user, organisation, extra=5)
    for person in people:
        supervise(small_team, person, summary="PRIVATE-SUMMARY", feedback="PRIVATE-FEEDBACK")
    rows = list(team.export_rows(team.team_view(small_team.manager)))
    assert rows and {"quarter", "measure", "percent", "symbol", "reading"} <= set(rows[0])
    assert "PRIVATE" not in repr(rows)
