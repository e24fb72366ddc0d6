"""Views: action learning sets. Thin: forms in, services and selectors out.

Insiders (members and the facilitator) get the set's content; learning leads and administrators who
are not insiders get its metadata only, from a different template that is never given any content.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from star.core.decorators import permission_required
from star.core.forms import add_service_errors
from star.core.services import notifications_mark_read

from ..calendar import CalendarEvent, ics_response, uid_for
from ..forms_sets import CommitmentForm, FinishForm, GroundRulesForm, MeetingForm, MemberAddForm, SetForm
from ..models import SET_MAX_MEMBERS, SET_MIN_MEMBERS, LearningSet
from ..selectors import sets as selectors
from ..services import sets as services


def _facilitator_only(request, learning_set) -> None:
    if learning_set.facilitator_id != request.user.pk:
        raise PermissionDenied


def _name(person) -> str:
    return person.get_full_name() or person.username


# --- lists and the set page -----------------------------------------------------------------------

@permission_required("learning.use_learning")
def set_list(request):
    user = request.user
    mine = list(selectors.sets_of(user))
    return render(request, "learning/sets/list.html", {
        "mine": mine, "all_sets": selectors.sets_in_organisation(user) if selectors.sees_all_sets(user) else None,
        "can_manage": user.has_perm("learning.manage_sets")})


@permission_required("learning.manage_sets")
def set_new(request):
    people = list(selectors.people_to_choose(request.user))
    form = SetForm(request.POST or None, people=people, initial={"cadence_weeks": 6, "committed_meetings": 6})
    if request.method == "POST" and form.is_valid():
        try:
            learning_set = services.set_create(user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{learning_set.name} is set up. Now add its {SET_MIN_MEMBERS} to "
                                      f"{SET_MAX_MEMBERS} members.")
            return redirect("learning:set_members", pk=learning_set.pk)
    return render(request, "learning/sets/form.html", {"form": form, "learning_set": None})


@permission_required("learning.manage_sets")
def set_edit(request, pk):
    learning_set = selectors.set_for(request.user, pk)
    people = list(selectors.people_to_choose(request.user))
    initial = {"name": learning_set.name, "theme": learning_set.theme, "facilitator": learning_set.facilitator_id,
               "cadence_weeks": learning_set.cadence_weeks, "committed_meetings": learning_set.committed_meetings,
               "starts_on": learning_set.starts_on}
    form = SetForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_update(learning_set=learning_set, user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The set's details are saved")
            return redirect("learning:set", pk=pk)
    return render(request, "learning/sets/form.html", {"form": form, "learning_set": learning_set})


def _set_object(request, pk, *args, **kwargs):
    return selectors.set_for(request.user, pk)


@permission_required("learning.use_learning")
def set_detail(request, pk):
    user = request.user
    learning_set = selectors.set_for(user, pk)
    overview = selectors.set_overview(learning_set)
    context = {"learning_set": learning_set, "overview": overview, "today": timezone.localdate(),
               "can_manage": user.has_perm("learning.manage_sets"),
               "is_facilitator": learning_set.facilitator_id == user.pk,
               "can_see_results": learning_set.evaluation_survey_id is not None
               and user.has_perm("voice.view_results", learning_set.evaluation_survey)}
    if not selectors.is_insider(user, learning_set):
        return render(request, "learning/sets/overview.html", context)
    selectors.set_content_for(user, pk)  # checks again and writes the ACCESS entry
    notifications_mark_read(user=user, url=request.path)
    return render(request, "learning/sets/detail.html",
                  {**context, "content": selectors.set_content(user, learning_set)})


# --- membership -----------------------------------------------------------------------------------

def _candidates(request, learning_set) -> list:
    """People who could join: everyone active in the organisation but the members and the facilitator."""
    taken = set(selectors.active_memberships(learning_set).values_list("user_id", flat=True))
    return [person for person in selectors.people_to_choose(request.user)
            if person.pk not in taken and person.pk != learning_set.facilitator_id]


@permission_required("learning.manage_sets")
def set_members(request, pk):
    learning_set = selectors.set_for(request.user, pk)
    form = MemberAddForm(request.POST or None, people=_candidates(request, learning_set))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_member_add(learning_set=learning_set, user=request.user, member=form.person)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{_name(form.person)} is added to the set and has been told")
            return redirect("learning:set_members", pk=pk)
    return render(request, "learning/sets/members.html", {
        "learning_set": learning_set, "overview": selectors.set_overview(learning_set), "form": form},
        status=400 if form.errors else 200)


@require_POST
@permission_required("learning.manage_sets")
def set_member_remove(request, pk, user_pk):
    learning_set = selectors.set_for(request.user, pk)
    membership = selectors.active_memberships(learning_set).select_related("user").filter(user_id=user_pk).first()
    if membership is None:
        messages.error(request, "That person is not a member of this set")
        return redirect("learning:set_members", pk=pk)
    try:
        services.set_member_remove(learning_set=learning_set, user=request.user, member=membership.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{_name(membership.user)} is no longer a member of the set")
    return redirect("learning:set_members", pk=pk)


@require_POST
@permission_required("learning.view_set", _set_object)
def set_start(request, pk):
    learning_set = selectors.set_for(request.user, pk)
    try:
        services.set_start(learning_set=learning_set, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("learning:set_members" if request.user.has_perm("learning.manage_sets") else "learning:set",
                        pk=pk)
    messages.success(request, "The set is running. Its members have been told.")
    return redirect("learning:set", pk=pk)


# --- content: ground rules, meetings, commitments -------------------------------------------------

@permission_required("learning.view_set_content", _set_object)
def set_ground_rules(request, pk):
    learning_set = selectors.set_content_for(request.user, pk)
    _facilitator_only(request, learning_set)
    form = GroundRulesForm(request.POST or None, initial={"ground_rules": learning_set.ground_rules})
    if request.method == "POST" and form.is_valid():
        try:
            services.ground_rules_save(learning_set=learning_set, user=request.user,
                                       text=form.cleaned_data["ground_rules"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The ground rules are saved")
            return redirect("learning:set", pk=pk)
    return render(request, "learning/sets/ground_rules.html", {"form": form, "learning_set": learning_set})


@permission_required("learning.view_set_content", _set_object)
def set_meeting_new(request, pk):
    learning_set = selectors.set_content_for(request.user, pk)
    _facilitator_only(request, learning_set)
    members = [membership.user for membership in selectors.active_memberships(learning_set)
               .select_related("user").order_by("user__first_name", "user__last_name", "pk")]
    to_review = selectors.review_list(learning_set)
    number = services.next_meeting_number(learning_set)
    form = MeetingForm(request.POST or None, members=members, to_review=to_review,
                       initial={"held_on": timezone.localdate(), "attended": [person.pk for person in members]})
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(learning_set=learning_set, user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Meeting {number} is recorded. Members have been told, without any of "
                                      "what was said.")
            return redirect("learning:set_meeting", pk=pk, number=number)
    return render(request, "learning/sets/meeting_form.html", {
        "form": form, "learning_set": learning_set, "number": number, "members": members,
        "blocked": learning_set.status != LearningSet.Status.RUNNING
        or number > learning_set.committed_meetings}, status=400 if form.errors else 200)


@permission_required("learning.view_set_content", _set_object)
def set_meeting(request, pk, number):
    meeting = selectors.meeting_for(request.user, pk, number)
    notifications_mark_read(user=request.user, url=request.path)
    names = {row.user_id: row for row in meeting.attendance_rows}
    return render(request, "learning/sets/meeting.html", {
        "meeting": meeting, "learning_set": meeting.learning_set,
        "present": sorted((row.user for row in names.values() if row.attended), key=_name),
        "absent": sorted((row.user for row in names.values() if not row.attended), key=_name)})


@permission_required("learning.use_learning")
def set_commitment_edit(request, pk):
    commitment = selectors.commitment_for(request.user, pk)
    learning_set = commitment.meeting.learning_set
    editable = selectors.commitment_editable(commitment)
    form = CommitmentForm(request.POST or None, initial={"action": commitment.action})
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.commitment_update(commitment=commitment, user=request.user, action=form.cleaned_data["action"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your commitment is saved. The set reviews it at the next meeting.")
            return redirect("learning:set", pk=learning_set.pk)
    return render(request, "learning/sets/commitment_form.html", {
        "form": form, "commitment": commitment, "learning_set": learning_set, "editable": editable})


# --- end of cycle ---------------------------------------------------------------------------------

def _may_finish(request, learning_set) -> None:
    if not (request.user.has_perm("learning.manage_sets") or learning_set.facilitator_id == request.user.pk):
        raise PermissionDenied


@permission_required("learning.view_set", _set_object)
def set_finish(request, pk):
    learning_set = selectors.set_for(request.user, pk)
    _may_finish(request, learning_set)
    form = FinishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_finish(learning_set=learning_set, user=request.user,
                                send_evaluation=form.cleaned_data["send_evaluation"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            learning_set.refresh_from_db()
            messages.success(request, "The set has finished" + (
                ". Its members have been sent the evaluation." if learning_set.evaluation_survey_id else "."))
            return redirect("learning:set", pk=pk)
    return render(request, "learning/sets/finish.html", {
        "form": form, "learning_set": learning_set, "overview": selectors.set_overview(learning_set),
        "evaluation_available": services.evaluation_available()})


@require_POST
@permission_required("learning.view_set", _set_object)
def set_evaluation(request, pk):
    learning_set = selectors.set_for(request.user, pk)
    _may_finish(request, learning_set)
    try:
        services.set_evaluation_create(learning_set=learning_set, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The evaluation is sent to the set's members")
    return redirect("learning:set", pk=pk)


# --- calendar -------------------------------------------------------------------------------------

def calendar_events(learning_set, *, url: str = "") -> list[CalendarEvent]:
    """The set's meetings, held and still due, as all-day events (a set meeting has a date, not a time).
    Nothing said in the set is in them."""
    return [CalendarEvent(
        uid=uid_for("learning-set-meeting", f"{learning_set.pk}-{item.number}"), start=item.on, end=item.on,
        summary=f"{learning_set.name}: meeting {item.number} of {learning_set.committed_meetings}",
        description="Action learning set meeting. What is said in the set stays in the set."
        + ("" if item.held else " This is the date the meeting is due; your facilitator confirms it."),
        url=url) for item in selectors.meeting_dates(learning_set)]


@permission_required("learning.view_set_content", _set_object)
def set_calendar(request, pk):
    learning_set = selectors.set_for(request.user, pk)
    url = request.build_absolute_uri(reverse("learning:set", args=[pk]))
    return ics_response(f"learning-set-{learning_set.pk}.ics", calendar_events(learning_set, url=url),
                        name=learning_set.name)


urlpatterns = [
    path("sets/", set_list, name="sets"),
    path("sets/new/", set_new, name="set_new"),
    path("sets/<int:pk>/", set_detail, name="set"),
    path("sets/<int:pk>/edit/", set_edit, name="set_edit"),
    path("sets/<int:pk>/members/", set_members, name="set_members"),
    path("sets/<int:pk>/members/<int:user_pk>/remove/", set_member_remove, name="set_member_remove"),
    path("sets/<int:pk>/start/", set_start, name="set_start"),
    path("sets/<int:pk>/ground-rules/", set_ground_rules, name="set_ground_rules"),
    path("sets/<int:pk>/meetings/new/", set_meeting_new, name="set_meeting_new"),
    path("sets/<int:pk>/meetings/<int:number>/", set_meeting, name="set_meeting"),
    path("sets/<int:pk>/meetings.ics", set_calendar, name="set_calendar"),
    path("sets/<int:pk>/finish/", set_finish, name="set_finish"),
    path("sets/<int:pk>/evaluation/", set_evaluation, name="set_evaluation"),
    path("sets/commitments/<int:pk>/edit/", set_commitment_edit, name="set_commitment_edit"),
]
