"""One entry point for other modules: a table of counts in, published figures out.

:func:`compare_groups` takes numerators and denominators for groups (columns) in one or
more rows (e.g. grade x measure), and returns a :class:`ResultTable` of immutable
:class:`~star.analytics.stats.Figure` records: each group's proportion (Wilson) or rate
(exact Poisson / Byar), each group's ratio against the reference group (Katz / Poisson log)
with a 2x2 test, Benjamini-Hochberg correction across the whole table, four-fifths and
one-person flags, disclosure control (primary + secondary suppression of every count the
page shows or implies, derived figures suppressed) and a plain-English reading.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as _st

from .disclosure import LinearTable, Suppression, SuppressionPolicy, primary_mask, protect
from .reading import read_proportion, read_rate, read_ratio
from .stats import (
    SMALL_NUMBER_THRESHOLD,
    Figure,
    Flags,
    benjamini_hochberg,
    four_fifths_fails,
    katz_arrays,
    one_person_flip,
    proportion_arrays,
    rate_arrays,
    rate_ratio_arrays,
    test_2x2,
)

__all__ = ["ResultTable", "compare_groups", "count_table", "ratio_figure", "value_figure"]

DIRECTIONS = ("group_vs_reference", "reference_vs_group")


@dataclass(frozen=True, eq=False)
class ResultTable:
    """Figures for ``rows`` x ``groups``. ``values[r][g]`` is the group's proportion or rate;
    ``comparisons[r][g]`` its ratio against the reference (None in the reference column);
    ``totals[r]`` all groups combined (None when totals are not published); ``tests`` is the
    number of tests in the Benjamini-Hochberg family."""

    rows: tuple[Hashable, ...]
    groups: tuple[str, ...]
    reference: str
    direction: str
    measure: str
    values: tuple[tuple[Figure, ...], ...]
    comparisons: tuple[tuple[Figure | None, ...], ...]
    totals: tuple[Figure | None, ...]
    unknown: tuple[int | str, ...] | None
    tests: int
    suppression: Suppression

    def value(self, row: Hashable, group: str) -> Figure:
        return self.values[self.rows.index(row)][self.groups.index(group)]

    def comparison(self, row: Hashable, group: str) -> Figure | None:
        return self.comparisons[self.rows.index(row)][self.groups.index(group)]

    def figures(self):
        """Every figure in the table, row by row."""
        for r in range(len(self.rows)):
            yield from self.values[r]
            yield from (c for c in self.comparisons[r] if c is not None)
            if self.totals[r] is not None:
                yield self.totals[r]

    def to_dict(self) -> dict:
        def key(x):
            return list(x) if isinstance(x, tuple) else x

        return {
            "measure": self.measure, "reference": self.reference, "direction": self.direction,
            "groups": list(self.groups), "tests": self.tests,
            "rows": [{
                "row": key(row),
                "values": [f.to_dict() for f in self.values[r]],
                "comparisons": [c.to_dict() if c else None for c in self.comparisons[r]],
                "total": self.totals[r].to_dict() if self.totals[r] else None,
                "unknown": None if self.unknown is None else self.unknown[r],
            } for r, row in enumerate(self.rows)],
        }


def count_table(numerators: np.ndarray, denominators: np.ndarray | None, *,
                complement: bool, totals: bool) -> tuple[LinearTable, dict[str, np.ndarray]]:
    """The counts a comparison page publishes or implies, with their equations.

    Per row r and group g: numerator x, (denominator n and complement y = n - x when
    ``denominators`` are people counts), and, with ``totals``, the same across all groups.
    Returns the LinearTable and index arrays {"x": (R, G), "n": ..., "y": ..., "X": (R,), ...}.
    """
    x = np.asarray(numerators, dtype=np.int64)
    r_, g_ = x.shape
    parts: dict[str, np.ndarray] = {"x": x}
    if denominators is not None:
        n = np.asarray(denominators, dtype=np.int64)
        parts["n"] = n
        if complement:
            parts["y"] = n - x
    names = list(parts)
    values, labels, idx = [], [], {}
    offset = 0
    for name in names:
        v = parts[name]
        idx[name] = offset + np.arange(r_ * g_).reshape(r_, g_)
        values.append(v.ravel())
        labels += [(r, g, name) for r in range(r_) for g in range(g_)]
        offset += r_ * g_
        if totals:
            idx[name.upper()] = offset + np.arange(r_)
            values.append(v.sum(axis=1))
            labels += [(r, "total", name) for r in range(r_)]
            offset += r_
    eqs: list[tuple[int, tuple[int, ...]]] = []
    if totals:
        for name in names:
            for r in range(r_):
                eqs.append((int(idx[name.upper()][r]), tuple(int(i) for i in idx[name][r])))
    if "y" in parts:
        for r in range(r_):
            for g in range(g_):
                eqs.append((int(idx["n"][r, g]), (int(idx["x"][r, g]), int(idx["y"][r, g]))))
            if totals:
                eqs.append((int(idx["N"][r]), (int(idx["X"][r]), int(idx["Y"][r]))))
    vals = np.concatenate(values)
    is_total = np.zeros(len(vals), dtype=bool)
    for t, _ in eqs:
        is_total[t] = True
    return LinearTable(vals, tuple(labels), tuple(eqs), is_total), idx


def compare_groups(numerators, denominators, *, groups: Sequence[str], reference: str,
                   rows: Sequence[Hashable] | None = None, measure: str = "proportion",
                   multiplier: float = 10_000, direction: str = "group_vs_reference",
                   confidence: float = 0.95, fdr: float = 0.05,
                   policy: SuppressionPolicy | None = None, publish_totals: bool = True,
                   unknown=None, subject: str = "people", outcome: str | None = None,
                   likely_to: str | None = None, total_label: str = "All known ethnic groups") -> ResultTable:
    """Compare every group with ``reference`` in every row.

    ``numerators``, ``denominators``: arrays of shape (rows, groups) or (groups,). For
    ``measure="proportion"`` the denominators are people (e.g. shortlisted) and numerators
    the people with the outcome (e.g. appointed); for ``measure="rate"`` denominators are
    populations and figures are per ``multiplier``.

    ``direction``: "group_vs_reference" gives ratio = group / reference (e.g. Global Majority
    relative to White); "reference_vs_group" gives reference / group (e.g. WRES indicator 2:
    White relative to BME). The numerator group is always ``Figure.group``.

    ``unknown``: optional per-row counts of people whose ethnicity is unknown (refused / not
    obtained). They are reported (with primary suppression), never used in any figure.

    Readings use ``subject`` ("applicants"), ``outcome`` for proportions ("were appointed
    from shortlisting") and ``likely_to`` for ratios ("be appointed from shortlisting").
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}")
    if measure not in ("proportion", "rate"):
        raise ValueError("measure must be 'proportion' or 'rate'")
    x = np.atleast_2d(np.asarray(numerators))
    n = np.atleast_2d(np.asarray(denominators))
    if x.shape != n.shape or x.shape[1] != len(groups):
        raise ValueError("numerators and denominators must be (rows, groups)")
    groups = tuple(groups)
    ref = groups.index(reference)
    rows = tuple(rows) if rows is not None else tuple(range(x.shape[0]))
    if len(rows) != x.shape[0]:
        raise ValueError("one row label per row")
    if (x < 0).any() or (measure == "proportion" and (x > n).any()):
        raise ValueError("counts must satisfy 0 <= numerator <= denominator")
    people = measure == "proportion"
    policy = policy or SuppressionPolicy()
    r_, g_ = x.shape

    # --- disclosure control over everything the page shows or implies
    table, idx = count_table(x.astype(np.int64), n.astype(np.int64) if people else None,
                             complement=people and policy.protect_complement,
                             totals=publish_totals)
    sup = protect(table, policy).suppressed
    cell_sup = sup[idx["x"]]
    for name in ("n", "y"):
        if name in idx:
            cell_sup = cell_sup | sup[idx[name]]
    tot_sup = np.zeros(r_, dtype=bool)
    if publish_totals:
        for name in ("X", "N", "Y"):
            if name in idx:
                tot_sup |= sup[idx[name]]

    # --- values, vectorised
    xf, nf = x.astype(float), n.astype(float)
    if people:
        val, lo, hi = proportion_arrays(xf, nf, confidence)
        exact = np.zeros(x.shape, dtype=bool)
        tv, tlo, thi = proportion_arrays(xf.sum(1), nf.sum(1), confidence)
        texact = np.zeros(r_, dtype=bool)
    else:
        val, lo, hi, exact = rate_arrays(xf, nf, multiplier, confidence)
        tv, tlo, thi, texact = rate_arrays(xf.sum(1), nf.sum(1), multiplier, confidence)

    # --- comparisons: numerator side a/n1, denominator side b/n2
    xr, nr = xf[:, [ref]], nf[:, [ref]]
    if direction == "group_vs_reference":
        a, n1, b, n2 = xf, nf, np.broadcast_to(xr, x.shape), np.broadcast_to(nr, x.shape)
    else:
        a, n1, b, n2 = np.broadcast_to(xr, x.shape), np.broadcast_to(nr, x.shape), xf, nf
    if people:
        rr, rlo, rhi = katz_arrays(a, n1, b, n2, confidence)
        p, fisher = test_2x2(a.astype(np.int64), n1.astype(np.int64), b.astype(np.int64),
                             n2.astype(np.int64))
        fails = four_fifths_fails(rr)
        flip = one_person_flip(a, n1, b, n2)
    else:
        rr, rlo, rhi = rate_ratio_arrays(a, n1, b, n2, confidence)
        with np.errstate(divide="ignore", invalid="ignore"):
            zstat = np.abs(np.log(rr)) / np.sqrt(1 / a + 1 / b)
        p = np.where((a > 0) & (b > 0), 2 * _st.norm.sf(zstat), np.nan)
        fisher = np.zeros(x.shape, dtype=bool)
        fails = np.zeros(x.shape, dtype=bool)
        flip = np.zeros(x.shape, dtype=bool)
    p = np.where(np.arange(g_)[None, :] == ref, np.nan, p)
    comp_sup = cell_sup | cell_sup[:, [ref]]
    p_adj, m = benjamini_hochberg(p)
    significant = p_adj < fdr

    # --- records
    outcome_p = outcome or ("had the outcome" if people else "events")
    outcome_r = "to " + (likely_to or "have the outcome").removeprefix("to ")
    kind = "proportion" if people else "rate"
    vals_out, comps_out, totals_out = [], [], []
    label_n = (lambda i, j: groups[j], lambda i, j: groups[ref])
    for i in range(r_):
        vrow, crow = [], []
        for j in range(g_):
            vrow.append(value_figure(kind, val[i, j], lo[i, j], hi[i, j], x[i, j], n[i, j],
                                      exact[i, j], cell_sup[i, j], confidence, groups[j],
                                      multiplier, subject, outcome_p))
            if j == ref:
                crow.append(None)
                continue
            num_g, den_g = label_n[0](i, j), label_n[1](i, j)
            if direction == "reference_vs_group":
                num_g, den_g = den_g, num_g
            crow.append(ratio_figure(
                people, rr[i, j], rlo[i, j], rhi[i, j], a[i, j], n1[i, j], b[i, j], n2[i, j],
                p[i, j], p_adj[i, j], m, bool(fisher[i, j]), bool(significant[i, j]),
                bool(fails[i, j]), bool(flip[i, j]), bool(comp_sup[i, j]), confidence,
                num_g, den_g, multiplier, subject, outcome_r))
        vals_out.append(tuple(vrow))
        comps_out.append(tuple(crow))
        totals_out.append(value_figure(kind, tv[i], tlo[i], thi[i], x[i].sum(), n[i].sum(),
                                        texact[i], tot_sup[i], confidence, None,
                                        multiplier, subject, outcome_p).replace(
                                            group=total_label)
                          if publish_totals else None)
    unk_out = None
    if unknown is not None:
        u = np.asarray(unknown, dtype=np.int64).reshape(r_)
        um = primary_mask(u, policy)
        unk_out = tuple("c" if um[i] else int(u[i]) for i in range(r_))
    return ResultTable(rows, groups, reference, direction, kind, tuple(vals_out),
                       tuple(comps_out), tuple(totals_out), unk_out, m,
                       protect_result(table, sup, policy))


