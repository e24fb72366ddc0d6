"""Figures: each phase's share with its interval, the change after vs before, suppression, survey answers
and statutory return counts."""

from datetime import date

import pytest

from star.analytics import difference_in_proportions
from star.evaluation import selectors, services
from star.evaluation.figures import NOT_ENOUGH

from .conftest import make_return, make_survey, review_for

pytestmark = pytest.mark.django_db

BEFORE = (date(2025, 9, 1), date(2025, 9, 30))
AFTER = (date(2026, 7, 1), date(2026, 7, 31))


def counted(intervention, lead, before, after, **fields):
    measure = services.measure_add(intervention=intervention, user=lead, kind="count", label="Members who feel safer",
                                   **fields)
    review_for(intervention, lead, "before", *BEFORE, counts={measure.pk: before})
    review_for(intervention, lead, "after", *AFTER, counts={measure.pk: after})
    return selectors.summary_for(intervention)["results"][0]


def test_before_vs_after_gives_newcombes_interval(intervention, lead):
    # Newcombe (1998) Stat Med 17:873, Table II, example (a): 56/70 - 48/80, method 10: 0.0524 to 0.3339.
    result = counted(intervention, lead, before=(48, 80), after=(56, 70))
    before, after = result.phase("before").figure, result.phase("after").figure
    assert (before.numerator, before.denominator, after.numerator, after.denominator) == (48, 80, 56, 70)
    assert round(after.lower, 4) == 0.6918 and round(after.upper, 4) == 0.877  # Wilson 95% for 56/70, by hand
    assert result.phase("during").figure is None and "Not recorded" in result.phase("during").note
    change = result.change
    assert round(change.value, 4) == 0.2 and (round(change.lower, 4), round(change.upper, 4)) == (0.0524, 0.3339)
    assert change.to_dict()["method"] == "newcombe_hybrid_score"
    assert result.change_note.startswith("After: 80.0%, compared with 60.0% before: 20 percentage points higher "
                                         "(95% confidence interval 5.2 to 33.4 points).")
    assert "statistically significant: an improvement" in result.change_note


def test_a_rise_when_lower_is_better_reads_as_a_change_for_the_worse(intervention, lead):
    result = counted(intervention, lead, before=(48, 80), after=(56, 70), higher_is_better=False)
    assert "a change for the worse" in result.change_note


def test_the_change_of_the_demo_support_group_is_the_analytics_figure(intervention, lead):
    result = counted(intervention, lead, before=(9, 17), after=(14, 18))
    expected = difference_in_proportions(14, 18, 9, 17)
    assert (result.change.value, result.change.lower, result.change.upper) == (
        expected.value, expected.lower, expected.upper)
    assert "not statistically significant" in result.change_note and "numbers are small" in result.change_note
    assert result.phase("before").figure.reading.startswith("9 of 17 counted (52.9%) were members who feel safer.")


def test_a_count_below_the_threshold_is_hidden_and_so_is_the_change(intervention, lead):
    result = counted(intervention, lead, before=(2, 4), after=(14, 18))
    before = result.phase("before")
    assert before.hidden and before.figure.value is None and before.figure.numerator is None
    assert before.figure.reading.startswith(NOT_ENOUGH)
    assert result.change.symbol == "c" and result.change.value is None
    assert "the change is not shown" in result.change_note


def test_survey_measures_count_agreeing_answers_in_the_review_period(intervention, lead):
    inside, outside = date(2025, 9, 10), date(2025, 10, 5)
    answers = [(inside, choice) for choice in ("5", "4", "4", "3", "2", "1", "")] + [(outside, "5")] * 3
    survey = make_survey(lead.organisation, answers=answers)
    services.measure_add(intervention=intervention, user=lead, kind="survey", label="Felt listened to",
                         survey=survey, question_key="listened-to")
    review = review_for(intervention, lead, "before", *BEFORE)
    (_measure, item), = selectors.review_figures(intervention, review)
    assert (item.figure.numerator, item.figure.denominator) == (3, 6)  # the blank answer is not an answer
    assert item.figure.reading.startswith("3 of 6 people who answered (50.0%) agreed.")
    assert "(7 responses)" in item.note


