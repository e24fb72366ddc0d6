"""Workforce measures on small arrays with hand-computed answers (no database)."""

import json
import math

import numpy as np
import pytest

from star.analytics import SuppressionPolicy, TwoGroup
from star.analytics.stats import difference_in_proportions
from star.workforce import measures as M

GROUPS = M.Groups()


# --- Newcombe's hybrid score interval (added to star.analytics.stats) -------------------------

def test_standard_directions_and_numbers():
    sc, nhs = M.get_standard("sc-wres"), M.get_standard("nhs-wres")
    assert sc.direction("appointment_from_shortlisting") == M.COMPARISON_VS_REFERENCE
    assert nhs.direction("appointment_from_shortlisting") == M.REFERENCE_VS_COMPARISON
    assert nhs.direction("development_access") == M.REFERENCE_VS_COMPARISON
    assert nhs.direction("disciplinary_entry") == M.COMPARISON_VS_REFERENCE
    assert sc.reference("fitness_to_practise_entry") == "SC-WRES indicator 4"
    assert nhs.reference("fitness_to_practise_entry") is None
    assert nhs.reference("development_access") == "NHS WRES indicator 4"
    assert M.standard_references("leadership_vs_workforce") == {
        "sc-wres": "SC-WRES indicator 9", "nhs-wres": "NHS WRES indicator 9"}
    with pytest.raises(ValueError):
        M.get_standard("wres")


# --- coding and counting ----------------------------------------------------------------------

def test_code_groups_default_and_white_british():
    keys = ["white_british", "white_other", "black_african", "refused", "not_obtained",
            "white_unspecified", "mystery"]
    assert M.code_groups(keys).tolist() == [0, 0, 1, 2, 2, 0, 3]
    wb = TwoGroup.white_british()
    assert M.code_groups(keys, wb).tolist() == [0, 1, 1, 2, 2, 3, 3]


def test_code_broad_and_labels():
    assert M.code_broad(["asian_indian", "white_irish", "other_arab", "refused", "x"]).tolist() \
        == [0, 3, 4, 5, 6]
    labels, codes = M.code_labels(["PO1", "Scale 4", "PO1", ""], order=[8, 4, 8, 1])
    assert labels == ["Not recorded", "Scale 4", "PO1"]
    assert codes.tolist() == [2, 1, 2, 0]


def test_crosstab_match_keys_windows():
    assert M.crosstab([0, 1, 1, 1], [1, 0, 1, 1], 2, 2).tolist() == [[0, 1], [1, 2]]
    assert M.crosstab([0, 1, 1], [0, 0, 1], 2, 2, weights=[True, False, True]).tolist() == \
        [[1, 0], [0, 1]]
    idx = M.match_keys(np.array(["c", "a", "b"]), np.array(["a", "z", "c", "a"]))
    assert idx.tolist() == [1, -1, 0, 1]
    assert M.people_with(idx, 3, [True, True, False, True]).tolist() == [False, True, False]
    d = np.array(["2025-03-31", "2025-04-01", "2026-03-31", "NaT"], dtype="datetime64[D]")
    assert M.in_window(d, "2025-03-31", "2026-03-31").tolist() == [False, True, True, False]


# --- relative likelihood ----------------------------------------------------------------------

def _outcome(standard="sc-wres", indicator="appointment_from_shortlisting"):
    # Global Majority: 10 of 75 appointed; White: 12 of 225; 7 unknown ethnicity shortlisted.
    group = np.array([1] * 75 + [0] * 225 + [2] * 7)
    out = np.zeros(group.size, bool)
    out[:10] = True
    out[75:87] = True
    ind = M.outcome_indicator(indicator, "t", standard=M.get_standard(standard), groups=GROUPS,
                              group=group, denominator=np.ones(group.size, bool), outcome=out,
                              subject="shortlisted applicants", outcome_text="were appointed",
                              likely_to="be appointed from shortlisting")
    M.correct_family(ind.tests)
    return ind.to_dict()


