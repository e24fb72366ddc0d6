"""Equality statistics, vectorised over whole tables.

Every ``*_arrays`` function takes numpy-broadcastable arrays and returns arrays (NaN/inf
where a figure is undefined; never raises on zeros). The scalar helpers (``proportion``,
``rate``, ``relative_likelihood``, ``rate_ratio``) return one immutable :class:`Figure`.

Methods and sources
-------------------
* Proportion: Wilson score interval. Wilson E.B. (1927) "Probable inference, the law of
  succession, and statistical inference", JASA 22:209-212. (Also PHE/OHID "Technical guide:
  confidence intervals", the method used in Fingertips indicators.)
* Rate (per 10,000 or any multiplier): exact Poisson interval (Garwood 1936, via chi-square
  quantiles) for counts under 10 and Byar's approximation (Breslow & Day 1987, vol. II) from
  10 up, as in the PHE "Technical guide: confidence intervals" and the PHEindicatormethods
  package.
* Difference of two independent proportions: Newcombe's hybrid score interval (method 10),
  built from the two Wilson intervals. Newcombe R.G. (1998) "Interval estimation for the
  difference between independent proportions", Stat Med 17:873-890.
* Relative likelihood (risk ratio of two proportions): Katz log interval. Katz D. et al.
  (1978) "Obtaining confidence intervals for the risk ratio in cohort studies", Biometrics
  34:469-474. Rate ratio of two Poisson rates: log method, SE = sqrt(1/a + 1/b).
* 2x2 test: Fisher's exact test (two-sided, summing tables no more probable than the one
  observed, relative tolerance 1e-7 as in R's ``fisher.test``) when any expected cell is
  under 5, otherwise Pearson's chi-square without continuity correction.
* Multiple comparisons: Benjamini Y. & Hochberg Y. (1995) "Controlling the false discovery
  rate", JRSS B 57:289-300 (step-up adjusted p-values).
* Four-fifths rule: US EEOC Uniform Guidelines on Employee Selection Procedures (1978),
  29 CFR 1607.4(D); the symmetric band 0.8-1.25 is used so direction does not matter.
* Funnel plots: Spiegelhalter D.J. (2005) "Funnel plots for comparing institutional
  performance", Stat Med 24:1185-1202. Proportions: target +/- z*sqrt(target(1-target)/n)
  (the score limits; identical to PHE's Wilson-based funnel). Ratios (observed/expected):
  exact Poisson quantiles with Spiegelhalter's interpolation.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy import stats as _st

__all__ = [
    "Figure",
    "Flags",
    "benjamini_hochberg",
    "byar_interval",
    "chi_square_2x2",
    "difference_arrays",
    "difference_in_proportions",
    "exact_poisson_interval",
    "fisher_exact_2x2",
    "four_fifths_fails",
    "funnel_limits_proportion",
    "funnel_limits_ratio",
    "katz_arrays",
    "one_person_flip",
    "poisson_interval",
    "proportion",
    "proportion_arrays",
    "rate",
    "rate_arrays",
    "rate_ratio",
    "rate_ratio_arrays",
    "relative_likelihood",
    "test_2x2",
    "wilson_interval",
    "z_value",
]

FOUR_FIFTHS = (0.8, 1.25)
FUNNEL_LEVELS = (0.95, 0.998)


class Flags:
    """Flag names carried by :class:`Figure` (plain strings, JSON-safe)."""

    SMALL_NUMBERS = "small_numbers"  # a count behind the figure is below 20 (ONS 'u' convention)
    SUPPRESSED = "suppressed"  # computed from a suppressed count: not shown
    SIGNIFICANT = "significant"  # significant after Benjamini-Hochberg correction
    FAILS_FOUR_FIFTHS = "fails_four_fifths"  # ratio outside 0.8-1.25
    ONE_PERSON_FLIP = "one_person_flip"  # one different decision brings it inside 0.8-1.25
    ZERO_COUNT = "zero_count"  # a numerator count is zero
    RATIO_INFINITE = "ratio_infinite"  # comparator numerator is zero: ratio is infinite
    UNDEFINED = "undefined"  # value cannot be calculated (e.g. 0/0)
    INTERVAL_UNDEFINED = "interval_undefined"  # interval cannot be calculated by this method
    REFERENCE = "reference"  # this is the reference group of a comparison


SMALL_NUMBER_THRESHOLD = 20


def z_value(confidence: float = 0.95) -> float:
    """Two-sided normal quantile, e.g. 1.959964 for 95%."""
    return float(_st.norm.ppf(0.5 + confidence / 2))


def _f(x) -> np.ndarray:
    return np.asarray(x, dtype=float)


# --- intervals ------------------------------------------------------------------------------

def wilson_interval(x, n, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for x of n (NaN where n == 0)."""
    x, n = np.broadcast_arrays(_f(x), _f(n))
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        z2n = z * z / n
        centre = p + z2n / 2
        half = z * np.sqrt(p * (1 - p) / n + z2n / (4 * n))
        denom = 1 + z2n
        lower = np.clip((centre - half) / denom, 0.0, 1.0)
        upper = np.clip((centre + half) / denom, 0.0, 1.0)
    # exact end points at the boundaries (avoid -1e-17 style rounding)
    lower = np.where(x == 0, 0.0, lower)
    upper = np.where(x == n, 1.0, upper)
    bad = ~(n > 0)
    return np.where(bad, np.nan, lower), np.where(bad, np.nan, upper)


