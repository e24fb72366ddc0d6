"""The demo's learning catalogue: a year of sessions of every kind, attendance, records and suggestions."""

import io

import pytest
from django.utils import timezone

from star.core.demo import demo_build
from star.core.models import User
from star.learning.models import Activity, ActivityKind, Attendance, LearningRecord, Session, Suggestion
from star.learning.selectors import catalogue as selectors
from star.learning.services.catalogue import suggestions_refresh

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_learning_and_tells_the_coverage_story(db):
    out = io.StringIO()
    demo_build(seed=5, size="council", stdout=out)
    assert "learning records" in out.getvalue()
    kinds = set(Activity.objects.values_list("kind", flat=True))
    assert kinds >= set(ActivityKind.values) - {ActivityKind.OTHER}
    now = timezone.now()
    assert Session.objects.filter(starts_at__lt=now).count() > 40 and Session.objects.filter(starts_at__gt=now).exists()
    for session in Session.objects.exclude(capacity=None):  # nobody is over a session's capacity
        assert session.attendances.exclude(status="cancelled").count() <= session.capacity, session
    assert not Attendance.objects.filter(session__starts_at__gt=now).exclude(status="registered").exists()
    attended = Attendance.objects.filter(status="attended")
    assert LearningRecord.objects.filter(session__isnull=False).count() == attended.count()

    practitioner = User.objects.get(username="practitioner")
    mine = LearningRecord.objects.filter(user=practitioner)
    assert mine.filter(source="attendance").exists() and mine.filter(practice_reflection__isnull=False).exists()
    assert selectors.my_sessions(practitioner).exists()
    assert Suggestion.objects.filter(user=practitioner).exists()
    # Indicator gaps depend on how the practice demo spreads reflections over teams, which differs between
    # databases (PostgreSQL's row order): they are tested in test_catalogue_services, not required here.
    reasons = set(Suggestion.objects.values_list("reason", flat=True))
    assert reasons >= {Suggestion.Reason.AUDIT_THEME, Suggestion.Reason.SUPERVISION_ACTION}

    # Running the suggestions again changes nothing.
    counts = suggestions_refresh(organisation=practitioner.organisation)
    assert counts == {"audit_theme": 0, "supervision_action": 0, "indicator_gap": 0, "removed": 0}

    view = selectors.dashboard(User.objects.get(username="learninglead"))
    rows = {row.name: row for row in view["coverage"]["rows"]}
    early, other = rows["Assessment Team 1"].figures["anti_racist"], rows["Court and Proceedings Team"].figures[
        "anti_racist"]
    assert early.value is not None and other.value is not None and early.value > other.value
    assert any(isinstance(row["booked"], int) and row["booked"] > 0 for row in view["trend"]["rows"])
    assert view["chart"] is not None
