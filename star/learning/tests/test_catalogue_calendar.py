"""iCalendar files: checked against RFC 5545 by a strict reader written here (and by the icalendar package
when it happens to be installed)."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from star.learning.calendar import CalendarEvent, escape_text, fold, ics_calendar, uid_for
from star.learning.services import catalogue as services

from .test_catalogue_world import build_catalogue_world

NAME = re.compile(r"^[A-Z][A-Z0-9-]*$")
UTC_TIME = re.compile(r"^\d{8}T\d{6}Z$")
REQUIRED_ONCE = ("UID", "DTSTAMP", "DTSTART")
TEXT_PROPERTIES = ("SUMMARY", "LOCATION", "DESCRIPTION", "X-WR-CALNAME")


def unescape(value: str) -> str:
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            following = value[index + 1]
            out.append("\n" if following in "nN" else following)
            assert following in "nN\\;,", f"bad escape \\{following}"
            index += 2
            continue
        assert char not in ",;", f"unescaped {char!r} in a TEXT value: {value!r}"
        out.append(char)
        index += 1
    return "".join(out)


def strict_parse(data: bytes) -> dict:
    """Check the whole file and return {"calendar": {name: [values]}, "events": [{name: [(params, value)]}]}."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n"), "the file must end with CRLF"
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\n" not in line and "\r" not in line, f"bare line break in {line!r}"
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
        assert line, "empty line"
    logical: list[str] = []
    for line in physical:
        if line[0] in " \t":
            assert logical, "continuation before the first line"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    calendar: dict[str, list] = {}
    events: list[dict] = []
    stack: list[str] = []
    for line in logical:
        head, sep, value = line.partition(":")
        assert sep, f"no colon in {line!r}"
        name, *params = head.split(";")
        assert NAME.match(name), f"bad property name {name!r}"
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                assert stack == ["VCALENDAR", "VEVENT"], "VEVENT outside VCALENDAR"
                events.append({})
            continue
        if name == "END":
            assert stack and stack.pop() == value, f"END:{value} does not close the open component"
            continue
        if name in TEXT_PROPERTIES:
            assert not params
            value = unescape(value)
        target = events[-1] if stack[-1] == "VEVENT" else calendar
        target.setdefault(name, []).append((tuple(params), value))
    assert not stack, "unclosed component"
    assert [value for _, value in calendar["VERSION"]] == ["2.0"] and len(calendar["PRODID"]) == 1
    for event in events:
        for name in REQUIRED_ONCE:
            assert len(event.get(name, [])) == 1, f"{name} must appear once in each VEVENT"
        assert len(event.get("DTEND", [])) == 1
        assert UTC_TIME.match(event["DTSTAMP"][0][1])
        for name in ("DTSTART", "DTEND"):
            params, value = event[name][0]
            if params == ("VALUE=DATE",):
                assert re.fullmatch(r"\d{8}", value)
            else:
                assert params == () and UTC_TIME.match(value), f"{name} must be UTC with Z: {value!r}"
        assert event["DTEND"][0][1] > event["DTSTART"][0][1]
    return {"calendar": calendar, "events": events}


def value(event, name):
    return event[name][0][1]


# --- the builder ----------------------------------------------------------------------------------

def test_text_is_escaped():
    assert escape_text("a,b;c\\d\ne\r\nf\rg\x07h\ti") == "a\\,b\\;c\\\\d\\ne\\nf\\ng" + "h\ti"
    assert unescape(escape_text("Room 2; floor 3, Civic Centre\\East\nBring lunch")) == (
        "Room 2; floor 3, Civic Centre\\East\nBring lunch")


@pytest.mark.parametrize("text", ["x" * 200, "é" * 120, "✓" * 90, "Adultification — 🙂 " * 12])
def test_long_lines_are_folded_at_75_octets_never_inside_a_character(text):
    folded = fold("DESCRIPTION:" + text)
    lines = folded.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert all(line.startswith(" ") for line in lines[1:])
    for line in lines:
        line.encode("utf-8").decode("utf-8")  # each physical line is whole characters
    assert "".join([lines[0], *(line[1:] for line in lines[1:])]) == "DESCRIPTION:" + text


