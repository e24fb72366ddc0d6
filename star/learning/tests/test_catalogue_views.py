"""Pages: bad input gets a clear message and keeps what was typed; exports; the home page; the API."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from ninja.testing import TestClient

from star.learning.api import router
from star.learning.models import Activity, Attendance, LearningRecord, Session
from star.learning.services import catalogue as services
from star.practice import services as practice_services

from .test_catalogue_world import build_catalogue_world, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisation, make_user):
    return build_catalogue_world(organisation, make_user)


# --- forms keep what was typed ---------------------------------------------------------------------

def test_an_activity_without_a_title_is_refused_and_nothing_typed_is_lost(client, world):
    client.force_login(world.lead)
    response = client.post("/learning/catalogue/new/", {
        "title": "", "kind": "joint_working", "description": "Schools and social workers on exclusions.",
        "partners": "Northbridge secondary schools", "lenses": ["anti_racist"], "indicators": ["act-wider-system-1"],
        "minutes": "150", "link": "not a link"})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Enter the title of the activity" in page and "Enter a web address" in page
    assert "Schools and social workers on exclusions." in page and 'value="Northbridge secondary schools"' in page
    assert 'value="anti_racist" checked' in page and 'value="act-wider-system-1" checked' in page
    assert 'value="joint_working" checked' in page and 'value="150"' in page
    assert Activity.objects.count() == 1


def test_an_activity_is_added_and_changed(client, world):
    client.force_login(world.lead)
    response = client.post("/learning/catalogue/new/", {
        "title": "Exclusions and race: a joint session with Northbridge schools", "kind": "joint_working",
        "partners": "Northbridge secondary schools", "lenses": ["anti_racist", "systemic"],
        "indicators": ["act-wider-system-1"]})
    item = Activity.objects.get(kind="joint_working")
    assert response["Location"] == f"/learning/catalogue/{item.pk}/"
    assert item.lens_keys == ["systemic", "anti_racist"] and item.created_by == world.lead
    client.post(f"/learning/catalogue/{item.pk}/edit/", {"title": item.title, "kind": "workshop"})
    item.refresh_from_db()
    assert item.kind == "workshop" and item.is_active is False and item.lens_keys == []


def test_a_session_ending_before_it_starts_is_refused_and_kept(client, world):
    client.force_login(world.lead)
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = client.post(f"/learning/catalogue/{world.activity.pk}/sessions/new/", {
        "starts_on": day, "start_time": "13:30", "end_time": "12:00", "location": "Northbridge Academy",
        "capacity": "30", "facilitator": "Education Inclusion Service"})
    page = response.content.decode()
    assert "The end time must be after the start time" in page
    assert f'value="{day}"' in page and 'value="13:30"' in page and 'value="Northbridge Academy"' in page
    assert Session.objects.count() == 2
    response = client.post(f"/learning/catalogue/{world.activity.pk}/sessions/new/", {
        "starts_on": day, "start_time": "13:30", "end_time": "16:00", "location": "Northbridge Academy",
        "capacity": "30"})
    assert response.status_code == 302
    session = Session.objects.latest("pk")
    assert timezone.localtime(session.starts_at).strftime("%H:%M") == "13:30" and session.capacity == 30


def test_lowering_a_sessions_places_below_those_taken_is_explained_on_the_form(client, world):
    services.session_register(session=world.upcoming, user=world.alice)
    services.session_register(session=world.upcoming, user=world.bob)
    client.force_login(world.lead)
    start = timezone.localtime(world.upcoming.starts_at)
    page = client.post(f"/learning/sessions/{world.upcoming.pk}/edit/", {
        "starts_on": start.date().isoformat(), "start_time": start.strftime("%H:%M"),
        "end_time": (start + timedelta(hours=3)).strftime("%H:%M"), "capacity": "1",
        "location": "Room 3"}).content.decode()
    assert "2 people already have a place" in page and 'value="Room 3"' in page


def test_logging_learning_with_a_future_date_is_refused_and_kept(client, world):
    client.force_login(world.alice)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post("/learning/records/new/", {
        "title": "Podcast on adultification", "kind": "other", "completed_on": tomorrow, "minutes": "45",
        "lenses": ["anti_racist"], "reflection": "Made me think about the words I use."})
    page = response.content.decode()
    assert "The date must be today or in the past" in page
    assert 'value="Podcast on adultification"' in page and "Made me think about the words I use." in page
    assert 'value="anti_racist" checked' in page and '<option value="other" selected>' in page
    assert not LearningRecord.objects.exists()
    response = client.post("/learning/records/new/", {"title": "", "kind": "", "completed_on": ""})
    page = response.content.decode()
    assert "Say what you did" in page and "Choose the kind of learning" in page and "Enter the date" in page


def test_logging_learning_from_the_catalogue_links_the_activity_and_a_reflection(client, world):
    mine = practice_services.reflection_create(author=world.alice, text="A fuller reflection on adultification.",
                                               indicator_keys=["think-yourself-1"])
    client.force_login(world.alice)
    page = client.get(f"/learning/records/new/?activity={world.activity.pk}").content.decode()
    assert f'value="{world.activity.title}"' in page and "A fuller reflection on adultification" in page
    response = client.post(f"/learning/records/new/?activity={world.activity.pk}", {
        "title": world.activity.title, "kind": "training", "completed_on": timezone.localdate().isoformat(),
        "lenses": ["anti_racist"], "practice_reflection": str(mine.pk), "reflection": "Short note."})
    record = LearningRecord.objects.get()
    assert response["Location"] == f"/learning/records/{record.pk}/"
    assert record.activity == world.activity and record.practice_reflection == mine
    page = client.get(f"/learning/records/{record.pk}/").content.decode()
    assert f"/practice/reflections/{mine.pk}/" in page and "Short note." in page


def test_a_register_record_is_edited_without_its_title_and_date(client, world):
    (attendance,) = place(world, world.held, world.alice)
    services.attendance_mark(session=world.held, user=world.lead, marks={attendance.pk: "attended"})
    record = LearningRecord.objects.get()
    client.force_login(world.alice)
    page = client.get(f"/learning/records/{record.pk}/edit/").content.decode()
    assert 'name="title"' not in page and "come from the session" in page
    client.post(f"/learning/records/{record.pk}/edit/", {"reflection": "I will check my wording.",
                                                         "lenses": ["anti_racist"]})
    record.refresh_from_db()
    assert record.reflection == "I will check my wording." and record.title == world.activity.title
    response = client.post(f"/learning/records/{record.pk}/delete/", follow=True)
    assert "ask the learning lead" in response.content.decode() and LearningRecord.objects.exists()


# --- sessions, attendance ---------------------------------------------------------------------------

def test_registering_twice_or_for_a_full_session_is_explained(client, world):
    client.force_login(world.alice)
    response = client.post(f"/learning/sessions/{world.upcoming.pk}/register/", follow=True)
    assert "You are registered for" in response.content.decode()
    response = client.post(f"/learning/sessions/{world.upcoming.pk}/register/")
    assert response.status_code == 400 and "You are already registered" in response.content.decode()
    services.session_register(session=world.upcoming, user=world.bob)
    client.force_login(world.cara)
    page = client.get(f"/learning/sessions/{world.upcoming.pk}/").content.decode()
    assert "This session is full" in page and "Register for this session" not in page
    response = client.post(f"/learning/sessions/{world.upcoming.pk}/register/")
    assert response.status_code == 400 and "This session is full" in response.content.decode()
    client.force_login(world.alice)
    client.post(f"/learning/sessions/{world.upcoming.pk}/cancel/")
    assert Attendance.objects.get(user=world.alice).status == "cancelled"


def test_the_learning_lead_marks_attendance_on_one_form(client, world):
    alice, bob = place(world, world.held, world.alice, world.bob)
    client.force_login(world.lead)
    page = client.get(f"/learning/sessions/{world.held.pk}/attendance/").content.decode()
    assert "Alice Mensah" in page and "Bob Mensah" in page
    response = client.post(f"/learning/sessions/{world.held.pk}/attendance/",
                           {f"mark_{alice.pk}": "attended", f"mark_{bob.pk}": "no_show"}, follow=True)
    assert "1 learning record added" in response.content.decode()
    assert LearningRecord.objects.get().user == world.alice
    response = client.post(f"/learning/sessions/{world.held.pk}/attendance/", {f"mark_{alice.pk}": "attended"})
    assert "Mark whether Bob Mensah attended" in response.content.decode()
    bob.refresh_from_db()
    assert bob.status == "no_show"


# --- lists, exports, home -------------------------------------------------------------------------

def test_the_catalogue_filters_by_kind_and_lens(client, world):
    services.activity_create(user=world.lead, title="Cost of living and families", kind="expert",
                             lens_keys=["systemic"])
    client.force_login(world.alice)
    page = client.get("/learning/catalogue/").content.decode()
    assert "2 activities" in page
    page = client.get("/learning/catalogue/?lens=systemic").content.decode()
    assert "Cost of living and families" in page and world.activity.title not in page
    page = client.get("/learning/catalogue/?kind=training&lens=anti_racist").content.decode()
    assert world.activity.title in page and "Cost of living" not in page
    assert client.get("/learning/catalogue/?kind=nonsense").status_code == 200


def test_my_records_export_is_mine_only_and_safe_for_spreadsheets(client, world):
    services.record_create(user=world.alice, title="=HYPERLINK(\"x\")", kind="reading",
                           completed_on=timezone.localdate(), lens_keys=["anti_racist"], reflection="Line one.")
    services.record_create(user=world.bob, title="Bob's reading", kind="reading", completed_on=timezone.localdate())
    client.force_login(world.alice)
    response = client.get("/learning/records/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["title"] == "'=HYPERLINK(\"x\")" and rows[0]["lenses"] == "Anti-racist"
    assert rows[0]["reflection"] == "Line one." and rows[0]["source"] == "Logged by the person"


def test_the_home_page_shows_my_sessions_records_suggestions_and_the_other_panels(client, world):
    services.session_register(session=world.upcoming, user=world.alice)
    services.record_create(user=world.alice, title="Book club chapter", kind="reading",
                           completed_on=timezone.localdate())
    services.suggestions_refresh(organisation=world.organisation)
    client.force_login(world.alice)
    page = client.get("/learning/").content.decode()
    assert "Your upcoming sessions" in page and world.activity.title in page
    assert "Book club chapter" in page and "Suggested for you" in page and "Dismiss" in page
    assert "sets-panel-heading" in page or "Action learning sets" in page
    suggestion = world.alice.learning_suggestions.first()
    response = client.post(f"/learning/suggestions/{suggestion.pk}/dismiss/", {"next": "home"})
    assert response["Location"] == "/learning/"
    suggestion.refresh_from_db()
    assert suggestion.dismissed_at is not None
    client.force_login(world.manager)
    assert "Your team's learning records" in client.get("/learning/").content.decode()


def test_the_dashboard_shows_attendance_by_quarter_with_its_table(client, world):
    people = [world.alice, world.bob, world.cara, world.dan, world.eve, *world.team_b_people]
    marks = place(world, world.held, *people)
    marked = {item.pk: "attended" if index < 6 else "no_show" for index, item in enumerate(marks)}
    services.attendance_mark(session=world.held, user=world.lead, marks=marked)
    client.force_login(world.lead)
    page = client.get("/learning/dashboard/").content.decode()
    assert "<svg" in page and "Places booked" in page
    rows = list(csv.DictReader(io.StringIO(client.get("/learning/dashboard.csv").content.decode("utf-8-sig"))))
    booked = [row for row in rows if row["measure"] == "Places booked" and row["numerator"] not in ("", "0")]
    assert [row["numerator"] for row in booked] == ["8"]
    attended = [row for row in rows if row["measure"] == "Attended" and row["numerator"] not in ("", "0")]
    assert attended and attended[0]["numerator"] == "c"  # 2 did not attend: the split is hidden


# --- API ------------------------------------------------------------------------------------------

def test_the_api_lists_my_records_the_sessions_and_the_catalogue(world):
    api = TestClient(router)
    services.record_create(user=world.alice, title="Book club chapter", kind="reading",
                           completed_on=timezone.localdate(), reflection="Mine.")
    services.record_create(user=world.bob, title="Bob's", kind="reading", completed_on=timezone.localdate())
    services.session_register(session=world.upcoming, user=world.alice)
    records = api.get("/records", user=world.alice).json()
    assert [item["title"] for item in records] == ["Book club chapter"] and records[0]["reflection"] == "Mine."
    sessions = api.get("/sessions", user=world.alice).json()
    assert [(item["id"], item["places_left"], item["my_status"]) for item in sessions] == [
        (world.upcoming.pk, 1, "registered")]
    activities = api.get("/activities?lens=anti_racist", user=world.alice).json()
    assert activities[0]["title"] == world.activity.title and activities[0]["upcoming_sessions"] == 1
    assert api.get("/activities?lens=systemic", user=world.alice).json() == []
    assert api.get("/activities?kind=podcast", user=world.alice).status_code == 422
    assert api.get("/suggestions", user=world.alice).json() == []


def test_the_api_refuses_an_account_without_a_role(world, make_user):
    api = TestClient(router)
    assert api.get("/records", user=make_user()).status_code == 403
