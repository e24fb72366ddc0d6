"""Reads: the catalogue, sessions and attendance, learning records, suggestions and the learning lead's dashboard.

Everything starts from ``Model.objects.for_user(user)``. A person's records are theirs, and their line
manager's to read (``learning.view_record``); a line manager's reads are written to the audit trail.
The dashboard is aggregates only, every number about people through ``star.analytics``.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from star.analytics import GSS_SYMBOLS, Figure, SuppressionPolicy, primary_mask, protected_shares
from star.core.audit import record_access
from star.core.charts import line_chart
from star.core.models import StaffProfile, Team, User
from star.core.periods import Quarter, day_start, last_quarters
from star.framework.models import Indicator, Lens
from star.framework.selectors import current_version, version_indicators
from star.practice.models import Reflection, ReflectionShare, SupervisionRecord

from ..calendar import CalendarEvent, uid_for
from ..models import Activity, ActivityKind, Attendance, LearningRecord, Session, Suggestion

TAKES_A_PLACE = (Attendance.Status.REGISTERED, Attendance.Status.ATTENDED, Attendance.Status.NO_SHOW)
COVERAGE_DAYS = 365
QUARTERS_SHOWN = 4
TOTAL = ("total", 0)


# --- the framework's lenses and indicators, by key -----------------------------------------------

def lens_names() -> dict[str, str]:
    version = current_version()
    return dict(Lens.objects.filter(version=version).order_by("order").values_list("key", "name")) if version else {}


def indicator_texts() -> dict[str, str]:
    version = current_version()
    return dict(Indicator.objects.filter(version=version).values_list("key", "text")) if version else {}


def with_labels(items):
    """Give activities, records or suggestions ``lens_labels`` and ``indicator_labels`` (names for their keys)."""
    items = list(items)
    lenses, indicators = lens_names(), indicator_texts()
    for item in items:
        item.lens_labels = [lenses.get(key, key) for key in getattr(item, "lens_keys", None) or []]
        item.indicator_labels = [indicators.get(key, key) for key in getattr(item, "indicator_keys", None) or []]
    return items


# --- the catalogue --------------------------------------------------------------------------------

def _upcoming(now=None) -> Q:
    return Q(starts_at__gt=now or timezone.now())


def activities(user, *, kind: str = "", lens: str = "", include_inactive: bool = False) -> list[Activity]:
    """The organisation's catalogue (active activities unless asked), with ``upcoming``: sessions still to come.
    Lens keys are a JSON list, matched here rather than in the database (SQLite has no JSON containment)."""
    queryset = Activity.objects.for_user(user).annotate(
        upcoming=Count("sessions", filter=Q(sessions__starts_at__gt=timezone.now())))
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    if kind:
        queryset = queryset.filter(kind=kind)
    return [item for item in queryset if not lens or lens in (item.lens_keys or [])]


def activity_for(user, pk: int) -> Activity:
    return get_object_or_404(Activity.objects.for_user(user), pk=pk)


@dataclass
class SessionLine:
    session: Session
    taken: int
    places_left: int | None
    my_status: str | None
    started: bool

    @property
    def is_full(self) -> bool:
        return self.places_left is not None and self.places_left <= 0


def _places(queryset):
    return queryset.annotate(taken=Count("attendances", filter=Q(attendances__status__in=TAKES_A_PLACE)))


def session_lines(user, sessions) -> list[SessionLine]:
    """Sessions with places taken and left, and the person's own registration."""
    sessions = list(sessions)
    mine = dict(Attendance.objects.filter(user=user, session__in=sessions).values_list("session_id", "status"))
    now = timezone.now()
    lines = []
    for session in sessions:
        taken = getattr(session, "taken", None)
        if taken is None:
            taken = places_taken(session)
        left = None if session.capacity is None else max(session.capacity - taken, 0)
        lines.append(SessionLine(session, taken, left, mine.get(session.pk), session.starts_at <= now))
    return lines


def activity_sessions(user, activity: Activity, *, past: bool = False) -> list[SessionLine]:
    queryset = _places(Session.objects.for_user(user).filter(activity=activity))
    now = timezone.now()
    queryset = queryset.filter(starts_at__lte=now).order_by("-starts_at") if past else queryset.filter(
        starts_at__gt=now)
    return session_lines(user, queryset.select_related("activity"))


