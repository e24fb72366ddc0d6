"""Agreement between two raters on an ordered scale: percentage agreement and weighted Cohen's kappa.

Kappa and its asymptotic standard error (Fleiss, Cohen and Everitt, 1969) come from statsmodels; the
interval is kappa ± z·SE. Percentage agreement is a proportion with a Wilson interval.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from statsmodels.stats.inter_rater import cohens_kappa

from .stats import Figure, proportion, z_value

__all__ = ["Agreement", "agreement"]


@dataclass(frozen=True)
class Agreement:
    pairs: int
    percent: Figure  # proportion of pairs in exact agreement (Wilson interval)
    kappa: float | None
    lower: float | None
    upper: float | None
    weights: str
    reading: str


def _describe(kappa: float) -> str:
    """Landis and Koch's (1977) words for kappa."""
    for limit, words in ((0.0, "poor"), (0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial")):
        if kappa <= limit:
            return words
    return "almost perfect"


def agreement(pairs: Iterable[tuple[str, str]], *, scale: Sequence[str], weights: str = "linear",
              confidence: float = 0.95, minimum: int = 5) -> Agreement:
    """Agreement of (first rater, second rater) pairs of ratings on an ordered ``scale``.

    ``weights``: "linear" (Cicchetti-Allison), "quadratic" (Fleiss-Cohen) or "none" (unweighted).
    Fewer than ``minimum`` pairs: no kappa (too few to say anything), only the count.
    """
    index = {value: position for position, value in enumerate(scale)}
    table = np.zeros((len(scale), len(scale)))
    n = 0
    for first, second in pairs:
        table[index[first], index[second]] += 1
        n += 1
    agreed = int(np.trace(table))
    percent = proportion(agreed, n)
    if n < minimum:
        return Agreement(n, percent, None, None, None, weights,
                         f"Only {n} pair{'s' if n != 1 else ''} of ratings: too few to measure agreement.")
    wt = None if weights == "none" else {"linear": "linear", "quadratic": "quadratic"}[weights]
    result = cohens_kappa(table, wt=wt)
    kappa = float(result.kappa)
    if not np.isfinite(kappa):
        return Agreement(n, percent, None, None, None, weights,
                         f"The two raters agreed on {agreed} of {n} pairs; kappa is undefined because every "
                         "rating was the same.")
    half = z_value(confidence) * float(result.std_kappa)
    lower, upper = kappa - half, min(kappa + half, 1.0)
    reading = (f"The two raters gave the same rating {agreed} times out of {n} ({percent.value:.0%}). "
               f"Weighted kappa is {kappa:.2f} ({round(confidence * 100)}% confidence interval {lower:.2f} to "
               f"{upper:.2f}): {_describe(kappa)} agreement beyond chance.")
    return Agreement(n, percent, kappa, lower, upper, weights, reading)
