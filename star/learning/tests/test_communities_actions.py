"""Events and the action log: the programme, attendees, actions committed in the room, status updates by
their owner only, overdue, "what happened after the summit?" with an interval, reminders, the CSV."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from star.core.models import Notification
from star.learning.models import CommittedAction
from star.learning.selectors import communities as selectors
from star.learning.services import communities as services
from star.learning.tasks import action_reminders_send

from .test_communities_world import build_world

pytestmark = pytest.mark.django_db

SUMMIT = date(2026, 6, 18)
TODAY = date(2026, 11, 29)


@pytest.fixture
def world(db, organisation, make_user, settings, tmp_path):
    return build_world(organisation, make_user, settings, tmp_path)


@pytest.fixture
def summit(world):
    return services.event_create(user=world.lead, name="Northbridge Anti-Racism Summit 2026", starts_on=SUMMIT,
                                 ends_on=SUMMIT, location="Northbridge Town Hall")


def at(day, hour, minute=0):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def commit(world, summit, owner, due_on, text="Bring the adultification briefing to my team meeting"):
    return services.action_commit(user=world.lead, description=text, owner=owner, due_on=due_on, event=summit)


def mark(action, status, day):
    """Set an action's status as if it had been changed on ``day``."""
    CommittedAction.objects.filter(pk=action.pk).update(status=status, updated_at=at(day, 12))
    action.refresh_from_db()
    return action


# --- events -----------------------------------------------------------------------------------------------

def test_a_programme_of_sessions_on_the_days_of_the_event(world, summit):
    session = services.event_session_add(event=summit, user=world.lead, title="Opening", starts_at=at(SUMMIT, 9, 30),
                                         ends_at=at(SUMMIT, 10), hosts="The director of children's services")
    assert selectors.event_sessions(summit) == [session]
    with pytest.raises(ValidationError, match="on the days of the event"):
        services.event_session_add(event=summit, user=world.lead, title="Late", starts_at=at(SUMMIT + timedelta(1), 9),
                                   ends_at=at(SUMMIT + timedelta(1), 10))
    with pytest.raises(ValidationError, match="end after it starts"):
        services.event_session_add(event=summit, user=world.lead, title="Back", starts_at=at(SUMMIT, 10),
                                   ends_at=at(SUMMIT, 9))
    with pytest.raises(PermissionDenied):
        services.event_session_add(event=summit, user=world.member, title="Mine", starts_at=at(SUMMIT, 11),
                                   ends_at=at(SUMMIT, 12))
    with pytest.raises(ValidationError, match="Move or remove the sessions"):
        services.event_update(event=summit, user=world.lead, name=summit.name, starts_on=SUMMIT + timedelta(1),
                              ends_on=SUMMIT + timedelta(1))


def test_the_event_pages_keep_what_was_typed_on_errors(client, world, summit):
    client.force_login(world.lead)
    response = client.post("/learning/events/new/", {"name": "Race equality week", "starts_on": "2027-03-10",
                                                     "ends_on": "2027-03-08"})
    assert response.status_code == 400
    assert "The last day must be the same as or after the first day" in response.content.decode()
    assert 'value="Race equality week"' in response.content.decode()
    response = client.post(f"/learning/events/{summit.pk}/sessions/new/", {
        "title": "Lived-experience panel", "day": "2026-06-18", "starts": "25:00", "ends": "11:30"})
    assert response.status_code == 400 and "Enter the start time as hours and minutes" in response.content.decode()
    assert 'value="Lived-experience panel"' in response.content.decode()
    response = client.post(f"/learning/events/{summit.pk}/sessions/new/", {
        "title": "Lived-experience panel", "day": "2026-06-18", "starts": "10:15", "ends": "11:30",
        "hosts": "Young people and families from the participation group"})
    assert response.status_code == 302
    page = client.get(f"/learning/events/{summit.pk}/").content.decode()
    assert "Lived-experience panel" in page and "10:15 to 11:30" in page


