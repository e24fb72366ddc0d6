import io

import pytest

from star.core.demo import DEMO_PASSWORD, demo_build
from star.core.models import Grade, Organisation, StaffEqualityRecord, StaffProfile, User
from star.core.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db

WHITE = {"white_british", "white_irish", "white_gypsy_irish_traveller", "white_roma", "white_other"}
UNKNOWN = {"refused", "not_obtained"}


def global_majority_share(organisation, tiers):
    keys = StaffProfile.objects.filter(organisation=organisation, grade__tier__in=tiers).values("staff_key")
    ethnicities = list(StaffEqualityRecord.objects.filter(organisation=organisation, staff_key__in=keys)
                       .values_list("ethnicity", flat=True))
    known = [e for e in ethnicities if e not in UNKNOWN]
    return sum(e not in WHITE for e in known) / len(known)


def test_demo_council_is_realistic_deterministic_and_safe_to_rerun():
    ctx = demo_build(seed=11, size="council", stdout=io.StringIO())
    northbridge = Organisation.objects.get(slug="northbridge")
    staff = StaffProfile.objects.filter(organisation=northbridge)
    assert 790 <= staff.count() <= 810
    assert StaffEqualityRecord.objects.filter(organisation=northbridge).count() == staff.count()
    assert staff.filter(line_manager__isnull=True).count() == 1  # only the director
    assert {role for role, _ in ctx.logins} == set(ROLE_NAMES)
    for _, username in ctx.logins:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)

    frontline = global_majority_share(northbridge, [Grade.Tier.PRACTITIONER, Grade.Tier.SUPPORT])
    leadership = global_majority_share(northbridge, [Grade.Tier.MIDDLE, Grade.Tier.SENIOR])
    assert frontline > 0.4 and leadership < frontline - 0.1

    first_names = list(staff.order_by("staff_key").values_list("display_name", flat=True))
    assert demo_build(seed=11, size="council", stdout=io.StringIO()) is None  # re-running is safe
    demo_build(seed=11, size="council", stdout=io.StringIO(), rebuild=True)
    again = StaffProfile.objects.filter(organisation__slug="northbridge").order_by("staff_key")
    assert list(again.values_list("display_name", flat=True)) == first_names
    assert User.objects.filter(username="practitioner").count() == 1


def test_regional_demo_adds_two_neighbours_in_one_region():
    demo_build(seed=3, size="regional", stdout=io.StringIO())
    councils = Organisation.objects.filter(is_demo=True)
    assert councils.count() == 3
    assert len({c.region_id for c in councils}) == 1
    assert User.objects.get(username="practitioner.eastmoor").organisation.slug == "eastmoor"
