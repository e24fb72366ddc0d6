"""Every read of interventions, their measures and reviews that a page, the API or an export uses."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from star.framework.selectors import current_version, version_indicators
from star.voice.models import Survey
from star.voice.selectors import surveys as voice_surveys

from . import figures
from .models import CountEntry, Intervention, Measure, Perspective, Phase, Review


def interventions_for(user, *, status: str = "") -> QuerySet[Intervention]:
    interventions = (Intervention.objects.for_user(user).select_related("owner").prefetch_related("reviews")
                     .annotate(measure_count=Count("measures", distinct=True)))
    return interventions.filter(status=status) if status else interventions


def intervention_for(user, pk: int, *, permission: str = "evaluation.view_intervention") -> Intervention:
    """One intervention of the user's organisation (404 otherwise) that they may read, or change."""
    intervention = get_object_or_404(Intervention.objects.for_user(user).select_related("owner", "organisation"),
                                     pk=pk)
    if not user.has_perm(permission, intervention):
        raise PermissionDenied
    return intervention


def measure_for(user, pk: int) -> Measure:
    """A measure of an intervention the user may change."""
    measure = get_object_or_404(Measure.objects.for_user(user).select_related("intervention", "survey"), pk=pk)
    if not user.has_perm("evaluation.change_intervention", measure.intervention):
        raise PermissionDenied
    return measure


def measures_of(intervention: Intervention) -> list[Measure]:
    return list(intervention.measures.select_related("survey", "intervention__organisation"))


def reviews_of(intervention: Intervention) -> dict[str, Review]:
    """{phase: review}, in phase order."""
    reviews = {review.phase: review for review in intervention.reviews.select_related("author")}
    return {phase: reviews[phase] for phase in Phase.values if phase in reviews}


def count_entries(intervention: Intervention, phase: str | None = None) -> dict[int, dict[str, CountEntry]]:
    """{measure id: {phase: entry}} for the intervention's count measures."""
    entries: dict[int, dict[str, CountEntry]] = {}
    rows = CountEntry.objects.filter(measure__intervention=intervention)
    for entry in rows.filter(phase=phase) if phase else rows:
        entries.setdefault(entry.measure_id, {})[entry.phase] = entry
    return entries


def survey_questions_for(user) -> list[tuple[Survey, list[tuple[str, str]]]]:
    """Open and closed surveys of the organisation with their agree-or-disagree questions, one per key
    (in the words of the latest version that asks it)."""
    surveys = voice_surveys.published_surveys_for(user)
    questions = voice_surveys.agreement_questions(surveys)
    return [(survey, list(questions[survey.pk].items())) for survey in surveys if survey.pk in questions]


def indicator_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The current framework's indicators grouped by practice stage: [(stage, [(key, text)])]."""
    version = current_version()
    groups: dict[str, list[tuple[str, str]]] = {}
    for indicator in version_indicators(version) if version else []:
        stage = f"{indicator.stage.name}: {indicator.stage.question}"
        where = f"{indicator.level.name}: " if indicator.level else ""
        groups.setdefault(stage, []).append((indicator.key, f"{where}{indicator.text}"))
    return list(groups.items())


def indicators_named(keys) -> list[tuple[str, str]]:
    """(key, text) for the intervention's indicators, in the current framework's words."""
    version = current_version()
    texts = dict(version_indicators(version).values_list("key", "text")) if version else {}
    return [(key, texts.get(key, f"{key} (not in the current STAR framework)")) for key in keys]


def review_figures(intervention: Intervention, review: Review) -> list[tuple[Measure, figures.PhaseFigure]]:
    """Each measure's figure for the review's phase and period."""
    entries = count_entries(intervention, review.phase)
    return [(measure, figures.phase_figure(measure, review.phase, review,
                                           entries.get(measure.pk, {}).get(review.phase)))
            for measure in measures_of(intervention)]


def summary_for(intervention: Intervention) -> dict:
    """The evaluation summary: what the page, its PDF and CSV, and the API show."""
    reviews = reviews_of(intervention)
    entries = count_entries(intervention)
    results = [figures.measure_result(measure, reviews, entries.get(measure.pk, {}))
               for measure in measures_of(intervention)]
    gathered = {key: [reviews[phase].get_phase_display() for phase in reviews if key in reviews[phase].perspectives]
                for key in Perspective.values}
    return {
        "intervention": intervention,
        "indicators": indicators_named(intervention.indicator_keys),
        "results": results,
        "reviews": list(reviews.values()),
        "gathered": [(Perspective(key).label, phases) for key, phases in gathered.items() if phases],
        "never_gathered": [Perspective(key).label for key, phases in gathered.items() if not phases],
        "missing": [(review.get_phase_display(), review.perspectives_missing) for review in reviews.values()
                    if review.perspectives_missing],
        "lessons": [(review.get_phase_display(), review.changes) for review in reviews.values() if review.changes],
    }
