"""The demo tells the evaluation story: three interventions, honest reviews, before vs after with intervals."""

import io

import pytest

from star.core.demo import demo_build
from star.evaluation import selectors
from star.evaluation.models import Intervention

pytestmark = pytest.mark.django_db


def test_the_demo_interventions_and_their_summaries():
    demo_build(seed=5, size="council", stdout=io.StringIO())
    interventions = {item.kind: item for item in Intervention.objects.filter(organisation__slug="northbridge")}
    assert set(interventions) == {"support_group", "practice_pilot", "systems_work"}

    group = selectors.summary_for(interventions["support_group"])
    (safer,) = group["results"]
    assert [phase.figure.numerator for phase in safer.phases] == [9, 12, 14]
    assert "not statistically significant" in safer.change_note and safer.change.lower < 0 < safer.change.upper

    pilot = selectors.summary_for(interventions["practice_pilot"])
    kinds = [result.measure.kind for result in pilot["results"]]
    assert kinds == ["survey", "outcome"]  # the feedback demo made the parents and carers survey
    survey, outcome = pilot["results"]
    assert survey.change is not None and survey.phase("before").figure.denominator >= 5
    assert outcome.phase("before").figure.value is not None and "2026-27" in outcome.phase("after").note
    assert any("fathers" in text for _, text in pilot["missing"])

    work = interventions["systems_work"]
    assert work.status == "running" and set(selectors.reviews_of(work)) == {"before", "during"}
    assert "schools" in work.partners and "NHS" in work.partners
