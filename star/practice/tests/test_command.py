import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from star.core.models import Notification
from star.practice import services

pytestmark = pytest.mark.django_db


def test_star_practice_remind_sends_due_reminders_once(small_team):
    services.commitment_create(owner=small_team.alice, action="x", measure="y", indicator_keys=["act-yourself-1"],
                               due_on=timezone.localdate())
    services.commitment_create(owner=small_team.bob, action="x", measure="y", indicator_keys=["act-yourself-1"],
                               due_on=timezone.localdate() + timedelta(days=3))
    out = io.StringIO()
    call_command("practice", "remind", stdout=out)
    call_command("practice", "remind", stdout=out)
    assert out.getvalue().splitlines() == ["Sent 1 reminder.", "Sent 0 reminders."]
    assert Notification.objects.get().user == small_team.alice
