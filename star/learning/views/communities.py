"""Views: communities of practice (members, meetings, resources), events (programme, attendees, the actions
committed in the room) and the organisation's action log. Thin: forms in, services and selectors out."""

from pathlib import PurePath
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from star.core.decorators import permission_required
from star.core.exports import csv_response
from star.core.forms import add_service_errors
from star.core.services import notifications_mark_read

from ..calendar import CalendarEvent, ics_response, uid_for
from ..forms_communities import (
    ActionFilterForm,
    ActionForm,
    ActionUpdateForm,
    AttendeesForm,
    CommunityForm,
    EventForm,
    MeetingForm,
    MemberForm,
    ResourceForm,
    SessionForm,
    lens_choices,
)
from ..selectors import communities as selectors
from ..selectors.communities import community_obj
from ..services import communities as services

ACTIONS_PER_PAGE = 50


def _lens_names(keys) -> list[str]:
    names = dict(lens_choices())
    return [names.get(key, key) for key in keys]


# --- communities ------------------------------------------------------------------------------------------

@permission_required("learning.use_learning")
def communities(request):
    return render(request, "learning/communities/list.html", {"communities": selectors.communities_of(request.user)})


@permission_required("learning.manage_communities")
def community_new(request):
    form = CommunityForm(request.POST or None, organisations=selectors.partner_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            community = services.community_create(user=request.user, name=data["name"], purpose=data["purpose"],
                                                  lens_keys=data["lenses"],
                                                  partner_organisations=form.partner_organisations())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Community created: now add its members")
            return redirect("learning:community", pk=community.pk)
    return render(request, "learning/communities/community_form.html", {"form": form, "community": None})


@permission_required("learning.manage_communities", fn=community_obj)
def community_edit(request, pk):
    community = selectors.community_for(request.user, pk)
    if community.organisation_id != request.user.organisation_id:
        raise PermissionDenied
    initial = {"name": community.name, "purpose": community.purpose, "lenses": community.lens_keys,
               "partners": [str(pk) for pk in community.partner_organisations.values_list("pk", flat=True)]}
    form = CommunityForm(request.POST or None, initial=initial, organisations=selectors.partner_choices(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.community_update(community=community, user=request.user, name=data["name"],
                                      purpose=data["purpose"], lens_keys=data["lenses"],
                                      partner_organisations=form.partner_organisations())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Community saved")
            return redirect("learning:community", pk=community.pk)
    return render(request, "learning/communities/community_form.html", {"form": form, "community": community})


def _community_page(request, community, *, status=200, member_form=None):
    user = request.user
    return render(request, "learning/communities/community.html", {
        "community": community, "partners": list(community.partner_organisations.order_by("name")),
        "lenses": _lens_names(community.lens_keys), "meetings": selectors.community_meetings(community),
        "resources": selectors.community_resources(community), "members": selectors.community_members(community),
        "membership": selectors.membership_of(community, user),
        "can_change": user.has_perm("learning.change_community", community),
        "is_host_lead": community.organisation_id == user.organisation_id
        and user.has_perm("learning.manage_communities"),
        "member_form": member_form or MemberForm(),
    }, status=status)


@permission_required("learning.view_community", fn=community_obj)
def community(request, pk):
    community = selectors.community_for(request.user, pk)
    notifications_mark_read(user=request.user, url=request.path)
    return _community_page(request, community)


@require_POST
@permission_required("learning.change_community", fn=community_obj)
def community_member_add(request, pk):
    community = selectors.community_for(request.user, pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            membership = services.community_member_add(community=community, user=request.user,
                                                       email=form.cleaned_data["email"],
                                                       is_coordinator=form.cleaned_data["is_coordinator"])
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, f"{membership.user.get_full_name() or membership.user.username} added")
            return redirect("learning:community", pk=pk)
    return _community_page(request, community, status=400, member_form=form)


@require_POST
@permission_required("learning.view_community", fn=community_obj)
def community_member_change(request, pk, member_pk):
    community = selectors.community_for(request.user, pk)
    membership = selectors.community_membership_for(community, member_pk)
    name = membership.user.get_full_name() or membership.user.username
    action = request.POST.get("action", "")
    if action == "remove":
        services.community_member_remove(membership=membership, user=request.user)
        if membership.user_id == request.user.pk:
            messages.success(request, f"You have left {community.name}")
            return redirect("learning:communities")
        messages.success(request, f"{name} removed from the community")
    elif action in ("coordinator", "member"):
        services.community_member_update(membership=membership, user=request.user,
                                         is_coordinator=action == "coordinator")
        messages.success(request, f"{name} is now {'a coordinator' if action == 'coordinator' else 'a member'}")
    else:
        raise Http404
    return redirect("learning:community", pk=pk)


@permission_required("learning.change_community", fn=community_obj)
def community_meeting_new(request, pk):
    community = selectors.community_for(request.user, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.community_meeting_add(community=community, user=request.user, title=data["title"],
                                           starts_at=data["starts_at"], ends_at=data["ends_at"],
                                           location=data["location"], summary=data["summary"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Meeting added")
            return redirect("learning:community", pk=pk)
    return render(request, "learning/communities/meeting_form.html", {"form": form, "community": community},
                  status=400 if form.errors else 200)


@require_POST
@permission_required("learning.change_community", fn=community_obj)
def community_meeting_remove(request, pk, meeting_pk):
    community = selectors.community_for(request.user, pk)
    services.community_meeting_remove(meeting=selectors.community_meeting_for(community, meeting_pk), user=request.user)
    messages.success(request, "Meeting removed")
    return redirect("learning:community", pk=pk)


@permission_required("learning.view_community", fn=community_obj)
def community_meetings_ics(request, pk):
    community = selectors.community_for(request.user, pk)
    page = request.build_absolute_uri(reverse("learning:community", args=[community.pk]))
    events = [CalendarEvent(uid=uid_for("community-meeting", meeting.pk), start=meeting.starts_at,
                            end=meeting.ends_at, summary=f"{meeting.title} ({community.name})",
                            location=meeting.location, description=meeting.summary, url=page)
              for meeting in community.meetings.order_by("starts_at")]
    return ics_response(f"{slugify(community.name) or 'community'}-meetings.ics", events, name=community.name)


@permission_required("learning.view_community", fn=community_obj)
def community_resource_new(request, pk):
    community = selectors.community_for(request.user, pk)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.resource_add(community=community, user=request.user, title=data["title"], link=data["link"],
                                  upload=data["file"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Resource shared with the community")
            return redirect("learning:community", pk=pk)
    return render(request, "learning/communities/resource_form.html", {"form": form, "community": community},
                  status=400 if form.errors else 200)


@permission_required("learning.view_community", fn=community_obj)
def community_resource(request, pk, resource_pk):
    """Send a shared file to a member, always as a download, never from the media folder directly."""
    community = selectors.community_for(request.user, pk)
    resource = selectors.resource_for(community, resource_pk)
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    extension = PurePath(resource.file.name).suffix.lower()
    response = FileResponse(handle, as_attachment=True, filename=f"{slugify(resource.title) or 'resource'}{extension}",
                            content_type=resource.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@permission_required("learning.view_community", fn=community_obj)
def community_resource_remove(request, pk, resource_pk):
    community = selectors.community_for(request.user, pk)
    services.resource_remove(resource=selectors.resource_for(community, resource_pk), user=request.user)
    messages.success(request, "Resource removed")
    return redirect("learning:community", pk=pk)


# --- events -----------------------------------------------------------------------------------------------

@permission_required("learning.use_learning")
def events(request):
    return render(request, "learning/communities/events.html", {"events": selectors.events_for(request.user)})


@permission_required("learning.manage_events")
def event_new(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Event created: now add its programme")
            return redirect("learning:event", pk=event.pk)
    return render(request, "learning/communities/event_form.html", {"form": form, "event": None},
                  status=400 if form.errors else 200)


@permission_required("learning.manage_events")
def event_edit(request, pk):
    event = selectors.event_for(request.user, pk)
    initial = {"name": event.name, "description": event.description, "starts_on": event.starts_on,
               "ends_on": event.ends_on, "location": event.location}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Event saved")
            return redirect("learning:event", pk=pk)
    return render(request, "learning/communities/event_form.html", {"form": form, "event": event},
                  status=400 if form.errors else 200)


def after_heading(event) -> str:
    return "What happened after the summit?" if "summit" in event.name.lower() else "What happened after the event?"


@permission_required("learning.use_learning")
def event(request, pk):
    user = request.user
    event = selectors.event_for(user, pk)
    follows = user.has_perm("learning.view_action_log")
    today = timezone.localdate()
    context = {
        "event": event, "sessions": selectors.event_sessions(event), "attendee_count": event.attendees.count(),
        "can_manage": user.has_perm("learning.manage_events"), "follows": follows, "today": today,
        "after_heading": after_heading(event),
        "my_actions": selectors.action_log(user, event=event).filter(owner=user),
        "attended": event.attendees.filter(pk=user.pk).exists(),
    }
    if follows:
        context.update({
            "summary": selectors.action_log_summary(event.organisation, event=event, today=today),
            "overdue": selectors.overdue_actions(event.organisation, event=event, today=today),
            "actions": selectors.action_log(user, event=event, today=today),
        })
    return render(request, "learning/communities/event.html", context)


@permission_required("learning.manage_events")
def event_session_new(request, pk):
    event = selectors.event_for(request.user, pk)
    form = SessionForm(request.POST or None, initial={"day": event.starts_on})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.event_session_add(event=event, user=request.user, title=data["title"],
                                       starts_at=data["starts_at"], ends_at=data["ends_at"], hosts=data["hosts"],
                                       description=data["description"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Session added to the programme")
            return redirect("learning:event", pk=pk)
    return render(request, "learning/communities/session_form.html", {"form": form, "event": event},
                  status=400 if form.errors else 200)


@require_POST
@permission_required("learning.manage_events")
def event_session_remove(request, pk, session_pk):
    event = selectors.event_for(request.user, pk)
    services.event_session_remove(session=get_object_or_404(event.sessions, pk=session_pk), user=request.user)
    messages.success(request, "Session removed from the programme")
    return redirect("learning:event", pk=pk)


@permission_required("learning.manage_events")
def event_attendees(request, pk):
    event = selectors.event_for(request.user, pk)
    form = AttendeesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.event_attendees_add(event=event, user=request.user, emails=form.cleaned_data["emails"])
        except ValidationError as error:
            form.add_error("emails", error)
        else:
            messages.success(request, f"{len(added)} {'person' if len(added) == 1 else 'people'} added as attendees")
            return redirect("learning:event_attendees", pk=pk)
    return render(request, "learning/communities/attendees.html", {
        "event": event, "form": form, "attendees": selectors.event_attendees(event)},
        status=400 if form.errors else 200)


@require_POST
@permission_required("learning.manage_events")
def event_attendee_remove(request, pk, user_pk):
    event = selectors.event_for(request.user, pk)
    attendee = get_object_or_404(event.attendees, pk=user_pk)
    services.event_attendee_remove(event=event, user=request.user, attendee=attendee)
    messages.success(request, f"{attendee.get_full_name() or attendee.username} removed from the attendees")
    return redirect("learning:event_attendees", pk=pk)


@permission_required("learning.manage_events")
def event_action_new(request, pk):
    event = selectors.event_for(request.user, pk)
    return _action_new(request, event=event)


# --- the action log ---------------------------------------------------------------------------------------

def _action_new(request, *, event=None):
    events = None if event is not None else list(selectors.events_for(request.user))
    form = ActionForm(request.POST or None, organisation_id=request.user.organisation_id, events=events)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = event if event is not None else data.get("event_obj")
        try:
            services.action_commit(user=request.user, description=data["description"], owner=data["owner_user"],
                                   due_on=data["due_on"], event=chosen)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action recorded: its owner has been told")
            if event is not None and request.POST.get("another"):
                return redirect("learning:event_action_new", pk=event.pk)
            return redirect("learning:event", pk=event.pk) if event is not None else redirect("learning:actions")
    return render(request, "learning/communities/action_form.html", {"form": form, "event": event},
                  status=400 if form.errors else 200)


@permission_required("learning.manage_events")
def action_new(request):
    return _action_new(request)


def _filtered_log(request):
    user = request.user
    follows = user.has_perm("learning.view_action_log")
    form = ActionFilterForm(request.GET or None, events=selectors.events_for(user),
                            owners=selectors.action_owners(user) if follows else ())
    filters = form.filters() if form.is_bound else {}
    return form, follows, selectors.action_log(user, **filters)


@permission_required("learning.use_learning")
def actions(request):
    form, follows, log = _filtered_log(request)
    page = Paginator(log, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode([(key, value) for key, value in request.GET.items() if key != "page"])
    context = {"form": form, "follows": follows, "page": page, "query": query, "today": timezone.localdate(),
               "can_manage": request.user.has_perm("learning.manage_events")}
    if follows:
        context["summary"] = selectors.action_log_summary(request.user.organisation)
    return render(request, "learning/communities/actions.html", context)


@permission_required("learning.view_action_log")
def actions_csv(request):
    _form, _follows, log = _filtered_log(request)
    return csv_response(filename="action-log.csv", columns=selectors.ACTION_LOG_COLUMNS,
                        rows=selectors.action_log_rows(log))


@permission_required("learning.use_learning")
def action(request, pk):
    user = request.user
    action = selectors.action_for(user, pk)
    can_update = user.has_perm("learning.update_action", action)
    form = None
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        form = ActionUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.action_update(action=action, user=user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Action updated: {action.get_status_display().lower()}")
                return redirect("learning:action", pk=pk)
    else:
        notifications_mark_read(user=user, url=request.path)
    if form is None and can_update:
        form = ActionUpdateForm(initial={"status": action.status, "progress_note": action.progress_note})
    return render(request, "learning/communities/action.html", {
        "action": action, "form": form, "can_update": can_update, "today": timezone.localdate(),
        "overdue": selectors.is_overdue(action), "done_on": selectors.done_on(action),
        "follows": user.has_perm("learning.view_action_log")}, status=400 if form is not None and form.errors else 200)


urlpatterns = [
    path("communities/", communities, name="communities"),
    path("communities/new/", community_new, name="community_new"),
    path("communities/<int:pk>/", community, name="community"),
    path("communities/<int:pk>/edit/", community_edit, name="community_edit"),
    path("communities/<int:pk>/members/", community_member_add, name="community_member_add"),
    path("communities/<int:pk>/members/<int:member_pk>/", community_member_change, name="community_member_change"),
    path("communities/<int:pk>/meetings/new/", community_meeting_new, name="community_meeting_new"),
    path("communities/<int:pk>/meetings/<int:meeting_pk>/remove/", community_meeting_remove,
         name="community_meeting_remove"),
    path("communities/<int:pk>/meetings.ics", community_meetings_ics, name="community_meetings_ics"),
    path("communities/<int:pk>/resources/new/", community_resource_new, name="community_resource_new"),
    path("communities/<int:pk>/resources/<int:resource_pk>/", community_resource, name="community_resource"),
    path("communities/<int:pk>/resources/<int:resource_pk>/remove/", community_resource_remove,
         name="community_resource_remove"),
    path("events/", events, name="events"),
    path("events/new/", event_new, name="event_new"),
    path("events/<int:pk>/", event, name="event"),
    path("events/<int:pk>/edit/", event_edit, name="event_edit"),
    path("events/<int:pk>/sessions/new/", event_session_new, name="event_session_new"),
    path("events/<int:pk>/sessions/<int:session_pk>/remove/", event_session_remove, name="event_session_remove"),
    path("events/<int:pk>/attendees/", event_attendees, name="event_attendees"),
    path("events/<int:pk>/attendees/<int:user_pk>/remove/", event_attendee_remove, name="event_attendee_remove"),
    path("events/<int:pk>/actions/new/", event_action_new, name="event_action_new"),
    path("actions/", actions, name="actions"),
    path("actions/new/", action_new, name="action_new"),
    path("actions/log.csv", actions_csv, name="actions_csv"),
    path("actions/<int:pk>/", action, name="action"),
]