def places_taken(session: Session) -> int:
    return session.attendances.filter(status__in=TAKES_A_PLACE).count()


def session_for(user, pk: int) -> Session:
    return get_object_or_404(Session.objects.for_user(user).select_related("activity"), pk=pk)


def upcoming_sessions(user, *, limit: int | None = None, days: int | None = None) -> list[SessionLine]:
    """Sessions still to come in the catalogue (active activities), soonest first."""
    queryset = _places(Session.objects.for_user(user).filter(_upcoming(), activity__is_active=True)
                       .select_related("activity")).order_by("starts_at")
    if days is not None:
        queryset = queryset.filter(starts_at__lt=timezone.now() + timedelta(days=days))
    return session_lines(user, queryset[:limit] if limit else queryset)


def my_sessions(user, *, upcoming: bool = True) -> QuerySet[Session]:
    """Sessions the person has a place at (registered, or marked attended or absent)."""
    taken = Attendance.objects.filter(session=OuterRef("pk"), user=user, status__in=TAKES_A_PLACE)
    queryset = _places(Session.objects.for_user(user).filter(Exists(taken)).select_related("activity"))
    return queryset.filter(_upcoming()).order_by("starts_at") if upcoming else queryset.order_by("-starts_at")


def register_of(session: Session) -> list[Attendance]:
    """Everyone with a place at a session (not those who cancelled), by name: for marking attendance."""
    return list(session.attendances.filter(status__in=TAKES_A_PLACE).select_related("user")
                .order_by("user__first_name", "user__last_name", "user__username"))


def cancelled_count(session: Session) -> int:
    return session.attendances.filter(status=Attendance.Status.CANCELLED).count()


# --- calendar -------------------------------------------------------------------------------------

def session_event(session: Session) -> CalendarEvent:
    activity = session.activity
    details = [activity.get_kind_display()]
    if session.facilitator:
        details.append(f"Facilitator: {session.facilitator}")
    if activity.provider:
        details.append(f"Provider: {activity.provider}")
    if activity.description:
        details.append(activity.description)
    return CalendarEvent(uid=uid_for("learning-session", session.pk), start=session.starts_at, end=session.ends_at,
                         summary=activity.title, location=session.location, description="\n\n".join(details),
                         url=settings.STAR["SITE_URL"].rstrip("/") + reverse("learning:session", args=[session.pk]))


# --- records --------------------------------------------------------------------------------------

def records_of(user) -> QuerySet[LearningRecord]:
    return LearningRecord.objects.for_user(user).filter(user=user).select_related("activity", "session")


def record_for(user, pk: int, *, to_change: bool = False) -> LearningRecord:
    """One record the user may read (or change). A read by the owner's line manager is audit-trailed."""
    record = get_object_or_404(LearningRecord.objects.for_user(user).select_related("user", "activity", "session",
                                                                                     "practice_reflection"), pk=pk)
    if not user.has_perm("learning.change_record" if to_change else "learning.view_record", record):
        raise PermissionDenied
    if record.user_id != user.pk:
        record_access(user=user, obj=record)
    return record


def reports_of(user) -> QuerySet[User]:
    """Active accounts of the person's direct reports (the records they may read)."""
    return (User.objects.filter(organisation_id=user.organisation_id, is_active=True,
                                staff_profile__line_manager__user=user)
            .order_by("first_name", "last_name", "username"))


def report_for(user, pk: int) -> User:
    """A direct report of the user, or 404 (nobody else's records can be listed)."""
    return get_object_or_404(reports_of(user), pk=pk)


def report_records(user, report: User) -> list[LearningRecord]:
    """A direct report's records for their line manager; each read is written to the audit trail. The
    person's own words (what they took from it) are not for the manager: pages leave them out."""
    records = list(LearningRecord.objects.for_user(user).filter(user=report).select_related("user", "activity"))
    readable = [record for record in records if user.has_perm("learning.view_record", record)]
    for record in readable:
        record_access(user=user, obj=record)
    return readable


