"""Writes: interventions, measures, one review per phase, counts and periods that make sense."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from star.core.tests.factories import OrganisationFactory
from star.evaluation import services
from star.evaluation.models import CountEntry, Measure, Review

from .conftest import intervention_for, make_survey, review_for

pytestmark = pytest.mark.django_db


def test_an_intervention_is_recorded_and_changed(intervention, lead):
    assert intervention.owner == lead and intervention.organisation == lead.organisation
    services.intervention_update(intervention=intervention, user=lead, title="  Support group  ", kind="support_group",
                                 purpose="Space", intended_outcomes="Safer", starts_on=date(2025, 9, 1),
                                 indicator_keys=["evaluate-1", "evaluate-2", "evaluate-1"], status="finished")
    intervention.refresh_from_db()
    assert intervention.title == "Support group" and intervention.status == "finished"
    assert intervention.indicator_keys == ["evaluate-1", "evaluate-2"] and intervention.ends_on is None


@pytest.mark.parametrize(("fields", "message"), [
    ({"ends_on": date(2025, 8, 1)}, "must end on or after the day it starts"),
    ({"indicator_keys": ["not-an-indicator"]}, "not indicators of the current STAR framework: not-an-indicator"),
    ({"title": " "}, "Enter the intervention's title"),
    ({"status": "paused"}, "planned, running or finished"),
])
def test_an_intervention_that_does_not_make_sense_is_refused(framework, lead, fields, message):
    with pytest.raises(ValidationError, match=message):
        intervention_for(lead, **fields)


def test_only_people_who_run_interventions_record_them(framework, make_user, intervention):
    manager = make_user("manager")
    with pytest.raises(PermissionDenied):
        intervention_for(manager)
    with pytest.raises(PermissionDenied):
        services.measure_add(intervention=intervention, user=manager, kind="count", label="Members")


def test_one_review_per_phase(intervention, lead):
    review_for(intervention, lead, "before", date(2025, 9, 1), date(2025, 9, 30))
    with pytest.raises(ValidationError, match="already a before review of this intervention"):
        review_for(intervention, lead, "before", date(2025, 10, 1), date(2025, 10, 31))
    assert Review.objects.filter(intervention=intervention).count() == 1


def test_review_periods_are_in_order_and_phases_do_not_overlap(intervention, lead):
    with pytest.raises(ValidationError, match="end of the review period must be on or after its start"):
        review_for(intervention, lead, "before", date(2025, 9, 30), date(2025, 9, 1))
    review_for(intervention, lead, "during", date(2026, 1, 1), date(2026, 1, 31))
    with pytest.raises(ValidationError, match=r"after review's period must start after the during review's period "
                                              r"ends \(31 January 2026\)"):
        review_for(intervention, lead, "after", date(2026, 1, 15), date(2026, 2, 28))
    with pytest.raises(ValidationError, match="before review's period must end before the during review's period"):
        review_for(intervention, lead, "before", date(2025, 12, 1), date(2026, 1, 1))
    review_for(intervention, lead, "before", date(2025, 9, 1), date(2025, 12, 31))


def test_counts_are_recorded_with_the_review_and_a_number_above_its_total_is_refused(intervention, lead):
    measure = services.measure_add(intervention=intervention, user=lead, kind="count", label="Members who feel safer")
    with pytest.raises(ValidationError, match=r"Members who feel safer: the number \(19\) cannot be more than the "
                                              r"total \(18\)"):
        review_for(intervention, lead, "after", date(2026, 7, 1), date(2026, 7, 31), counts={measure.pk: (19, 18)})
    assert not Review.objects.exists()
    with pytest.raises(ValidationError, match="enter both the number and the total"):
        review_for(intervention, lead, "after", date(2026, 7, 1), date(2026, 7, 31), counts={measure.pk: (3, None)})
    review = review_for(intervention, lead, "after", date(2026, 7, 1), date(2026, 7, 31),
                        counts={measure.pk: (14, 18)})
    entry = CountEntry.objects.get(measure=measure, phase="after")
    assert (entry.numerator, entry.denominator) == (14, 18)
    services.review_update(review=review, user=lead, period_start=review.period_start, period_end=review.period_end,
                           expected="x", happened="y", counts={measure.pk: (None, None)})
    assert not CountEntry.objects.exists()


def test_a_review_needs_what_was_expected_and_what_happened(intervention, lead):
    with pytest.raises(ValidationError, match="Say what happened"):
        review_for(intervention, lead, "before", date(2025, 9, 1), date(2025, 9, 30), happened="  ")


def test_survey_measures_need_an_open_or_closed_survey_of_the_organisation_and_a_likert_question(intervention, lead):
    organisation = lead.organisation
    survey = make_survey(organisation)
    measure = services.measure_add(intervention=intervention, user=lead, kind="survey", label="Felt listened to",
                                   survey=survey, question_key="listened-to", stage="cp_plan")
    assert (measure.survey, measure.question_key, measure.stage) == (survey, "listened-to", "")
    with pytest.raises(ValidationError, match="agree-or-disagree question"):
        services.measure_add(intervention=intervention, user=lead, kind="survey", label="Went well", survey=survey,
                             question_key="went-well")
    with pytest.raises(ValidationError, match="is a draft"):
        services.measure_add(intervention=intervention, user=lead, kind="survey", label="x", question_key="listened-to",
                             survey=make_survey(organisation, status="draft", title="Draft"))
    with pytest.raises(ValidationError, match="Choose a survey of your organisation"):
        services.measure_add(intervention=intervention, user=lead, kind="survey", label="x", question_key="listened-to",
                             survey=make_survey(OrganisationFactory(), title="Elsewhere"))


def test_outcome_measures_need_a_stage_and_a_measure_that_stops_counting_loses_its_counts(intervention, lead):
    with pytest.raises(ValidationError, match="Choose a stage"):
        services.measure_add(intervention=intervention, user=lead, kind="outcome", label="CP plans", stage="jail")
    measure = services.measure_add(intervention=intervention, user=lead, kind="count", label="Members")
    review_for(intervention, lead, "before", date(2025, 9, 1), date(2025, 9, 30), counts={measure.pk: (9, 17)})
    services.measure_update(measure=measure, user=lead, kind="outcome", label="CP plans", stage="cp_plan",
                            higher_is_better=False)
    measure.refresh_from_db()
    assert measure.stage == "cp_plan" and not measure.higher_is_better and not measure.counts.exists()
    services.measure_remove(measure=measure, user=lead)
    assert not Measure.objects.exists()
