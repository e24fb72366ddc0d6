"""The daily learning commands run from the `star` command line."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from star.core.models import Notification
from star.learning.models import CommittedAction


@pytest.mark.django_db
def test_the_reminder_command_reminds_the_owner_of_an_action_that_has_come_due_once(organisation, make_user):
    owner = make_user("manager")
    CommittedAction.objects.create(organisation=organisation, owner=owner, description="Review exclusions data",
                                   due_on=timezone.localdate() - timedelta(days=1))
    out = StringIO()
    call_command("learning_remind", stdout=out)
    assert out.getvalue().strip() == "1 reminder sent."
    assert Notification.objects.filter(user=owner).count() == 1
    call_command("learning_remind", stdout=StringIO())
    assert Notification.objects.filter(user=owner).count() == 1
