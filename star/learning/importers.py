"""Attendance from an existing learning system: CSV or XLSX, every row or none, each problem with its row.

Columns (headings in any case; spaces and hyphens are read as underscores):

* ``email`` (or ``work_email``): the person's work email address, as on their STAR account;
* ``activity`` (or ``course``, ``title``): the activity's title exactly as in the catalogue (case and spacing
  aside);
* ``session_date`` (or ``date``): the day the session started, YYYY-MM-DD or DD/MM/YYYY; the activity must
  have exactly one session that day;
* ``status``: ``attended``, ``no_show`` or ``registered`` (also accepted: present, no show, did not attend,
  DNA, absent, booked).

Rules: each person once per session in a file; ``attended`` and ``no_show`` only for a session that has
started; a ``registered`` row that would take a new place must fit the session's capacity. Attended rows
give the person a learning record of the session (source: import); other statuses remove a record that a
register made. The same file imported twice changes nothing.
"""

from collections import Counter

from django.utils import timezone

from star.core.imports import Column, ImportSpec, register
from star.core.imports.errors import ParseError
from star.core.imports.parsers import make_choice, make_text, parse_date, text

from .models import Attendance
from .selectors.catalogue import AttendanceLookup
from .services.catalogue import attendance_import_store

KIND = "learning.attendance"
STATUSES = {
    "attended": Attendance.Status.ATTENDED, "present": Attendance.Status.ATTENDED,
    "no_show": Attendance.Status.NO_SHOW, "did not attend": Attendance.Status.NO_SHOW,
    "dna": Attendance.Status.NO_SHOW, "absent": Attendance.Status.NO_SHOW,
    "registered": Attendance.Status.REGISTERED, "booked": Attendance.Status.REGISTERED,
}
TEMPLATE_ROWS = [
    {"email": "sam.okafor@northbridge.example", "activity": "Adultification: what it is and how to challenge it",
     "session_date": "2026-03-12", "status": "attended"},
    {"email": "ayo.patel@northbridge.example", "activity": "Adultification: what it is and how to challenge it",
     "session_date": "2026-03-12", "status": "no_show"},
]


def _email(value) -> str:
    raw = text(value)
    if "@" not in raw or len(raw) > 254 or " " in raw:
        raise ParseError(f"‘{raw[:60]}’ is not an email address")
    return raw


_email.is_text = True
_email.cacheable = False


class AttendanceChecker:
    """People, activities and sessions must exist; each person once per session; dates and capacity."""

    def __init__(self, context):
        self.context = context
        self.lookup = AttendanceLookup(context.organisation)
        self.seen: dict[tuple[int, int], int] = {}
        self.new_places: Counter = Counter()
        self.now = timezone.now()

    def row(self, number, values):
        error = self.context.error
        user = activity = session = None
        if values.get("email"):
            user, problem = self.lookup.user(values["email"])
            if user is None:
                error(number, "email", problem)
        if values.get("activity"):
            activity, problem = self.lookup.activity(values["activity"])
            if activity is None:
                error(number, "activity", problem)
        day = values.get("session_date")
        if activity is not None and day is not None:
            session, problem = self.lookup.session(activity, day)
            if session is None:
                error(number, "session_date", problem)
        if user is None or session is None:
            return
        key = (user.pk, session.pk)
        if key in self.seen:
            error(number, "", f"{values['email']} at ‘{activity.title}’ on {day:%-d %B %Y} is already on row "
                              f"{self.seen[key]}: each person once per session")
            return
        self.seen[key] = number
        status = values.get("status")
        if status in (Attendance.Status.ATTENDED, Attendance.Status.NO_SHOW) and session.starts_at > self.now:
            error(number, "status", f"The session on {day:%-d %B %Y} has not happened yet: only ‘registered’ can be "
                                    "recorded for it")
        elif status == Attendance.Status.REGISTERED and session.capacity is not None \
                and not self.lookup.holds_place(session, user):
            self.new_places[session.pk] += 1
            if self.lookup.taken(session) + self.new_places[session.pk] > session.capacity:
                error(number, "status", f"‘{activity.title}’ on {day:%-d %B %Y} is full ({session.capacity} "
                                        "places): this registration does not fit")


ATTENDANCE = register(ImportSpec(
    kind=KIND,
    label="Attendance at learning sessions",
    description="Who registered for, attended or missed catalogue sessions: one row per person per session.",
    columns=(
        Column("email", _email, required=True, description="The person's work email address",
               aliases=("work_email", "email_address")),
        Column("activity", make_text(200), required=True, description="The activity's title in the catalogue",
               aliases=("course", "title", "activity_title")),
        Column("session_date", parse_date, required=True, description="The day of the session",
               aliases=("date", "session")),
        Column("status", make_choice(STATUSES), required=True,
               description="attended, no_show or registered", aliases=("attendance",)),
    ),
    writer=attendance_import_store,
    checker=AttendanceChecker,
    roles=frozenset({"learning_lead"}),
    own_page=True,
))
