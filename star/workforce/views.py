from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render

from star.core.decorators import permission_required
from star.core.exports import csv_response, xlsx_response

from . import presentation, selectors
from .forms import ReportFilterForm
from .report import ROW_FIELDS, ReportUnavailable, report_rows


def _filters(request):
    form = ReportFilterForm(request.GET or None, snapshot_dates=selectors.snapshot_dates(request.user),
                            services=selectors.services(request.user))
    return form, form.filters()


@permission_required("workforce.view_dashboard")
def dashboard(request):
    form, filters = _filters(request)
    try:
        report = selectors.workforce_report(request.user, **filters)
    except ReportUnavailable as reason:
        return render(request, "workforce/empty.html", {"reason": str(reason)})
    indicators = {indicator["id"]: indicator for indicator in report["indicators"]}
    leadership = indicators["leadership_vs_workforce"]
    query = request.GET.urlencode()
    return render(request, "workforce/dashboard.html", {
        "form": form, "report": report, "indicators": indicators, "headline": presentation.headline(report),
        "query": query, "tier_chart": presentation.tier_chart(leadership),
        "trend_chart": presentation.trend_chart(leadership),
        "ratio_sections": [{"indicator": indicators[key], "chart": presentation.ratio_chart(indicators[key])}
                           for key in presentation.RATIO_INDICATORS if key in indicators],
    })


def _export(request):
    _, filters = _filters(request)
    report = selectors.workforce_report(request.user, **filters)
    name = f"workforce-race-equality-{report['as_at']}-{report['standard']['id']}"
    notes = [f"Workforce race equality report, {request.user.organisation.name}, as at {report['as_at']}.",
             f"Comparison: {report['comparison_group']} relative to {report['reference_group']}. "
             f"Significance after Benjamini-Hochberg correction across {report['multiple_testing']['tests']} tests.",
             f"c: not shown to protect people's identities (fewer than {report['suppression']['threshold']} people,"
             " or hidden so that another hidden figure cannot be worked out)."]
    return name, notes, report_rows(report)


@permission_required("workforce.view_dashboard")
def report_csv(request):
    try:
        name, _, rows = _export(request)
    except ReportUnavailable as reason:
        messages.error(request, str(reason))
        return render(request, "workforce/empty.html", {"reason": str(reason)})
    return csv_response(filename=f"{name}.csv", columns=ROW_FIELDS, rows=rows)


@permission_required("workforce.view_dashboard")
def report_xlsx(request):
    try:
        name, notes, rows = _export(request)
    except ReportUnavailable as reason:
        return render(request, "workforce/empty.html", {"reason": str(reason)})
    return xlsx_response(filename=f"{name}.xlsx", sheet="Workforce race equality", columns=ROW_FIELDS,
                         rows=rows, notes=notes)


@permission_required("workforce.view_staff_records")
def snapshots(request):
    return render(request, "workforce/snapshots.html", {"snapshots": selectors.snapshot_list(request.user)})


@permission_required("workforce.view_staff_records")
def snapshot_records(request, pk):
    snapshot, records = selectors.snapshot_records(request.user, snapshot_id=pk)
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    return render(request, "workforce/snapshot_records.html", {"snapshot": snapshot, "page": page})
