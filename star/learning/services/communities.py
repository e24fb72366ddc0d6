"""Writes: communities of practice (members, meetings, resources), events (programme, attendees) and the
organisation's action log. Keyword-only, atomic, named <thing>_<verb>; each checks who may do it.

A community is hosted by one organisation and may take members from its partner organisations. Those
members see the community and nothing else of the host: every other read stays scoped by ``for_user``.

The date an action was marked done is when its status last changed (``updated_at``): a status change
saves ``updated_at``, a progress note on its own does not, so "done by its due date" stays true to the day
it was done.
"""

import re
from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from star.core.models import Notification, Organisation, User
from star.core.services import notification_send

from .. import uploads
from ..models import (
    CommittedAction,
    Community,
    CommunityMeeting,
    CommunityMembership,
    Event,
    EventSession,
    Resource,
)

LINK_SCHEMES = ("http", "https")
OPEN_STATUSES = (CommittedAction.Status.OPEN, CommittedAction.Status.IN_PROGRESS)


def _require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def _long_date(day: date) -> str:
    return date_format(day, "j F Y")


# --- communities ------------------------------------------------------------------------------------------

def _partners_checked(host_id: int, partner_organisations) -> list[Organisation]:
    partners = list(partner_organisations)
    if any(partner.pk == host_id for partner in partners):
        raise ValidationError("A community's partner organisations are other organisations, not its host")
    return partners


@transaction.atomic
def community_create(*, user, name: str, purpose: str, lens_keys=(), partner_organisations=()) -> Community:
    """A learning lead starts a community hosted by their organisation, as its first coordinator."""
    _require(user, "learning.manage_communities")
    if not name.strip():
        raise ValidationError("Enter a name for the community")
    partners = _partners_checked(user.organisation_id, partner_organisations)
    with set_actor(user):
        community = Community.objects.create(organisation_id=user.organisation_id, name=name.strip(),
                                             purpose=purpose.strip(), lens_keys=list(lens_keys))
        community.partner_organisations.set(partners)
        CommunityMembership.objects.create(community=community, user=user, is_coordinator=True)
    return community


@transaction.atomic
def community_update(*, community: Community, user, name: str, purpose: str, lens_keys=(),
                     partner_organisations=()) -> Community:
    """The host's learning leads change the community; a partner with members in it cannot be removed."""
    if community.organisation_id != user.organisation_id or not user.has_perm("learning.manage_communities"):
        raise PermissionDenied
    partners = _partners_checked(community.organisation_id, partner_organisations)
    kept = {partner.pk for partner in partners} | {community.organisation_id}
    stranded = (CommunityMembership.objects.filter(community=community).exclude(user__organisation_id__in=kept)
                .select_related("user__organisation"))
    names = sorted({membership.user.organisation.name for membership in stranded if membership.user.organisation})
    if names:
        raise ValidationError(f"Remove the members from {', '.join(names)} before removing it as a partner")
    with set_actor(user):
        community.name, community.purpose, community.lens_keys = name.strip(), purpose.strip(), list(lens_keys)
        community.save()
        community.partner_organisations.set(partners)
    return community


def community_allowed_organisation_ids(community: Community) -> set[int]:
    return {community.organisation_id, *community.partner_organisations.values_list("pk", flat=True)}


@transaction.atomic
def community_member_add(*, community: Community, user, email: str, is_coordinator: bool = False
                         ) -> CommunityMembership:
    """A coordinator or host learning lead adds someone by work email: a person of the host organisation or
    of a partner organisation (an existing STAR user). Anyone else is refused."""
    _require(user, "learning.change_community", community)
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).select_related("organisation").first()
    if person is None:
        raise ValidationError("No one has a STAR account with that email address. Check it, or ask their "
                              "organisation to give them an account")
    if person.organisation_id not in community_allowed_organisation_ids(community):
        where = person.organisation.name if person.organisation else "no organisation"
        raise ValidationError(f"{person.get_full_name() or person.username} works for {where}, which is not a "
                              "partner of this community. A learning lead can add it as a partner first")
    if CommunityMembership.objects.filter(community=community, user=person).exists():
        raise ValidationError(f"{person.get_full_name() or person.username} is already a member")
    with set_actor(user):
        membership = CommunityMembership.objects.create(community=community, user=person,
                                                        is_coordinator=is_coordinator)
    if person.pk != user.pk:
        notification_send(user=person, message="You have been added to a community of practice",
                          url=reverse("learning:community", args=[community.pk]))
    return membership


@transaction.atomic
def community_member_update(*, membership: CommunityMembership, user, is_coordinator: bool) -> CommunityMembership:
    _require(user, "learning.change_community", membership.community)
    with set_actor(user):
        membership.is_coordinator = is_coordinator
        membership.save(update_fields=["is_coordinator"])
    return membership


