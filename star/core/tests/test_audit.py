import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from star.core.models import SitePage

from .factories import OrganisationFactory, StaffProfileFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_update_delete_are_recorded():
    team = TeamFactory(name="Assessment Team 1")
    team.name = "Assessment Team One"
    team.save()
    pk = team.pk
    team.delete()
    actions = list(LogEntry.objects.filter(content_type__model="team", object_pk=str(pk))
                   .order_by("pk").values_list("action", flat=True))
    assert actions == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE]


def test_entries_cannot_be_edited_or_deleted():
    TeamFactory()
    entry = LogEntry.objects.latest("pk")
    entry.object_repr = "tampered"
    with pytest.raises(PermissionDenied), transaction.atomic():
        entry.save()
    with pytest.raises(PermissionDenied), transaction.atomic():
        entry.delete()
    assert LogEntry.objects.get(pk=entry.pk).object_repr != "tampered"


def test_writes_through_a_request_carry_the_actor_and_request_id(client, make_user):
    admin = make_user("admin")
    client.force_login(admin)
    response = client.post(reverse("core:site_page_edit", args=["privacy"]), {"body": "## Who we are\nNorthbridge."},
                           headers={"X-Request-ID": "req-1234567890"})
    assert response.status_code == 302
    entry = LogEntry.objects.get(content_type__model="sitepage", action=LogEntry.Action.CREATE)
    assert entry.actor == admin
    assert entry.cid == "req-1234567890"
    assert SitePage.objects.get().body.startswith("## Who we are")


def test_admins_browse_and_filter_their_own_organisation_entries(client, make_user):
    admin = make_user("admin")
    outsider = UserFactory(organisation=OrganisationFactory(), username="outsider", roles=["admin"])
    client.force_login(outsider)
    client.post(reverse("core:api_tokens"), {"name": "Outsider token"})
    client.force_login(admin)
    client.post(reverse("core:api_tokens"), {"name": "Quarterly report"})

    page = client.get(reverse("core:audit_log")).content.decode()
    assert "Quarterly report" in page
    assert "Outsider token" not in page

    filtered = client.get(reverse("core:audit_log"), {"action": LogEntry.Action.DELETE}).content.decode()
    assert "Quarterly report" not in filtered
    assert "No entries match" in filtered


def test_bad_filter_dates_are_explained_not_crashed(client, make_user):
    client.force_login(make_user("admin"))
    response = client.get(reverse("core:audit_log"), {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    assert response.status_code == 200
    assert "must be the same as or after" in response.content.decode()
    response = client.get(reverse("core:audit_log"), {"date_from": "not a date"})
    assert "Enter a valid date" in response.content.decode()


def test_reading_a_sensitive_profile_is_recorded(client, make_user, organisation):
    admin = make_user("admin")
    person = StaffProfileFactory(organisation=organisation)
    client.force_login(admin)
    client.get(reverse("core:staff_profile", args=[person.pk]))
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=admin, object_pk=str(person.pk)).exists()
