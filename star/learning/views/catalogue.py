"""Views: the learning home, catalogue, sessions and attendance, records, suggestions, dashboard, calendars and
the attendance import. Thin: forms in, services and selectors out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from star.core.decorators import permission_required
from star.core.exports import csv_response
from star.core.forms import add_service_errors
from star.core.imports import already_imported_message, import_file
from star.core.imports import selectors as import_selectors
from star.core.models import DataImport
from star.core.services import notifications_mark_read
from star.framework.selectors import current_version

from ..calendar import ics_response
from ..forms_catalogue import (
    ActivityForm,
    AttendanceForm,
    AttendanceImportForm,
    CatalogueFilterForm,
    RecordForm,
    SessionForm,
    default_session_initial,
)
from ..importers import KIND as ATTENDANCE_KIND
from ..importers import TEMPLATE_ROWS
from ..models import LearningRecord
from ..selectors import catalogue as selectors
from ..selectors import communities as community_selectors
from ..selectors import sets as set_selectors
from ..services import catalogue as services

HOME_LIMIT = 5


# --- the learning home ----------------------------------------------------------------------------

@permission_required("learning.use_learning")
def home(request):
    user = request.user
    context = {
        "my_sessions": selectors.session_lines(user, selectors.my_sessions(user)[:10]),
        "records": list(selectors.records_of(user)[:HOME_LIMIT]),
        "suggestions": list(selectors.suggestions_for(user)[:HOME_LIMIT]),
        "suggestion_count": selectors.suggestions_for(user).count(),
        "coming_up": selectors.upcoming_sessions(user, limit=HOME_LIMIT),
        "reports": selectors.reports_of(user).exists(),
        "can_manage": user.has_perm("learning.manage_catalogue"),
        "can_view_dashboard": user.has_perm("learning.view_dashboard"),
    }
    # The sets and communities areas fill their own panels (see learning/home.html).
    context.update(set_selectors.home_panel(user))
    context.update(community_selectors.home_panel(user))
    return render(request, "learning/home.html", context)


# --- the catalogue --------------------------------------------------------------------------------

@permission_required("learning.use_learning")
def catalogue(request):
    version = current_version()
    form = CatalogueFilterForm(request.GET or None, version=version)
    kind = lens = ""
    if form.is_bound and form.is_valid():
        kind, lens = form.cleaned_data["kind"], form.cleaned_data["lens"]
    can_manage = request.user.has_perm("learning.manage_catalogue")
    show_inactive = can_manage and request.GET.get("inactive") == "1"
    items = selectors.activities(request.user, kind=kind, lens=lens, include_inactive=show_inactive)
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    page.object_list = selectors.with_labels(page.object_list)
    query = "&".join(f"{name}={value}" for name, value in (("kind", kind), ("lens", lens)) if value)
    return render(request, "learning/catalogue/list.html", {
        "form": form, "page": page, "query": query, "can_manage": can_manage, "show_inactive": show_inactive,
        "filtered": bool(kind or lens)})


@permission_required("learning.use_learning")
def activity(request, pk):
    item = selectors.activity_for(request.user, pk)
    can_manage = request.user.has_perm("learning.manage_catalogue")
    if not item.is_active and not can_manage:
        raise Http404
    selectors.with_labels([item])
    return render(request, "learning/catalogue/activity.html", {
        "activity": item, "sessions": selectors.activity_sessions(request.user, item),
        "past": selectors.activity_sessions(request.user, item, past=True)[:20] if can_manage else [],
        "can_manage": can_manage})


@permission_required("learning.manage_catalogue")
def activity_new(request):
    form = ActivityForm(request.POST or None, version=current_version())
    if request.method == "POST" and form.is_valid():
        try:
            item = services.activity_create(user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Activity added to the catalogue. Add its sessions below.")
            return redirect("learning:activity", pk=item.pk)
    return render(request, "learning/catalogue/activity_form.html", {"form": form})


@permission_required("learning.manage_catalogue")
def activity_edit(request, pk):
    item = selectors.activity_for(request.user, pk)
    initial = {"title": item.title, "kind": item.kind, "description": item.description, "provider": item.provider,
               "partners": item.partners, "lenses": item.lens_keys, "indicators": item.indicator_keys,
               "link": item.link, "minutes": item.minutes, "is_active": item.is_active}
    form = ActivityForm(request.POST or None, version=current_version(), initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=item, user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Activity updated")
            return redirect("learning:activity", pk=item.pk)
    return render(request, "learning/catalogue/activity_form.html", {"form": form, "activity": item})


# --- sessions -------------------------------------------------------------------------------------

@permission_required("learning.manage_catalogue")
def session_new(request, pk):
    item = selectors.activity_for(request.user, pk)
    form = SessionForm(request.POST or None, initial=default_session_initial())
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(activity=item, user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Session added on {session.starts_at:%-d %B %Y}")
            return redirect("learning:activity", pk=item.pk)
    return render(request, "learning/catalogue/session_form.html", {"form": form, "activity": item})


@permission_required("learning.manage_catalogue")
def session_edit(request, pk):
    session = selectors.session_for(request.user, pk)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Session updated")
            return redirect("learning:session", pk=session.pk)
    return render(request, "learning/catalogue/session_form.html",
                  {"form": form, "activity": session.activity, "session": session})


def _session_page(request, session, *, status=200, error=None):
    can_manage = request.user.has_perm("learning.manage_catalogue")
    line = selectors.session_lines(request.user, [session])[0]
    return render(request, "learning/catalogue/session.html", {
        "session": session, "line": line, "can_manage": can_manage, "error": error,
        "register": selectors.register_of(session) if can_manage else None,
        "cancelled": selectors.cancelled_count(session) if can_manage else 0}, status=status)


@permission_required("learning.use_learning")
def session(request, pk):
    item = selectors.session_for(request.user, pk)
    if not item.activity.is_active and not request.user.has_perm("learning.manage_catalogue"):
        raise Http404
    return _session_page(request, item)


@require_POST
@permission_required("learning.use_learning")
def session_register(request, pk):
    item = selectors.session_for(request.user, pk)
    try:
        services.session_register(session=item, user=request.user)
    except ValidationError as error:
        return _session_page(request, item, status=400, error=" ".join(error.messages))
    messages.success(request, f"You are registered for {item.activity.title} on {item.starts_at:%-d %B %Y}. "
                              "Add it to your calendar below.")
    return redirect("learning:session", pk=pk)


@require_POST
@permission_required("learning.use_learning")
def session_cancel(request, pk):
    item = selectors.session_for(request.user, pk)
    try:
        services.session_cancel(session=item, user=request.user)
    except ValidationError as error:
        return _session_page(request, item, status=400, error=" ".join(error.messages))
    messages.success(request, "Your place is cancelled. Thank you for letting us know: someone else can have it.")
    return redirect("learning:session", pk=pk)


@permission_required("learning.manage_catalogue")
def session_attendance(request, pk):
    item = selectors.session_for(request.user, pk)
    register = selectors.register_of(item)
    form = AttendanceForm(request.POST or None, register=register)
    if request.method == "POST" and form.is_valid():
        try:
            counts = services.attendance_mark(session=item, user=request.user, marks=form.marks())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Attendance saved: {counts['records_added']} learning record"
                                      f"{'s' if counts['records_added'] != 1 else ''} added, "
                                      f"{counts['records_removed']} removed")
            return redirect("learning:session", pk=pk)
    return render(request, "learning/catalogue/attendance.html", {"session": item, "form": form,
                                                                   "register": register})


# --- calendars ------------------------------------------------------------------------------------

@permission_required("learning.use_learning")
def session_ics(request, pk):
    item = selectors.session_for(request.user, pk)
    return ics_response(f"learning-session-{item.pk}.ics", [selectors.session_event(item)], name=item.activity.title)


@permission_required("learning.use_learning")
def my_calendar(request):
    sessions = selectors.my_sessions(request.user)
    return ics_response("my-learning.ics", [selectors.session_event(item) for item in sessions],
                        name="My learning sessions")


# --- my learning records --------------------------------------------------------------------------

@permission_required("learning.use_learning")
def records(request):
    notifications_mark_read(user=request.user, url=request.path)
    page = Paginator(selectors.records_of(request.user), 25).get_page(request.GET.get("page"))
    page.object_list = selectors.with_labels(page.object_list)
    return render(request, "learning/catalogue/records.html", {"page": page})


@permission_required("learning.use_learning")
def records_csv(request):
    return csv_response(filename="my-learning-records.csv", columns=selectors.EXPORT_COLUMNS,
                        rows=selectors.export_rows(selectors.records_of(request.user)))


@permission_required("learning.use_learning")
def record_new(request):
    version = current_version()
    from_activity = None
    initial = {}
    if (request.GET.get("activity") or "").isdigit():
        from_activity = selectors.activity_for(request.user, int(request.GET["activity"]))
        initial = {"title": from_activity.title, "kind": from_activity.kind, "minutes": from_activity.minutes,
                   "lenses": from_activity.lens_keys, "indicators": from_activity.indicator_keys}
    form = RecordForm(request.POST or None, version=version, initial=initial,
                      reflections=selectors.practice_reflections_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_create(user=request.user, activity=from_activity, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your learning is recorded. Only you and your line manager can see it.")
            return redirect("learning:record", pk=record.pk)
    return render(request, "learning/catalogue/record_form.html", {"form": form, "from_activity": from_activity})


@permission_required("learning.use_learning")
def record(request, pk):
    item = selectors.record_for(request.user, pk)
    selectors.with_labels([item])
    return render(request, "learning/catalogue/record.html", {"record": item,
                                                               "is_owner": item.user_id == request.user.pk})


@permission_required("learning.use_learning")
def record_edit(request, pk):
    item = selectors.record_for(request.user, pk, to_change=True)
    form = RecordForm(request.POST or None, version=current_version(), initial=RecordForm.initial_for(item),
                      reflections=selectors.practice_reflections_of(request.user, keep=item.practice_reflection_id),
                      from_register=item.source != LearningRecord.Source.SELF)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(record=item, user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your learning record is updated")
            return redirect("learning:record", pk=item.pk)
    return render(request, "learning/catalogue/record_form.html", {"form": form, "record": item})


@permission_required("learning.use_learning")
def record_delete(request, pk):
    item = selectors.record_for(request.user, pk, to_change=True)
    if item.source != LearningRecord.Source.SELF:
        messages.error(request, "This record comes from a session's register: ask the learning lead to correct the "
                                "register instead")
        return redirect("learning:record", pk=pk)
    if request.method == "POST":
        services.record_delete(record=item, user=request.user)
        messages.success(request, "Your learning record is deleted")
        return redirect("learning:records")
    return render(request, "learning/catalogue/record_delete.html", {"record": item})


# --- a line manager's direct reports --------------------------------------------------------------

@permission_required("learning.use_learning")
def reports(request):
    people = list(selectors.reports_of(request.user))
    if not people:
        raise PermissionDenied
    return render(request, "learning/catalogue/reports.html", {"people": people})


@permission_required("learning.use_learning")
def report_records(request, pk):
    person = selectors.report_for(request.user, pk)
    return render(request, "learning/catalogue/report_records.html", {
        "person": person, "records": selectors.with_labels(selectors.report_records(request.user, person))})


# --- suggestions ----------------------------------------------------------------------------------

@permission_required("learning.use_learning")
def suggestions(request):
    notifications_mark_read(user=request.user, url=request.path)
    return render(request, "learning/catalogue/suggestions.html", {
        "suggestions": list(selectors.suggestions_for(request.user)),
        "dismissed": selectors.suggestions_for(request.user, include_dismissed=True)
        .filter(dismissed_at__isnull=False).count()})


@require_POST
@permission_required("learning.use_learning")
def suggestion_dismiss(request, pk):
    item = selectors.suggestion_for(request.user, pk)
    services.suggestion_dismiss(suggestion=item, user=request.user)
    messages.success(request, "Suggestion dismissed")
    return redirect("learning:suggestions" if request.POST.get("next") == "suggestions" else "learning:home")


# --- the learning lead's dashboard ----------------------------------------------------------------

@permission_required("learning.view_dashboard")
def dashboard(request):
    return render(request, "learning/catalogue/dashboard.html", {
        "view": selectors.dashboard(request.user),
        "can_view_action_log": request.user.has_perm("learning.view_action_log")})


@permission_required("learning.view_dashboard")
def dashboard_csv(request):
    view = selectors.dashboard(request.user)
    return csv_response(filename="learning-dashboard.csv", columns=selectors.DASHBOARD_COLUMNS,
                        rows=selectors.dashboard_rows(view))


# --- the attendance import ------------------------------------------------------------------------

@permission_required("learning.manage_catalogue")
def attendance_import(request):
    posted = request.method == "POST"
    form = AttendanceImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        data_import = import_file(organisation=request.user.organisation, kind=ATTENDANCE_KIND, fileobj=upload,
                                  filename=upload.name, user=request.user)
        if data_import.noop:
            messages.info(request, already_imported_message(data_import))
        return redirect("learning:attendance_import_result", pk=data_import.pk)
    recent = import_selectors.imports_for(request.user, kinds=[ATTENDANCE_KIND])[:10]
    return render(request, "learning/catalogue/attendance_import.html", {"form": form, "recent": recent})


@permission_required("learning.manage_catalogue")
def attendance_import_result(request, pk):
    data_import = import_selectors.import_for(request.user, pk)
    if data_import.kind != ATTENDANCE_KIND:
        raise Http404
    return render(request, "learning/catalogue/attendance_import_result.html", {
        "item": data_import, "summary": data_import.summary, "problems": data_import.errors,
        "succeeded": data_import.status == DataImport.Status.SUCCEEDED})


@permission_required("learning.manage_catalogue")
def attendance_template(request):
    return csv_response(filename="learning-attendance-template.csv",
                        columns=["email", "activity", "session_date", "status"], rows=TEMPLATE_ROWS)


urlpatterns = [
    path("catalogue/", catalogue, name="catalogue"),
    path("catalogue/new/", activity_new, name="activity_new"),
    path("catalogue/<int:pk>/", activity, name="activity"),
    path("catalogue/<int:pk>/edit/", activity_edit, name="activity_edit"),
    path("catalogue/<int:pk>/sessions/new/", session_new, name="session_new"),
    path("sessions/<int:pk>/", session, name="session"),
    path("sessions/<int:pk>/edit/", session_edit, name="session_edit"),
    path("sessions/<int:pk>/register/", session_register, name="session_register"),
    path("sessions/<int:pk>/cancel/", session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/attendance/", session_attendance, name="session_attendance"),
    path("sessions/<int:pk>.ics", session_ics, name="session_ics"),
    path("my-calendar.ics", my_calendar, name="my_calendar"),
    path("records/", records, name="records"),
    path("records/new/", record_new, name="record_new"),
    path("records/export.csv", records_csv, name="records_csv"),
    path("records/<int:pk>/", record, name="record"),
    path("records/<int:pk>/edit/", record_edit, name="record_edit"),
    path("records/<int:pk>/delete/", record_delete, name="record_delete"),
    path("people/", reports, name="reports"),
    path("people/<int:pk>/", report_records, name="report_records"),
    path("suggestions/", suggestions, name="suggestions"),
    path("suggestions/<int:pk>/dismiss/", suggestion_dismiss, name="suggestion_dismiss"),
    path("dashboard/", dashboard, name="dashboard"),
    path("dashboard.csv", dashboard_csv, name="dashboard_csv"),
    path("attendance/import/", attendance_import, name="attendance_import"),
    path("attendance/import/template.csv", attendance_template, name="attendance_template"),
    path("attendance/imports/<int:pk>/", attendance_import_result, name="attendance_import_result"),
]
