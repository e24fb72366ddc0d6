"""Reads: communities of practice, events and the organisation's action log.

Communities are the one deliberate exception to "only your own organisation": a member from a partner
organisation sees the communities they belong to (their meetings, resources and members' names), reached
through their own membership and nothing else. Events and actions are read through ``for_user``.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from star.analytics import proportion
from star.analytics.reading import read_proportion
from star.core.models import Organisation, User

from ..models import CommittedAction, Community, CommunityMeeting, CommunityMembership, Event, Resource

OPEN_STATUSES = (CommittedAction.Status.OPEN, CommittedAction.Status.IN_PROGRESS)


# --- communities ------------------------------------------------------------------------------------------

def communities_of(user) -> QuerySet[Community]:
    """The communities a person belongs to (whoever hosts them) and, for a learning lead, every community
    their organisation hosts."""
    if not getattr(user, "is_authenticated", False):
        return Community.objects.none()
    condition = Q(pk__in=CommunityMembership.objects.filter(user=user).values("community_id"))
    if user.has_perm("learning.manage_communities") and user.organisation_id:
        condition |= Q(organisation_id=user.organisation_id)
    return (Community.objects.filter(condition).select_related("organisation")
            .annotate(member_count=Count("memberships", distinct=True)).order_by("name"))


def community_for(user, pk: int) -> Community:
    """A community the person may see: 404 for people of other organisations who are not members (they are
    not told it exists), 403 for people of the host organisation who are not members or learning leads."""
    community = Community.objects.select_related("organisation").filter(pk=pk).first()
    if community is None:
        raise Http404
    if user.has_perm("learning.view_community", community):
        return community
    if community.organisation_id != user.organisation_id:
        raise Http404
    raise PermissionDenied


def community_obj(request, pk, **kwargs) -> Community:
    """For ``permission_required(..., fn=community_obj)``: the community, or 404 for people of other
    organisations who are not members."""
    community = Community.objects.select_related("organisation").filter(pk=pk).first()
    if community is None or (community.organisation_id != request.user.organisation_id
                             and not community.memberships.filter(user=request.user).exists()):
        raise Http404
    return community


def membership_of(community: Community, user) -> CommunityMembership | None:
    return CommunityMembership.objects.filter(community=community, user=user).first()


def community_members(community: Community) -> list[CommunityMembership]:
    return list(community.memberships.select_related("user__organisation")
                .order_by("-is_coordinator", "user__first_name", "user__last_name", "user__username"))


def community_membership_for(community: Community, pk: int) -> CommunityMembership:
    return get_object_or_404(community.memberships.select_related("user", "community"), pk=pk)


def community_meetings(community: Community) -> dict:
    now = timezone.now()
    meetings = community.meetings.all()
    return {"upcoming": list(meetings.filter(ends_at__gte=now).order_by("starts_at")),
            "past": list(meetings.filter(ends_at__lt=now).order_by("-starts_at"))}


def community_meeting_for(community: Community, pk: int) -> CommunityMeeting:
    return get_object_or_404(community.meetings, pk=pk)


def community_resources(community: Community) -> QuerySet[Resource]:
    return community.resources.select_related("uploaded_by")


def resource_for(community: Community, pk: int) -> Resource:
    return get_object_or_404(community.resources.select_related("uploaded_by", "community"), pk=pk)


def partner_choices(user) -> QuerySet[Organisation]:
    """Organisations a community hosted by the person's organisation can take members from."""
    return Organisation.objects.exclude(pk=user.organisation_id).order_by("name")


# --- events -----------------------------------------------------------------------------------------------

def events_for(user) -> QuerySet[Event]:
    return (Event.objects.for_user(user)
            .annotate(session_count=Count("sessions", distinct=True), attendee_count=Count("attendees", distinct=True),
                      action_count=Count("actions", distinct=True)))


def event_for(user, pk: int) -> Event:
    return get_object_or_404(Event.objects.for_user(user), pk=pk)


def event_sessions(event: Event):
    return list(event.sessions.all())


def event_attendees(event: Event) -> list[User]:
    return list(event.attendees.select_related("staff_profile").order_by("first_name", "last_name", "username"))


def organisation_people(user) -> QuerySet[User]:
    """Active people of the person's organisation (attendees and action owners come from here)."""
    if not user.organisation_id:
        return User.objects.none()
    return User.objects.filter(organisation_id=user.organisation_id, is_active=True)


# --- the action log ---------------------------------------------------------------------------------------

def _overdue(today: date) -> Q:
    return Q(status__in=OPEN_STATUSES, due_on__lt=today)