def difference_arrays(x1, n1, x2, n2, confidence: float = 0.95
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Difference p1 - p2 of two independent proportions with Newcombe's hybrid score
    interval (method 10): L = d - sqrt((p1-l1)^2 + (u2-p2)^2), U = d + sqrt((u1-p1)^2 +
    (p2-l2)^2), from the Wilson intervals (l, u). NaN where n1 or n2 is 0."""
    x1, n1, x2, n2 = np.broadcast_arrays(_f(x1), _f(n1), _f(x2), _f(n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1, confidence)
    l2, u2 = wilson_interval(x2, n2, confidence)
    d = p1 - p2
    lower = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    bad = ~((n1 > 0) & (n2 > 0))
    return (np.where(bad, np.nan, d), np.where(bad, np.nan, lower),
            np.where(bad, np.nan, upper))


def exact_poisson_interval(o, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) interval for a Poisson count, via chi-square quantiles."""
    o = _f(o)
    a = 1 - confidence
    lower = np.where(o > 0, _st.chi2.ppf(a / 2, 2 * o) / 2, 0.0)
    upper = _st.chi2.ppf(1 - a / 2, 2 * o + 2) / 2
    return lower, upper


def byar_interval(o, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Byar's approximation to the exact Poisson interval for a count ``o`` (o > 0)."""
    o = _f(o)
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3
        o1 = o + 1
        upper = o1 * (1 - 1 / (9 * o1) + z / (3 * np.sqrt(o1))) ** 3
    return np.where(o > 0, lower, 0.0), upper


def poisson_interval(o, confidence: float = 0.95
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Interval for a count: exact below 10, Byar from 10 up. Returns (lower, upper, is_exact)."""
    o = _f(o)
    exact = o < 10
    el, eu = exact_poisson_interval(np.where(exact, o, 0), confidence)
    bl, bu = byar_interval(np.where(exact, 10, o), confidence)
    return np.where(exact, el, bl), np.where(exact, eu, bu), exact


# --- tests ----------------------------------------------------------------------------------

def chi_square_2x2(a, b, c, d) -> np.ndarray:
    """Pearson chi-square p-value (1 df, no continuity correction) for [[a, b], [c, d]]."""
    a, b, c, d = np.broadcast_arrays(_f(a), _f(b), _f(c), _f(d))
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        x2 = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    p = _st.chi2.sf(x2, 1)
    margins_zero = ((a + b) == 0) | ((c + d) == 0) | ((a + c) == 0) | ((b + d) == 0)
    return np.where(margins_zero, 1.0, p)


def fisher_exact_2x2(a, b, c, d, *, chunk: int = 2_000_000) -> np.ndarray:
    """Two-sided Fisher exact p-values for many 2x2 tables [[a, b], [c, d]] at once."""
    shape = np.broadcast(*(np.asarray(v) for v in (a, b, c, d))).shape
    a, b, c, d = (np.asarray(v, dtype=np.int64).ravel() for v in np.broadcast_arrays(a, b, c, d))
    r1, r2, c1 = a + b, c + d, a + c
    n = r1 + r2
    lo = np.maximum(0, r1 - (n - c1))
    hi = np.minimum(r1, c1)
    out = np.ones(a.shape, dtype=float)
    span = hi - lo + 1
    todo = np.flatnonzero((r1 > 0) & (r2 > 0) & (c1 > 0) & (c1 < n))
    if todo.size:
        order = todo[np.argsort(span[todo], kind="stable")]
        start = 0
        while start < order.size:
            width = int(span[order[start]])
            # take as many rows as fit in the chunk at the width of the largest in the batch
            stop = start + 1
            while stop < order.size and int(span[order[stop]]) * (stop - start + 1) <= chunk:
                stop += 1
            idx = order[start:stop]
            width = int(span[idx].max())
            ks = lo[idx, None] + np.arange(width)[None, :]
            valid = ks <= hi[idx, None]
            logp = _st.hypergeom.logpmf(np.minimum(ks, hi[idx, None]), n[idx, None],
                                        c1[idx, None], r1[idx, None])
            obs = _st.hypergeom.logpmf(a[idx], n[idx], c1[idx], r1[idx])
            keep = valid & (logp <= obs[:, None] + np.log1p(1e-7))
            p = np.where(keep, np.exp(logp), 0.0).sum(axis=1)
            out[idx] = np.minimum(p, 1.0)
            start = stop
    return out.reshape(shape)


def test_2x2(a, n1, b, n2) -> tuple[np.ndarray, np.ndarray]:
    """p-values comparing a of n1 with b of n2: Fisher's exact test where any expected cell
    is under 5, Pearson chi-square otherwise. Returns (p, used_fisher). NaN if n1 or n2 is 0."""
    a, n1, b, n2 = np.broadcast_arrays(*(np.asarray(v, dtype=np.int64) for v in (a, n1, b, n2)))
    c1, n = a + b, n1 + n2
    with np.errstate(divide="ignore", invalid="ignore"):
        e = np.stack([n1 * c1, n1 * (n - c1), n2 * c1, n2 * (n - c1)]) / np.where(n > 0, n, 1)
    fisher = (e < 5).any(axis=0)
    p = chi_square_2x2(a, n1 - a, b, n2 - b)
    if fisher.any():
        p = np.array(p, dtype=float)
        p[fisher] = fisher_exact_2x2(a[fisher], (n1 - a)[fisher], b[fisher], (n2 - b)[fisher])
    valid = (n1 > 0) & (n2 > 0)
    return np.where(valid, p, np.nan), fisher


test_2x2.__test__ = False  # not a pytest test


def benjamini_hochberg(p) -> tuple[np.ndarray, int]:
    """Benjamini-Hochberg adjusted p-values (NaN stays NaN). Returns (adjusted, m tests)."""
    p = _f(p)
    flat = p.ravel()
    ok = np.flatnonzero(np.isfinite(flat))
    m = int(ok.size)
    out = np.full(flat.shape, np.nan)
    if m:
        order = ok[np.argsort(flat[ok], kind="stable")]
        ranked = flat[order] * m / np.arange(1, m + 1)
        adj = np.minimum.accumulate(ranked[::-1])[::-1]
        out[order] = np.minimum(adj, 1.0)
    return out.reshape(p.shape), m


# --- ratios ---------------------------------------------------------------------------------

def katz_arrays(a, n1, b, n2, confidence: float = 0.95):
    """Risk ratio (a/n1)/(b/n2) with Katz log interval. Returns (rr, lower, upper).

    a == 0 < b: rr 0, interval NaN. b == 0 < a: rr inf, interval NaN. Both 0 or n == 0: NaN.
    """
    a, n1, b, n2 = np.broadcast_arrays(_f(a), _f(n1), _f(b), _f(n2))
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        rr = (a / n1) / (b / n2)
        se = np.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2)
        lower = np.exp(np.log(rr) - z * se)
        upper = np.exp(np.log(rr) + z * se)
    bad_n = ~((n1 > 0) & (n2 > 0))
    rr = np.where(bad_n | ((a == 0) & (b == 0)), np.nan, rr)
    ok = (a > 0) & (b > 0) & ~bad_n
    return rr, np.where(ok, lower, np.nan), np.where(ok, upper, np.nan)


def rate_ratio_arrays(a, p1, b, p2, confidence: float = 0.95):
    """Ratio of two Poisson rates (a/p1)/(b/p2) with log interval SE = sqrt(1/a + 1/b)."""
    a, p1, b, p2 = np.broadcast_arrays(_f(a), _f(p1), _f(b), _f(p2))
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        rr = (a / p1) / (b / p2)
        se = np.sqrt(1 / a + 1 / b)
        lower = np.exp(np.log(rr) - z * se)
        upper = np.exp(np.log(rr) + z * se)
    bad_n = ~((p1 > 0) & (p2 > 0))
    rr = np.where(bad_n | ((a == 0) & (b == 0)), np.nan, rr)
    ok = (a > 0) & (b > 0) & ~bad_n
    return rr, np.where(ok, lower, np.nan), np.where(ok, upper, np.nan)


def four_fifths_fails(ratio, band: tuple[float, float] = FOUR_FIFTHS) -> np.ndarray:
    """True where a selection-rate ratio lies outside ``band`` (NaN never fails)."""
    r = _f(ratio)
    with np.errstate(invalid="ignore"):
        return (r < band[0]) | (r > band[1])


def one_person_flip(a, n1, b, n2, band: tuple[float, float] = FOUR_FIFTHS) -> np.ndarray:
    """Would moving one person in the smaller group (by denominator; both if equal) to the
    other outcome bring the ratio (a/n1)/(b/n2) back inside ``band``? Only True where the
    ratio currently fails the four-fifths test."""
    a, n1, b, n2 = np.broadcast_arrays(_f(a), _f(n1), _f(b), _f(n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (a / n1) / (b / n2)
        fails = four_fifths_fails(r, band)
        inside = np.zeros(r.shape, dtype=bool)
        for da, db, who in ((1, 0, "a"), (-1, 0, "a"), (0, 1, "b"), (0, -1, "b")):
            aa, bb = a + da, b + db
            smaller = (n1 <= n2) if who == "a" else (n2 <= n1)
            ok = smaller & (aa >= 0) & (aa <= n1) & (bb >= 0) & (bb <= n2)
            rr = (aa / n1) / (bb / n2)
            inside |= ok & (rr >= band[0]) & (rr <= band[1])
    return fails & inside & (n1 > 0) & (n2 > 0)


# --- funnel plots ---------------------------------------------------------------------------

def funnel_limits_proportion(target: float, n, levels=FUNNEL_LEVELS) -> dict[float, tuple]:
    """Control limits for a proportion at denominators ``n`` around ``target``.

    Returns {level: (lower, upper)} clipped to [0, 1]. A unit whose proportion lies outside
    the limits at level L has a Wilson interval at level L that excludes the target.
    """
    n = _f(n)
    out = {}
    for level in levels:
        z = z_value(level)
        with np.errstate(divide="ignore", invalid="ignore"):
            half = z * np.sqrt(target * (1 - target) / n)
        out[level] = (np.clip(target - half, 0, 1), np.clip(target + half, 0, 1))
    return out


def funnel_limits_ratio(expected, target: float = 1.0, levels=FUNNEL_LEVELS
                        ) -> dict[float, tuple]:
    """Control limits for observed/expected ratios (e.g. standardised ratios against a
    reference value ``target``) at expected counts ``expected``: exact Poisson quantiles
    with Spiegelhalter's (2005) interpolation. Returns {level: (lower, upper)}."""
    e = _f(expected)
    lam = e * target
    out = {}
    for level in levels:
        res = []
        for p in ((1 - level) / 2, (1 + level) / 2):
            r = _st.poisson.ppf(p, lam)
            f_r = _st.poisson.cdf(r, lam)
            f_r1 = _st.poisson.cdf(r - 1, lam)
            with np.errstate(divide="ignore", invalid="ignore"):
                alpha = (f_r - p) / (f_r - f_r1)
                res.append(np.maximum(r - alpha, 0) / e)
        out[level] = tuple(res)
    return out


# --- the Figure record ----------------------------------------------------------------------

def _num(x) -> float | None:
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _int(x) -> int | None:
    if x is None:
        return None
    x = float(x)
    return int(x) if math.isfinite(x) else None


@dataclass(frozen=True, slots=True)
class Figure:
    """One published figure. Non-finite numbers are stored as None with a flag, so
    :meth:`to_dict` is always JSON-safe.

    For ratios, ``group`` is the numerator group (``numerator``/``denominator`` are its counts)
    and ``comparator`` the denominator group (``comparator_numerator``/``_denominator``).
    ``symbol`` is a GSS symbol ("c" suppressed, "z" not applicable, ":" not available)
    when the value is not shown.
    """

    measure: str  # proportion | rate | relative_likelihood | rate_ratio
    value: float | None
    lower: float | None
    upper: float | None
    numerator: int | None
    denominator: float | None
    method: str
    flags: frozenset[str] = frozenset()
    confidence: float = 0.95
    group: str | None = None
    comparator: str | None = None
    comparator_numerator: int | None = None
    comparator_denominator: float | None = None
    multiplier: float | None = None
    p_value: float | None = None
    p_adjusted: float | None = None
    test: str | None = None
    tests: int | None = None
    symbol: str | None = None
    reading: str | None = None

    def has(self, flag: str) -> bool:
        return flag in self.flags

    @property
    def significant(self) -> bool:
        return Flags.SIGNIFICANT in self.flags

    def replace(self, **changes) -> Figure:
        return dataclasses.replace(self, **changes)

    def with_flags(self, *flags: str) -> Figure:
        return dataclasses.replace(self, flags=self.flags | frozenset(flags))

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        d["flags"] = sorted(self.flags)
        for k, v in d.items():
            if isinstance(v, float) and not math.isfinite(v):
                d[k] = None
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> Figure:
        d = dict(d)
        d["flags"] = frozenset(d.get("flags", ()))
        return cls(**d)


def small_flag(*counts) -> bool:
    return any(c is not None and np.isfinite(c) and c < SMALL_NUMBER_THRESHOLD for c in counts)


def proportion_arrays(x, n, confidence: float = 0.95):
    """(value, lower, upper) for proportions x/n with Wilson intervals."""
    x, n = np.broadcast_arrays(_f(x), _f(n))
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(n > 0, x / n, np.nan)
    lo, hi = wilson_interval(x, n, confidence)
    return value, lo, hi


def rate_arrays(count, population, multiplier: float = 10_000, confidence: float = 0.95):
    """(value, lower, upper, is_exact) for rates per ``multiplier``."""
    count, population = np.broadcast_arrays(_f(count), _f(population))
    lo, hi, exact = poisson_interval(count, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(population > 0, multiplier / population, np.nan)
    return count * scale, lo * scale, hi * scale, exact


def _ratio_flags(a, n1, b, n2, rr, lower) -> set[str]:
    flags: set[str] = set()
    if not math.isfinite(rr):
        flags.add(Flags.RATIO_INFINITE if rr == math.inf else Flags.UNDEFINED)
    if a == 0 or b == 0:
        flags.add(Flags.ZERO_COUNT)
    if not math.isfinite(lower):
        flags.add(Flags.INTERVAL_UNDEFINED)
    if small_flag(a, n1, b, n2):
        flags.add(Flags.SMALL_NUMBERS)
    return flags


def proportion(x: int, n: int, *, confidence: float = 0.95, group: str | None = None) -> Figure:
    """x of n as a proportion with a Wilson score interval."""
    v, lo, hi = (float(t) for t in proportion_arrays(x, n, confidence))
    flags = set()
    if not math.isfinite(v):
        flags |= {Flags.UNDEFINED, Flags.INTERVAL_UNDEFINED}
    if small_flag(x, n):
        flags.add(Flags.SMALL_NUMBERS)
    return Figure("proportion", _num(v), _num(lo), _num(hi), int(x), n, "wilson",
                  frozenset(flags), confidence, group=group)


def rate(count: int, population: float, *, multiplier: float = 10_000,
         confidence: float = 0.95, group: str | None = None) -> Figure:
    """Rate per ``multiplier`` with exact Poisson (count < 10) or Byar (>= 10) interval."""
    v, lo, hi, exact = (t.item() for t in rate_arrays(count, population, multiplier, confidence))
    flags = set()
    if not math.isfinite(v):
        flags |= {Flags.UNDEFINED, Flags.INTERVAL_UNDEFINED}
    if small_flag(count):
        flags.add(Flags.SMALL_NUMBERS)
    return Figure("rate", _num(v), _num(lo), _num(hi), int(count), population,
                  "exact_poisson" if exact else "byar", frozenset(flags), confidence,
                  group=group, multiplier=multiplier)


def _comparison(measure, method, a, n1, b, n2, rr, lo, hi, confidence, group, comparator,
                multiplier=None) -> Figure:
    rr, lo, hi = float(rr), float(lo), float(hi)
    flags = _ratio_flags(a, n1, b, n2, rr, lo)
    p, fisher = test_2x2(a, n1, b, n2) if measure == "relative_likelihood" else (None, None)
    if measure == "relative_likelihood":
        if four_fifths_fails(rr):
            flags.add(Flags.FAILS_FOUR_FIFTHS)
        if one_person_flip(a, n1, b, n2):
            flags.add(Flags.ONE_PERSON_FLIP)
        p = float(p)
        if math.isfinite(p) and p < 1 - confidence:
            flags.add(Flags.SIGNIFICANT)  # a single test: no correction needed (m = 1)
    return Figure(measure, _num(rr), _num(lo), _num(hi), int(a), n1, method, frozenset(flags),
                  confidence, group, comparator, int(b), n2, multiplier,
                  p_value=_num(p), p_adjusted=_num(p),
                  test=None if fisher is None else ("fisher_exact" if fisher else "chi_square"),
                  tests=1 if p is not None else None)


def relative_likelihood(a: int, n_a: int, b: int, n_b: int, *, group: str = "A",
                        comparator: str = "B", confidence: float = 0.95) -> Figure:
    """How many times as likely ``group`` (a of n_a) is to have the outcome as
    ``comparator`` (b of n_b): risk ratio with Katz log interval, a 2x2 test, the
    four-fifths flag and the one-person check. ``group`` is always the numerator."""
    rr, lo, hi = katz_arrays(a, n_a, b, n_b, confidence)
    return _comparison("relative_likelihood", "katz_log", a, n_a, b, n_b, rr, lo, hi,
                       confidence, group, comparator)


def rate_ratio(a: int, pop_a: float, b: int, pop_b: float, *, group: str = "A",
               comparator: str = "B", confidence: float = 0.95) -> Figure:
    """Ratio of two Poisson rates (``group`` over ``comparator``) with a log interval."""
    rr, lo, hi = rate_ratio_arrays(a, pop_a, b, pop_b, confidence)
    return _comparison("rate_ratio", "poisson_log", a, pop_a, b, pop_b, rr, lo, hi,
                       confidence, group, comparator)


def difference_in_proportions(x1: int, n1: int, x2: int, n2: int, *, group: str = "A",
                              comparator: str = "B", confidence: float = 0.95) -> Figure:
    """x1/n1 minus x2/n2 (as a proportion, e.g. 0.2 = 20 percentage points) with Newcombe's
    hybrid score interval and the 2x2 test. ``group`` names the first population."""
    d, lo, hi = (float(t) for t in difference_arrays(x1, n1, x2, n2, confidence))
    p, fisher = (float(t) for t in test_2x2(x1, n1, x2, n2))
    flags = set()
    if not math.isfinite(d):
        flags |= {Flags.UNDEFINED, Flags.INTERVAL_UNDEFINED}
    if small_flag(x1, n1, x2, n2):
        flags.add(Flags.SMALL_NUMBERS)
    if math.isfinite(p) and p < 1 - confidence:
        flags.add(Flags.SIGNIFICANT)
    return Figure("difference", _num(d), _num(lo), _num(hi), int(x1), n1,
                  "newcombe_hybrid_score", frozenset(flags), confidence, group, comparator,
                  int(x2), n2, p_value=_num(p), p_adjusted=_num(p),
                  test="fisher_exact" if fisher else "chi_square",
                  tests=1 if math.isfinite(p) else None)
