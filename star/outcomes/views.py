"""Outcomes pages: the dashboard, its downloads, and importing returns. Thin views."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from star.core.decorators import permission_required
from star.core.exports import csv_response, xlsx_response

from . import presentation, selectors, services
from .export import ROW_FIELDS, report_rows
from .forms import ReportFilterForm, ReturnImportForm
from .report import ReportUnavailable
from .stages import BY_ID, SOURCES


def _filters(request):
    have = selectors.choices(request.user)
    form = ReportFilterForm(request.GET or None, years=have["years"], areas=have["areas"])
    return form, form.filters(default_area=selectors.default_area(request.user, have["areas"])), have


def _empty(request, reason: str):
    return render(request, "outcomes/empty.html", {"reason": reason}, status=200)


@permission_required("outcomes.view_dashboard")
def dashboard(request):
    form, filters, have = _filters(request)
    try:
        report = selectors.outcomes_report(request.user, **filters)
    except ReportUnavailable as reason:
        return _empty(request, str(reason))
    stage_id, group_key = form.chart_choices()
    trend = selectors.outcomes_trend(request.user, area=report["area"], level=report["level"],
                                     reference=report["reference"], stage=stage_id)
    funnel = None
    if len(have["areas"]) > 1:
        funnel = selectors.outcomes_funnel(request.user, year=report["year"], stage=stage_id,
                                           group=group_key if group_key in {g["key"] for s in report["stages"]
                                                                            for g in s["groups"]} else "black",
                                           level=report["level"])
    stage = next(item for item in report["stages"] if item["id"] == stage_id)
    return render(request, "outcomes/dashboard.html", {
        "form": form, "report": report, "query": request.GET.urlencode(), "stage": stage,
        "pathway": presentation.pathway(report), "conditional": presentation.pathway(report, "conditional_rri"),
        "findings": presentation.findings(report),
        "stage_chart": presentation.stage_chart(report, stage_id),
        "trend": trend, "trend_chart": presentation.trend_chart(trend, BY_ID[stage_id].label),
        "funnel": funnel, "funnel_chart": presentation.funnel_chart(funnel),
        "can_import": request.user.has_perm("outcomes.import_returns"),
    })


def _export(request):
    _, filters, _ = _filters(request)
    report = selectors.outcomes_report(request.user, **filters)
    name = f"outcomes-{report['area']}-{report['year']}-{report['level']}"
    notes = [f"Ethnic disproportionality along the children's social care pathway, {report['area_name']}, "
             f"{report['period']}.",
             f"Relative rate index against {report['reference_group']} children; significance after "
             f"Benjamini-Hochberg correction across {report['tests']} tests.",
             f"c: not shown to protect children's identities (fewer than {report['suppression_threshold']} children, "
             "or hidden so that another hidden figure cannot be worked out). ':' not available."]
    return name, notes, report_rows(report)


@permission_required("outcomes.view_dashboard")
def report_csv(request):
    try:
        name, _, rows = _export(request)
    except ReportUnavailable as reason:
        return _empty(request, str(reason))
    return csv_response(filename=f"{name}.csv", columns=ROW_FIELDS, rows=rows)


@permission_required("outcomes.view_dashboard")
def report_xlsx(request):
    try:
        name, notes, rows = _export(request)
    except ReportUnavailable as reason:
        return _empty(request, str(reason))
    return xlsx_response(filename=f"{name}.xlsx", sheet="Outcomes for children", columns=ROW_FIELDS, rows=rows,
                         notes=notes)


@permission_required("outcomes.import_returns")
def imports(request):
    return render(request, "outcomes/imports.html", {"imports": selectors.imports_for(request.user)[:100],
                                                     "sources": SOURCES})


@permission_required("outcomes.import_returns")
@require_http_methods(["GET", "POST"])
def import_new(request):
    form = ReturnImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with tempfile.TemporaryDirectory(prefix="star-return-") as folder:
            paths, names = [], []
            for index, upload in enumerate(data["files"]):
                name = Path(upload.name).name or f"upload-{index}"
                path = Path(folder) / str(index) / name  # the file's own name, so problems name it as the user does
                path.parent.mkdir()
                with path.open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                paths.append(path)
                names.append(name)
            data_import = services.import_return(organisation=request.user.organisation, source=data["source"],
                                                 paths=paths, filenames=names, year=data["year"],
                                                 area_code=data["area"], user=request.user)
        if data_import.noop:
            messages.info(request, "These files were already imported: nothing has changed.")
        return redirect("outcomes:import_detail", pk=data_import.pk)
    return render(request, "outcomes/import_new.html", {"form": form})


@permission_required("outcomes.import_returns")
def import_detail(request, pk):
    item = selectors.import_for(request.user, pk)
    return render(request, "outcomes/import_detail.html", {
        "item": item, "summary": item.summary, "source_label": SOURCES.get(item.kind.removeprefix("outcomes."), ""),
        "outcome_return": getattr(item, "outcome_return", None), "first_errors": item.errors[:100],
        "warning_count": item.summary.get("warning count", 0),
        "stages": [(BY_ID[stage].label, count) for stage, count in item.summary.get("children by stage", {}).items()
                   if stage in BY_ID],
        "invalid_codes": [*[(f"Ethnicity: {code}", count) for code, count in
                            item.summary.get("invalid ethnicity codes", {}).items()],
                          *item.summary.get("other unknown codes", {}).items()]})


@permission_required("outcomes.import_returns")
@require_http_methods(["GET", "POST"])
def import_delete(request, pk):
    item = selectors.import_for(request.user, pk)
    outcome_return = getattr(item, "outcome_return", None)
    if outcome_return is None:
        messages.info(request, "This import has no counts to remove.")
        return redirect("outcomes:import_detail", pk=pk)
    if request.method == "POST":
        services.delete_return(outcome_return)
        messages.success(request, f"The counts from {item.filename} have been removed.")
        return redirect("outcomes:imports")
    return render(request, "outcomes/import_delete.html", {"item": item, "outcome_return": outcome_return})