def action_log(user, *, event: Event | None = None, status: str = "", owner: User | None = None,
               overdue: bool = False, today: date | None = None) -> QuerySet[CommittedAction]:
    """The organisation's committed actions for leaders; a person's own actions for everyone else."""
    today = today or timezone.localdate()
    actions = CommittedAction.objects.for_user(user).select_related("event", "owner")
    if not user.has_perm("learning.view_action_log"):
        actions = actions.filter(owner=user)
    if event is not None:
        actions = actions.filter(event=event)
    if status:
        actions = actions.filter(status=status)
    if owner is not None:
        actions = actions.filter(owner=owner)
    if overdue:
        actions = actions.filter(_overdue(today))
    return actions.order_by("due_on", "pk")


def action_owners(user) -> list[User]:
    """People who own an action in the log (for the filter)."""
    ids = CommittedAction.objects.for_user(user).values("owner_id")
    return list(User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "username"))


def action_for(user, pk: int) -> CommittedAction:
    action = get_object_or_404(CommittedAction.objects.for_user(user).select_related("event", "owner"), pk=pk)
    if not (user.has_perm("learning.view_action_log") or user.has_perm("learning.update_action", action)):
        raise PermissionDenied
    return action


def actions_owned(user) -> QuerySet[CommittedAction]:
    """A person's actions that are not done or dropped, soonest due first."""
    return (CommittedAction.objects.for_user(user).filter(owner=user, status__in=OPEN_STATUSES)
            .select_related("event").order_by("due_on", "pk"))


def is_overdue(action: CommittedAction, today: date | None = None) -> bool:
    return action.status in OPEN_STATUSES and action.due_on < (today or timezone.localdate())


def done_on(action: CommittedAction) -> date | None:
    """The day an action was marked done (its last status change), or None."""
    if action.status != CommittedAction.Status.DONE or action.updated_at is None:
        return None
    return timezone.localdate(action.updated_at)


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


def action_log_summary(organisation, *, event: Event | None = None, today: date | None = None) -> dict:
    """What happened to the actions (of one event, or all): counts by status, how many are overdue, and the
    share of actions whose due date has passed that were done by it, with a Wilson interval and a reading.

    Keys: ``total``, ``by_status`` (StatusCount list, every status), ``overdue``, ``due`` (actions whose due
    date has passed), ``done_by_due`` (a star.analytics Figure), ``reading`` (plain English), ``today``.
    """
    today = today or timezone.localdate()
    actions = CommittedAction.objects.filter(organisation=organisation)
    if event is not None:
        actions = actions.filter(event=event)
    rows = list(actions.only("status", "due_on", "updated_at"))
    counts = Counter(row.status for row in rows)
    due = [row for row in rows if row.due_on < today]
    done_in_time = sum(1 for row in due if (day := done_on(row)) is not None and day <= row.due_on)
    figure = proportion(done_in_time, len(due))
    reading = read_proportion(figure, subject="actions whose due date has passed",
                              outcome="were done by their due date")
    # The analytics readings speak of people; these figures are about actions.
    reading = reading.replace("The number of people is small", "The number of actions is small")
    return {
        "total": len(rows),
        "by_status": [StatusCount(value, label, counts.get(value, 0)) for value, label in
                      CommittedAction.Status.choices],
        "overdue": sum(1 for row in rows if row.status in OPEN_STATUSES and row.due_on < today),
        "due": len(due),
        "done_by_due": figure.replace(reading=reading),
        "reading": reading,
        "today": today,
    }


def overdue_actions(organisation, *, event: Event | None = None, today: date | None = None
                    ) -> QuerySet[CommittedAction]:
    actions = CommittedAction.objects.filter(organisation=organisation).filter(_overdue(today or timezone.localdate()))
    if event is not None:
        actions = actions.filter(event=event)
    return actions.select_related("owner", "event").order_by("due_on", "pk")


ACTION_LOG_COLUMNS = ["Action", "Event", "Owner", "Due", "Status", "Overdue", "Done on", "Progress note"]


def action_log_rows(actions, *, today: date | None = None):
    """The rows of the action log download (the same actions the page shows)."""
    today = today or timezone.localdate()
    for action in actions:
        owner = action.owner.get_full_name() or action.owner.username if action.owner else ""
        done = done_on(action)
        yield {"Action": action.description, "Event": action.event.name if action.event else "",
               "Owner": owner, "Due": action.due_on.isoformat(), "Status": action.get_status_display(),
               "Overdue": "Yes" if is_overdue(action, today) else "No",
               "Done on": done.isoformat() if done else "", "Progress note": action.progress_note}


# --- the learning home ------------------------------------------------------------------------------------

def home_panel(user) -> dict:
    """For the learning home: the person's communities and their open actions with due dates.

    Returns ``{"community_panel": {...}}`` (one key, so it merges into any context) for
    ``learning/communities/_home_panel.html``."""
    return {"community_panel": {
        "communities": list(communities_of(user)[:12]),
        "actions": list(actions_owned(user)[:12]),
        "today": timezone.localdate(),
        "can_manage_communities": user.has_perm("learning.manage_communities"),
        "can_view_action_log": user.has_perm("learning.view_action_log"),
    }}
