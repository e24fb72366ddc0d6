"""Weighted kappa against a published worked example, and percentage agreement."""

import pytest

from star.analytics import agreement

# Agresti's sexual-fun data (husband x wife ratings), the worked example of R's vcd::Kappa, whose
# documentation gives unweighted kappa 0.1293 (ASE 0.06860) and equal-spacing weighted kappa 0.2374
# (ASE 0.07832).
SCALE = ["never", "fairly", "very", "always"]
TABLE = [[7, 7, 2, 3], [2, 8, 3, 7], [1, 5, 4, 9], [2, 8, 9, 14]]


def pairs():
    for row, counts in enumerate(TABLE):
        for column, count in enumerate(counts):
            yield from [(SCALE[row], SCALE[column])] * count


def test_weighted_kappa_matches_the_published_example():
    result = agreement(pairs(), scale=SCALE, weights="linear")
    assert result.pairs == 91
    assert result.kappa == pytest.approx(0.2374, abs=5e-5)
    assert (result.upper - result.kappa) / 1.959964 == pytest.approx(0.07832, abs=5e-5)
    assert result.percent.numerator == 33


def test_unweighted_kappa_matches_the_published_example():
    assert agreement(pairs(), scale=SCALE, weights="none").kappa == pytest.approx(0.1293, abs=5e-5)


def test_too_few_pairs_give_no_kappa_and_perfect_agreement_reads_well():
    assert agreement([("met", "met")] * 3, scale=["met", "not_met"]).kappa is None
    perfect = agreement([("met", "met")] * 4 + [("not_met", "not_met")] * 4, scale=["met", "not_met"])
    assert perfect.kappa == pytest.approx(1.0)
    assert "almost perfect" in perfect.reading
