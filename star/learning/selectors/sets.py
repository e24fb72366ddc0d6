"""Reads for action learning sets.

Two views of a set, kept apart so a page cannot mix them up:

* ``set_overview``: metadata (membership, dates, schedule, attendance counts), for anyone with
  ``learning.view_set`` (insiders, learning leads, administrators of the set's organisation);
* ``set_content``: what is said in the set (ground rules, notes, who presented, commitments and their
  reviews), only for insiders (``learning.view_set_content``: members, past members and the facilitator).

Every read of a set's content through a page or the API writes an ACCESS entry to the audit trail,
whoever reads it, members and facilitator included: the content belongs to the group, not one author,
so the trail shows each time anyone opened it (who, which set or meeting, when; never the words).
The one exception is a member's own open commitments on their learning home page (an author reading
their own words, as in My STAR).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from star.core.audit import record_access
from star.core.models import User

from ..models import SET_MAX_MEMBERS, SET_MIN_MEMBERS, LearningSet, SetCommitment, SetMeeting, SetMembership

STILL_OPEN = (SetCommitment.Review.OPEN, SetCommitment.Review.IN_PROGRESS)


# --- lists ----------------------------------------------------------------------------------------

def sets_of(user) -> QuerySet[LearningSet]:
    """The sets the person belongs to (now or before) or facilitates, in their organisation."""
    return (LearningSet.objects.for_user(user).filter(Q(facilitator=user) | Q(memberships__user=user))
            .select_related("facilitator").distinct())


def sees_all_sets(user) -> bool:
    """Learning leads and administrators see every set's metadata in their organisation."""
    return user.is_authenticated and user.has_role("learning_lead", "admin")


def sets_in_organisation(user) -> QuerySet[LearningSet]:
    """Every set of the person's organisation, with counts (metadata only); none for other roles."""
    if not sees_all_sets(user):
        return LearningSet.objects.none()
    return (LearningSet.objects.for_user(user).select_related("facilitator")
            .annotate(member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True), distinct=True),
                      meetings_held=Count("meetings", distinct=True)))


def people_to_choose(user) -> QuerySet[User]:
    """Active accounts in the person's organisation, to choose members and facilitators from."""
    return (User.objects.filter(organisation_id=user.organisation_id, is_active=True)
            .select_related("staff_profile__team").order_by("first_name", "last_name", "username"))


# --- one set --------------------------------------------------------------------------------------

def set_for(user, pk: int) -> LearningSet:
    """A set the person may see at least the metadata of: 404 outside their organisation, 403 otherwise."""
    learning_set = get_object_or_404(
        LearningSet.objects.for_user(user).select_related("facilitator", "evaluation_survey"), pk=pk)
    if not user.has_perm("learning.view_set", learning_set):
        raise PermissionDenied
    return learning_set


def visible_set(user, pk: int) -> LearningSet | None:
    """As ``set_for``, but None (for the API's 404) instead of raising."""
    try:
        return set_for(user, pk)
    except (Http404, PermissionDenied):
        return None


def is_insider(user, learning_set: LearningSet) -> bool:
    return user.has_perm("learning.view_set_content", learning_set)


def set_content_for(user, pk: int) -> LearningSet:
    """A set whose content the person may read (members and facilitator); the read is audit-trailed."""
    learning_set = set_for(user, pk)
    if not is_insider(user, learning_set):
        raise PermissionDenied
    record_access(user=user, obj=learning_set)
    return learning_set


def meeting_for(user, pk: int, number: int) -> SetMeeting:
    """One meeting with its content, for insiders; the read is audit-trailed."""
    learning_set = set_for(user, pk)
    if not is_insider(user, learning_set):
        raise PermissionDenied
    meeting = get_object_or_404(
        SetMeeting.objects.for_user(user).select_related("learning_set").prefetch_related(
            "presenters", Prefetch("attendance", to_attr="attendance_rows"),
            Prefetch("commitments", queryset=SetCommitment.objects.select_related("member", "reviewed_at").order_by(
                "member__first_name", "member__last_name", "pk"), to_attr="made_here")),
        learning_set=learning_set, number=number)
    meeting.reviewed_here = list(SetCommitment.objects.filter(reviewed_at=meeting)
                                 .select_related("member", "meeting").order_by("member__first_name", "pk"))
    record_access(user=user, obj=meeting)
    return meeting