def practice_reflections_of(user, *, keep: int | None = None) -> list[Reflection]:
    """The person's own reflections in My STAR, newest first, to link a learning record to (recent 100, and the
    one already linked)."""
    mine = Reflection.objects.for_user(user).filter(author=user)
    chosen = list(mine.order_by("-created_at")[:100])
    if keep and all(item.pk != keep for item in chosen):
        chosen += list(mine.filter(pk=keep))
    return chosen


EXPORT_COLUMNS = ["completed_on", "title", "kind", "minutes", "lenses", "indicators", "source", "activity_id",
                  "session_starts_at", "reflection"]


def export_rows(records, *, lens_names_by_key=None, with_reflection: bool = True):
    """One CSV line per record, as the person keeps it (names of lenses; indicator keys)."""
    names = lens_names_by_key if lens_names_by_key is not None else lens_names()
    for record in records:
        yield {"completed_on": record.completed_on.isoformat(), "title": record.title,
               "kind": record.get_kind_display(), "minutes": record.minutes,
               "lenses": "; ".join(names.get(key, key) for key in record.lens_keys),
               "indicators": "; ".join(record.indicator_keys), "source": record.get_source_display(),
               "activity_id": record.activity_id,
               "session_starts_at": timezone.localtime(record.session.starts_at).isoformat(timespec="minutes")
               if record.session else "",
               "reflection": record.reflection if with_reflection else ""}


# --- suggestions ----------------------------------------------------------------------------------

def suggestions_for(user, *, include_dismissed: bool = False) -> QuerySet[Suggestion]:
    queryset = Suggestion.objects.for_user(user).filter(user=user).select_related("activity")
    return queryset if include_dismissed else queryset.filter(dismissed_at__isnull=True)


def suggestion_for(user, pk: int) -> Suggestion:
    return get_object_or_404(suggestions_for(user, include_dismissed=True), pk=pk)


# --- attendance files: finding people, activities and sessions ----------------------------------

