"""The high-level entry point: counts in, figures with intervals, flags, suppression out."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from star.analytics import Flags, SuppressionPolicy, compare_groups
from star.analytics.stats import relative_likelihood

from .attacker import attack_suppression

SPEC_READING = (
    "White applicants were 1.5 times as likely to be appointed from shortlisting as Global "
    "Majority applicants. With 10 Global Majority applicants this is not statistically "
    "significant, and one different decision would remove the gap.")


def test_spec_reading_and_direction():
    t = compare_groups([[12, 5]], [[40, 25]], groups=["White", "Global Majority"],
                       reference="White", direction="reference_vs_group",
                       subject="applicants", outcome="were appointed from shortlisting",
                       likely_to="be appointed from shortlisting",
                       policy=SuppressionPolicy(threshold=3))
    f = t.comparison(0, "Global Majority")
    assert (f.group, f.comparator) == ("White", "Global Majority")
    assert f.value == pytest.approx((12 / 40) / (5 / 25))
    # the spec's wording, from the scalar API with the spec's numbers
    g = relative_likelihood(6, 20, 2, 10, group="White", comparator="Global Majority")
    from star.analytics.reading import read_ratio
    assert read_ratio(g, subject="applicants", outcome="to be appointed from shortlisting") == SPEC_READING


def test_worked_example_through_table():
    t = compare_groups([10, 12], [75, 225], groups=["Global Majority", "White"], reference="White",
                       subject="staff", outcome="entered the formal disciplinary process")
    f = t.comparison(0, "Global Majority")
    assert f.value == pytest.approx(2.5)
    assert f.lower == pytest.approx(1.126156, abs=5e-7) and f.upper == pytest.approx(5.549851, abs=5e-7)
    assert f.tests == 1 and Flags.SIGNIFICANT in f.flags
    json.dumps(t.to_dict(), allow_nan=False)


def test_suppression_propagates_to_derived_figures():
    t = compare_groups([[3, 30, 40], [10, 20, 30]], [[40, 100, 120], [50, 60, 70]],
                       groups=["A", "B", "C"], reference="C", rows=["g1", "g2"])
    a = t.value("g1", "A")
    assert a.value is None and a.lower is None and a.symbol == "c" and Flags.SUPPRESSED in a.flags
    assert t.comparison("g1", "A").value is None
    assert "not shown" in a.reading
    assert attack_suppression(t.suppression) == {}
    # complement protection: 48 of 50 reveals 2 people without the outcome
    u = compare_groups([[48, 30, 40]], [[50, 100, 120]], groups=["A", "B", "C"], reference="C")
    assert u.value(0, "A").value is None


def test_many_comparisons_are_corrected():
    rng = np.random.default_rng(1)
    n = rng.integers(50, 200, size=(30, 6))
    x = rng.binomial(n, 0.3)
    t = compare_groups(x, n, groups=list("ABCDEF"), reference="A", policy=SuppressionPolicy(threshold=3))
    figs = [c for row in t.comparisons for c in row if c is not None and c.value is not None]
    assert t.tests == sum(1 for row in t.comparisons for c in row if c is not None
                          and c.p_value is not None)
    for f in figs:
        assert f.p_adjusted >= f.p_value - 1e-15
        assert (Flags.SIGNIFICANT in f.flags) == (f.p_adjusted < 0.05)


def test_rates_and_unknowns():
    t = compare_groups([[40, 25, 3, 8]], [[200_000, 50_000, 4_000, 9_000]],
                       groups=["White", "Black", "Mixed", "Asian"],
                       reference="White", measure="rate", unknown=[2], subject="children",
                       outcome="children in need")
    f = t.value(0, "Black")
    assert f.value == pytest.approx(5.0) and f.method == "byar"
    assert t.value(0, "Mixed").value is None  # 3 children: suppressed
    assert t.value(0, "Asian").value is None  # complementary suppression (total is shown)
    assert t.unknown == ("c",)
    assert t.comparison(0, "Black").measure == "rate_ratio"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=3, max_size=5))
def test_compare_groups_never_leaks(cells):
    x = [[a for a, _ in cells]]
    n = [[a + b for a, b in cells]]
    t = compare_groups(x, n, groups=[f"g{i}" for i in range(len(cells))], reference="g0")
    assert attack_suppression(t.suppression) == {}
    json.dumps(t.to_dict(), allow_nan=False)
