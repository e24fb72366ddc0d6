"""Statistics: worked examples from published sources, and properties."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from star.analytics.stats import (
    Figure,
    Flags,
    benjamini_hochberg,
    byar_interval,
    chi_square_2x2,
    exact_poisson_interval,
    fisher_exact_2x2,
    funnel_limits_proportion,
    funnel_limits_ratio,
    katz_arrays,
    one_person_flip,
    poisson_interval,
    proportion,
    rate,
    rate_ratio,
    relative_likelihood,
    test_2x2,
    wilson_interval,
)

FAST = settings(max_examples=60, deadline=None)


# --- worked examples ------------------------------------------------------------------------

def test_wilson_7_of_50():
    # Issue 3 worked example; also Newcombe (1998) Stat Med 17:857, method 3 (Wilson score).
    f = proportion(7, 50)
    assert f.value == pytest.approx(0.14)
    assert f.lower == pytest.approx(0.069508, abs=5e-7)
    assert f.upper == pytest.approx(0.261862, abs=5e-7)
    assert f.method == "wilson"


def test_wilson_newcombe_81_of_263():
    # Newcombe (1998) Table II example (a): 81/263 -> Wilson 0.2553 to 0.3662.
    lo, hi = wilson_interval(81, 263)
    assert float(lo) == pytest.approx(0.2553, abs=5e-5)
    assert float(hi) == pytest.approx(0.3662, abs=5e-5)


def test_katz_10_of_75_vs_12_of_225():
    # Issue 3 worked example (Katz et al. 1978 log method).
    f = relative_likelihood(10, 75, 12, 225, group="White", comparator="Global Majority")
    assert f.value == pytest.approx(2.5)
    assert f.lower == pytest.approx(1.126156, abs=5e-7)
    assert f.upper == pytest.approx(5.549851, abs=5e-7)
    assert (f.group, f.comparator) == ("White", "Global Majority")
    assert (f.numerator, f.denominator, f.comparator_numerator, f.comparator_denominator) == (
        10, 75, 12, 225)


def test_exact_poisson_matches_garwood_table():
    # Garwood (1936) / standard tables of exact 95% Poisson limits.
    lo, hi = exact_poisson_interval([0, 1, 5, 9])
    np.testing.assert_allclose(lo, [0.0, 0.0253, 1.6235, 4.1154], atol=5e-4)
    np.testing.assert_allclose(hi, [3.6889, 5.5716, 11.6683, 17.0848], atol=5e-4)


def test_byar_close_to_exact_at_100():
    # Breslow & Day (1987): Byar's approximation is accurate; exact limits for 100 are
    # 81.364 to 121.627.
    lo, hi = byar_interval(100)
    assert float(lo) == pytest.approx(81.364, abs=0.01)
    assert float(hi) == pytest.approx(121.627, abs=0.01)


def test_rate_switches_method_at_10():
    assert rate(9, 1000).method == "exact_poisson"
    assert rate(10, 1000).method == "byar"
    f = rate(25, 20_000)
    assert f.value == pytest.approx(12.5)
    assert f.multiplier == 10_000
    lo, hi, _ = poisson_interval(25)
    assert f.lower == pytest.approx(float(lo) / 2) and f.upper == pytest.approx(float(hi) / 2)


def test_fisher_lady_tasting_tea():
    # Fisher (1935) The Design of Experiments: 3/1/1/3 -> two-sided p = 0.4857.
    assert float(fisher_exact_2x2(3, 1, 1, 3)) == pytest.approx(0.485714, abs=1e-6)


def test_benjamini_hochberg_1995_example():
    # Benjamini & Hochberg (1995) section 4.1: 15 p-values; at q = 0.05 the first 4 rejected.
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
         0.4262, 0.5719, 0.6528, 0.7590, 1.0000]
    adj, m = benjamini_hochberg(p)
    assert m == 15
    assert int((adj < 0.05).sum()) == 4
    assert (adj[:4] < 0.05).all()


def test_funnel_proportion_matches_dhsc_phstatsmethods():
    # DHSC PHStatsMethods test data (testdata_funnel_prop_outputs.csv): target 80.642448%.
    t = 0.80642448
    lim = funnel_limits_proportion(t, [3, 50, 1008])
    np.testing.assert_allclose(lim[0.95][0] * 100, [35.933491, 69.691035, 78.203374], atol=1e-5)
    np.testing.assert_allclose(lim[0.95][1] * 100, [100, 91.593861, 83.081521], atol=1e-5)
    np.testing.assert_allclose(lim[0.998][0] * 100, [10.150815, 63.375595, 76.796814], atol=1e-5)
    np.testing.assert_allclose(lim[0.998][1] * 100, [100, 97.909301, 84.488082], atol=1e-5)


def test_funnel_ratio_limits():
    e = np.array([2.0, 10.0, 100.0, 10_000.0])
    lim = funnel_limits_ratio(e, 1.0)
    lo95, hi95 = lim[0.95]
    lo998, hi998 = lim[0.998]
    assert (lo998 <= lo95).all() and (lo95 < 1).all() and (hi95 > 1).all() and (hi998 >= hi95).all()
    assert np.all(np.diff(hi95) < 0) and np.all(np.diff(lo95) > 0)  # funnel narrows
    # large expected counts approach the normal limits 1 +/- z/sqrt(E)
    assert hi95[-1] == pytest.approx(1 + 1.96 / 100, abs=2e-3)


# --- behaviour --------------------------------------------------------------------------

def test_zero_counts_never_crash_or_fake():
    f = relative_likelihood(0, 20, 5, 30)
    assert f.value == 0 and f.lower is None and f.upper is None
    assert {Flags.ZERO_COUNT, Flags.INTERVAL_UNDEFINED} <= f.flags
    g = relative_likelihood(5, 20, 0, 30)
    assert g.value is None and Flags.RATIO_INFINITE in g.flags
    h = relative_likelihood(0, 20, 0, 30)
    assert h.value is None and Flags.UNDEFINED in h.flags
    k = relative_likelihood(0, 0, 3, 10)
    assert k.value is None
    for fig in (f, g, h, k, proportion(0, 0), rate(0, 0)):
        json.dumps(fig.to_dict(), allow_nan=False)


def test_test_choice_fisher_when_expected_below_5():
    p, fisher = test_2x2([2, 40], [10, 100], [6, 60], [20, 100])
    assert fisher.tolist() == [True, False]
    assert float(p[1]) == pytest.approx(
        sps.chi2_contingency([[40, 60], [60, 40]], correction=False).pvalue)
    assert float(p[0]) == pytest.approx(sps.fisher_exact([[2, 8], [6, 14]]).pvalue)


def test_one_person_flip_spec_example():
    # 6 of 20 White vs 2 of 10 Global Majority: ratio 1.5; one more Global Majority
    # appointment gives 1.0.
    f = relative_likelihood(6, 20, 2, 10, group="White", comparator="Global Majority")
    assert Flags.FAILS_FOUR_FIFTHS in f.flags and Flags.ONE_PERSON_FLIP in f.flags
    big = relative_likelihood(60, 200, 20, 100)
    assert Flags.FAILS_FOUR_FIFTHS in big.flags and Flags.ONE_PERSON_FLIP not in big.flags
    ok = relative_likelihood(20, 100, 21, 100)
    assert Flags.FAILS_FOUR_FIFTHS not in ok.flags and Flags.ONE_PERSON_FLIP not in ok.flags


def test_figure_round_trip():
    f = relative_likelihood(10, 75, 12, 225)
    assert Figure.from_dict(json.loads(json.dumps(f.to_dict()))) == f


# --- properties ---------------------------------------------------------------------------

counts = st.integers(0, 400)


@FAST
@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_estimate(xn):
    x, n = xn
    f = proportion(x, n)
    assert f.lower <= f.value + 1e-12 and f.value <= f.upper + 1e-12
    assert 0 <= f.lower <= f.upper <= 1


@FAST
@given(st.integers(0, 300), st.integers(1, 10**6))
def test_rate_interval_contains_estimate(c, pop):
    f = rate(c, pop)
    assert f.lower <= f.value + 1e-9 <= f.upper + 2e-9


@FAST
@given(st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))),
       st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_ratio_symmetry_and_containment(g1, g2):
    (a, n1), (b, n2) = g1, g2
    ab, ba = relative_likelihood(a, n1, b, n2), relative_likelihood(b, n2, a, n1)
    assert ab.value * ba.value == pytest.approx(1.0)
    assert ab.lower == pytest.approx(1 / ba.upper) and ab.upper == pytest.approx(1 / ba.lower)
    assert ab.lower <= ab.value <= ab.upper
    assert ab.p_value == pytest.approx(ba.p_value)
    r1, r2 = rate_ratio(a, n1, b, n2), rate_ratio(b, n2, a, n1)
    assert r1.lower == pytest.approx(1 / r2.upper)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
def test_fisher_matches_scipy(a, b, c, d):
    assert float(fisher_exact_2x2(a, b, c, d)) == pytest.approx(
        sps.fisher_exact([[a, b], [c, d]]).pvalue, rel=1e-6, abs=1e-12)


@FAST
@given(st.integers(1, 200), st.integers(1, 200), st.integers(1, 200), st.integers(1, 200))
def test_chi_square_matches_scipy(a, b, c, d):
    expected = sps.chi2_contingency([[a, b], [c, d]], correction=False).pvalue
    assert float(chi_square_2x2(a, b, c, d)) == pytest.approx(expected, rel=1e-9)


@FAST
@given(st.lists(st.one_of(st.floats(0, 1), st.just(math.nan)), min_size=1, max_size=40))
def test_bh_properties(p):
    adj, m = benjamini_hochberg(p)
    arr = np.array(p)
    ok = np.isfinite(arr)
    assert m == ok.sum()
    assert (adj[ok] >= arr[ok] - 1e-15).all() and (adj[ok] <= 1).all()
    assert np.isnan(adj[~ok]).all()
    order = np.argsort(arr[ok])
    assert (np.diff(adj[ok][order]) >= -1e-15).all()  # monotone in p


@FAST
@given(st.integers(1, 60).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.integers(1, 60).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_one_person_flip_definition(g1, g2):
    (a, n1), (b, n2) = g1, g2
    flip = bool(one_person_flip(a, n1, b, n2))
    rr = float(katz_arrays(a, n1, b, n2)[0])
    if flip:
        assert not (0.8 <= rr <= 1.25)
        # verify by brute force on the smaller group
        moves = []
        if n1 <= n2:
            moves += [(a + d, b) for d in (-1, 1) if 0 <= a + d <= n1]
        if n2 <= n1:
            moves += [(a, b + d) for d in (-1, 1) if 0 <= b + d <= n2]
        assert any(bb > 0 and 0.8 <= (aa / n1) / (bb / n2) <= 1.25 for aa, bb in moves)