def test_attendees_are_people_of_the_organisation_chosen_by_email(client, world, summit):
    client.force_login(world.lead)
    response = client.post(f"/learning/events/{summit.pk}/attendees/", {
        "emails": f"{world.member.email}\n{world.partner_member.email}, nobody@northbridge.example"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "priya.shah@eastmoor.example" in text and "nobody@northbridge.example" in text
    assert summit.attendees.count() == 0  # all or nothing
    response = client.post(f"/learning/events/{summit.pk}/attendees/", {
        "emails": f"{world.member.email.upper()}; {world.colleague.email}"})
    assert response.status_code == 302
    assert set(summit.attendees.all()) == {world.member, world.colleague}
    client.force_login(world.member)
    page = client.get(f"/learning/events/{summit.pk}/").content.decode()
    assert "2 people (including you)" in page
    assert client.get(f"/learning/events/{summit.pk}/attendees/").status_code == 403


# --- recording actions ------------------------------------------------------------------------------------

def test_recording_an_action_tells_its_owner(client, world, summit, django_capture_on_commit_callbacks):
    client.force_login(world.lead)
    response = client.post(f"/learning/events/{summit.pk}/actions/new/", {
        "description": "Add a question on identity to every supervision agenda", "owner": "nobody@example.test",
        "due_on": "2026-09-30"})
    assert response.status_code == 400
    assert "No one in your organisation has a STAR account" in response.content.decode()
    assert "Add a question on identity" in response.content.decode()
    response = client.post(f"/learning/events/{summit.pk}/actions/new/", {
        "description": "Add a question on identity to every supervision agenda", "owner": world.partner_member.email,
        "due_on": "2026-09-30"})
    assert response.status_code == 400  # partner members are not the organisation's people
    response = client.post(f"/learning/events/{summit.pk}/actions/new/", {
        "description": "Add a question on identity to every supervision agenda", "owner": world.member.email,
        "due_on": "2026-06-01"})
    assert "on or after the day of the event (18 June 2026)" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/learning/events/{summit.pk}/actions/new/", {
            "description": "Add a question on identity to every supervision agenda", "owner": world.member.email,
            "due_on": "2026-09-30"})
    assert response.status_code == 302
    action = CommittedAction.objects.get()
    assert (action.event, action.owner, action.status, action.organisation) == (summit, world.member, "open",
                                                                              world.host)
    note = Notification.objects.get(user=world.member, url__startswith="/learning/actions/")
    assert note.url == f"/learning/actions/{action.pk}/" and "due on 30 September 2026" in note.message
    assert "identity" not in note.message  # never the action's words
    assert mail.outbox and mail.outbox[-1].to == [world.member.email]


def test_actions_can_be_added_to_the_log_directly(client, world, summit):
    client.force_login(world.lead)
    soon = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = client.post("/learning/actions/new/", {"description": "Publish the summit's 'you said, we did'",
                                                      "owner": world.lead.email, "due_on": "2020-01-31"})
    assert response.status_code == 400 and "must be today or in the future" in response.content.decode()
    response = client.post("/learning/actions/new/", {"description": "Publish the summit's 'you said, we did'",
                                                      "owner": world.lead.email, "due_on": soon})
    assert response.status_code == 302
    assert CommittedAction.objects.get().event is None
    response = client.post("/learning/actions/new/", {"description": "Share the slides", "owner": world.lead.email,
                                                      "due_on": soon, "event": str(summit.pk)})
    assert CommittedAction.objects.get(description="Share the slides").event == summit
    client.force_login(world.leader)  # senior leaders follow the log; they do not run events
    assert client.get("/learning/actions/new/").status_code == 403


# --- updating actions -------------------------------------------------------------------------------------

