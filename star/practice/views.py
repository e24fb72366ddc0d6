"""Thin views: forms in, services and selectors out. Content pages check object permissions in selectors."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from star.core.decorators import permission_required
from star.core.exports import csv_response
from star.core.forms import add_service_errors
from star.core.periods import Quarter, last_quarters
from star.core.services import notifications_mark_read
from star.framework.selectors import current_version

from . import record, selectors, services, team
from .forms import (
    AcknowledgeForm,
    AddendumForm,
    CommitmentForm,
    CommitmentStatusForm,
    RecordPeriodForm,
    ReflectionForm,
    ShareForm,
    SupervisionForm,
    TeamViewForm,
)
from .models import Commitment
from .prompts import prompts_for


def _version_or_404():
    version = current_version()
    if version is None:
        raise Http404("No STAR framework version is published yet")
    return version


def _keys(objects) -> list[str]:
    return [item.key for item in objects.all()]



# --- My STAR --------------------------------------------------------------------------------------

@permission_required("practice.use_my_star")
def home(request):
    return render(request, "practice/home.html", {
        "my": selectors.my_star(request.user), "supervisor": selectors.supervisor_of(request.user)})


# --- reflections ----------------------------------------------------------------------------------

@permission_required("practice.use_my_star")
def reflection_list(request):
    shared = request.GET.get("view") == "shared"
    queryset = selectors.reflections_shared_with(request.user) if shared else selectors.reflections_of(request.user)
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    return render(request, "practice/reflection_list.html",
                  {"page": page, "shared": shared, "query": "view=shared" if shared else ""})


@permission_required("practice.use_my_star")
def reflection_new(request):
    version = _version_or_404()
    indicator = request.GET.get("indicator", "")
    initial = {"indicators": [indicator]} if indicator else {}
    form = ReflectionForm(request.POST or None, version=version, initial=initial,
                          prompts=prompts_for(indicator) if indicator else ())
    if request.method == "POST" and form.is_valid():
        try:
            reflection = services.reflection_create(author=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your reflection is saved. Only you can read it unless you share it.")
            return redirect("practice:reflection", pk=reflection.pk)
    return render(request, "practice/reflection_form.html", {"form": form, "version": version})


@permission_required("practice.use_my_star")
def reflection_detail(request, pk):
    reflection = selectors.reflection_for(request.user, pk)
    notifications_mark_read(user=request.user, url=request.path)
    is_author = reflection.author_id == request.user.pk
    return render(request, "practice/reflection_detail.html", {
        "reflection": reflection, "is_author": is_author, "share_form": ShareForm(),
        "supervisor": selectors.supervisor_of(request.user) if is_author else None,
    })


@permission_required("practice.use_my_star")
def reflection_edit(request, pk):
    reflection = selectors.reflection_for(request.user, pk, to_change=True)
    initial = {"text": reflection.text, "indicators": _keys(reflection.indicators), "prompt": reflection.prompt,
               "lenses": _keys(reflection.lenses), "case_reference": reflection.case_reference,
               "learning_activity": reflection.learning_activity}
    form = ReflectionForm(request.POST or None, version=reflection.framework_version, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_update(reflection=reflection, user=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your reflection is updated")
            return redirect("practice:reflection", pk=reflection.pk)
    return render(request, "practice/reflection_form.html",
                  {"form": form, "version": reflection.framework_version, "reflection": reflection})


@permission_required("practice.use_my_star")
def reflection_delete(request, pk):
    reflection = selectors.reflection_for(request.user, pk, to_change=True)
    if request.method == "POST":
        services.reflection_delete(reflection=reflection, user=request.user)
        messages.success(request, "Your reflection is deleted")
        return redirect("practice:reflections")
    return render(request, "practice/reflection_delete.html", {"reflection": reflection})


@require_POST
@permission_required("practice.use_my_star")
def reflection_share(request, pk):
    reflection = selectors.reflection_for(request.user, pk, to_change=True)
    if request.POST.get("with") == "supervisor":
        shared_with, kind = selectors.supervisor_of(request.user), "supervisor"
        if shared_with is None:
            messages.error(request, "You have no supervisor with a STAR account to share with")
            return redirect("practice:reflection", pk=pk)
    else:
        form = ShareForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, "practice/reflection_detail.html", {
                "reflection": reflection, "is_author": True, "share_form": form,
                "supervisor": selectors.supervisor_of(request.user)}, status=400)
        shared_with, kind = form.cleaned_data["email"], "colleague"
    services.reflection_share(reflection=reflection, user=request.user, shared_with=shared_with, kind=kind)
    messages.success(request, f"Shared with {shared_with.get_full_name() or shared_with.username}. "
                              "You can stop sharing at any time.")
    return redirect("practice:reflection", pk=pk)


@require_POST
@permission_required("practice.use_my_star")
def reflection_unshare(request, pk, share_pk):
    reflection = selectors.reflection_for(request.user, pk, to_change=True)
    services.reflection_unshare(reflection=reflection, user=request.user, share_id=share_pk)
    messages.success(request, "You have stopped sharing this reflection with that person")
    return redirect("practice:reflection", pk=pk)


# --- commitments ----------------------------------------------------------------------------------

@permission_required("practice.use_my_star")
def commitment_list(request):
    status = request.GET.get("status", Commitment.Status.OPEN)
    if status not in Commitment.Status.values:
        status = Commitment.Status.OPEN
    page = Paginator(selectors.commitments_of(request.user, status=status), 25).get_page(request.GET.get("page"))
    return render(request, "practice/commitment_list.html", {
        "page": page, "status": status, "statuses": Commitment.Status.choices, "query": f"status={status}",
        "today": timezone.localdate()})


@permission_required("practice.use_my_star")
def commitment_new(request):
    version = _version_or_404()
    indicator = request.GET.get("indicator", "")
    form = CommitmentForm(request.POST or None, version=version,
                          initial={"indicators": [indicator]} if indicator else {})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commitment = services.commitment_create(owner=request.user, action=data["action"], due_on=data["due_on"],
                                                    measure=data["measure"], indicator_keys=data["indicators"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your commitment is saved. We will remind you on "
                                      f"{commitment.due_on:%-d %B %Y} if it is still open.")
            return redirect("practice:commitments")
    return render(request, "practice/commitment_form.html", {"form": form})


@permission_required("practice.use_my_star")
def commitment_detail(request, pk):
    commitment = selectors.commitment_for(request.user, pk)
    notifications_mark_read(user=request.user, url=request.path)
    form = CommitmentStatusForm(request.POST or None, initial={"status": commitment.status,
                                                               "reason": commitment.dropped_reason})
    if request.method == "POST" and form.is_valid():
        services.commitment_close(commitment=commitment, user=request.user, status=form.cleaned_data["status"],
                                  reason=form.cleaned_data["reason"])
        messages.success(request, f"Commitment marked as {commitment.get_status_display().lower()}")
        return redirect("practice:commitment", pk=pk)
    return render(request, "practice/commitment_detail.html", {"commitment": commitment, "form": form})


# --- supervision ----------------------------------------------------------------------------------

@permission_required("practice.use_my_star")
def supervision_list(request):
    return render(request, "practice/supervision_list.html", {
        "received": Paginator(selectors.supervisions_received(request.user), 20).get_page(request.GET.get("page")),
        "given": selectors.supervisions_given(request.user)[:50]
        if request.user.has_perm("practice.record_supervision") else None,
        "supervisees": selectors.supervisees_of(request.user),
    })


def _supervision_values(data) -> dict:
    return {"held_on": data["held_on"], "case_references": data["case_references"],
            "race_identity_discussed": data["race_identity_discussed"],
            "trauma_considered": data["trauma_considered"],
            "wider_system_considered": data["wider_system_considered"], "summary": data["summary"],
            "feedback": data["feedback"], "lens_keys": data["lenses"], "indicator_keys": data["indicators"]}


@permission_required("practice.record_supervision")
def supervision_new(request):
    version = _version_or_404()
    supervisees = list(selectors.supervisees_of(request.user))
    chosen = request.POST.get("supervisee") or request.GET.get("supervisee")
    form = SupervisionForm(request.POST or None, version=version, supervisees=supervisees,
                           initial={"held_on": timezone.localdate(), "supervisee": chosen})
    to_review = selectors.commitments_for_review(request.user, int(chosen)) if (chosen or "").isdigit() else []
    if request.method == "POST" and form.is_valid():
        supervisee = next(person for person in supervisees if person.pk == form.cleaned_data["supervisee"])
        try:
            supervision = services.supervision_record(supervisor=request.user, supervisee=supervisee,
                                                      actions=form.cleaned_data["actions"],
                                                      **_supervision_values(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Supervision recorded. {supervisee.get_full_name()} has been asked to read "
                                      "and acknowledge it.")
            return redirect("practice:supervision", pk=supervision.pk)
    return render(request, "practice/supervision_form.html",
                  {"form": form, "supervisees": supervisees, "to_review": to_review, "chosen": chosen})


@permission_required("practice.use_my_star")
def supervision_detail(request, pk):
    supervision = selectors.supervision_for(request.user, pk)
    notifications_mark_read(user=request.user, url=request.path)
    return render(request, "practice/supervision_detail.html", {
        "supervision": supervision, "acknowledge_form": AcknowledgeForm(), "addendum_form": AddendumForm()})


@permission_required("practice.use_my_star")
def supervision_edit(request, pk):
    supervision = selectors.supervision_for(request.user, pk)
    if not request.user.has_perm("practice.change_supervision", supervision):
        raise PermissionDenied
    initial = {"held_on": supervision.held_on, "case_references": ", ".join(supervision.case_references),
               "race_identity_discussed": "yes" if supervision.race_identity_discussed else "no",
               "trauma_considered": "yes" if supervision.trauma_considered else "no",
               "wider_system_considered": "yes" if supervision.wider_system_considered else "no",
               "summary": supervision.summary, "feedback": supervision.feedback,
               "lenses": _keys(supervision.lenses), "indicators": _keys(supervision.indicators),
               "supervisee": supervision.supervisee_id}
    form = SupervisionForm(request.POST or None, version=supervision.framework_version,
                           supervisees=[supervision.supervisee], with_actions=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_update(record=supervision, user=request.user,
                                        **_supervision_values(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Supervision record updated")
            return redirect("practice:supervision", pk=pk)
    return render(request, "practice/supervision_form.html", {"form": form, "supervision": supervision})


@require_POST
@permission_required("practice.use_my_star")
def supervision_acknowledge(request, pk):
    supervision = selectors.supervision_for(request.user, pk)
    form = AcknowledgeForm(request.POST)
    if not request.user.has_perm("practice.acknowledge_supervision", supervision):
        raise PermissionDenied
    if form.is_valid():
        services.supervision_acknowledge(record=supervision, user=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, "You have acknowledged this supervision record")
        return redirect("practice:supervision", pk=pk)
    return render(request, "practice/supervision_detail.html", {
        "supervision": supervision, "acknowledge_form": form, "addendum_form": AddendumForm()}, status=400)


@require_POST
@permission_required("practice.use_my_star")
def supervision_addendum(request, pk):
    supervision = selectors.supervision_for(request.user, pk)
    if not request.user.has_perm("practice.add_addendum", supervision):
        raise PermissionDenied
    form = AddendumForm(request.POST)
    if form.is_valid():
        services.supervision_addendum_add(record=supervision, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Your addendum is added to the record")
        return redirect("practice:supervision", pk=pk)
    return render(request, "practice/supervision_detail.html", {
        "supervision": supervision, "acknowledge_form": AcknowledgeForm(), "addendum_form": form}, status=400)


# --- the personal record --------------------------------------------------------------------------

def _period(request):
    form = RecordPeriodForm(request.GET or None)
    today = timezone.localdate()
    start, end = today - timedelta(days=365), today
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    return form, start, end


@permission_required("practice.use_my_star")
def practice_record(request):
    form, start, end = _period(request)
    context = record.record_context(request.user, start=start, end=end)
    return render(request, "practice/record.html", {**context, "form": form, "query": request.GET.urlencode()})


@permission_required("practice.use_my_star")
def practice_record_pdf(request):
    _, start, end = _period(request)
    return record.record_pdf_response(request, start=start, end=end)


# --- team view ------------------------------------------------------------------------------------

def _team_view(request):
    today = timezone.localdate()
    quarters = last_quarters(today, team.QUARTERS_SHOWN)
    services = team.services_in_scope(request.user)
    form = TeamViewForm(request.GET or None, quarters=quarters, services=services)
    quarter = service = None
    if form.is_valid():
        quarter = Quarter.parse(form.cleaned_data["quarter"]) if form.cleaned_data["quarter"] else None
        service = next((item for item in services if item.pk == form.cleaned_data.get("service")), None)
    return form, team.team_view(request.user, quarter=quarter, service=service, today=today)


@permission_required("practice.view_team")
def team_page(request):
    form, view = _team_view(request)
    return render(request, "practice/team.html", {
        "form": form, "view": view, "query": request.GET.urlencode(), "trend_chart": team.trend_chart(view)})


@permission_required("practice.view_team")
def team_csv(request):
    _, view = _team_view(request)
    return csv_response(filename=f"star-team-practice-{view['quarter'].key}.csv", columns=team.EXPORT_COLUMNS,
                        rows=team.export_rows(view))