def test_a_calendar_has_every_required_property_in_utc():
    start = timezone.make_aware(datetime(2026, 3, 12, 9, 30))  # Europe/London: GMT in March before the change
    summer = timezone.make_aware(datetime(2026, 7, 2, 14, 0))  # BST: one hour ahead of UTC
    events = [
        CalendarEvent(uid=uid_for("learning-session", 1), start=start, end=start + timedelta(hours=3),
                      summary="Adultification: what it is, and how to challenge it", location="Room 2; Civic Centre",
                      description="Training course\n\nFacilitator: Lena Grant, " + "long text " * 30,
                      url="https://star.example/learning/sessions/1/"),
        CalendarEvent(uid="learning-session-2@star.example", start=summer, end=summer + timedelta(minutes=90),
                      summary="Show and Tell"),
        CalendarEvent(uid="set-meeting-3@star.example", start=date(2026, 5, 4), end=date(2026, 5, 4),
                      summary="Action learning set: meeting 2 of 6"),
    ]
    parsed = strict_parse(ics_calendar(events, name="My learning",
                                       now=datetime(2026, 3, 1, 8, 0, tzinfo=UTC)).encode())
    first, second, third = parsed["events"]
    assert value(first, "DTSTART") == "20260312T093000Z" and value(first, "DTEND") == "20260312T123000Z"
    assert value(second, "DTSTART") == "20260702T130000Z"
    assert value(first, "DTSTAMP") == "20260301T080000Z"
    assert value(first, "SUMMARY") == "Adultification: what it is, and how to challenge it"
    assert value(first, "LOCATION") == "Room 2; Civic Centre"
    assert value(first, "DESCRIPTION").startswith("Training course\n\nFacilitator: Lena Grant, long text")
    assert value(first, "UID") == uid_for("learning-session", 1)
    assert re.fullmatch(r"learning-session-1@[a-z0-9.-]+", value(first, "UID"))
    assert third["DTSTART"][0] == (("VALUE=DATE",), "20260504") and value(third, "DTEND") == "20260505"
    assert parsed["calendar"]["X-WR-CALNAME"][0][1] == "My learning"


def test_an_event_must_end_after_it_starts():
    moment = timezone.now()
    with pytest.raises(ValueError, match="end after it starts"):
        ics_calendar([CalendarEvent(uid="x", start=moment, end=moment, summary="x")])
    with pytest.raises(ValueError, match="both"):
        ics_calendar([CalendarEvent(uid="x", start=date(2026, 1, 1), end=moment, summary="x")])


def test_the_icalendar_package_reads_it_too_when_installed():
    icalendar = pytest.importorskip("icalendar")
    start = timezone.now().replace(microsecond=0)
    data = ics_calendar([CalendarEvent(uid="u@x", start=start, end=start + timedelta(hours=1), summary="A, B; C")])
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "A, B; C"


# --- the pages ------------------------------------------------------------------------------------

@pytest.fixture
def world(db, organisation, make_user):
    return build_catalogue_world(organisation, make_user)


def test_a_sessions_calendar_file(client, world):
    client.force_login(world.alice)
    response = client.get(f"/learning/sessions/{world.upcoming.pk}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"] and response["Cache-Control"] == "private, no-store"
    (event,) = strict_parse(response.content)["events"]
    assert value(event, "SUMMARY") == world.activity.title
    assert value(event, "DTSTART") == world.upcoming.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert value(event, "LOCATION") == "Civic Centre, Room 2.14"
    assert value(event, "UID") == uid_for("learning-session", world.upcoming.pk)
    assert value(event, "URL").endswith(f"/learning/sessions/{world.upcoming.pk}/")


def test_my_calendar_has_only_the_sessions_i_am_registered_for(client, world):
    later = timezone.now().replace(microsecond=0) + timedelta(days=20)
    other = services.session_create(activity=world.activity, user=world.lead, starts_at=later,
                                    ends_at=later + timedelta(hours=2), capacity=10)
    cancelled = services.session_create(activity=world.activity, user=world.lead, starts_at=later + timedelta(days=1),
                                        ends_at=later + timedelta(days=1, hours=2))
    services.session_register(session=world.upcoming, user=world.alice)
    services.session_register(session=cancelled, user=world.alice)
    services.session_cancel(session=cancelled, user=world.alice)
    services.session_register(session=other, user=world.bob)
    client.force_login(world.alice)
    events = strict_parse(client.get("/learning/my-calendar.ics").content)["events"]
    assert [value(event, "UID") for event in events] == [uid_for("learning-session", world.upcoming.pk)]
    client.force_login(world.eve)
    assert strict_parse(client.get("/learning/my-calendar.ics").content)["events"] == []
