"""Who sees what: a person's records are theirs and their line manager's; learning leads see aggregates only."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from star.core.tests.factories import OrganisationFactory, UserFactory
from star.learning.models import LearningRecord
from star.learning.services import catalogue as services

from .test_catalogue_world import build_catalogue_world, place

pytestmark = pytest.mark.django_db
PRIVATE = "I noticed I had described a 15-year-old as streetwise."


@pytest.fixture
def world(organisation, make_user):
    return build_catalogue_world(organisation, make_user)


@pytest.fixture
def record(world):
    return services.record_create(user=world.alice, title="Adultification reading", kind="reading",
                                  completed_on=timezone.localdate(), lens_keys=["anti_racist"], reflection=PRIVATE)


def test_the_owner_reads_and_changes_their_record(client, world, record):
    client.force_login(world.alice)
    page = client.get(f"/learning/records/{record.pk}/").content.decode()
    assert PRIVATE in page
    assert client.get(f"/learning/records/{record.pk}/edit/").status_code == 200
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(record.pk)).exists()


def test_a_line_manager_reads_a_direct_reports_records_without_their_words_and_it_is_audited(client, world, record):
    assert world.manager.has_perm("learning.view_record", record)
    assert not world.manager.has_perm("learning.change_record", record)
    client.force_login(world.manager)
    people = client.get("/learning/people/").content.decode()
    assert "Alice Mensah" in people and "Dan Mensah" not in people  # Dan does not report to them
    listing = client.get(f"/learning/people/{world.alice.pk}/").content.decode()
    assert "Adultification reading" in listing and PRIVATE not in listing
    page = client.get(f"/learning/records/{record.pk}/").content.decode()
    assert "Adultification reading" in page and PRIVATE not in page and "private to them" in page
    assert client.get(f"/learning/records/{record.pk}/edit/").status_code == 403
    accesses = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(record.pk))
    assert accesses.count() == 2 and {entry.actor for entry in accesses} == {world.manager}


def test_a_colleague_or_someone_elses_manager_cannot_read_a_record(client, world, record):
    for person in (world.bob, world.dan, world.lead, world.leader):
        assert not person.has_perm("learning.view_record", record), person
        client.force_login(person)
        assert client.get(f"/learning/records/{record.pk}/").status_code == 403, person
        assert client.get(f"/learning/people/{world.alice.pk}/").status_code == 404, person
    client.force_login(world.dan)
    assert client.get("/learning/people/").status_code == 403  # no direct reports


def test_another_organisation_gets_not_found(client, world, record):
    stranger = UserFactory(roles=["manager"], organisation=OrganisationFactory(slug="eastmoor"))
    client.force_login(stranger)
    assert client.get(f"/learning/records/{record.pk}/").status_code == 404
    assert client.get(f"/learning/sessions/{world.upcoming.pk}/").status_code == 404
    assert client.get(f"/learning/catalogue/{world.activity.pk}/").status_code == 404


def test_the_learning_lead_sees_aggregates_but_no_ones_words(client, world, record):
    (attendance,) = place(world, world.held, world.bob)
    services.attendance_mark(session=world.held, user=world.lead, marks={attendance.pk: "attended"})
    bob_record = LearningRecord.objects.get(user=world.bob)
    services.record_update(record=bob_record, user=world.bob, title=bob_record.title, reflection="Bob's own words.",
                           lens_keys=bob_record.lens_keys, indicator_keys=bob_record.indicator_keys)
    client.force_login(world.lead)
    page = client.get("/learning/dashboard/").content.decode()
    assert "Coverage by team and STAR lens" in page and "Assessment Team 1" in page
    assert PRIVATE not in page and "Bob&#x27;s own words." not in page and "Bob's own words." not in page
    assert "Alice" not in page and "Bob" not in page
    export = client.get("/learning/dashboard.csv").content.decode()
    assert PRIVATE not in export and "Bob's own words." not in export
    assert client.get(f"/learning/records/{bob_record.pk}/").status_code == 403


def test_the_dashboard_is_for_learning_leads_and_senior_leaders(client, world):
    for person, status in ((world.lead, 200), (world.leader, 200), (world.manager, 403), (world.alice, 403)):
        client.force_login(person)
        assert client.get("/learning/dashboard/").status_code == status, person


def test_managing_the_catalogue_is_for_learning_leads(client, world):
    client.force_login(world.alice)
    for url in ("/learning/catalogue/new/", f"/learning/catalogue/{world.activity.pk}/edit/",
                f"/learning/catalogue/{world.activity.pk}/sessions/new/", f"/learning/sessions/{world.held.pk}/edit/",
                f"/learning/sessions/{world.held.pk}/attendance/", "/learning/attendance/import/"):
        assert client.get(url).status_code == 403, url
    assert client.get("/learning/catalogue/").status_code == 200
    client.force_login(world.lead)
    assert client.get(f"/learning/sessions/{world.held.pk}/attendance/").status_code == 200


def test_a_retired_activity_is_hidden_from_everyone_but_learning_leads(client, world):
    services.activity_update(activity=world.activity, user=world.lead, title=world.activity.title, kind="training",
                             is_active=False)
    client.force_login(world.alice)
    assert client.get(f"/learning/catalogue/{world.activity.pk}/").status_code == 404
    assert world.activity.title not in client.get("/learning/catalogue/").content.decode()
    client.force_login(world.lead)
    page = client.get(f"/learning/catalogue/{world.activity.pk}/").content.decode()
    assert "This activity is no longer offered" in page
    assert world.activity.title in client.get("/learning/catalogue/?inactive=1").content.decode()


def test_dismissing_someone_elses_suggestion_is_not_found(client, world):
    services.suggestions_refresh(organisation=world.organisation)
    theirs = world.bob.learning_suggestions.first()
    client.force_login(world.alice)
    assert client.post(f"/learning/suggestions/{theirs.pk}/dismiss/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.dismissed_at is None


def test_small_teams_are_hidden_on_the_dashboard(client, world):
    # Everyone in Family Help North (3 people) and Assessment Team 1 (6) has learning using the anti-racist lens.
    day = timezone.localdate() - timedelta(days=3)
    for person in [world.manager, world.alice, world.bob, world.cara, world.dan, world.eve, *world.team_b_people]:
        services.record_create(user=person, title="Reading", kind="reading", completed_on=day,
                               lens_keys=["anti_racist"])
    from star.learning.selectors.catalogue import dashboard

    view = dashboard(world.lead)
    rows = {row.name: row for row in view["coverage"]["rows"]}
    assert rows["Family Help North"].staff == "c"
    assert rows["Family Help North"].figures["anti_racist"].symbol == "c"
    assert rows["Assessment Team 1"].staff == 6
    total = rows["All of Northbridge Council"].figures["anti_racist"]
    assert (total.numerator, total.denominator) == (9, 9)
    # Assessment Team 1's 6 of 6 would reveal Family Help North's 3 of 3 from the total: hidden as well.
    assert rows["Assessment Team 1"].figures["anti_racist"].symbol == "c"
    counts = {item["indicator"].key: item["people"] for item in view["indicators"]}
    assert set(counts.values()) == {0}