def commitment_for(user, pk: int) -> SetCommitment:
    """A commitment for its member to reword (their own words: not audit-trailed)."""
    commitment = get_object_or_404(
        SetCommitment.objects.for_user(user).select_related("meeting__learning_set"), pk=pk)
    if commitment.member_id != user.pk:
        raise PermissionDenied
    return commitment


# --- membership and follow-through -------------------------------------------------------------------

def active_memberships(learning_set):
    return learning_set.memberships.filter(left_on__isnull=True)


def review_list(learning_set: LearningSet) -> list[SetCommitment]:
    """Commitments the next meeting reviews: every commitment not yet reviewed as done or changed
    ("not reviewed yet" or "in progress"), made by someone who is still a member."""
    current = active_memberships(learning_set).values("user")
    return list(SetCommitment.objects.filter(meeting__learning_set=learning_set, review__in=STILL_OPEN,
                                             member__in=current)
                .select_related("member", "meeting", "reviewed_at")
                .order_by("member__first_name", "member__last_name", "member_id", "meeting__number", "pk"))


def commitment_editable(commitment: SetCommitment) -> bool:
    """A member can reword their commitment until the next meeting is recorded (or the set finishes)."""
    learning_set = commitment.meeting.learning_set
    if commitment.review != SetCommitment.Review.OPEN or learning_set.status == LearningSet.Status.FINISHED:
        return False
    return not learning_set.meetings.filter(number__gt=commitment.meeting.number).exists()


def can_finish(learning_set: LearningSet) -> bool:
    return (learning_set.status == LearningSet.Status.RUNNING
            and learning_set.meetings.count() >= learning_set.committed_meetings)


# --- schedule -------------------------------------------------------------------------------------

def next_meeting_due(learning_set: LearningSet, last_held: date | None = None, held: int | None = None) -> date | None:
    """The last meeting's date plus the cadence (the start date before any meeting); None once every
    committed meeting is held or the set has finished."""
    if learning_set.status == LearningSet.Status.FINISHED:
        return None
    if held is None or (held and last_held is None):
        meetings = list(learning_set.meetings.order_by("-number").values_list("held_on", flat=True)[:1])
        held = learning_set.meetings.count()
        last_held = meetings[0] if meetings else None
    if held >= learning_set.committed_meetings:
        return None
    return last_held + timedelta(weeks=learning_set.cadence_weeks) if last_held else learning_set.starts_on


@dataclass(frozen=True)
class MeetingDate:
    number: int
    on: date
    held: bool


def meeting_dates(learning_set: LearningSet) -> list[MeetingDate]:
    """Every meeting: those held on their dates, then those still due, every ``cadence_weeks`` from the
    next one due, up to the committed number."""
    held = [MeetingDate(number, on, True)
            for number, on in learning_set.meetings.order_by("number").values_list("number", "held_on")]
    due = next_meeting_due(learning_set)
    dates = list(held)
    while due is not None and len(dates) < learning_set.committed_meetings:
        dates.append(MeetingDate(len(dates) + 1, due, False))
        due += timedelta(weeks=learning_set.cadence_weeks)
    return dates


# --- what a page shows ----------------------------------------------------------------------------

@dataclass
class MemberRow:
    membership: SetMembership
    attended: int


@dataclass
class MeetingRow:
    meeting: SetMeeting
    present: int
    expected: int


@dataclass
class Overview:
    """A set's metadata: safe for learning leads and administrators."""

    learning_set: LearningSet
    members: list[MemberRow]
    former: list[MemberRow]
    meetings: list[MeetingRow]
    next_due: date | None
    can_start: bool
    can_finish: bool
    minimum: int = SET_MIN_MEMBERS
    maximum: int = SET_MAX_MEMBERS

    @property
    def held(self) -> int:
        return len(self.meetings)

    @property
    def room_for_more(self) -> bool:
        return len(self.members) < self.maximum

    @property
    def below_minimum(self) -> bool:
        return len(self.members) < self.minimum


