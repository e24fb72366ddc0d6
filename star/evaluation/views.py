"""Thin views for interventions and their review cycle: forms in, services and selectors out."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from star.core.decorators import permission_required
from star.core.exports import csv_response
from star.core.forms import add_service_errors
from star.core.pdf import pdf_response

from . import figures, selectors, services
from .forms import InterventionForm, MeasureForm, ReviewForm, StatusFilterForm
from .models import Intervention, Measure, Phase

CHANGE = "evaluation.change_intervention"


@permission_required("evaluation.use_evaluation")
def home(request):
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    return render(request, "evaluation/home.html", {
        "form": form, "interventions": selectors.interventions_for(request.user, status=status),
        "status_label": Intervention.Status(status).label.lower() if status else "",
        "can_add": request.user.has_perm("evaluation.add_intervention")})


# --- interventions --------------------------------------------------------------------------------

def _intervention_initial(intervention) -> dict:
    return {name: getattr(intervention, name) for name in (
        "title", "kind", "purpose", "intended_outcomes", "indicator_keys", "partners", "starts_on", "ends_on",
        "status")}


def _intervention_form(request, intervention=None):
    form = InterventionForm(request.POST or None, indicator_groups=selectors.indicator_groups(),
                            initial=_intervention_initial(intervention) if intervention else None)
    if request.method == "POST" and form.is_valid():
        try:
            if intervention is None:
                intervention = services.intervention_create(user=request.user, **form.cleaned_data)
                message = "Intervention recorded: now add how you will measure it"
            else:
                services.intervention_update(intervention=intervention, user=request.user, **form.cleaned_data)
                message = "Intervention saved"
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("evaluation:intervention", pk=intervention.pk)
    return render(request, "evaluation/intervention_form.html", {"form": form, "intervention": intervention},
                  status=400 if form.errors else 200)


@permission_required("evaluation.add_intervention")
def intervention_new(request):
    return _intervention_form(request)


@permission_required("evaluation.use_evaluation")
def intervention_edit(request, pk):
    return _intervention_form(request, selectors.intervention_for(request.user, pk, permission=CHANGE))


@permission_required("evaluation.use_evaluation")
def intervention(request, pk):
    item = selectors.intervention_for(request.user, pk)
    reviews = selectors.reviews_of(item)
    return render(request, "evaluation/intervention.html", {
        "intervention": item, "measures": selectors.measures_of(item),
        "indicators": selectors.indicators_named(item.indicator_keys),
        "phases": [(value, label, reviews.get(value)) for value, label in Phase.choices],
        "can_change": request.user.has_perm(CHANGE, item)})


# --- measures -------------------------------------------------------------------------------------

def _measure_form(request, intervention, measure=None):
    initial = None
    if measure is not None:
        initial = {"kind": measure.kind, "label": measure.label, "stage": measure.stage,
                   "direction": "higher" if measure.higher_is_better else "lower",
                   "survey_question": f"{measure.survey_id}:{measure.question_key}" if measure.survey_id else ""}
    form = MeasureForm(request.POST or None, initial=initial,
                       survey_questions=selectors.survey_questions_for(request.user),
                       global_majority_label=intervention.organisation.global_majority_label)
    if request.method == "POST" and form.is_valid():
        try:
            if measure is None:
                services.measure_add(intervention=intervention, user=request.user, **form.measure_fields())
            else:
                services.measure_update(measure=measure, user=request.user, **form.measure_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Measure saved")
            return redirect("evaluation:intervention", pk=intervention.pk)
    return render(request, "evaluation/measure_form.html",
                  {"form": form, "intervention": intervention, "measure": measure},
                  status=400 if form.errors else 200)


@permission_required("evaluation.use_evaluation")
def measure_new(request, pk):
    return _measure_form(request, selectors.intervention_for(request.user, pk, permission=CHANGE))


@permission_required("evaluation.use_evaluation")
def measure_edit(request, pk):
    measure = selectors.measure_for(request.user, pk)
    return _measure_form(request, measure.intervention, measure)


@require_POST
@permission_required("evaluation.use_evaluation")
def measure_remove(request, pk):
    measure = selectors.measure_for(request.user, pk)
    services.measure_remove(measure=measure, user=request.user)
    messages.success(request, f"Measure ‘{measure.label}’ removed")
    return redirect("evaluation:intervention", pk=measure.intervention_id)


# --- reviews --------------------------------------------------------------------------------------

def _phase(phase: str) -> str:
    if phase not in Phase.values:
        raise Http404
    return phase


@permission_required("evaluation.use_evaluation")
def review(request, pk, phase):
    item = selectors.intervention_for(request.user, pk)
    found = selectors.reviews_of(item).get(_phase(phase))
    if found is None:
        raise Http404
    return render(request, "evaluation/review.html", {
        "intervention": item, "review": found, "figures": selectors.review_figures(item, found),
        "can_change": request.user.has_perm(CHANGE, item)})


def _review_initial(review, entries) -> dict:
    initial = {name: getattr(review, name) for name in (
        "period_start", "period_end", "expected", "happened", "evidence", "perspectives", "perspectives_missing",
        "changes")} if review else {}
    for measure_id, by_phase in entries.items():
        for entry in by_phase.values():
            initial[f"count_{measure_id}_x"], initial[f"count_{measure_id}_n"] = entry.numerator, entry.denominator
    return initial


@permission_required("evaluation.use_evaluation")
def review_edit(request, pk, phase):
    item = selectors.intervention_for(request.user, pk, permission=CHANGE)
    phase = _phase(phase)
    existing = selectors.reviews_of(item).get(phase)
    counts = [measure for measure in selectors.measures_of(item) if measure.kind == Measure.Kind.COUNT]
    form = ReviewForm(request.POST or None, count_measures=counts,
                      initial=_review_initial(existing, selectors.count_entries(item, phase)))
    if request.method == "POST" and form.is_valid():
        try:
            if existing is None:
                services.review_create(intervention=item, user=request.user, phase=phase, **form.review_fields())
            else:
                services.review_update(review=existing, user=request.user, **form.review_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{Phase(phase).label} review saved")
            return redirect("evaluation:review", pk=item.pk, phase=phase)
    return render(request, "evaluation/review_form.html", {
        "form": form, "intervention": item, "review": existing, "phase": phase, "phase_label": Phase(phase).label},
        status=400 if form.errors else 200)


# --- the evaluation summary -----------------------------------------------------------------------

@permission_required("evaluation.use_evaluation")
def summary(request, pk):
    result = selectors.summary_for(selectors.intervention_for(request.user, pk))
    return render(request, "evaluation/summary.html",
                  {"summary": result, "chart": figures.change_chart(result["results"])})


@permission_required("evaluation.use_evaluation")
def summary_download(request, pk, fmt):
    item = selectors.intervention_for(request.user, pk)
    if fmt not in ("csv", "pdf"):
        raise Http404
    result, name = selectors.summary_for(item), f"star-evaluation-{item.pk}"
    if fmt == "csv":
        return csv_response(filename=f"{name}.csv", columns=figures.EXPORT_COLUMNS,
                            rows=figures.export_rows(result["results"]))
    return pdf_response(request, template="evaluation/summary_pdf.html", context={"summary": result},
                        stylesheet="evaluation/summary-print.css", filename=f"{name}.pdf")
