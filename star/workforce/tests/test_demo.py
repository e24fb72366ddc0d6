"""The demo tells the story the dashboard must find: a narrowing leadership gap and one real shortlisting gap."""

import io

import pytest

from star.analytics import relative_likelihood
from star.core.demo import demo_build
from star.workforce.demo import SHORTLISTING_GAP_SERVICE
from star.workforce.models import Application, StaffRecord, StaffSnapshot

pytestmark = pytest.mark.django_db
WHITE = {"white_british", "white_irish", "white_gypsy_irish_traveller", "white_roma", "white_other"}
UNKNOWN = {"refused", "not_obtained"}


@pytest.fixture
def demo(db):
    demo_build(seed=5, size="council", stdout=io.StringIO())


def global_majority_share(rows):
    known = [e for e in rows if e not in UNKNOWN]
    return sum(e not in WHITE for e in known) / len(known)


def test_demo_shows_a_narrowing_leadership_gap_and_one_real_shortlisting_gap(demo):
    assert_leadership_gap_narrows_slowly()
    assert_one_service_has_a_real_shortlisting_gap()


def assert_leadership_gap_narrows_slowly():
    snapshots = list(StaffSnapshot.objects.order_by("as_at"))
    assert [s.as_at.year for s in snapshots] == [2022, 2023, 2024, 2025, 2026]
    gaps = []
    for snapshot in snapshots:
        current = StaffRecord.objects.filter(snapshot=snapshot, leaving_date__isnull=True)
        workforce = global_majority_share(current.values_list("ethnicity", flat=True))
        leadership = global_majority_share(current.exclude(leadership_tier="").values_list("ethnicity", flat=True))
        gaps.append(workforce - leadership)
    assert gaps[0] > gaps[-1] > 0  # narrowed, but not closed
    assert abs(StaffRecord.objects.filter(snapshot=snapshots[0], leaving_date__isnull=True).count()
               - StaffRecord.objects.filter(snapshot=snapshots[-1], leaving_date__isnull=True).count()) < 80


def assert_one_service_has_a_real_shortlisting_gap():
    def counts(applications):
        rows = list(applications.values_list("ethnicity", "shortlisted"))
        gm = [s for e, s in rows if e not in WHITE and e not in UNKNOWN]
        white = [s for e, s in rows if e in WHITE]
        return sum(gm), len(gm), sum(white), len(white)

    in_service = relative_likelihood(*counts(Application.objects.filter(service=SHORTLISTING_GAP_SERVICE)),
                                     group="Global Majority", comparator="White")
    elsewhere = relative_likelihood(*counts(Application.objects.exclude(service=SHORTLISTING_GAP_SERVICE)),
                                    group="Global Majority", comparator="White")
    assert in_service.upper < 0.8 and in_service.p_value < 0.001
    assert elsewhere.value > in_service.upper