@transaction.atomic
def community_member_remove(*, membership: CommunityMembership, user) -> None:
    """A coordinator or host learning lead removes a member; anyone may leave."""
    if membership.user_id != user.pk:
        _require(user, "learning.change_community", membership.community)
    with set_actor(user):
        membership.delete()


@transaction.atomic
def community_meeting_add(*, community: Community, user, title: str, starts_at, ends_at, location: str = "",
                          summary: str = "") -> CommunityMeeting:
    _require(user, "learning.change_community", community)
    if ends_at <= starts_at:
        raise ValidationError("The meeting must end after it starts")
    with set_actor(user):
        return CommunityMeeting.objects.create(community=community, title=title.strip(), starts_at=starts_at,
                                               ends_at=ends_at, location=location.strip(), summary=summary.strip())


@transaction.atomic
def community_meeting_remove(*, meeting: CommunityMeeting, user) -> None:
    _require(user, "learning.change_community", meeting.community)
    with set_actor(user):
        meeting.delete()


# --- resources --------------------------------------------------------------------------------------------

def link_check(link: str) -> str:
    """An http or https address, or a ValidationError (javascript:, data:, file: and the rest are refused)."""
    link = (link or "").strip()
    scheme = link.split(":", 1)[0].lower() if ":" in link else ""
    if scheme not in LINK_SCHEMES:
        raise ValidationError("Enter a web address that starts with https:// or http://", code="scheme")
    try:
        URLValidator(schemes=list(LINK_SCHEMES))(link)
    except ValidationError as error:
        raise ValidationError("Enter a web address in the correct format, like https://www.example.org/guide",
                              code="invalid") from error
    return link