class AttendanceLookup:
    """People by work email, activities by title and sessions by date, in one organisation (for the importer)."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.users: dict[str, list[User]] = defaultdict(list)
        for user in User.objects.filter(organisation=organisation, is_active=True).exclude(email=""):
            self.users[user.email.casefold()].append(user)
        self.activities: dict[str, list[Activity]] = defaultdict(list)
        for activity in Activity.objects.for_organisation(organisation):
            self.activities[" ".join(activity.title.split()).casefold()].append(activity)
        self.sessions: dict[tuple[int, date], list[Session]] = defaultdict(list)
        for session in Session.objects.for_organisation(organisation).select_related("activity"):
            self.sessions[(session.activity_id, timezone.localdate(session.starts_at))].append(session)
        self._taken: dict[int, set[int]] = defaultdict(set)
        for session_id, user_id in Attendance.objects.filter(session__activity__organisation=organisation,
                                                             status__in=TAKES_A_PLACE).values_list("session_id",
                                                                                                   "user_id"):
            self._taken[session_id].add(user_id)

    def user(self, email: str) -> tuple[User | None, str]:
        found = self.users.get(email.casefold(), [])
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, f"No one in {self.organisation.name} has a STAR account with the email address ‘{email}’"
        return None, f"More than one account uses the email address ‘{email}’: ask an administrator to fix this"

    def activity(self, title: str) -> tuple[Activity | None, str]:
        found = self.activities.get(" ".join(title.split()).casefold(), [])
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, f"There is no activity called ‘{title}’ in the catalogue: use its title exactly as shown"
        return None, f"{len(found)} activities are called ‘{title}’: give them different titles first"

    def session(self, activity: Activity, day: date) -> tuple[Session | None, str]:
        found = self.sessions.get((activity.pk, day), [])
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, f"‘{activity.title}’ has no session on {day:%-d %B %Y}"
        return None, f"‘{activity.title}’ has {len(found)} sessions on {day:%-d %B %Y}: record them by hand"

    def holds_place(self, session: Session, user: User) -> bool:
        return user.pk in self._taken[session.pk]

    def taken(self, session: Session) -> int:
        return len(self._taken[session.pk])


# --- the learning lead's dashboard (aggregates only) ---------------------------------------------

@dataclass
class CoverageRow:
    key: tuple
    name: str
    kind: str  # team | service | total
    staff: int | str
    figures: dict[str, Figure]

    @property
    def cells(self) -> list[Figure]:
        """The figures in lens order (the order the table's columns are in)."""
        return list(self.figures.values())


def _published(value: int, policy: SuppressionPolicy) -> int | str:
    return "c" if primary_mask([value], policy)[0] else value


def _people_by_team(user) -> dict[int, int]:
    """Each active member of staff with a STAR account, and their team now (records carry no team)."""
    return dict(StaffProfile.objects.for_user(user)
                .filter(is_active=True, team__isnull=False, user__isnull=False, user__is_active=True)
                .values_list("user_id", "team_id"))


def lens_coverage(user, *, today: date, policy: SuppressionPolicy) -> dict:
    """Share of each team's staff with a learning record using each lens in the last 12 months, with service
    subtotals and the total, protected by ``protected_shares`` (small teams and small counts hidden)."""
    team_of = _people_by_team(user)
    staff = Counter(team_of.values())
    teams = [team for team in Team.objects.for_user(user).select_related("service") if staff.get(team.pk)]
    lenses = lens_names()
    since = today - timedelta(days=COVERAGE_DAYS)
    used: dict[int, set[str]] = defaultdict(set)
    for person, keys in (LearningRecord.objects.for_user(user)
                         .filter(completed_on__gt=since, completed_on__lte=today, user_id__in=list(team_of))
                         .values_list("user_id", "lens_keys")):
        used[person].update(keys or [])
    with_lens: dict[int, Counter] = defaultdict(Counter)
    for person, keys in used.items():
        for key in keys:
            with_lens[team_of[person]][key] += 1
    services = {team.service_id: team.service.name for team in teams}
    many = len(services) > 1
    labels = [("team", team.pk) for team in teams]
    parents = [("service", team.service_id) for team in teams] if many else None
    people: dict[tuple, int] = Counter()
    for team in teams:
        people[("team", team.pk)] += staff[team.pk]
        people[("service", team.service_id)] += staff[team.pk]
        people[TOTAL] += staff[team.pk]
    figures: dict[tuple, dict[str, Figure]] = defaultdict(dict)
    for key, name in lenses.items():
        shares = protected_shares([with_lens[team.pk][key] for team in teams], [staff[team.pk] for team in teams],
                                  labels=labels, parents=parents, people=dict(people), total_label=TOTAL,
                                  policy=policy, subject="staff",
                                  outcome=f"have a learning record using the {name.lower()} lens in the last 12 "
                                          "months")
        for node, figure in shares.items():
            figures[node][key] = figure
    rows = []
    for service_id, service_name in sorted(services.items(), key=lambda item: item[1]):
        for team in (team for team in teams if team.service_id == service_id):
            rows.append(CoverageRow(("team", team.pk), team.name, "team", _published(staff[team.pk], policy),
                                    figures[("team", team.pk)]))
        if many:
            rows.append(CoverageRow(("service", service_id), f"{service_name} (all teams)", "service",
                                    _published(people[("service", service_id)], policy),
                                    figures[("service", service_id)]))
    if teams:
        rows.append(CoverageRow(TOTAL, f"All of {user.organisation.name}", "total", _published(people[TOTAL], policy),
                                figures[TOTAL]))
    return {"lenses": list(lenses.items()), "rows": rows, "staff": people[TOTAL]}


def indicator_coverage(user, *, today: date, policy: SuppressionPolicy) -> list[dict]:
    """People with a learning record tagged with each indicator in the last 12 months (hidden below 5)."""
    version = current_version()
    if version is None:
        return []
    since = today - timedelta(days=COVERAGE_DAYS)
    people: dict[str, set[int]] = defaultdict(set)
    for person, keys in (LearningRecord.objects.for_user(user).filter(completed_on__gt=since, completed_on__lte=today)
                         .values_list("user_id", "indicator_keys")):
        for key in keys or []:
            people[key].add(person)
    return [{"indicator": indicator, "people": _published(len(people.get(indicator.key, ())), policy),
             "none": not people.get(indicator.key)}
            for indicator in version_indicators(version)]


def attendance_trend(user, *, today: date, policy: SuppressionPolicy) -> dict:
    """Places booked, attended and not attended at sessions in each of the last four quarters; the share
    attending of those marked goes through ``protected_shares`` (a flat table with a total)."""
    quarters = last_quarters(today, QUARTERS_SHOWN)
    counts: dict[Quarter, Counter] = {}
    for quarter in quarters:
        rows = (Attendance.objects.for_user(user)
                .filter(session__starts_at__gte=day_start(quarter.start), session__starts_at__lt=day_start(quarter.end),
                        status__in=TAKES_A_PLACE)
                .values("status").annotate(n=Count("id")).values_list("status", "n"))
        counts[quarter] = Counter(dict(rows))
    attended = [counts[q][Attendance.Status.ATTENDED] for q in quarters]
    marked = [counts[q][Attendance.Status.ATTENDED] + counts[q][Attendance.Status.NO_SHOW] for q in quarters]
    shares = protected_shares(attended, marked, labels=[q.key for q in quarters], total_label="total", policy=policy,
                              subject="places marked", outcome="were attended")
    rows = []
    for quarter in quarters:
        figure = shares[quarter.key]
        hidden = figure.symbol == "c"
        rows.append({"quarter": quarter, "booked": _published(sum(counts[quarter].values()), policy),
                     "attended": "c" if hidden else counts[quarter][Attendance.Status.ATTENDED],
                     "no_show": "c" if hidden else counts[quarter][Attendance.Status.NO_SHOW],
                     "not_marked": _published(counts[quarter][Attendance.Status.REGISTERED], policy),
                     "figure": figure})
    return {"rows": rows, "total": shares["total"]}


def attendance_chart(trend: dict) -> str | None:
    """Booked, attended and not attended by quarter (the table beside it has the same figures)."""

    def values(name):
        return [row[name] if isinstance(row[name], int) else None for row in trend["rows"]]

    series = {"Places booked": values("booked"), "Attended": values("attended"), "Did not attend": values("no_show")}
    if not any(value for points in series.values() for value in points if value is not None):
        return None
    return line_chart([row["quarter"].label for row in trend["rows"]], series,
                      title="Places booked, attended and not attended, by quarter", axis_label="Places")


def dashboard(user, *, today: date | None = None) -> dict:
    from . import communities  # the action log belongs to the communities area

    today = today or timezone.localdate()
    policy = SuppressionPolicy()
    trend = attendance_trend(user, today=today, policy=policy)
    return {
        "today": today, "since": today - timedelta(days=COVERAGE_DAYS), "threshold": policy.threshold,
        "symbols": GSS_SYMBOLS, "coverage": lens_coverage(user, today=today, policy=policy),
        "indicators": indicator_coverage(user, today=today, policy=policy), "trend": trend,
        "chart": attendance_chart(trend), "action_log": communities.action_log_summary(user.organisation),
        "activities": Activity.objects.for_user(user).filter(is_active=True).count(),
        "upcoming": Session.objects.for_user(user).filter(_upcoming()).count(),
    }


DASHBOARD_COLUMNS = ["section", "row", "row_type", "measure", "numerator", "denominator", "percent", "lower_95",
                     "upper_95", "symbol", "reading"]


def dashboard_rows(view: dict):
    """The dashboard's tables as CSV lines ('c' where a figure is hidden)."""

    def line(section, row, row_type, measure, figure=None, count=None):
        if figure is None:
            return {"section": section, "row": row, "row_type": row_type, "measure": measure, "numerator": count,
                    "symbol": "c" if count == "c" else ""}
        shown = figure.symbol != "c"
        return {"section": section, "row": row, "row_type": row_type, "measure": measure,
                "numerator": figure.numerator if shown else "c", "denominator": figure.denominator if shown else "c",
                "percent": None if figure.value is None or not shown else round(figure.value * 100, 1),
                "lower_95": None if figure.lower is None or not shown else round(figure.lower * 100, 1),
                "upper_95": None if figure.upper is None or not shown else round(figure.upper * 100, 1),
                "symbol": figure.symbol or "", "reading": figure.reading}

    names = dict(view["coverage"]["lenses"])
    for row in view["coverage"]["rows"]:
        yield line("Coverage by team and lens", row.name, row.kind, "Staff with a STAR account", count=row.staff)
        for key, figure in row.figures.items():
            yield line("Coverage by team and lens", row.name, row.kind, f"{names.get(key, key)} lens", figure)
    for item in view["indicators"]:
        yield line("People with learning on each indicator", item["indicator"].text, "indicator", "People",
                   count=item["people"])
    for item in view["trend"]["rows"]:
        yield line("Attendance by quarter", item["quarter"].label, "quarter", "Places booked", count=item["booked"])
        yield line("Attendance by quarter", item["quarter"].label, "quarter", "Attended", item["figure"])


# --- suggestions: what the sources say (used by the refresh service) ------------------------------

def indicators_touched_by_team(organisation, *, since) -> dict[int, set[str]]:
    """Indicator keys each team touched since a moment, in supervision records and *shared* reflections.

    Private reflections are never counted (see docs/practice.md), so a suggestion cannot reveal that a
    colleague reflected privately on something."""
    touched: dict[int, set[str]] = defaultdict(set)
    supervision_tags = (SupervisionRecord.indicators.through.objects
                        .filter(supervisionrecord__organisation=organisation,
                                supervisionrecord__held_on__gte=timezone.localdate(since),
                                supervisionrecord__team__isnull=False)
                        .values_list("supervisionrecord__team_id", "indicator__key"))
    shared = ReflectionShare.objects.filter(reflection=OuterRef("reflection_id"))
    reflection_tags = (Reflection.indicators.through.objects
                       .filter(reflection__organisation=organisation, reflection__created_at__gte=since,
                               reflection__team__isnull=False).filter(Exists(shared))
                       .values_list("reflection__team_id", "indicator__key"))
    for tags in (supervision_tags, reflection_tags):
        for team_id, key in tags.distinct():
            touched[team_id].add(key)
    return touched


def indicators_reflected_by(organisation, *, since) -> dict[int, set[str]]:
    """Indicator keys each person reflected on (their own reflections, shared or not) since a moment: a person
    is not told about a gap they have covered themselves."""
    mine: dict[int, set[str]] = defaultdict(set)
    for author, key in (Reflection.indicators.through.objects
                        .filter(reflection__organisation=organisation, reflection__created_at__gte=since)
                        .values_list("reflection__author_id", "indicator__key").distinct()):
        mine[author].add(key)
    return mine


def activity_choices_by_indicator(organisation) -> dict[str, Activity]:
    """For each indicator key, the catalogue activity to point to: one with sessions to come first, then by
    title."""
    return _best_activities(organisation, lambda activity: activity.indicator_keys or [])


def _best_activities(organisation, keys_of) -> dict[str, Activity]:
    now = timezone.now()
    ranked = sorted(
        Activity.objects.for_organisation(organisation).filter(is_active=True).annotate(
            next_session=Count("sessions", filter=Q(sessions__starts_at__gt=now))),
        key=lambda activity: (activity.next_session == 0, activity.title.casefold()))
    best: dict[str, Activity] = {}
    for activity in ranked:
        for key in keys_of(activity):
            best.setdefault(key, activity)
    return best


def activity_for_theme(organisation, theme: str, *, cache: dict | None = None) -> Activity | None:
    """An active catalogue activity whose title or description mentions an audit theme, if there is one."""
    if cache is not None and "_ranked" not in cache:
        cache["_ranked"] = list(_best_activities(organisation, lambda activity: [activity.pk]).values())
    ranked = cache["_ranked"] if cache is not None else list(
        _best_activities(organisation, lambda activity: [activity.pk]).values())
    needle = theme.casefold()
    return next((activity for activity in ranked
                 if needle in activity.title.casefold() or needle in activity.description.casefold()), None)


def kind_choices() -> list[tuple[str, str]]:
    return list(ActivityKind.choices)