def test_outcome_relative_likelihood_hand_computed():
    d = _outcome()
    # Katz: RR = (10/75)/(12/225) = 2.5; SE = sqrt(1/10 - 1/75 + 1/12 - 1/225) = 0.40752
    assert d["ratio"]["value"] == pytest.approx(2.5)
    assert d["ratio"]["ci_low"] == pytest.approx(1.126156, abs=1e-6)
    assert d["ratio"]["ci_high"] == pytest.approx(5.549851, abs=1e-6)
    assert d["ratio"]["group"] == "Global Majority" and d["ratio"]["comparator"] == "White"
    assert d["ratio"]["four_fifths_ratio"] == pytest.approx(0.4)
    assert "fails_four_fifths" in d["ratio"]["flags"]
    assert d["ratio"]["tests"] == 1 and d["ratio"]["p_adjusted"] == d["ratio"]["p_value"]
    comp = next(c for c in d["counts"] if c["role"] == "comparison")
    assert (comp["count"], comp["denominator"]) == (10, 75)
    assert comp["percent"] == pytest.approx(13.3333, abs=1e-4)
    assert d["unknown_ethnicity"] == 7
    assert d["reading"].startswith("Global Majority shortlisted applicants were 2.5 times as "
                                   "likely to be appointed from shortlisting as White")


def test_nhs_wres_flips_ratio_and_reference():
    d = _outcome("nhs-wres")
    assert d["direction"] == M.REFERENCE_VS_COMPARISON
    assert d["ratio"]["value"] == pytest.approx(0.4)
    assert d["ratio"]["group"] == "White" and d["ratio"]["comparator"] == "Global Majority"
    assert d["numerator_group"] == "White"
    # disciplinary keeps BME relative to White in the NHS WRES
    assert _outcome("nhs-wres", "disciplinary_entry")["ratio"]["value"] == pytest.approx(2.5)


def test_outcome_small_group_suppressed_with_complement():
    group = np.array([1] * 3 + [0] * 50)
    out = np.zeros(group.size, bool)
    out[0] = True
    out[3:13] = True
    ind = M.outcome_indicator("leaving", "t", standard=M.SC_WRES, groups=GROUPS, group=group,
                              denominator=np.ones(group.size, bool), outcome=out,
                              subject="staff", outcome_text="left", likely_to="leave")
    M.correct_family(ind.tests)
    d = ind.to_dict()
    comp = next(c for c in d["counts"] if c["role"] == "comparison")
    assert comp["count"] == "c" and comp["percent"] is None
    assert d["ratio"]["value"] is None and d["ratio"]["symbol"] == "c"
    assert "not shown" in d["reading"]


def test_correct_family_is_one_bh_family():
    a = M.Tests(np.array([0.01, 0.04]), np.zeros(2, bool))
    b = M.Tests(np.array([0.03, np.nan]), np.zeros(2, bool))
    assert M.correct_family([a, b]) == 3
    # sorted 0.01, 0.03, 0.04: 0.01*3/1 = 0.03; 0.03*3/2 = 0.045 -> min with 0.04 = 0.04
    assert a.p_adj.tolist() == pytest.approx([0.03, 0.04])
    assert b.p_adj[0] == pytest.approx(0.04) and np.isnan(b.p_adj[1])


# --- disclosure control over linked views -----------------------------------------------------

def test_protect_blocks_secondary_in_parent_column():
    leaves = ("ref", "comp")
    overall = M.Block(np.array([[40, 23]]), leaves)
    rows = M.Block(np.array([[20, 3], [20, 20]]), leaves, parent=0)
    p0, p1 = M.protect_blocks([overall, rows], SuppressionPolicy())
    assert p1.masks["comp"].tolist() == [True, True]  # 3 is primary; 20 its complement
    assert not p0.masks["comp"][0] and not p1.masks["ref"].any()


# --- representation ---------------------------------------------------------------------------

def _workforce(n_white=600, n_gm=400, seed=3):
    rng = np.random.default_rng(seed)
    group = np.array([0] * n_white + [1] * n_gm + [2] * 30)
    broad = np.where(group == 0, 3, np.where(group == 1, rng.integers(0, 3, group.size), 5))
    grade = np.where(group == 1, rng.integers(0, 2, group.size), rng.integers(0, 3, group.size))
    tier = np.where(grade == 2, rng.integers(0, 3, group.size), 3)
    svc = rng.integers(0, 2, group.size)
    return M.Workforce(group, broad, M.Breakdown("by_grade", grade, ["G1", "G2", "G3"]),
                       M.Breakdown("by_service", svc, ["East", "West"]), tier)


