"""Measures as figures: each phase's share with its Wilson interval, and the change after vs before.

Every figure goes through the analytics core.
- Survey measure: the share agreeing (Agree or Strongly agree) with a Likert question among the answers
  given in the review's period; hidden when fewer people answered than the survey's anonymity threshold.
- Count measure: x of n as recorded for the phase; hidden when n is below the platform's threshold.
- Outcome measure: the share of children at an outcomes stage who are Global Majority, of those with a
  recorded ethnicity, in the collection years the review's period overlaps (primary and secondary
  suppression through ``protected_shares``).
The change is after minus before with Newcombe's interval. It is not given when either figure is hidden,
or when both periods read the same collection year's returns.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.text import Truncator

from star.analytics import Figure, SuppressionPolicy, difference_in_proportions, proportion, protected_shares
from star.analytics.ethnicity import ALL_CATEGORIES
from star.analytics.reading import format_number, format_percent, read_proportion
from star.analytics.stats import Flags
from star.core.charts import Point, interval_chart
from star.outcomes.models import StageCount
from star.outcomes.stages import BY_ID, collection_year
from star.voice.selectors.results import question_agreement
from star.voice.selectors.surveys import agreement_questions

from .models import CountEntry, Measure, Phase, Review

POLICY = SuppressionPolicy()
GLOBAL_MAJORITY = frozenset({"asian", "black", "mixed", "other"})
KNOWN = GLOBAL_MAJORITY | {"white"}
NOT_ENOUGH = "Not enough answers"
SUPPRESSED = Figure("proportion", None, None, None, None, None, "wilson", frozenset({Flags.SUPPRESSED}), symbol="c")


@dataclass(frozen=True)
class PhaseFigure:
    """One measure in one phase. ``figure`` is None when there is nothing to show; ``note`` says why, or
    where the figure comes from."""

    phase: str
    figure: Figure | None
    note: str
    years: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        return Phase(self.phase).label

    @property
    def hidden(self) -> bool:
        return self.figure is not None and self.figure.has(Flags.SUPPRESSED)

    @property
    def available(self) -> bool:
        """There is a figure, shown or hidden (not an empty one)."""
        return self.figure is not None and (self.hidden or self.figure.value is not None)


@dataclass
class MeasureResult:
    measure: Measure
    description: str
    phases: list[PhaseFigure] = field(default_factory=list)
    change: Figure | None = None
    change_note: str = ""

    def phase(self, key: str) -> PhaseFigure | None:
        return next((item for item in self.phases if item.phase == key), None)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def year_label(year: int) -> str:
    """Collection year 2025 runs from April 2024 to March 2025: '2024-25'."""
    return f"{year - 1}-{str(year)[-2:]}"


def _share(x: int, n: int, *, hidden: bool, subject: str, outcome: str, reason: str) -> Figure:
    if hidden:
        return SUPPRESSED.replace(reading=reason)
    figure = proportion(x, n)
    return figure.replace(reading=read_proportion(figure, subject=subject, outcome=outcome))


def survey_question_text(measure: Measure) -> str:
    """The question's words in the survey's latest version that asks it."""
    if measure.survey is None:
        return ""
    return agreement_questions([measure.survey]).get(measure.survey.pk, {}).get(measure.question_key,
                                                                                 measure.question_key)


def survey_figure(measure: Measure, phase: str, start: date, end: date) -> PhaseFigure:
    survey = measure.survey
    if survey is None:
        return PhaseFigure(phase, None, "The survey this measure used has been deleted.")
    threshold = survey.anonymity_threshold
    agreeing, answered, responses = question_agreement(survey, measure.question_key, start, end)
    period = f"Responses from {_day(start)} to {_day(end)}"
    if answered == 0:
        return PhaseFigure(phase, None, f"{period}: nobody answered this question.")
    shown = f"{responses} response{'s' if responses != 1 else ''}" if responses >= threshold \
        else f"fewer than {threshold} responses"
    figure = _share(agreeing, answered, hidden=answered < threshold, subject="people who answered",
                    outcome="agreed", reason=f"{NOT_ENOUGH}: fewer than {threshold} people answered this question "
                                             "in the period, so the figure is hidden to protect their anonymity.")
    return PhaseFigure(phase, figure, f"{period} ({shown}).")


def _noun(label: str) -> str:
    """'Members who feel safer' -> 'members who feel safer' (an acronym such as 'GM staff' is kept)."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def count_figure(measure: Measure, phase: str, entry: CountEntry | None) -> PhaseFigure:
    if entry is None:
        return PhaseFigure(phase, None, "Not recorded for this phase.")
    threshold = POLICY.threshold
    figure = _share(entry.numerator, entry.denominator, hidden=entry.denominator < threshold,
                    subject="counted", outcome=f"were {_noun(measure.label)}",
                    reason=f"{NOT_ENOUGH}: fewer than {threshold} were counted, so the figure is hidden to "
                           "protect the people it is about.")
    return PhaseFigure(phase, figure, entry.note or "As recorded for this phase.")