def _stored_name(filename: str, extension: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", filename.rsplit(".", 1)[0]).strip("-")[:80] or "resource"
    return f"{stem}{extension}"


@transaction.atomic
def resource_add(*, community: Community, user, title: str, link: str = "", upload=None) -> Resource:
    """A member shares a link (http/https) or a file (allowed type and size, checked by content)."""
    _require(user, "learning.view_community", community)
    if not title.strip():
        raise ValidationError("Enter a title for the resource")
    if bool(link) == bool(upload):
        raise ValidationError("Share either a link or a file")
    resource = Resource(community=community, title=title.strip(), uploaded_by=user)
    stored = ""
    if link:
        resource.kind, resource.link = Resource.Kind.LINK, link_check(link)
    else:
        checked = uploads.check_upload(upload)
        resource.kind, resource.content_type, resource.size = checked.kind, checked.content_type, checked.size
        upload.seek(0)
        resource.file.save(_stored_name(upload.name, checked.extension), upload, save=False)
        stored = resource.file.name
    try:
        with set_actor(user):
            resource.save()
    except Exception:
        if stored:  # leave nothing behind in storage when the record cannot be written
            default_storage.delete(stored)
        raise
    return resource


@transaction.atomic
def resource_remove(*, resource: Resource, user) -> None:
    """Whoever shared it, a coordinator or a host learning lead removes a resource (and its file)."""
    if resource.uploaded_by_id != user.pk:
        _require(user, "learning.change_community", resource.community)
    name = resource.file.name if resource.file else ""
    with set_actor(user):
        resource.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


# --- events -----------------------------------------------------------------------------------------------

def _event_dates_checked(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ValidationError("The event must end on or after the day it starts")


@transaction.atomic
def event_create(*, user, name: str, starts_on: date, ends_on: date, description: str = "",
                 location: str = "") -> Event:
    _require(user, "learning.manage_events")
    _event_dates_checked(starts_on, ends_on)
    with set_actor(user):
        return Event.objects.create(organisation_id=user.organisation_id, name=name.strip(),
                                    description=description.strip(), starts_on=starts_on, ends_on=ends_on,
                                    location=location.strip())


def _own_event(user, event: Event) -> None:
    if event.organisation_id != user.organisation_id or not user.has_perm("learning.manage_events"):
        raise PermissionDenied


@transaction.atomic
def event_update(*, event: Event, user, name: str, starts_on: date, ends_on: date, description: str = "",
                 location: str = "") -> Event:
    _own_event(user, event)
    _event_dates_checked(starts_on, ends_on)
    outside = [session.title for session in event.sessions.all()
               if not starts_on <= timezone.localtime(session.starts_at).date() <= ends_on]
    if outside:
        raise ValidationError(f"Move or remove the sessions outside the new dates first: {', '.join(outside)}")
    with set_actor(user):
        event.name, event.description, event.location = name.strip(), description.strip(), location.strip()
        event.starts_on, event.ends_on = starts_on, ends_on
        event.save()
    return event


@transaction.atomic
def event_session_add(*, event: Event, user, title: str, starts_at, ends_at, hosts: str = "",
                      description: str = "") -> EventSession:
    _own_event(user, event)
    if ends_at <= starts_at:
        raise ValidationError("The session must end after it starts")
    if not event.starts_on <= timezone.localtime(starts_at).date() <= event.ends_on:
        when = _long_date(event.starts_on) if event.starts_on == event.ends_on else \
            f"{_long_date(event.starts_on)} to {_long_date(event.ends_on)}"
        raise ValidationError(f"The session must be on the days of the event ({when})")
    with set_actor(user):
        return EventSession.objects.create(event=event, title=title.strip(), starts_at=starts_at, ends_at=ends_at,
                                           hosts=hosts.strip(), description=description.strip())


@transaction.atomic
def event_session_remove(*, session: EventSession, user) -> None:
    _own_event(user, session.event)
    with set_actor(user):
        session.delete()


def people_by_email(organisation_id: int, emails) -> tuple[list[User], list[str]]:
    """The active people of one organisation with these work emails, and the emails that matched no one."""
    wanted = {email.strip().lower() for email in emails if email.strip()}
    if not wanted:
        return [], []
    matches = Q()
    for email in wanted:
        matches |= Q(email__iexact=email)
    found = {}
    for person in User.objects.filter(matches, organisation_id=organisation_id, is_active=True).order_by("pk"):
        found.setdefault(person.email.lower(), person)
    missing = sorted(email for email in wanted if email not in found)
    return list(found.values()), missing


@transaction.atomic
def event_attendees_add(*, event: Event, user, emails) -> list[User]:
    """Add people of the organisation as attendees, by work email (all of them, or none if one is unknown)."""
    _own_event(user, event)
    people, missing = people_by_email(event.organisation_id, emails)
    if missing:
        raise ValidationError(f"No one in your organisation has a STAR account with "
                              f"{'this email address' if len(missing) == 1 else 'these email addresses'}: "
                              f"{', '.join(missing)}")
    if not people:
        raise ValidationError("Enter at least one work email address")
    with set_actor(user):
        event.attendees.add(*people)
    return people


@transaction.atomic
def event_attendee_remove(*, event: Event, user, attendee: User) -> None:
    _own_event(user, event)
    with set_actor(user):
        event.attendees.remove(attendee)


# --- the action log ---------------------------------------------------------------------------------------

@transaction.atomic
def action_commit(*, user, description: str, owner: User, due_on: date, event: Event | None = None
                  ) -> CommittedAction:
    """Record an action someone committed to (in the room at an event, or otherwise); its owner is told."""
    _require(user, "learning.manage_events")
    if event is not None and event.organisation_id != user.organisation_id:
        raise PermissionDenied
    if owner is None or owner.organisation_id != user.organisation_id or not owner.is_active:
        raise ValidationError("The owner must be someone in your organisation with a STAR account")
    if not description.strip():
        raise ValidationError("Describe the action")
    if event is not None and due_on < event.starts_on:
        raise ValidationError(f"The due date must be on or after the day of the event ({_long_date(event.starts_on)})")
    if event is None and due_on < timezone.localdate():
        raise ValidationError("The due date must be today or in the future")
    with set_actor(user):
        action = CommittedAction.objects.create(organisation_id=user.organisation_id, event=event, owner=owner,
                                                description=description.strip(), due_on=due_on)
    notification_send(user=owner, url=reverse("learning:action", args=[action.pk]),
                      message=f"An action has been recorded for you, due on {_long_date(due_on)}")
    return action


@transaction.atomic
def action_update(*, action: CommittedAction, user, status: str, progress_note: str = "") -> CommittedAction:
    """Its owner (or a learning lead) says where an action has got to, with a progress note."""
    _require(user, "learning.update_action", action)
    if status not in CommittedAction.Status.values:
        raise ValidationError("Choose the action's status")
    fields = ["progress_note"]
    if status != action.status:
        fields += ["status", "updated_at"]
    with set_actor(user):
        action.status, action.progress_note = status, progress_note.strip()
        action.save(update_fields=fields)
    return action


def _reminder_message(action: CommittedAction) -> str:
    return f"An action you committed to was due on {_long_date(action.due_on)}"


def action_reminders_send(*, today: date | None = None) -> int:
    """Remind each owner once, on or after the due date, of an action that is not done or dropped.

    CommittedAction has no ``reminded_at``: a reminder is sent once per action and due date, known by the
    notification itself (same person, page and message), so changing the due date reminds again."""
    today = today or timezone.localdate()
    due = (CommittedAction.objects.filter(status__in=OPEN_STATUSES, due_on__lte=today, owner__is_active=True)
           .select_related("owner"))
    sent = 0
    for action in due:
        url, message = reverse("learning:action", args=[action.pk]), _reminder_message(action)
        with transaction.atomic():
            if Notification.objects.filter(user=action.owner, url=url, message=message).exists():
                continue
            notification_send(user=action.owner, message=message, url=url)
        sent += 1
    return sent