def test_representation_gap_is_newcombe_difference():
    wf = _workforce()
    inds = M.representation_indicators(wf, standard=M.SC_WRES, groups=GROUPS,
                                       two_group=TwoGroup())
    M.correct_family([t for i in inds for t in i.tests])
    rep, lead, pop = (i.to_dict() for i in inds)
    g1 = rep["by_grade"][0]
    x, n = g1["counts"]["Global Majority"], g1["counts"]["Global Majority"] + \
        g1["counts"]["White"]
    want = difference_in_proportions(x, n, 400, 1000)
    assert g1["gap"]["value"] == pytest.approx(want.value * 100, abs=1e-3)
    assert g1["gap"]["ci_low"] == pytest.approx(want.lower * 100, abs=1e-3)
    # nobody from the comparison group is in G3, so leadership has no Global Majority staff
    assert lead["counts"]["Global Majority"] == 0
    assert lead["gap"]["value"] == pytest.approx(-40.0)
    assert [r["tier"] for r in lead["by_tier"]] == ["senior", "middle", "first_line", "all"]
    assert lead["by_broad_group"][3]["groups"][5]["group"] == "Unknown"
    assert pop["status"] == "no population data" and pop["gap"] is None
    assert "no resident population data" in pop["reading"]
    json.dumps([rep, lead, pop], allow_nan=False)


def test_population_comparison():
    pop = M.population_counts(["white_british", "black_african", "refused"], [700, 300, 50],
                              TwoGroup())
    assert pop == {"reference": 700, "comparison": 300, "known": 1000, "unknown": 50}
    ind = M.population_indicator(M.SC_WRES, GROUPS, 20, 100, False, pop, "test", "GM staff")
    M.correct_family(ind.tests)
    d = ind.to_dict()
    assert d["status"] == "ok" and d["population"]["percent"] == 30.0
    assert d["gap"]["value"] == pytest.approx(-10.0)


# --- pay gap (DBT 2023) -----------------------------------------------------------------------

WHITE_PAY = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]  # mean 14.5, median 14.5
GM_PAY = [8, 9, 10, 11, 12, 13, 14, 15, 16, 27]  # mean 135/10 = 13.5, median (12+13)/2 = 12.5


def _pay(gm_pay=GM_PAY, unknown=0):
    pay = np.array(WHITE_PAY + gm_pay + [20.0] * unknown, float)
    group = np.array([0] * 10 + [1] * len(gm_pay) + [2] * unknown)
    broad = np.where(group == 0, 3, np.where(group == 1, 1, 5))
    bonus = np.zeros(pay.size)
    bonus[[0, 1, 10]] = [100, 300, 50]  # two White staff and one Global Majority
    ind = M.pay_gap(pay, bonus, group, broad, groups=GROUPS, standard=M.SC_WRES)
    return ind.to_dict()


def test_pay_gap_worked_example():
    d = _pay()
    gm = d["groups"][0]
    assert gm["group"] == "Global Majority" and not gm["suppressed"]
    # mean gap = (14.5 - 13.5) / 14.5 x 100 = 6.8966; median gap = (14.5 - 12.5) / 14.5 x 100
    assert gm["mean_gap"] == pytest.approx(6.8966, abs=1e-4)
    assert gm["median_gap"] == pytest.approx(13.7931, abs=1e-4)
    # % receiving a bonus: White 2 of 10, Global Majority 1 of 10; bonus gaps need 10 recipients
    assert d["reference"]["percent_receiving_bonus"] == 20.0
    assert gm["percent_receiving_bonus"] == 10.0
    assert gm["bonus_mean_gap"] is None and gm["bonus_median_gap"] is None
    assert d["minimum_group_size"] == 10
    assert gm["reading"] == ("The median hourly pay of Global Majority staff is 13.8% lower "
                             "than that of White staff.")
    assert [g["group"] for g in d["groups"]] == [
        "Global Majority", "Black, Black British, Black Welsh, Caribbean or African"]
    assert len(d["quarters"]) == 4
    # quarters of 5 out of 20: every group count is under 10, so all are suppressed
    assert d["quarters"][0]["groups"]["Global Majority"]["count"] == "c"


