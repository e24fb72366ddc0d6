"""The demo tells the team-view story: early adopters discuss race, culture and identity more, and it grows."""

import io

import pytest
from django.utils import timezone

from star.core.demo import demo_build
from star.core.models import Service, User
from star.core.periods import last_quarters
from star.practice import demo_text, selectors, team
from star.practice.prompts import INDICATOR_PROMPTS, prompts_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    demo_build(seed=5, size="council", stdout=io.StringIO())


def share(view, team_name, key="race_identity_discussed"):
    return next(row for row in view["supervision_rows"] if row.name == team_name).figures[key]


def test_demo_practice_tells_a_story(demo):
    leader = User.objects.get(username="seniorleader")
    quarter = last_quarters(timezone.localdate(), 4)[-2]  # the last full quarter
    assessment = Service.objects.get(name="Access and Assessment", organisation__slug="northbridge")
    court = Service.objects.get(name="Child Protection and Court", organisation__slug="northbridge")
    early = share(team.team_view(leader, quarter=quarter, service=assessment), "Assessment Team 1")
    flat = share(team.team_view(leader, quarter=quarter, service=court), "Court and Proceedings Team")
    assert early.value is not None and flat.value is not None
    assert early.lower > flat.upper, (early.reading, flat.reading)
    trend = team.team_view(leader)["trend"]
    assert trend[-2]["figure"].value > trend[0]["figure"].value


def test_demo_practitioner_has_a_supervision_to_acknowledge_that_the_manager_can_still_edit(demo):
    practitioner = User.objects.get(username="practitioner")
    manager = User.objects.get(username="manager")
    assert selectors.supervisor_of(practitioner) == manager
    my = selectors.my_star(practitioner)
    assert len(my.to_acknowledge) == 1 and my.recent and my.open_commitments
    assert manager.has_perm("practice.change_supervision", my.to_acknowledge[0])


def test_demo_staff_accounts_cannot_sign_in(demo):
    staff = User.objects.filter(username__startswith="northbridge.")
    assert staff.count() > 500
    assert not any(user.has_usable_password() for user in staff[:50])


def test_prompts_cover_every_indicator_and_demo_text_uses_real_prompts():
    from pathlib import Path

    import star.framework
    from star.framework.loader import load_file

    spec = load_file(Path(star.framework.__file__).parent / "versions" / "star-v1.yaml")
    assert set(INDICATOR_PROMPTS) == {item.key for item in spec.indicators}
    for item in demo_text.REFLECTIONS:
        assert all(key in INDICATOR_PROMPTS for key in item["indicators"])
        if item["prompt"]:
            assert any(item["prompt"] in prompts_for(key) for key in item["indicators"]), item["prompt"]
    for item in (*demo_text.COMMITMENTS, *demo_text.AGREED_ACTIONS, *demo_text.SUPERVISIONS):
        assert all(key in INDICATOR_PROMPTS for key in item["indicators"])