def test_survey_figures_are_hidden_below_the_surveys_anonymity_threshold(intervention, lead):
    survey = make_survey(lead.organisation, threshold=8,
                         answers=[(date(2025, 9, 10), "5")] * 7 + [(date(2026, 7, 10), "4")] * 9)
    services.measure_add(intervention=intervention, user=lead, kind="survey", label="Felt listened to",
                         survey=survey, question_key="listened-to")
    review_for(intervention, lead, "before", *BEFORE)
    review_for(intervention, lead, "after", *AFTER)
    result = selectors.summary_for(intervention)["results"][0]
    before, after = result.phase("before"), result.phase("after")
    assert before.hidden and "fewer than 8 people answered" in before.figure.reading
    assert "fewer than 8 responses" in before.note and "7" not in before.note
    assert not after.hidden and after.figure.numerator == 9
    assert result.change.symbol == "c"


def test_outcome_measures_read_the_share_of_children_who_are_global_majority(intervention, lead):
    organisation = lead.organisation
    organisation.global_majority_label = "Black, Asian and minority ethnic"
    organisation.save()
    make_return(organisation, year=2026, counts={"black_african": 60, "asian_bangladeshi": 20, "mixed_other": 10,
                                                 "other_arab": 10, "white_british": 100, "refused": 30,
                                                 "invalid": 5})
    make_return(organisation, year=2026, source="annexa", counts={"black_african": 999, "white_british": 1})
    make_return(organisation, year=2027, counts={"black_caribbean": 50, "white_other": 150})
    services.measure_add(intervention=intervention, user=lead, kind="outcome", label="Starting a CP plan",
                         stage="cp_plan", higher_is_better=False)
    review_for(intervention, lead, "before", date(2025, 9, 1), date(2026, 3, 31))
    review_for(intervention, lead, "after", date(2026, 7, 1), date(2026, 12, 31))
    result = selectors.summary_for(intervention)["results"][0]
    before, after = result.phase("before"), result.phase("after")
    assert (before.figure.numerator, before.figure.denominator) == (100, 200)  # unknown ethnicities left out
    assert "were Black, Asian and minority ethnic" in before.figure.reading
    assert before.note == "From the returns for 2025-26."
    assert (after.figure.numerator, after.figure.denominator) == (50, 200)
    assert "Black, Asian and minority ethnic" in result.description
    expected = difference_in_proportions(50, 200, 100, 200)
    assert result.change.value == expected.value and "an improvement" in result.change_note


def test_outcome_periods_in_the_same_collection_year_cannot_show_a_change(intervention, lead):
    make_return(lead.organisation, year=2026, counts={"black_african": 60, "white_british": 100})
    services.measure_add(intervention=intervention, user=lead, kind="outcome", label="CP plans", stage="cp_plan")
    review_for(intervention, lead, "before", BEFORE[0], BEFORE[1])
    review_for(intervention, lead, "during", date(2025, 11, 1), date(2025, 11, 30))
    review_for(intervention, lead, "after", date(2026, 1, 1), date(2026, 6, 30))
    result = selectors.summary_for(intervention)["results"][0]
    assert result.change is None and "same year's returns" in result.change_note
    assert "No return counting this stage has been imported for 2026-27 yet." in result.phase("after").note


def test_the_summary_lists_perspectives_gathered_missing_and_never_gathered_and_the_lessons(intervention, lead):
    review_for(intervention, lead, "before", *BEFORE, perspectives=["staff", "global_majority_staff"],
               perspectives_missing="We did not hear from agency staff.", changes="Invite agency staff.")
    review_for(intervention, lead, "after", *AFTER, perspectives=["staff", "leaders"], changes="Keep going.")
    summary = selectors.summary_for(intervention)
    assert dict(summary["gathered"]) == {"Staff": ["Before", "After"], "Global Majority staff": ["Before"],
                                         "Leaders": ["After"]}
    assert summary["never_gathered"] == ["Children and young people", "Parents and carers", "Foster carers",
                                         "Partner agencies", "Community groups"]
    assert summary["missing"] == [("Before", "We did not hear from agency staff.")]
    assert summary["lessons"] == [("Before", "Invite agency staff."), ("After", "Keep going.")]
