"""Writes: the catalogue, sessions and attendance, learning records, suggestions and attendance imports.

Keyword-only, atomic, named <thing>_<verb>. The rules hold however a write arrives (page, API, import,
command): tags come from the current STAR framework; a session's capacity is checked with its row locked;
a person registers once, and not after the session has started; marking someone attended gives them a
learning record for that session (one at most: a model constraint), and un-marking removes it.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from star.audits.models import Audit, LearningPoint
from star.core.imports import FileRefused, RowError
from star.core.models import StaffProfile
from star.core.periods import day_start
from star.core.services import notification_send
from star.framework.models import Indicator, Lens
from star.framework.selectors import current_version, version_indicators
from star.practice.models import Commitment, Reflection

from ..models import Activity, ActivityKind, Attendance, LearningRecord, Session, Suggestion
from ..selectors import catalogue as selectors

Status = Attendance.Status
Reason = Suggestion.Reason
SELF_ONLY_FIELDS = ("title", "kind", "completed_on", "minutes")


# --- checks ---------------------------------------------------------------------------------------

def _require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def _same_organisation(user, organisation_id) -> None:
    if organisation_id != user.organisation_id:
        raise PermissionDenied


def tags_clean(lens_keys=(), indicator_keys=()) -> tuple[list[str], list[str]]:
    """Lens and indicator keys of the current framework version, in the framework's order, each once."""
    version = current_version()
    lens_keys, indicator_keys = list(dict.fromkeys(lens_keys or ())), list(dict.fromkeys(indicator_keys or ()))
    if version is None:
        if lens_keys or indicator_keys:
            raise ValidationError("No STAR framework version is published yet, so nothing can be tagged with it")
        return [], []
    lenses = list(Lens.objects.filter(version=version, key__in=lens_keys).order_by("order")
                  .values_list("key", flat=True))
    indicators = list(Indicator.objects.filter(version=version, key__in=indicator_keys).order_by("order")
                      .values_list("key", flat=True))
    if len(lenses) != len(lens_keys) or len(indicators) != len(indicator_keys):
        raise ValidationError("Choose lenses and indicators from the current STAR framework")
    return lenses, indicators


def _kind(kind: str) -> str:
    if kind not in ActivityKind.values:
        raise ValidationError("Choose the kind of learning")
    return kind


def _minutes(value) -> int | None:
    if value in (None, ""):
        return None
    if int(value) < 1 or int(value) > 100_000:
        raise ValidationError("Enter the time in minutes as a whole number from 1 to 100,000")
    return int(value)


# --- the catalogue --------------------------------------------------------------------------------

def _activity_values(*, title: str, kind: str, description: str, provider: str, partners: str, lens_keys,
                     indicator_keys, link: str, minutes) -> dict:
    if not title.strip():
        raise ValidationError("Enter the title of the activity")
    lenses, indicators = tags_clean(lens_keys, indicator_keys)
    return {"title": title.strip(), "kind": _kind(kind), "description": description.strip(),
            "provider": provider.strip(), "partners": partners.strip(), "lens_keys": lenses,
            "indicator_keys": indicators, "link": link.strip(), "minutes": _minutes(minutes)}


@transaction.atomic
def activity_create(*, user, title: str, kind: str, description: str = "", provider: str = "", partners: str = "",
                    lens_keys=(), indicator_keys=(), link: str = "", minutes: int | None = None) -> Activity:
    _require(user, "learning.manage_catalogue")
    values = _activity_values(title=title, kind=kind, description=description, provider=provider, partners=partners,
                              lens_keys=lens_keys, indicator_keys=indicator_keys, link=link, minutes=minutes)
    with set_actor(user):
        return Activity.objects.create(organisation_id=user.organisation_id, created_by=user, **values)


@transaction.atomic
def activity_update(*, activity: Activity, user, title: str, kind: str, description: str = "", provider: str = "",
                    partners: str = "", lens_keys=(), indicator_keys=(), link: str = "", minutes: int | None = None,
                    is_active: bool = True) -> Activity:
    """Change an activity. Records already made from it keep the tags they were made with."""
    _require(user, "learning.manage_catalogue")
    _same_organisation(user, activity.organisation_id)
    values = _activity_values(title=title, kind=kind, description=description, provider=provider, partners=partners,
                              lens_keys=lens_keys, indicator_keys=indicator_keys, link=link, minutes=minutes)
    with set_actor(user):
        for name, value in values.items():
            setattr(activity, name, value)
        activity.is_active = is_active
        activity.save()
    return activity


