"""Thin views for case audits: forms in, services and selectors out."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from star.core.decorators import permission_required
from star.core.exports import csv_response, xlsx_response
from star.core.forms import add_service_errors
from star.core.imports import import_file
from star.core.models import User
from star.core.pdf import pdf_response
from star.core.services import notifications_mark_read
from star.framework.selectors import current_version, version_indicators

from . import report, selectors, services
from .forms import (
    AddendumForm,
    AuditForm,
    AuditorsForm,
    CaseListForm,
    LearningPointForm,
    ManualCaseForm,
    ProgrammeForm,
    ReassignForm,
    ReportForm,
    ResolveForm,
    ResponseForm,
    SampleForm,
    StandardForm,
)
from .models import StandardsVersion


@permission_required("audits.use_audits")
def home(request):
    user = request.user
    notifications_mark_read(user=user, url=request.path)
    return render(request, "audits/home.html", {
        "to_do": selectors.audits_to_do(user), "my_cases": selectors.audits_of_my_cases(user),
        "actions": selectors.actions_owned(user), "today": timezone.localdate(),
        "programmes": selectors.programmes_for(user) if user.has_perm("audits.manage_programmes")
        or selectors.programmes_for(user).exists() else None,
        "published": selectors.published_version(user),
    })


@require_POST
@permission_required("audits.use_audits")
def action_update(request, pk):
    action = selectors.action_for(request.user, pk)
    try:
        services.audit_action_update(action=action, user=request.user, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Action marked as done" if action.status == "done" else "Action reopened")
    return redirect("audits:home")


# --- standards ------------------------------------------------------------------------------------

@permission_required("audits.use_audits")
def standards(request):
    return render(request, "audits/standards.html", {"versions": selectors.standards_versions(request.user)})


@require_POST
@permission_required("audits.manage_standards")
def standards_install(request):
    if selectors.standards_versions(request.user).exists():
        messages.error(request, "Your council already has standards: make a new draft from a version instead")
    else:
        services.standards_starter_install(organisation=request.user.organisation, user=request.user)
        messages.success(request, "The starter set of standards is installed and published")
    return redirect("audits:standards")


@permission_required("audits.use_audits")
def standards_version(request, number):
    version = selectors.standards_version_for(request.user, number)
    return render(request, "audits/standards_version.html",
                  {"version": version, "standards": selectors.standards_of(version)})


@require_POST
@permission_required("audits.manage_standards")
def standards_version_action(request, number, action):
    version = selectors.standards_version_for(request.user, number)
    try:
        if action == "copy":
            version = services.standards_version_copy(version=version, user=request.user)
            messages.success(request, f"Draft version {version.number} made: edit its standards, then publish it")
        elif action == "publish":
            services.standards_version_publish(version=version, user=request.user)
            messages.success(request, f"Version {version.number} is published; new programmes will use it")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("audits:standards_version", number=version.number)


def _indicator_choices():
    framework = current_version()
    return [(item.key, item.text) for item in version_indicators(framework)] if framework else []


@permission_required("audits.manage_standards")
def standard_edit(request, pk):
    standard = selectors.standard_for(request.user, pk)
    if standard.version.status != StandardsVersion.Status.DRAFT:
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            services.standard_remove(standard=standard, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Standard removed from the draft")
        return redirect("audits:standards_version", number=standard.version.number)
    initial = {"title": standard.title, "description": standard.description, "guidance": standard.guidance,
               "indicator_keys": standard.indicator_keys,
               "questions": "\n".join(question.text for question in standard.questions.all())}
    form = StandardForm(request.POST or None, initial=initial, indicator_choices=_indicator_choices())
    if request.method == "POST" and form.is_valid():
        services.standard_update(standard=standard, user=request.user, **form.cleaned_data)
        messages.success(request, "Standard saved")
        return redirect("audits:standards_version", number=standard.version.number)
    return render(request, "audits/standard_form.html", {"form": form, "standard": standard,
                                                         "version": standard.version})


@permission_required("audits.manage_standards")
def standard_new(request, number):
    version = selectors.standards_version_for(request.user, number)
    if version.status != StandardsVersion.Status.DRAFT:
        raise PermissionDenied
    form = StandardForm(request.POST or None, indicator_choices=_indicator_choices())
    if request.method == "POST" and form.is_valid():
        services.standard_add(version=version, user=request.user, **form.cleaned_data)
        messages.success(request, "Standard added")
        return redirect("audits:standards_version", number=number)
    return render(request, "audits/standard_form.html", {"form": form, "standard": None, "version": version})


# --- programmes -----------------------------------------------------------------------------------

def _possible_auditors(user):
    return User.objects.filter(organisation_id=user.organisation_id, is_active=True,
                               groups__name__in=["practice_lead", "manager"]).distinct().order_by("first_name")


@permission_required("audits.manage_programmes")
def programme_new(request):
    auditors = list(_possible_auditors(request.user))
    form = ProgrammeForm(request.POST or None, auditors=auditors)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.programme_create(
                user=request.user, name=data["name"], kind=data["kind"], theme=data["theme"],
                period_start=data["period_start"], period_end=data["period_end"],
                auditors=[user for user in auditors if str(user.pk) in data["auditors"]],
                moderation_share=data["moderation_share"], practitioner_can_respond=data["practitioner_can_respond"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Programme created: now import its case list")
            return redirect("audits:programme", pk=programme.pk)
    return render(request, "audits/programme_form.html", {"form": form})


def _programme_page(request, programme, **forms):
    context = {"programme": programme, "audits": selectors.programme_audits(programme),
               "cases": programme.cases.count(), "case_form": CaseListForm(), "sample_form": SampleForm(),
               "manual_form": ManualCaseForm(), "can_manage": request.user.has_perm("audits.manage_programmes"),
               "auditors_form": AuditorsForm(auditors=_possible_auditors(request.user), initial={
                   "auditors": [str(pk) for pk in programme.auditors.values_list("pk", flat=True)]})}
    context.update(forms)
    return render(request, "audits/programme.html", context, status=400 if forms else 200)


@permission_required("audits.use_audits")
def programme(request, pk):
    return _programme_page(request, selectors.programme_for(request.user, pk))


@require_POST
@permission_required("audits.manage_programmes")
def programme_cases(request, pk):
    programme = selectors.programme_for(request.user, pk)
    form = CaseListForm(request.POST, request.FILES)
    if not form.is_valid():
        return _programme_page(request, programme, case_form=form)
    upload = form.cleaned_data["file"]
    data_import = import_file(organisation=request.user.organisation, kind="audits.cases", fileobj=upload,
                              filename=upload.name, user=request.user, params={"programme": programme.pk})
    if data_import.status == "succeeded":
        messages.success(request, f"Case list imported: {programme.cases.count()} cases")
        return redirect("audits:programme", pk=pk)
    return redirect("core:import_detail", pk=data_import.pk)


@require_POST
@permission_required("audits.manage_programmes")
def programme_sample(request, pk):
    programme = selectors.programme_for(request.user, pk)
    form = SampleForm(request.POST)
    if form.is_valid():
        try:
            audits = services.programme_sample(programme=programme, user=request.user,
                                               quota=form.cleaned_data["quota"],
                                               stratify=form.cleaned_data["stratify"], seed=form.cleaned_data["seed"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            programme.refresh_from_db()
            messages.success(request, f"{len(audits)} cases sampled with seed {programme.sample_seed}: enter this "
                                      "seed with the same case list to draw the same sample again")
            return redirect("audits:programme", pk=pk)
    return _programme_page(request, programme, sample_form=form)


@require_POST
@permission_required("audits.manage_programmes")
def programme_add_case(request, pk):
    programme = selectors.programme_for(request.user, pk)
    form = ManualCaseForm(request.POST)
    if form.is_valid():
        try:
            services.audit_add_manual(programme=programme, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Case {form.cleaned_data['case_reference'].upper()} added to the sample")
            return redirect("audits:programme", pk=pk)
    return _programme_page(request, programme, manual_form=form)


@require_POST
@permission_required("audits.manage_programmes")
def programme_auditors(request, pk):
    programme = selectors.programme_for(request.user, pk)
    candidates = list(_possible_auditors(request.user))
    form = AuditorsForm(request.POST, auditors=candidates)
    if form.is_valid():
        try:
            services.programme_auditors_set(programme=programme, user=request.user, auditors=[
                person for person in candidates if str(person.pk) in form.cleaned_data["auditors"]])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Auditors updated")
            return redirect("audits:programme", pk=pk)
    return _programme_page(request, programme, auditors_form=form)


@require_POST
@permission_required("audits.manage_programmes")
def audit_reassign(request, pk):
    audit = selectors.audit_for(request.user, pk)
    auditors = list(audit.programme.auditors.all())
    form = ReassignForm(request.POST, auditors=auditors)
    if form.is_valid():
        try:
            services.audit_reassign(audit=audit, user=request.user,
                                    auditor=next(person for person in auditors
                                                 if person.pk == form.cleaned_data["auditor"]))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Audit reassigned")
            return redirect("audits:audit", pk=pk)
    return _audit_page(request, audit, status=400, reassign_form=form)


@require_POST
@permission_required("audits.manage_programmes")
def programme_close(request, pk):
    programme = selectors.programme_for(request.user, pk)
    try:
        removed = services.programme_close(programme=programme, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Programme closed. {removed} case{'s' if removed != 1 else ''} that were not "
                                  "audited have been removed from its case list.")
    return redirect("audits:programme", pk=pk)


# --- one audit ------------------------------------------------------------------------------------

def _audit_initial(audit, blocks) -> dict:
    initial = {"revision": audit.revision, "grade": audit.grade, "grade_rationale": audit.grade_rationale,
               "safeguarding_concern": audit.safeguarding_concern, "safeguarding_note": audit.safeguarding_note}
    for block in blocks:
        for row in block.rows:
            if row.answer:
                initial[f"q_{row.question.pk}"] = row.answer.value
                initial[f"e_{row.question.pk}"] = row.answer.evidence
    return initial


def _audit_page(request, audit, *, form=None, blocks=None, status=200, **extra):
    blocks = blocks if blocks is not None else selectors.audit_form_rows(audit)
    editable = request.user.has_perm("audits.edit_audit", audit)
    if form is None and editable:
        form = AuditForm(initial=_audit_initial(audit, blocks), blocks=blocks)
    first = audit.moderation_of
    form_blocks = [(block, [(row, form[f"q_{row.question.pk}"], form[f"e_{row.question.pk}"]) for row in block.rows])
                   for block in blocks] if form is not None else []
    context = {
        "audit": audit, "blocks": blocks, "form": form, "editable": editable, "form_blocks": form_blocks,
        "comparison": selectors.audit_form_rows(first) if first and audit.is_submitted else None,
        "moderation": getattr(audit, "moderation", None),
        "learning_form": extra.pop("learning_form", LearningPointForm()),
        "addendum_form": extra.pop("addendum_form", AddendumForm()),
        "response_form": extra.pop("response_form", ResponseForm()),
        "resolve_form": extra.pop("resolve_form", ResolveForm()),
        "reassign_form": extra.pop("reassign_form", ReassignForm(auditors=audit.programme.auditors.all())),
        "learning_points": audit.learning_points.prefetch_related("actions__owner"),
    }
    if context["moderation"] is not None and context["moderation"].is_submitted \
            and request.user.has_perm("audits.resolve_moderation", audit):
        context["moderation_blocks"] = selectors.audit_form_rows(context["moderation"])
    return render(request, "audits/audit.html", context, status=status)


@permission_required("audits.use_audits")
def audit(request, pk):
    audit = selectors.audit_for(request.user, pk)
    if request.method != "POST":
        notifications_mark_read(user=request.user, url=request.path)
        return _audit_page(request, audit)
    if not request.user.has_perm("audits.edit_audit", audit):
        raise PermissionDenied
    blocks = selectors.audit_form_rows(audit)
    form = AuditForm(request.POST, blocks=blocks)
    if not form.is_valid():
        return _audit_page(request, audit, form=form, blocks=blocks, status=400)
    data = form.cleaned_data
    try:
        services.audit_save(audit=audit, user=request.user, revision=data["revision"], answers=form.answers(),
                            grade=data["grade"], grade_rationale=data["grade_rationale"],
                            safeguarding_concern=data["safeguarding_concern"],
                            safeguarding_note=data["safeguarding_note"], submit=form.submitting)
    except services.EditConflict as conflict:
        form.add_error(None, str(conflict))
        return _audit_page(request, selectors.audit_for(request.user, pk), form=form, status=409)
    except ValidationError as error:
        add_service_errors(form, error)
        return _audit_page(request, audit, form=form, blocks=blocks, status=400)
    messages.success(request, "Audit submitted" if form.submitting else "Your answers are saved")
    return redirect("audits:audit", pk=pk)


def _audit_post(request, pk, form, key, action):
    """Validate one of the audit page's small forms and run `action(audit, form)`; on a problem, show the
    page again with that form's errors and what was typed."""
    audit = selectors.audit_for(request.user, pk)
    if form.is_valid():
        try:
            message = action(audit, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("audits:audit", pk=pk)
    return _audit_page(request, audit, status=400, **{key: form})


@require_POST
@permission_required("audits.use_audits")
def audit_learning(request, pk):
    def add(audit, form):
        data = form.cleaned_data
        services.learning_point_add(audit=audit, user=request.user, text=data["text"], tags=form.tag_list(),
                                    action=data["action"], action_owner=data.get("owner_user"),
                                    action_due=data["due_on"])
        return "Learning point added"
    form = LearningPointForm(request.POST, organisation_id=request.user.organisation_id)
    return _audit_post(request, pk, form, "learning_form", add)


@require_POST
@permission_required("audits.use_audits")
def audit_addendum(request, pk):
    def add(audit, form):
        services.audit_addendum_add(audit=audit, user=request.user, text=form.cleaned_data["text"])
        return "Addendum added"
    return _audit_post(request, pk, AddendumForm(request.POST), "addendum_form", add)


@require_POST
@permission_required("audits.use_audits")
def audit_respond(request, pk):
    def respond(audit, form):
        services.audit_respond(audit=audit, user=request.user, response=form.cleaned_data["response"])
        return "Your response is recorded"
    return _audit_post(request, pk, ResponseForm(request.POST), "response_form", respond)


@require_POST
@permission_required("audits.use_audits")
def audit_resolve(request, pk):
    def resolve(audit, form):
        services.moderation_resolve(audit=audit, user=request.user, **form.cleaned_data)
        return "Moderation resolved"
    return _audit_post(request, pk, ResolveForm(request.POST), "resolve_form", resolve)


# --- reports --------------------------------------------------------------------------------------

def _report(request, programme=None):
    version = programme.standards_version if programme else selectors.published_version(request.user)
    standards = selectors.standards_of(version) if version else []
    form = ReportForm(request.GET or None, standards=standards)
    key = form.cleaned_data["standard"] if form.is_valid() and form.cleaned_data["standard"] else None
    return form, selectors.report_for(request.user, programme=programme, standard_key=key)


def _report_scope(request, pk):
    if pk is None:
        if not request.user.has_perm("audits.view_aggregates"):
            raise PermissionDenied
        return None
    return selectors.programme_for(request.user, pk)


@permission_required("audits.use_audits")
def report_page(request, pk=None):
    programme = _report_scope(request, pk)
    form, result = _report(request, programme)
    return render(request, "audits/report.html", {"form": form, "report": result, "programme": programme,
                                                  "query": request.GET.urlencode()})


@permission_required("audits.use_audits")
def report_download(request, fmt, pk=None):
    programme = _report_scope(request, pk)
    _, result = _report(request, programme)
    name = f"star-practice-standards-{programme.pk if programme else 'all'}"
    if fmt == "csv":
        return csv_response(filename=f"{name}.csv", columns=report.EXPORT_COLUMNS, rows=report.export_rows(result))
    if fmt == "xlsx":
        return xlsx_response(filename=f"{name}.xlsx", sheet="Practice standards", columns=report.EXPORT_COLUMNS,
                             rows=report.export_rows(result),
                             notes=["Anti-racist practice standards: audits submitted.",
                                    f"c: hidden to protect identities (fewer than {result['threshold']})."])
    if fmt == "pdf":
        return pdf_response(request, template="audits/report_pdf.html",
                            context={"report": result, "programme": programme},
                            stylesheet="practice/record-print.css", filename=f"{name}.pdf")
    raise Http404

