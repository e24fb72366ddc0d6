"""/api/v1/learning: read endpoints for learning (mounted by ``star.api`` as ``router``).

Catalogue and records: the catalogue's activities, sessions still to come (with places left and your own
registration), your own learning records and your open suggestions. Only your own records are listed:
a line manager reads a report's records in the browser, where each read is audit-trailed.
"""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from .models import ActivityKind
from .selectors import catalogue as catalogue_selectors

router = Router(tags=["learning"])


def _member(request) -> None:
    if not request.user.has_perm("learning.use_learning"):
        raise HttpError(403, "Your account has no role in an organisation, so it has no learning to show.")


# --- catalogue and records ------------------------------------------------------------------------

class ActivityOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    description: str
    provider: str
    partners: str
    lenses: list[str] = Field(description="STAR lens keys.")
    indicators: list[str] = Field(description="STAR indicator keys.")
    link: str
    minutes: int | None
    upcoming_sessions: int


class SessionOut(Schema):
    id: int
    activity: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    location: str
    facilitator: str
    capacity: int | None = Field(description="Blank for no limit.")
    places_left: int | None
    my_status: str | None = Field(description="registered, attended, no_show, cancelled, or null.")


class RecordOut(Schema):
    id: int
    title: str
    kind: str
    completed_on: date
    minutes: int | None
    lenses: list[str]
    indicators: list[str]
    reflection: str = Field(description="What you took from it (yours only).")
    source: str = Field(description="self, attendance or import.")
    activity: int | None
    session: int | None
    practice_reflection: int | None


class SuggestionOut(Schema):
    id: int
    reason: str
    text: str
    indicator: str
    activity: int | None
    created_at: datetime


@router.get("/activities", response=list[ActivityOut], summary="The learning catalogue")
def activities(request, kind: ActivityKind | None = None,
               lens: str | None = Query(None, description="A lens key: systemic, trauma_informed, anti_racist.")):
    _member(request)
    return [{"id": item.pk, "title": item.title, "kind": item.kind, "kind_label": item.get_kind_display(),
             "description": item.description, "provider": item.provider, "partners": item.partners,
             "lenses": item.lens_keys, "indicators": item.indicator_keys, "link": item.link, "minutes": item.minutes,
             "upcoming_sessions": item.upcoming}
            for item in catalogue_selectors.activities(request.user, kind=kind or "", lens=lens or "")]


@router.get("/sessions", response=list[SessionOut], summary="Sessions still to come, soonest first")
def sessions(request, days: int | None = Query(None, ge=1, le=730, description="Only the next N days."),
             limit: int = Query(100, ge=1, le=500)):
    _member(request)
    lines = catalogue_selectors.upcoming_sessions(request.user, days=days, limit=limit)
    return [{"id": line.session.pk, "activity": line.session.activity_id, "title": line.session.activity.title,
             "kind": line.session.activity.kind, "starts_at": line.session.starts_at, "ends_at": line.session.ends_at,
             "location": line.session.location, "facilitator": line.session.facilitator,
             "capacity": line.session.capacity, "places_left": line.places_left, "my_status": line.my_status}
            for line in lines]


@router.get("/records", response=list[RecordOut], summary="Your learning records, newest first")
def records(request, since: date | None = None, limit: int = Query(100, ge=1, le=1000),
            offset: int = Query(0, ge=0)):
    """``since``: only records on or after this date."""
    _member(request)
    queryset = catalogue_selectors.records_of(request.user)
    if since:
        queryset = queryset.filter(completed_on__gte=since)
    return [{"id": item.pk, "title": item.title, "kind": item.kind, "completed_on": item.completed_on,
             "minutes": item.minutes, "lenses": item.lens_keys, "indicators": item.indicator_keys,
             "reflection": item.reflection, "source": item.source, "activity": item.activity_id,
             "session": item.session_id, "practice_reflection": item.practice_reflection_id}
            for item in queryset[offset:offset + limit]]


@router.get("/suggestions", response=list[SuggestionOut], summary="Your open learning suggestions")
def suggestions(request):
    _member(request)
    return [{"id": item.pk, "reason": item.reason, "text": item.text, "indicator": item.indicator_key,
             "activity": item.activity_id, "created_at": item.created_at}
            for item in catalogue_selectors.suggestions_for(request.user)]


# --- action learning sets (sets work: appended by the action learning sets area) ---------------------
# Metadata (membership, dates, attendance counts) for anyone who may see the set: its members and
# facilitator, and the organisation's learning leads and administrators. ``content`` (ground rules, notes,
# who presented, commitments and reviews) only for members and the facilitator, and each such read is
# audit-trailed, as in the browser.

