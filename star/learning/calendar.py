"""iCalendar (RFC 5545) files for sessions, set meetings and anything else with a date: written here, small.

    from star.learning.calendar import CalendarEvent, ics_response, uid_for

    events = [CalendarEvent(uid=uid_for("session", session.pk), start=session.starts_at, end=session.ends_at,
                            summary=session.activity.title, location=session.location)]
    return ics_response("session.ics", events, name="My learning")

What the file always has: CRLF line endings; lines folded at 75 octets (never inside a UTF-8 character);
TEXT values with backslash, semicolon, comma and newlines escaped and other control characters removed;
for each event UID, DTSTAMP (now, UTC), DTSTART and DTEND. A ``datetime`` is written in UTC with a
``Z``; a ``date`` (a set meeting without a time) is written as an all-day event (``VALUE=DATE``, the
end being the day after the last day, as RFC 5545 says). Naive datetimes are read in the service's
time zone.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

PRODID = "-//STAR platform//Learning//EN"
LINE_OCTETS = 75
CONTENT_TYPE = "text/calendar; charset=utf-8"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # CTLs other than tab (newlines are escaped first)


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT. ``start``/``end``: both datetimes, or both dates (all day; ``end`` is the last day)."""

    uid: str
    start: datetime | date
    end: datetime | date
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def uid_for(kind: str, pk) -> str:
    """A globally unique, stable id: the same session keeps its id, so calendars update, not duplicate."""
    host = urlsplit(settings.STAR["SITE_URL"]).hostname or "star.invalid"
    return f"{kind}-{pk}@{host}"


def escape_text(value: str) -> str:
    """An RFC 5545 TEXT value (3.3.11)."""
    value = (value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return _CONTROL.sub("", value)


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, continuation lines starting with a space."""
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1  # continuation lines begin with a space
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(name: str, value: datetime | date) -> str:
    if isinstance(value, datetime):
        return f"{name}:{_utc(value)}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    if isinstance(event.start, datetime) != isinstance(event.end, datetime):
        raise ValueError("An event's start and end must both be datetimes or both be dates")
    end = event.end if isinstance(event.end, datetime) else event.end + timedelta(days=1)
    if end <= event.start:
        raise ValueError("An event must end after it starts")
    lines = ["BEGIN:VEVENT", f"UID:{escape_text(event.uid)}", f"DTSTAMP:{stamp}", _when("DTSTART", event.start),
             _when("DTEND", end), f"SUMMARY:{escape_text(event.summary)}"]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def ics_calendar(events: Iterable[CalendarEvent], *, name: str = "", now: datetime | None = None) -> str:
    """The whole VCALENDAR as text (CRLF line endings, folded)."""
    stamp = _utc(now or timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def ics_response(filename: str, events: Iterable[CalendarEvent], *, name: str = "") -> HttpResponse:
    """A download of the events as an .ics file (never cached: it can hold a person's own plans)."""
    response = HttpResponse(ics_calendar(events, name=name).encode("utf-8"), content_type=CONTENT_TYPE)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "calendar.ics"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "private, no-store"
    return response