def test_the_owner_updates_the_status_with_a_progress_note(client, world, summit):
    action = commit(world, summit, world.member, date(2026, 9, 30))
    client.force_login(world.member)
    response = client.post(f"/learning/actions/{action.pk}/", {"status": "dropped", "progress_note": ""})
    assert response.status_code == 400 and "Say why the action was dropped" in response.content.decode()
    response = client.post(f"/learning/actions/{action.pk}/", {
        "status": "in_progress", "progress_note": "Briefing booked for the October team meeting"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "in_progress" and action.progress_note.startswith("Briefing booked")
    assert "Briefing booked" in client.get(f"/learning/actions/{action.pk}/").content.decode()


def test_another_user_can_neither_see_nor_update_someone_elses_action(client, world, summit):
    action = commit(world, summit, world.member, date(2026, 9, 30))
    client.force_login(world.colleague)
    assert client.get(f"/learning/actions/{action.pk}/").status_code == 403
    assert client.post(f"/learning/actions/{action.pk}/", {"status": "done"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.action_update(action=action, user=world.colleague, status="done")
    client.force_login(world.leader)  # leaders follow the log, read only
    page = client.get(f"/learning/actions/{action.pk}/")
    assert page.status_code == 200 and "Update the action" not in page.content.decode()
    assert client.post(f"/learning/actions/{action.pk}/", {"status": "done"}).status_code == 403
    client.force_login(world.stranger)
    assert client.get(f"/learning/actions/{action.pk}/").status_code == 404
    action.refresh_from_db()
    assert action.status == "open"
    services.action_update(action=action, user=world.lead, status="done", progress_note="Confirmed by the team")
    assert CommittedAction.objects.get(pk=action.pk).status == "done"


def test_a_note_alone_does_not_move_the_day_it_was_done(world, summit):
    action = mark(commit(world, summit, world.member, date(2026, 9, 30)), "done", date(2026, 9, 20))
    services.action_update(action=action, user=world.member, status="done", progress_note="And shared with the IROs")
    action.refresh_from_db()
    assert selectors.done_on(action) == date(2026, 9, 20) and action.progress_note == "And shared with the IROs"
    services.action_update(action=action, user=world.member, status="in_progress")
    assert selectors.done_on(CommittedAction.objects.get(pk=action.pk)) is None


# --- what happened after the summit -----------------------------------------------------------------------

@pytest.fixture
def followed(world, summit):
    """Ten actions: 4 done in time, 1 done late, 2 in progress past due (overdue), 1 open past due (overdue),
    1 dropped, 1 not yet due."""
    due = date(2026, 9, 30)
    actions = [commit(world, summit, world.member, due, f"Action {number}") for number in range(10)]
    for action in actions[:4]:
        mark(action, "done", date(2026, 9, 15))
    mark(actions[4], "done", date(2026, 10, 20))
    mark(actions[5], "in_progress", date(2026, 8, 1))
    mark(actions[6], "in_progress", date(2026, 8, 1))
    mark(actions[8], "dropped", date(2026, 8, 1))
    CommittedAction.objects.filter(pk=actions[9].pk).update(due_on=date(2027, 1, 31))
    actions[9].refresh_from_db()
    return actions


def test_overdue_is_computed_from_status_and_due_date(world, summit, followed):
    overdue = list(selectors.overdue_actions(world.host, event=summit, today=TODAY))
    assert [item.description for item in overdue] == ["Action 5", "Action 6", "Action 7"]
    assert [item.description for item in selectors.action_log(world.lead, overdue=True, today=TODAY)] == \
        ["Action 5", "Action 6", "Action 7"]
    assert selectors.is_overdue(followed[7], TODAY) and not selectors.is_overdue(followed[9], TODAY)
    assert not selectors.is_overdue(followed[8], TODAY)  # dropped is not overdue


def test_the_summary_gives_counts_and_the_share_done_by_its_due_date_with_an_interval(world, summit, followed):
    summary = selectors.action_log_summary(world.host, event=summit, today=TODAY)
    assert summary["total"] == 10 and summary["overdue"] == 3 and summary["due"] == 9
    assert {row.status: row.count for row in summary["by_status"]} == {"open": 2, "in_progress": 2, "done": 5,
                                                                       "dropped": 1}
    figure = summary["done_by_due"]
    assert (figure.numerator, figure.denominator) == (4, 9)
    assert figure.method == "wilson" and figure.lower < 4 / 9 < figure.upper
    assert summary["reading"].startswith("4 of 9 actions whose due date has passed (44.4%) were done by their due "
                                         "date. We can be 95% confident the true figure is between")
    assert "number of actions is small" in summary["reading"] and "people" not in summary["reading"]


def test_the_event_page_shows_what_happened_after_the_summit_to_leaders(client, world, summit, followed):
    client.force_login(world.leader)
    page = client.get(f"/learning/events/{summit.pk}/").content.decode()
    assert "What happened after the summit?" in page
    assert "4 of 9 actions whose due date has passed" in page and "44.4%" in page
    assert "Action 7" in page  # in the overdue list
    client.force_login(world.colleague)  # not a leader, no actions of their own
    page = client.get(f"/learning/events/{summit.pk}/").content.decode()
    assert "What happened after the summit?" not in page and "Action 7" not in page


def test_the_action_log_filters_and_shows_owners_only_their_own(client, world, summit, followed):
    mine = commit(world, summit, world.colleague, date(2026, 12, 1), "Colleague's own action")
    client.force_login(world.practice_lead)
    page = client.get("/learning/actions/", {"status": "dropped"}).content.decode()
    assert "Action 8" in page and "Action 1<" not in page and "1 action," in page
    page = client.get("/learning/actions/", {"owner": world.colleague.pk}).content.decode()
    assert "Colleague&#x27;s own action" in page and "Action 2" not in page
    page = client.get("/learning/actions/", {"event": summit.pk, "overdue": "on"}).content.decode()
    assert "3 actions," in page
    client.force_login(world.colleague)
    page = client.get("/learning/actions/").content.decode()
    assert "Your actions" in page and "Colleague&#x27;s own action" in page and "Action 2" not in page
    assert client.get("/learning/actions/log.csv").status_code == 403
    assert [item.pk for item in selectors.actions_owned(world.colleague)] == [mine.pk]


def test_the_action_log_downloads_as_csv_with_the_same_filters(client, world, summit, followed):
    client.force_login(world.leader)
    response = client.get("/learning/actions/log.csv", {"overdue": "on"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="action-log.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Action"] for row in rows] == ["Action 5", "Action 6", "Action 7"]
    assert rows[0]["Event"] == "Northbridge Anti-Racism Summit 2026" and rows[0]["Owner"] == "Mo Hassan"
    assert rows[0]["Due"] == "2026-09-30" and rows[0]["Status"] == "In progress"
    response = client.get("/learning/actions/log.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 10 and {row["Done on"] for row in rows if row["Status"] == "Done"} == {"2026-09-15",
                                                                                             "2026-10-20"}


def test_a_formula_in_an_action_is_neutralised_in_the_csv(client, world, summit):
    commit(world, summit, world.member, date(2026, 9, 30), "=HYPERLINK(\"http://evil.example\")")
    client.force_login(world.lead)
    rows = list(csv.reader(io.StringIO(client.get("/learning/actions/log.csv").content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=")


def test_the_home_panel_lists_my_communities_and_open_actions(world, summit, followed, client):
    panel = selectors.home_panel(world.member)["community_panel"]
    assert [item.name for item in panel["communities"]] == ["Anti-racist practice leads network"]
    assert [item.description for item in panel["actions"]] == ["Action 5", "Action 6", "Action 7", "Action 9"]
    from django.template.loader import render_to_string

    html = render_to_string("learning/communities/_home_panel.html", {"user": world.member, **selectors.home_panel(
        world.member)})
    assert "My open actions" in html and "Anti-racist practice leads network" in html and "Overdue" in html


# --- reminders --------------------------------------------------------------------------------------------

def test_reminders_are_sent_once_on_the_due_date_when_not_done(world, summit):
    due = commit(world, summit, world.member, date(2026, 10, 1), "Due")
    commit(world, summit, world.member, date(2026, 12, 1), "Not yet due")
    done = mark(commit(world, summit, world.colleague, date(2026, 10, 1), "Done"), "done", date(2026, 9, 1))
    Notification.objects.all().delete()
    assert services.action_reminders_send(today=date(2026, 10, 1)) == 1
    note = Notification.objects.get()
    assert note.user == world.member and note.url == f"/learning/actions/{due.pk}/"
    assert note.message == "An action you committed to was due on 1 October 2026"
    assert services.action_reminders_send(today=date(2026, 10, 2)) == 0  # once only
    CommittedAction.objects.filter(pk=due.pk).update(due_on=date(2026, 10, 15))
    assert services.action_reminders_send(today=date(2026, 10, 15)) == 1  # a new due date reminds again
    assert not Notification.objects.filter(user=done.owner).exists()


def test_the_reminder_task_runs(world, summit):
    commit(world, summit, world.member, timezone.localdate() - timedelta(days=1), "Yesterday")
    result = action_reminders_send.enqueue()
    assert result.status == "SUCCESSFUL" and result.return_value == 1


# --- the API ----------------------------------------------------------------------------------------------

def test_the_api_lists_events_with_their_programme_and_the_action_log(client, world, summit, followed):
    services.event_session_add(event=summit, user=world.lead, title="Opening", starts_at=at(SUMMIT, 9, 30),
                               ends_at=at(SUMMIT, 10), hosts="The director")
    client.force_login(world.member)
    (event,) = client.get("/api/v1/learning/events").json()
    assert event["name"] == "Northbridge Anti-Racism Summit 2026" and event["actions"] == 10
    assert [item["title"] for item in event["sessions"]] == ["Opening"]
    mine = client.get("/api/v1/learning/actions").json()
    assert len(mine) == 10 and {item["owner"] for item in mine} == {"Mo Hassan"}
    assert client.get("/api/v1/learning/actions/summary").status_code == 403
    assert client.get(f"/api/v1/learning/events/{summit.pk}/after").status_code == 403

    commit(world, summit, world.colleague, date(2027, 1, 15), "Colleague's")
    client.force_login(world.colleague)
    assert [item["description"] for item in client.get("/api/v1/learning/actions").json()] == ["Colleague's"]

    client.force_login(world.leader)
    overdue = client.get("/api/v1/learning/actions", {"event": summit.pk, "overdue": True}).json()
    assert [item["description"] for item in overdue] == ["Action 5", "Action 6", "Action 7"]
    assert all(item["overdue"] for item in overdue)
    done = client.get("/api/v1/learning/actions", {"status": "done"}).json()
    assert {item["done_on"] for item in done} == {"2026-09-15", "2026-10-20"}
    after = client.get(f"/api/v1/learning/events/{summit.pk}/after").json()
    assert after["total"] == 11 and after["done_by_due"]["method"] == "wilson"
    assert after["done_by_due"]["lower"] < after["done_by_due"]["value"] < after["done_by_due"]["upper"]
    assert client.get("/api/v1/learning/actions/summary").json()["reading"] == after["reading"]

    client.force_login(world.partner_member)  # another organisation's people see nothing of it
    assert client.get("/api/v1/learning/events").json() == []
    assert client.get("/api/v1/learning/actions").json() == []
    assert client.get("/api/v1/learning/actions", {"event": summit.pk}).status_code == 404


def test_the_learning_home_shows_the_panel(client, world, summit, followed):
    client.force_login(world.member)
    page = client.get("/learning/").content.decode()
    assert "My communities of practice" in page and "Anti-racist practice leads network" in page
    assert "My open actions" in page and "Action 5" in page
    client.force_login(world.partner_member)  # their own council's home, with the community they belong to
    page = client.get("/learning/").content.decode()
    assert "Anti-racist practice leads network" in page and "hosted by Northbridge Council" in page
    assert "Action 5" not in page
