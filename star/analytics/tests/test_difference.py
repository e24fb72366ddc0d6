"""Difference of two proportions: Newcombe's hybrid score interval (Newcombe 1998, method 10)."""

import json

import numpy as np
import pytest

from star.analytics import Flags
from star.analytics.reading import read_difference
from star.analytics.stats import difference_arrays, difference_in_proportions


def test_newcombe_1998_worked_example():
    # Newcombe (1998) Stat Med 17:873, Table II example (a), method 10: 56/70 - 48/80.
    d, lo, hi = difference_arrays(56, 70, 48, 80)
    assert float(d) == pytest.approx(0.2)
    assert float(lo) == pytest.approx(0.0524, abs=5e-5)
    assert float(hi) == pytest.approx(0.3339, abs=5e-5)


def test_newcombe_zero_denominator_and_boundaries():
    d, lo, hi = difference_arrays([0, 5, 3], [0, 5, 10], [1, 0, 3], [4, 5, 10])
    assert np.isnan(d[0]) and np.isnan(lo[0])
    assert d[1] == 1.0 and hi[1] == pytest.approx(1.0) and 0 < lo[1] < 1
    assert d[2] == 0 and lo[2] < 0 < hi[2]


def test_difference_figure_and_reading():
    fig = difference_in_proportions(56, 70, 48, 80, group="senior leaders",
                                    comparator="the whole workforce")
    assert fig.measure == "difference" and fig.method == "newcombe_hybrid_score"
    assert fig.has(Flags.SIGNIFICANT)
    text = read_difference(fig, subject="Global Majority staff")
    assert text.startswith("Global Majority staff made up 80.0% of senior leaders, compared "
                           "with 60.0% of the whole workforce: 20 percentage points higher")
    assert "(95% confidence interval 5.2 to 33.4 points)" in text
    json.dumps(fig.to_dict(), allow_nan=False)


# --- standards ----------------------------------------------------------------------------------