from .selectors import sets as set_selectors  # noqa: E402  (kept with the sets endpoints; may move to the top)


class SetSummaryOut(Schema):
    id: int
    name: str
    theme: str
    status: str = Field(description="forming, running or finished.")
    facilitator: str | None
    cadence_weeks: int
    committed_meetings: int
    starts_on: date
    meetings_held: int
    next_meeting_due: date | None
    members: int = Field(description="Current members.")
    insider: bool = Field(description="You are a member or the facilitator, so you can read its content.")


class SetMemberOut(Schema):
    name: str
    joined_on: date
    left_on: date | None
    meetings_attended: int


class SetMeetingOut(Schema):
    number: int
    held_on: date
    attended: int
    expected: int


class SetCommitmentOut(Schema):
    id: int
    member: str
    made_at_meeting: int
    action: str
    review: str = Field(description="open (not reviewed yet), in_progress, done or changed.")
    reviewed_at_meeting: int | None
    review_reflection: str = Field(description="One line per review, oldest first.")


class SetMeetingContentOut(Schema):
    number: int
    held_on: date
    notes: str
    presenters: list[str]
    commitments: list[SetCommitmentOut]


class SetContentOut(Schema):
    ground_rules: str
    meetings: list[SetMeetingContentOut]
    to_review: list[SetCommitmentOut] = Field(description="What the next meeting reviews.")


class SetDetailOut(SetSummaryOut):
    membership: list[SetMemberOut]
    meetings: list[SetMeetingOut]
    content: SetContentOut | None = Field(description="Only for the set's members and facilitator.")


def _person(user) -> str | None:
    return (user.get_full_name() or user.username) if user is not None else None


def _set_summary(request, learning_set, overview=None) -> dict:
    overview = overview or set_selectors.set_overview(learning_set)
    return {"id": learning_set.pk, "name": learning_set.name, "theme": learning_set.theme,
            "status": learning_set.status, "facilitator": _person(learning_set.facilitator),
            "cadence_weeks": learning_set.cadence_weeks, "committed_meetings": learning_set.committed_meetings,
            "starts_on": learning_set.starts_on, "meetings_held": overview.held, "next_meeting_due": overview.next_due,
            "members": len(overview.members), "insider": set_selectors.is_insider(request.user, learning_set)}


def _set_commitment(item) -> dict:
    return {"id": item.pk, "member": _person(item.member), "made_at_meeting": item.meeting.number,
            "action": item.action, "review": item.review,
            "reviewed_at_meeting": item.reviewed_at.number if item.reviewed_at_id else None,
            "review_reflection": item.review_reflection}


@router.get("/sets", response=list[SetSummaryOut],
            summary="Action learning sets: yours, and every set for learning leads and administrators (metadata)")
def learning_sets(request):
    _member(request)
    sets = {item.pk: item for item in set_selectors.sets_of(request.user)}
    sets.update({item.pk: item for item in set_selectors.sets_in_organisation(request.user)})
    return [_set_summary(request, item) for item in sorted(sets.values(), key=lambda item: (item.name, item.pk))]


@router.get("/sets/{set_id}", response=SetDetailOut,
            summary="One action learning set: metadata, and its content if you are a member or its facilitator")
def learning_set(request, set_id: int):
    _member(request)
    item = set_selectors.visible_set(request.user, set_id)
    if item is None:
        raise HttpError(404, "You have no action learning set with that id.")
    overview = set_selectors.set_overview(item)
    data = _set_summary(request, item, overview)
    data["membership"] = [{"name": _person(row.membership.user), "joined_on": row.membership.joined_on,
                           "left_on": row.membership.left_on, "meetings_attended": row.attended}
                          for row in [*overview.members, *overview.former]]
    data["meetings"] = [{"number": row.meeting.number, "held_on": row.meeting.held_on, "attended": row.present,
                         "expected": row.expected} for row in overview.meetings]
    data["content"] = None
    if data["insider"]:
        set_selectors.set_content_for(request.user, set_id)  # writes the ACCESS entry
        content = set_selectors.set_content(request.user, item)
        data["content"] = {
            "ground_rules": content.ground_rules,
            "meetings": [{"number": meeting.number, "held_on": meeting.held_on, "notes": meeting.notes,
                          "presenters": sorted(_person(person) for person in meeting.presenters.all()),
                          "commitments": [_set_commitment(commitment) for commitment in meeting.made_here]}
                         for meeting in content.meetings],
            "to_review": [_set_commitment(commitment) for commitment in content.to_review]}
    return data