# --- sessions -------------------------------------------------------------------------------------

def _session_checks(*, starts_at: datetime, ends_at: datetime, capacity) -> None:
    if ends_at <= starts_at:
        raise ValidationError("The session must end after it starts")
    if capacity is not None and capacity < 1:
        raise ValidationError("The number of places must be at least 1, or left blank for no limit")


@transaction.atomic
def session_create(*, activity: Activity, user, starts_at: datetime, ends_at: datetime, location: str = "",
                   capacity: int | None = None, facilitator: str = "") -> Session:
    _require(user, "learning.manage_catalogue")
    _same_organisation(user, activity.organisation_id)
    _session_checks(starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    with set_actor(user):
        return Session.objects.create(activity=activity, starts_at=starts_at, ends_at=ends_at,
                                      location=location.strip(), capacity=capacity, facilitator=facilitator.strip())


@transaction.atomic
def session_update(*, session: Session, user, starts_at: datetime, ends_at: datetime, location: str = "",
                   capacity: int | None = None, facilitator: str = "") -> Session:
    """Change a session; its capacity cannot drop below the places already taken."""
    _require(user, "learning.manage_catalogue")
    session = Session.objects.select_for_update().select_related("activity").get(pk=session.pk)
    _same_organisation(user, session.activity.organisation_id)
    _session_checks(starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    taken = selectors.places_taken(session)
    if capacity is not None and capacity < taken:
        raise ValidationError(f"{taken} people already have a place, so the session needs at least {taken} places")
    with set_actor(user):
        session.starts_at, session.ends_at, session.capacity = starts_at, ends_at, capacity
        session.location, session.facilitator = location.strip(), facilitator.strip()
        session.save()
    return session


@transaction.atomic
def session_register(*, session: Session, user, now: datetime | None = None) -> Attendance:
    """Take a place at a session. The session row is locked while places are counted, so two people cannot
    both take the last place."""
    _require(user, "learning.use_learning")
    session = Session.objects.select_for_update().select_related("activity").get(pk=session.pk)
    _same_organisation(user, session.activity.organisation_id)
    if session.starts_at <= (now or timezone.now()):
        raise ValidationError("This session has already started, so you can no longer register for it")
    if not session.activity.is_active:
        raise ValidationError("This activity is no longer offered, so you cannot register for it")
    existing = Attendance.objects.filter(session=session, user=user).first()
    if existing is not None and existing.status != Status.CANCELLED:
        raise ValidationError("You are already registered for this session")
    if session.capacity is not None and selectors.places_taken(session) >= session.capacity:
        raise ValidationError("This session is full. Choose another date, or ask the learning lead about a "
                              "waiting list")
    with set_actor(user):
        if existing is not None:
            existing.status = Status.REGISTERED
            existing.save()
            return existing
        try:
            with transaction.atomic():
                return Attendance.objects.create(session=session, user=user, status=Status.REGISTERED)
        except IntegrityError:
            raise ValidationError("You are already registered for this session") from None


@transaction.atomic
def session_cancel(*, session: Session, user, now: datetime | None = None) -> Attendance:
    """Give up one's place before the session starts (it frees the place for someone else)."""
    _require(user, "learning.use_learning")
    session = Session.objects.select_for_update().select_related("activity").get(pk=session.pk)
    attendance = Attendance.objects.filter(session=session, user=user, status=Status.REGISTERED).first()
    if attendance is None:
        raise ValidationError("You are not registered for this session")
    if session.starts_at <= (now or timezone.now()):
        raise ValidationError("This session has already started. Ask the learning lead to correct the register")
    with set_actor(user):
        attendance.status = Status.CANCELLED
        attendance.save()
    return attendance


# --- attendance and the records it makes ---------------------------------------------------------

def _session_minutes(session: Session) -> int | None:
    if session.activity.minutes:
        return session.activity.minutes
    length = session.ends_at - session.starts_at
    return round(length.total_seconds() / 60) if length <= timedelta(hours=12) else None


def _sync_record(attendance: Attendance, *, source: str) -> int:
    """Attended: the person has a record of the session (made now if missing). Otherwise: a record made from
    the register is removed (one they logged themselves is never touched). Returns +1, -1 or 0."""
    session = attendance.session
    existing = LearningRecord.objects.filter(user_id=attendance.user_id, session=session).first()
    if attendance.status == Status.ATTENDED:
        if existing is not None:
            return 0
        activity = session.activity
        LearningRecord.objects.create(
            organisation_id=activity.organisation_id, user_id=attendance.user_id, activity=activity, session=session,
            title=activity.title[:200], kind=activity.kind, completed_on=timezone.localdate(session.starts_at),
            minutes=_session_minutes(session), lens_keys=list(activity.lens_keys),
            indicator_keys=list(activity.indicator_keys), source=source)
        return 1
    if existing is not None and existing.source != LearningRecord.Source.SELF:
        existing.delete()
        return -1
    return 0


MARKS = (Status.REGISTERED, Status.ATTENDED, Status.NO_SHOW)


@transaction.atomic
def attendance_mark(*, session: Session, user, marks: dict[int, str], now: datetime | None = None) -> dict:
    """Mark the register: ``marks`` maps attendance ids to attended, no_show, or registered (not marked yet).

    Everyone marked attended gets a learning record for the session (and a notification inviting them to add
    what they took from it); changing a mark away from attended removes that record."""
    _require(user, "learning.manage_catalogue")
    session = Session.objects.select_for_update().select_related("activity").get(pk=session.pk)
    _same_organisation(user, session.activity.organisation_id)
    if any(status not in MARKS for status in marks.values()):
        raise ValidationError("Mark each person as attended, did not attend, or not marked yet")
    started = session.starts_at <= (now or timezone.now())
    if not started and any(status != Status.REGISTERED for status in marks.values()):
        raise ValidationError("This session has not started yet: mark attendance once it has")
    register = {item.pk: item for item in Attendance.objects.filter(session=session, status__in=MARKS)
                .select_related("user")}
    unknown = set(marks) - set(register)
    if unknown:
        raise ValidationError("Someone on the form is no longer on this session's register: reload the page")
    counts = {"changed": 0, "records_added": 0, "records_removed": 0}
    newly_attended = []
    with set_actor(user):
        for pk, status in marks.items():
            attendance = register[pk]
            if attendance.status == status:
                continue
            attendance.status = status
            attendance.save()
            counts["changed"] += 1
            change = _sync_record(attendance, source=LearningRecord.Source.ATTENDANCE)
            counts["records_added" if change > 0 else "records_removed"] += abs(change)
            if change > 0:
                newly_attended.append(attendance.user)
    for person in newly_attended:
        notification_send(user=person, message="A session you attended is in your learning record: add what you "
                                               "took from it", url=reverse("learning:records"), email=False)
    return counts


# --- my learning records --------------------------------------------------------------------------

def _own_reflection(user, reflection: Reflection | None) -> Reflection | None:
    if reflection is None:
        return None
    if reflection.author_id != user.pk or reflection.organisation_id != user.organisation_id:
        raise ValidationError("Link one of your own reflections in My STAR")
    return reflection


def _not_in_future(day: date) -> date:
    if day > timezone.localdate():
        raise ValidationError("The date must be today or in the past")
    return day


@transaction.atomic
def record_create(*, user, title: str, kind: str, completed_on: date, minutes: int | None = None, lens_keys=(),
                  indicator_keys=(), reflection: str = "", practice_reflection: Reflection | None = None,
                  activity: Activity | None = None) -> LearningRecord:
    """Log a piece of one's own learning."""
    _require(user, "learning.use_learning")
    if not title.strip():
        raise ValidationError("Say what you did")
    if activity is not None:
        _same_organisation(user, activity.organisation_id)
    lenses, indicators = tags_clean(lens_keys, indicator_keys)
    with set_actor(user):
        return LearningRecord.objects.create(
            organisation_id=user.organisation_id, user=user, activity=activity, title=title.strip(),
            kind=_kind(kind), completed_on=_not_in_future(completed_on), minutes=_minutes(minutes),
            lens_keys=lenses, indicator_keys=indicators, reflection=reflection.strip(),
            practice_reflection=_own_reflection(user, practice_reflection), source=LearningRecord.Source.SELF)


@transaction.atomic
def record_update(*, record: LearningRecord, user, reflection: str = "", lens_keys=(), indicator_keys=(),
                  practice_reflection: Reflection | None = None, **details) -> LearningRecord:
    """Change one's own record. A record from the attendance register or an import keeps its title, kind,
    date and length (``details``); the person adds tags, what they took from it and a link to My STAR."""
    _require(user, "learning.change_record", record)
    if record.source != LearningRecord.Source.SELF:
        changed = [name for name in SELF_ONLY_FIELDS if name in details and details[name] != getattr(record, name)]
        if changed:
            raise ValidationError("A record from a session's register keeps the session's title, kind, date and "
                                  "length: ask the learning lead if they are wrong")
        details = {}
    unknown = set(details) - set(SELF_ONLY_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {sorted(unknown)}")
    if "title" in details and not details["title"].strip():
        raise ValidationError("Say what you did")
    lenses, indicators = tags_clean(lens_keys, indicator_keys)
    with set_actor(user):
        if "title" in details:
            record.title = details["title"].strip()
        if "kind" in details:
            record.kind = _kind(details["kind"])
        if "completed_on" in details:
            record.completed_on = _not_in_future(details["completed_on"])
        if "minutes" in details:
            record.minutes = _minutes(details["minutes"])
        record.lens_keys, record.indicator_keys = lenses, indicators
        record.reflection = reflection.strip()
        record.practice_reflection = _own_reflection(user, practice_reflection)
        record.save()
    return record


@transaction.atomic
def record_delete(*, record: LearningRecord, user) -> None:
    """Delete a record one logged oneself (records from a register are corrected on the register)."""
    _require(user, "learning.change_record", record)
    if record.source != LearningRecord.Source.SELF:
        raise ValidationError("This record comes from a session's register: ask the learning lead to correct "
                              "the register instead")
    with set_actor(user):
        record.delete()


# --- suggestions ----------------------------------------------------------------------------------

@transaction.atomic
def suggestion_dismiss(*, suggestion: Suggestion, user, at: datetime | None = None) -> Suggestion:
    if suggestion.user_id != user.pk:
        raise PermissionDenied
    if suggestion.dismissed_at is None:
        suggestion.dismissed_at = at or timezone.now()
        suggestion.save(update_fields=["dismissed_at"])
    return suggestion


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _audit_theme_wanted(organisation, *, today: date, found: dict) -> None:
    """(a) Themes of learning points from submitted case audits in the last year, for the allocated worker of
    each audited case: one suggestion per person and theme."""
    since = day_start(today - timedelta(days=365))
    points = (LearningPoint.objects.filter(audit__organisation=organisation, audit__status=Audit.Status.SUBMITTED,
                                           created_at__gte=since, audit__case__worker__isnull=False,
                                           audit__case__worker__organisation=organisation,
                                           audit__case__worker__is_active=True)
              .values_list("audit__case__worker_id", "tags"))
    cache: dict = {}
    for worker_id, tags in points:
        for tag in tags or []:
            theme = " ".join(str(tag).split()).casefold()[:100]
            if not theme:
                continue
            key = (worker_id, Reason.AUDIT_THEME, f"theme:{theme}")
            if key not in found:
                found[key] = {"text": f"Case audits of your work raised a learning theme: {theme}",
                              "indicator_key": "",
                              "activity": selectors.activity_for_theme(organisation, theme, cache=cache)}


def _supervision_wanted(organisation, *, found: dict, by_indicator: dict) -> None:
    """(b) Open commitments agreed in supervision: learning on the indicators they are tied to."""
    commitments = (Commitment.objects.filter(organisation=organisation, supervision__isnull=False,
                                             status=Commitment.Status.OPEN, owner__is_active=True)
                   .select_related("supervision").prefetch_related("indicators"))
    for commitment in commitments:
        indicators = sorted(commitment.indicators.all(), key=lambda item: item.order)
        if not indicators:
            continue
        chosen = next((item for item in indicators if item.key in by_indicator), indicators[0])
        held = commitment.supervision.held_on
        found[(commitment.owner_id, Reason.SUPERVISION_ACTION, f"commitment:{commitment.pk}")] = {
            "text": _shorten(f"Learning for the action agreed in your supervision of {held:%-d %B %Y} (due "
                             f"{commitment.due_on:%-d %B %Y}): {chosen.text}"),
            "indicator_key": chosen.key, "activity": by_indicator.get(chosen.key)}


def _gap_wanted(organisation, *, found: dict, by_indicator: dict) -> None:
    """(c) Indicators nobody in a person's team has touched lately (supervision and shared reflections) and the
    person has not reflected on themselves: one suggestion per person and indicator."""
    version = current_version()
    if version is None:
        return
    quiet_days = settings.STAR["INDICATOR_QUIET_DAYS"]
    since = timezone.now() - timedelta(days=quiet_days)
    touched = selectors.indicators_touched_by_team(organisation, since=since)
    own = selectors.indicators_reflected_by(organisation, since=since)
    indicators = list(version_indicators(version))
    people = (StaffProfile.objects.filter(organisation=organisation, is_active=True, team__isnull=False,
                                          user__isnull=False, user__is_active=True)
              .values_list("user_id", "team_id"))
    for user_id, team_id in people:
        covered = touched.get(team_id, set()) | own.get(user_id, set())
        for indicator in indicators:
            if indicator.key in covered:
                continue
            found[(user_id, Reason.INDICATOR_GAP, f"gap:{indicator.key}")] = {
                "text": _shorten(f"Nobody in your team has reflected on this STAR indicator in supervision or a "
                                 f"shared reflection in the last {quiet_days} days: {indicator.text}"),
                "indicator_key": indicator.key, "activity": by_indicator.get(indicator.key)}


@transaction.atomic
def suggestions_refresh(*, organisation, today: date | None = None, notify: bool = False) -> dict[str, int]:
    """Bring each person's suggestions up to date from case audits, supervision and their team's coverage.

    Idempotent: a suggestion is made once per person, reason and source (``source_key``), and one the person
    dismissed is never made again. Open suggestions whose source has gone (the commitment was closed, the team
    has since touched the indicator) are removed. Audit themes stay until dismissed. With ``notify``, each
    person with new suggestions gets one in-app notification."""
    today = today or timezone.localdate()
    by_indicator = selectors.activity_choices_by_indicator(organisation)
    found: dict[tuple, dict] = {}
    _audit_theme_wanted(organisation, today=today, found=found)
    _supervision_wanted(organisation, found=found, by_indicator=by_indicator)
    _gap_wanted(organisation, found=found, by_indicator=by_indicator)
    existing = Suggestion.objects.filter(organisation=organisation)
    have = set(existing.values_list("user_id", "reason", "source_key"))
    stale = [pk for pk, user_id, reason, key in existing.filter(
        dismissed_at__isnull=True, reason__in=[Reason.SUPERVISION_ACTION, Reason.INDICATOR_GAP])
        .values_list("pk", "user_id", "reason", "source_key") if (user_id, reason, key) not in found]
    removed, _ = Suggestion.objects.filter(pk__in=stale).delete()
    new = [Suggestion(organisation=organisation, user_id=user_id, reason=reason, source_key=key[:120],
                      text=values["text"][:300], indicator_key=values["indicator_key"], activity=values["activity"])
           for (user_id, reason, key), values in found.items() if (user_id, reason, key) not in have]
    Suggestion.objects.bulk_create(new, batch_size=2_000, ignore_conflicts=True)
    counts = defaultdict(int, {reason: 0 for reason in Reason.values})
    for item in new:
        counts[item.reason] += 1
    if notify:
        for user_id in sorted({item.user_id for item in new}):
            person = next(item.user for item in new if item.user_id == user_id)
            notification_send(user=person, message="You have new learning suggestions",
                              url=reverse("learning:suggestions"), email=False)
    return {**counts, "removed": removed}


# --- attendance imports ---------------------------------------------------------------------------

def attendance_import_store(*, data_import, rows, params) -> dict:
    """The writer for attendance files (see ``star.learning.importers``): every row, or none.

    Each row sets one person's status at one session; attended gives them a learning record of the session
    (source: import), any other status removes a record made from a register."""
    lookup = selectors.AttendanceLookup(data_import.organisation)
    counts = {"attendances": 0, "learning records": 0}
    errors = []
    with set_actor(data_import.created_by):
        for row in rows:
            user, problem = lookup.user(row.email)
            activity, problem = (lookup.activity(row.activity) if user else (None, problem))
            session, problem = (lookup.session(activity, row.session_date) if activity else (None, problem))
            if session is None:
                errors.append(RowError(None, "", f"{row.email}, {row.activity}, {row.session_date:%d/%m/%Y}: "
                                                 f"{problem or 'no longer matches the catalogue'}"))
                continue
            attendance, created = Attendance.objects.get_or_create(session=session, user=user,
                                                                   defaults={"status": row.status})
            if not created and attendance.status != row.status:
                attendance.status = row.status
                attendance.save()
            counts["attendances"] += 1
            counts["learning records"] += max(_sync_record(attendance, source=LearningRecord.Source.IMPORT), 0)
    if errors:
        raise FileRefused("The catalogue changed while the file was being checked: nothing was imported.",
                          errors=errors)
    return counts