def set_overview(learning_set: LearningSet) -> Overview:
    """Membership, dates and attendance counts. No ground rules, notes, presenters or commitments."""
    counts = (learning_set.meetings.values("attendance__user")
              .annotate(n=Count("pk", filter=Q(attendance__attended=True))))
    attended = {row["attendance__user"]: row["n"] for row in counts if row["attendance__user"] is not None}
    rows = [MemberRow(membership, attended.get(membership.user_id, 0))
            for membership in learning_set.memberships.select_related("user__staff_profile__team")
            .order_by("user__first_name", "user__last_name", "pk")]
    meetings = [MeetingRow(meeting, meeting.present, meeting.expected) for meeting in learning_set.meetings.annotate(
        present=Count("attendance", filter=Q(attendance__attended=True)), expected=Count("attendance"))
        .order_by("number")]
    current = [row for row in rows if row.membership.left_on is None]
    last = meetings[-1].meeting.held_on if meetings else None
    return Overview(
        learning_set=learning_set, members=current, former=[row for row in rows if row.membership.left_on],
        meetings=meetings, next_due=next_meeting_due(learning_set, last, len(meetings)),
        can_start=learning_set.status == LearningSet.Status.FORMING
        and SET_MIN_MEMBERS <= len(current) <= SET_MAX_MEMBERS and learning_set.facilitator_id is not None,
        can_finish=can_finish(learning_set))


@dataclass
class Content:
    """What is said in the set: for insiders only (build it only after ``set_content_for``)."""

    ground_rules: str
    meetings: list[SetMeeting]
    to_review: list[SetCommitment]
    my_open: list[SetCommitment] = field(default_factory=list)


def set_content(user, learning_set: LearningSet) -> Content:
    meetings = list(learning_set.meetings.prefetch_related(
        "presenters", Prefetch("commitments", queryset=SetCommitment.objects.select_related("member", "reviewed_at")
                               .order_by("member__first_name", "member__last_name", "pk"), to_attr="made_here"))
        .order_by("number"))
    latest = meetings[-1].pk if meetings else None
    mine = [commitment for meeting in meetings for commitment in meeting.made_here
            if commitment.member_id == user.pk and commitment.review in STILL_OPEN]
    for commitment in mine:  # as services.sets.commitment_editable, without a query each
        commitment.editable = (commitment.review == SetCommitment.Review.OPEN and commitment.meeting_id == latest
                               and learning_set.status != LearningSet.Status.FINISHED)
    return Content(ground_rules=learning_set.ground_rules, meetings=meetings, to_review=review_list(learning_set),
                   my_open=mine)


# --- the learning home panel ----------------------------------------------------------------------

@dataclass(frozen=True)
class SetSummary:
    learning_set: LearningSet
    is_facilitator: bool
    next_due: date | None
    held: int


def home_panel(user) -> dict:
    """For the learning home page: the person's running or forming sets with the next meeting due, and
    their own open commitments (not yet reviewed, or in progress). Keys: ``my_sets``,
    ``my_set_commitments``, ``can_manage_sets``."""
    sets = []
    for learning_set in (sets_of(user).exclude(status=LearningSet.Status.FINISHED)
                         .filter(Q(facilitator=user) | Q(memberships__user=user, memberships__left_on__isnull=True))
                         .distinct()):
        meetings = list(learning_set.meetings.order_by("-number").values_list("held_on", flat=True))
        sets.append(SetSummary(learning_set, learning_set.facilitator_id == user.pk,
                               next_meeting_due(learning_set, meetings[0] if meetings else None, len(meetings)),
                               len(meetings)))
    commitments = list(
        SetCommitment.objects.for_user(user)
        .filter(member=user, review__in=STILL_OPEN, meeting__learning_set__memberships__user=user,
                meeting__learning_set__memberships__left_on__isnull=True)
        .exclude(meeting__learning_set__status=LearningSet.Status.FINISHED)
        .select_related("meeting__learning_set").order_by("meeting__learning_set__name", "meeting__number", "pk"))
    for commitment in commitments:
        commitment.editable = commitment_editable(commitment)
    return {"my_sets": sets, "my_set_commitments": commitments,
            "can_manage_sets": user.has_perm("learning.manage_sets")}
