from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from star.core.tasks import sessions_clear


@pytest.mark.django_db
def test_expired_sessions_are_cleared_by_the_task():
    Session.objects.create(session_key="old", session_data="", expire_date=timezone.now() - timedelta(days=1))
    Session.objects.create(session_key="live", session_data="", expire_date=timezone.now() + timedelta(days=1))
    result = sessions_clear.enqueue()
    assert result.status == "SUCCESSFUL"
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]


@pytest.mark.django_db
def test_production_queue_is_the_database():
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from config.settings import base

    assert base.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    backend = DatabaseBackend("default", {"QUEUES": [], "OPTIONS": {}})
    result = backend.enqueue(sessions_clear, (), {})
    assert result.status == "READY"
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