# --- communities of practice and events (appended by the communities and events area) ----------------
# Events of your organisation with their programme; the action log (every action for the people who
# follow it: learning leads, senior leaders, practice leads and administrators; your own actions for
# everyone else) and "what happened after?" as counts and a figure with its Wilson interval and reading.

from .models import CommittedAction  # noqa: E402  (kept with the communities endpoints)
from .selectors import communities as community_selectors  # noqa: E402


class EventSessionOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    hosts: str
    description: str


class EventOut(Schema):
    id: int
    name: str
    description: str
    starts_on: date
    ends_on: date
    location: str
    attendees: int = Field(description="How many people attended.")
    actions: int = Field(description="Actions committed to at the event.")
    sessions: list[EventSessionOut] = Field(description="The programme, in order.")


class StatusCountOut(Schema):
    status: str
    label: str
    count: int


class ActionSummaryOut(Schema):
    total: int
    by_status: list[StatusCountOut]
    overdue: int = Field(description="Not done or dropped, and past the due date.")
    due: int = Field(description="Actions whose due date has passed (the denominator of done_by_due).")
    done_by_due: dict = Field(description="A star.analytics figure: the share done by their due date, with a "
                                          "95% Wilson interval.")
    reading: str


class ActionOut(Schema):
    id: int
    description: str
    event: int | None
    event_name: str
    owner: str | None
    due_on: date
    status: str = Field(description="open (not started), in_progress, done or dropped.")
    overdue: bool
    done_on: date | None = Field(description="The day it was marked done.")
    progress_note: str


def _event_out(event) -> dict:
    return {"id": event.pk, "name": event.name, "description": event.description, "starts_on": event.starts_on,
            "ends_on": event.ends_on, "location": event.location, "attendees": event.attendee_count,
            "actions": event.action_count,
            "sessions": [{"id": item.pk, "title": item.title, "starts_at": item.starts_at, "ends_at": item.ends_at,
                          "hosts": item.hosts, "description": item.description} for item in event.sessions.all()]}


def _summary_out(summary) -> dict:
    return {"total": summary["total"], "overdue": summary["overdue"], "due": summary["due"],
            "by_status": [{"status": row.status, "label": row.label, "count": row.count}
                          for row in summary["by_status"]],
            "done_by_due": summary["done_by_due"].to_dict(), "reading": summary["reading"]}


@router.get("/events", response=list[EventOut], summary="Events of your organisation, with their programme")
def learning_events(request):
    _member(request)
    return [_event_out(item) for item in community_selectors.events_for(request.user).prefetch_related("sessions")]


@router.get("/events/{event_id}/after", response=ActionSummaryOut,
            summary="What happened after an event: its actions by status, overdue, and the share done by the due "
                    "date (people who follow the action log)")
def learning_event_after(request, event_id: int):
    _member(request)
    if not request.user.has_perm("learning.view_action_log"):
        raise HttpError(403, "Only the people who follow the action log can see this.")
    event = community_selectors.events_for(request.user).filter(pk=event_id).first()
    if event is None:
        raise HttpError(404, "There is no event with that id in your organisation.")
    return _summary_out(community_selectors.action_log_summary(event.organisation, event=event))


@router.get("/actions", response=list[ActionOut],
            summary="The action log: every action for the people who follow it, your own for everyone else")
def learning_actions(request, event: int | None = None, status: CommittedAction.Status | None = None,
                     overdue: bool = False, limit: int = Query(500, ge=1, le=2000), offset: int = Query(0, ge=0)):
    _member(request)
    chosen = None
    if event is not None:
        chosen = community_selectors.events_for(request.user).filter(pk=event).first()
        if chosen is None:
            raise HttpError(404, "There is no event with that id in your organisation.")
    log = community_selectors.action_log(request.user, event=chosen, status=status or "", overdue=overdue)
    return [{"id": item.pk, "description": item.description, "event": item.event_id,
             "event_name": item.event.name if item.event else "",
             "owner": (item.owner.get_full_name() or item.owner.username) if item.owner else None,
             "due_on": item.due_on, "status": item.status, "overdue": community_selectors.is_overdue(item),
             "done_on": community_selectors.done_on(item), "progress_note": item.progress_note}
            for item in log[offset:offset + limit]]


@router.get("/actions/summary", response=ActionSummaryOut,
            summary="The action log in figures, for the people who follow it")
def learning_actions_summary(request):
    _member(request)
    if not request.user.has_perm("learning.view_action_log"):
        raise HttpError(403, "Only the people who follow the action log can see this.")
    return _summary_out(community_selectors.action_log_summary(request.user.organisation))