def _stage_children(organisation, stage: str, years) -> dict[int, tuple[int, int]]:
    """{year: (Global Majority children, children with a recorded ethnicity)} at the stage, one return per
    year and area (the stage's statutory return before Annex A)."""
    sources = BY_ID[stage].sources
    rows = (StageCount.objects.filter(outcome_return__organisation=organisation, outcome_return__year__in=years,
                                      stage=stage)
            .values_list("outcome_return__year", "outcome_return__area_code", "outcome_return__source", "ethnicity")
            .annotate(children=Sum("count")))
    by_return: dict[tuple, dict[str, defaultdict]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for year, area, source, ethnicity, children in rows:
        category = ALL_CATEGORIES.get(ethnicity)
        by_return[year, area][source][category.broad if category else "unknown"] += children
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for (year, _area), by_source in by_return.items():
        source = next((source for source in sources if source in by_source), None)
        if source is None:
            continue
        counts = by_source[source]
        totals[year][0] += sum(counts[group] for group in GLOBAL_MAJORITY)
        totals[year][1] += sum(counts[group] for group in KNOWN)
    return {year: (gm, known) for year, (gm, known) in totals.items()}


def outcome_figure(measure: Measure, phase: str, start: date, end: date) -> PhaseFigure:
    organisation = measure.intervention.organisation
    stage = BY_ID.get(measure.stage)
    if stage is None:
        return PhaseFigure(phase, None, "This outcomes stage is no longer recorded.")
    wanted = tuple(range(collection_year(start), collection_year(end) + 1))
    found = _stage_children(organisation, stage.id, wanted)
    years = tuple(year for year in wanted if year in found)
    missing = ", ".join(year_label(year) for year in wanted if year not in found)
    gap = f" No return counting this stage has been imported for {missing} yet." if missing else ""
    if not years:
        return PhaseFigure(phase, None, gap.strip())
    gm, known = (sum(found[year][part] for year in years) for part in (0, 1))
    label = organisation.global_majority_label
    subject = f"children at the stage ‘{stage.label}’ with a recorded ethnicity"
    figure = protected_shares([gm], [known], labels=["all"], policy=POLICY, subject=subject,
                              outcome=f"were {label}")["all"]
    if figure.has(Flags.SUPPRESSED):
        figure = figure.replace(reading=f"{NOT_ENOUGH}: too few children to show without risk of identifying them.")
    return PhaseFigure(phase, figure, f"From the returns for {', '.join(year_label(year) for year in years)}.{gap}",
                       years)


def read_change(figure: Figure, *, higher_is_better: bool) -> str:
    """e.g. 'After: 77.8%, compared with 52.9% before: 24.8 percentage points higher (95% confidence
    interval ...). This is not statistically significant: the change may be down to chance.'"""
    after = figure.numerator / figure.denominator
    before = figure.comparator_numerator / figure.comparator_denominator
    points = figure.value * 100
    how = "about the same" if round(abs(points), 1) == 0 else \
        f"{format_number(abs(points), 1)} percentage points {'higher' if points > 0 else 'lower'}"
    text = f"After: {format_percent(after)}, compared with {format_percent(before)} before: {how}"
    if figure.lower is not None and figure.upper is not None:
        text += (f" ({round(figure.confidence * 100)}% confidence interval {format_number(figure.lower * 100, 1)} "
                 f"to {format_number(figure.upper * 100, 1)} points)")
    text += "."
    if figure.significant:
        better = (figure.value > 0) == higher_is_better
        text += f" This is statistically significant: {'an improvement' if better else 'a change for the worse'}."
    else:
        text += " This is not statistically significant: the change may be down to chance."
    if figure.has(Flags.SMALL_NUMBERS):
        text += " The numbers are small, so treat this with caution."
    return text


def change(measure: Measure, before: PhaseFigure, after: PhaseFigure) -> tuple[Figure | None, str]:
    """After minus before, or None with the reason it cannot be given."""
    if not (before.available and after.available):
        return None, "Needs a figure for both the before and the after phase."
    if before.hidden or after.hidden:
        note = f"{NOT_ENOUGH} in the before or the after phase, so the change is not shown."
        return SUPPRESSED.replace(measure="difference", method="newcombe_hybrid_score", reading=note), note
    if set(before.years) & set(after.years):
        return None, "The before and after periods read the same year's returns, so they cannot show a change."
    figure = difference_in_proportions(after.figure.numerator, int(after.figure.denominator),
                                       before.figure.numerator, int(before.figure.denominator),
                                       group="after", comparator="before")
    reading = read_change(figure, higher_is_better=measure.higher_is_better)
    return figure.replace(reading=reading), reading


def phase_figure(measure: Measure, phase: str, review: Review | None, entry: CountEntry | None) -> PhaseFigure:
    """The measure's figure for one phase: a count from its entry, anything else from the review's period."""
    if measure.kind == Measure.Kind.COUNT:
        return count_figure(measure, phase, entry)
    if review is None:
        return PhaseFigure(phase, None, f"No {Phase(phase).label.lower()} review yet, so no period to read.")
    if measure.kind == Measure.Kind.SURVEY:
        return survey_figure(measure, phase, review.period_start, review.period_end)
    return outcome_figure(measure, phase, review.period_start, review.period_end)


def describe(measure: Measure) -> str:
    """What the measure reads, in words."""
    if measure.kind == Measure.Kind.SURVEY:
        title = measure.survey.title if measure.survey else "a deleted survey"
        return f"Agreeing with ‘{survey_question_text(measure)}’ in the survey ‘{title}’"
    if measure.kind == Measure.Kind.OUTCOME:
        stage = BY_ID.get(measure.stage)
        label = measure.intervention.organisation.global_majority_label
        return f"Share of children at ‘{stage.label if stage else measure.stage}’ who are {label}"
    return "A count recorded by the team, as x of n for each phase"


def measure_result(measure: Measure, reviews: dict[str, Review], entries: dict[str, CountEntry]) -> MeasureResult:
    result = MeasureResult(measure, describe(measure))
    for phase in Phase.values:
        result.phases.append(phase_figure(measure, phase, reviews.get(phase), entries.get(phase)))
    result.change, result.change_note = change(measure, result.phase(Phase.BEFORE), result.phase(Phase.AFTER))
    return result


def change_chart(results: list[MeasureResult]) -> str | None:
    """The change after vs before for each measure that has one, with its interval (0: no change)."""
    points = [Point(Truncator(item.measure.label).chars(45), item.change.value, item.change.lower, item.change.upper)
              for item in results if item.change is not None and item.change.value is not None]
    if not points:
        return None
    return interval_chart(points, title="Change after vs before, by measure",
                          axis_label="Change in percentage points (95% confidence interval)", reference=0,
                          percent=True)


EXPORT_COLUMNS = ["measure", "kind", "phase", "numerator", "denominator", "percent", "lower_95", "upper_95",
                  "symbol", "reading", "note"]


def _pct(value):
    return None if value is None else round(value * 100, 1)


def _row(figure: Figure | None) -> dict:
    if figure is None:
        return {"symbol": ":"}
    return {"numerator": figure.numerator, "denominator": figure.denominator, "percent": _pct(figure.value),
            "lower_95": _pct(figure.lower), "upper_95": _pct(figure.upper), "symbol": figure.symbol,
            "reading": figure.reading}


def export_rows(results: list[MeasureResult]):
    """Each measure's phase figures and its change, as flat rows ('c' where hidden, ':' where there is none)."""
    for item in results:
        base = {"measure": item.measure.label, "kind": item.measure.get_kind_display()}
        for phase in item.phases:
            yield {**base, "phase": phase.label, **_row(phase.figure), "note": phase.note}
        yield {**base, "phase": "Change after vs before (percentage points)", **_row(item.change),
               "numerator": None, "denominator": None, "note": item.change_note}