def protect_result(table: LinearTable, sup: np.ndarray, policy: SuppressionPolicy
                   ) -> Suppression:
    prim = primary_mask(table.values, policy)
    return Suppression(table, prim, sup & ~prim, policy)


def _f(v) -> float | None:
    v = float(v)
    return v if np.isfinite(v) else None


def value_figure(kind, v, lo, hi, x, n, exact, suppressed, confidence, group, multiplier,
                  subject, outcome) -> Figure:
    """One group's proportion or rate as a Figure with its reading (shared by compare_groups and the
    modules that build their own tables, so every figure is made the same way)."""
    method = "wilson" if kind == "proportion" else ("exact_poisson" if exact else "byar")
    mult = None if kind == "proportion" else multiplier
    if suppressed:
        fig = Figure(kind, None, None, None, None, None, method,
                     frozenset({Flags.SUPPRESSED}), confidence, group, multiplier=mult,
                     symbol="c")
    else:
        flags = set()
        if not np.isfinite(v):
            flags |= {Flags.UNDEFINED, Flags.INTERVAL_UNDEFINED}
        if x < SMALL_NUMBER_THRESHOLD or (kind == "proportion" and n < SMALL_NUMBER_THRESHOLD):
            flags.add(Flags.SMALL_NUMBERS)
        fig = Figure(kind, _f(v), _f(lo), _f(hi), int(x), _den(n), method, frozenset(flags),
                     confidence, group, multiplier=mult)
    reading = (read_proportion(fig, subject=subject, outcome=outcome) if kind == "proportion"
               else read_rate(fig, subject=subject, event=outcome))
    return fig.replace(reading=reading)


