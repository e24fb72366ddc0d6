"""Rules that must always hold, whatever the data: checked with Hypothesis."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from star.core.models import DataImport, PopulationEstimate
from star.outcomes.cube import Cube
from star.outcomes.report import POLICY, build_report, returns_for
from star.outcomes.stages import AGE_BANDS, SEXES, STAGE_IDS, TRANSITIONS

from .helpers import make_population, make_return

ETHNICITIES = ["white_british", "white_other", "black_african", "black_caribbean", "asian_indian",
               "mixed_white_black_caribbean", "other_any", "refused", "not_obtained", "invalid"]
child = st.fixed_dictionaries({
    "ethnicity": st.sampled_from(ETHNICITIES), "age_band": st.sampled_from(AGE_BANDS), "sex": st.sampled_from(SEXES),
    "stages": st.sets(st.sampled_from(STAGE_IDS), min_size=1)})


@given(st.lists(child, max_size=60))
def test_the_cube_counts_each_child_once_per_stage_and_transitions_never_exceed_their_stage(children):
    cube = Cube()
    for record in children:
        cube.add_child(**record)
    totals = cube.stage_totals()
    assert cube.children == len(children)
    for stage in STAGE_IDS:
        assert totals[stage] == sum(stage in record["stages"] for record in children)
    for (before, after, ethnicity), count in cube.transitions.items():
        assert (before, after) in TRANSITIONS
        at_before = sum(n for (stage, eth, *_), n in cube.cells.items() if stage == before and eth == ethnicity)
        assert 0 < count <= at_before


counts = st.dictionaries(st.sampled_from(ETHNICITIES), st.integers(min_value=0, max_value=40), min_size=1)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(referral=counts, assessment=counts, level=st.sampled_from(["broad", "detailed"]),
       reference=st.sampled_from(["white", "white_british"]))
def test_no_published_count_is_below_the_threshold(organisation, referral, assessment, level, reference):
    DataImport.objects.all().delete()
    PopulationEstimate.objects.all().delete()
    make_population(counts={key: 5_000 for key in ETHNICITIES[:7]})
    make_return(organisation, cells={"referral": referral, "assessment": assessment},
                transitions={("referral", "assessment"): {key: min(n, referral.get(key, 0))
                                                          for key, n in assessment.items()}})
    report = build_report(returns_for([organisation]), area="E09000001", level=level, reference=reference)
    for stage in report["stages"]:
        if stage["unknown_ethnicity"] and stage["unknown_ethnicity"]["count"] is not None:
            assert not 0 < stage["unknown_ethnicity"]["count"] < POLICY.threshold
        for group in stage["groups"]:
            if group["count"] is not None:
                assert not 0 < group["count"] < POLICY.threshold, group
            else:
                assert group["symbol"] == "c"
                assert group["rate_per_10000"]["value"] is None
                assert group["rri"]["value"] is None or "reference" in group["rri"]["flags"]  # the reference is 1
            for figure in (group["rri"], group["conditional_rri"]):
                if figure and figure["value"] is not None and "reference" not in figure["flags"]:
                    assert figure["ci_low"] is None or figure["ci_low"] <= figure["value"] <= figure["ci_high"]