def test_pay_quarters_are_equal_sized_in_pay_order():
    # ties keep input order; 20 people -> quarters of 5
    q = M.quarter_index(np.array(WHITE_PAY + GM_PAY + [np.nan], float))
    assert q[-1] == -1
    assert np.bincount(q[:-1]).tolist() == [5, 5, 5, 5]
    lower = sorted(np.flatnonzero(q == 0).tolist())
    assert lower == [0, 1, 10, 11, 12]  # pays 10, 11 (White) and 8, 9, 10 (Global Majority)
    assert q[19] == 3  # the highest pay (27) is in the upper quarter


def test_pay_gap_small_group_suppressed():
    d = _pay(gm_pay=GM_PAY[:9])
    gm = d["groups"][0]
    assert gm["suppressed"] and gm["symbol"] == "c"
    assert gm["mean_gap"] is None and gm["median_gap"] is None and gm["employees"] == "c"
    assert "fewer than 10 people" in gm["reading"]


def test_pay_gap_not_disclosing():
    d = _pay(unknown=5)  # 5 of 25 not disclosed
    assert d["percent_not_disclosing"] == 20.0 and d["not_disclosing"] == 5
    assert _pay(unknown=2)["not_disclosing"] == "c"


# --- trend ------------------------------------------------------------------------------------

def test_trend_known_slope():
    # leadership 10%, 12%, ... 18% Global Majority against 30% of the workforce:
    # gaps -20, -18, -16, -14, -12 points, so the slope is exactly +2 points a year.
    t = M.leadership_trend([0, 1, 2, 3, 4], [1000, 1200, 1400, 1600, 1800], [10000] * 5,
                           [30000] * 5, [100000] * 5, groups=GROUPS)
    assert [p["gap"] for p in t["points"]] == pytest.approx([-20, -18, -16, -14, -12])
    assert t["slope"] == pytest.approx(2.0)
    assert t["slope_ci_low"] == pytest.approx(2.0) and t["slope_ci_high"] == pytest.approx(2.0)
    assert t["reading"] == ("The gap narrowed by about 2 percentage points a year; at this rate "
                            "it would close in about 6 years.")


def test_trend_noisy_and_short():
    t = M.leadership_trend([0, 1, 2, 3], [20, 26, 19, 25], [100] * 4, [300] * 4, [1000] * 4,
                           groups=GROUPS)
    assert t["slope_ci_low"] < 0 < t["slope_ci_high"]
    assert "not clear" in t["reading"] and "a year;" not in t["reading"]
    short = M.leadership_trend([0, 1], [20, 25], [100, 100], [300, 300], [1000, 1000],
                               groups=GROUPS)
    assert short["slope"] is None and "three snapshots" in short["reading"]


def test_trend_widening_and_suppressed_point():
    t = M.leadership_trend([0, 1, 2, 3], [3, 1800, 1600, 1400], [10000] * 4, [30000] * 4,
                           [100000] * 4, groups=GROUPS)
    assert t["points"][0]["symbol"] == "c" and t["points_used"] == 3
    assert t["reading"].startswith("The gap widened by about 2 percentage points a year")
    assert math.isfinite(t["slope"])


def test_headline_is_never_hidden_to_publish_a_breakdown():
    from star.analytics import SuppressionPolicy
    from star.workforce.measures import Block, _protect_keeping_headline

    leaves = ("x_ref", "y_ref", "x_comp", "y_comp", "unknown")
    sums = {"n_ref": ("x_ref", "y_ref"), "n_comp": ("x_comp", "y_comp")}
    # 12 services of 1 or 2 people each: every service cell is hidden, the headline never is.
    services = np.array([[1, 2, 1, 1, 0], [2, 1, 1, 2, 0], [1, 1, 2, 1, 0]] * 4)
    headline = services.sum(axis=0)[None, :]
    blocks = [Block(headline, leaves, sums), Block(services, leaves, sums, parent=0)]
    protected = _protect_keeping_headline(blocks, SuppressionPolicy(), leaves[:4])
    assert not any(bool(protected[0].masks[name][0]) for name in leaves[:4])