def _den(n):
    n = float(n)
    return int(n) if n.is_integer() else n


def ratio_figure(people, rr, lo, hi, a, n1, b, n2, p, p_adj, m, fisher, significant, fails,
                  flip, suppressed, confidence, group, comparator, multiplier, subject,
                  outcome) -> Figure:
    """A relative likelihood or rate ratio as a Figure with its flags and reading (see value_figure)."""
    measure = "relative_likelihood" if people else "rate_ratio"
    method = "katz_log" if people else "poisson_log"
    if suppressed:
        fig = Figure(measure, None, None, None, None, None, method,
                     frozenset({Flags.SUPPRESSED}), confidence, group, comparator,
                     symbol="c", tests=m)
        return fig.replace(reading=read_ratio(fig, subject=subject, outcome=outcome))
    flags = set()
    rr, lo = float(rr), float(lo)
    if np.isnan(rr):
        flags.add(Flags.UNDEFINED)
    elif np.isinf(rr):
        flags.add(Flags.RATIO_INFINITE)
    if a == 0 or b == 0:
        flags.add(Flags.ZERO_COUNT)
    if not np.isfinite(lo):
        flags.add(Flags.INTERVAL_UNDEFINED)
    small = min(a, b) < SMALL_NUMBER_THRESHOLD
    if people:
        small = small or min(n1, n2) < SMALL_NUMBER_THRESHOLD
    if small:
        flags.add(Flags.SMALL_NUMBERS)
    if significant:
        flags.add(Flags.SIGNIFICANT)
    if fails:
        flags.add(Flags.FAILS_FOUR_FIFTHS)
    if flip:
        flags.add(Flags.ONE_PERSON_FLIP)
    test = ("fisher_exact" if fisher else "chi_square") if people else "wald_log"
    fig = Figure(measure, _f(rr), _f(lo), _f(hi), int(a), _den(n1), method, frozenset(flags),
                 confidence, group, comparator, int(b), _den(n2),
                 None if people else multiplier, _f(p), _f(p_adj), test, m)
    return fig.replace(reading=read_ratio(fig, subject=subject, outcome=outcome))

