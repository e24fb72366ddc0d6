"""Benchmark: the vectorised analytics core against a straightforward per-cell loop.

Table: 20 ethnic groups x 15 grades x 10 measures (150 rows x 20 groups), each cell a
numerator/denominator pair. Both implementations compute proportions (Wilson), ratios
against the reference group (Katz), the 2x2 test (Fisher/chi-square), Benjamini-Hochberg
over the whole table, four-fifths and one-person flags, primary + secondary suppression
with an attacker check, derived suppression, and Figure records with readings. The loop
version uses math/scipy one cell at a time and checks every suppressed cell with two
linear programmes. The script asserts both give identical figures, then prints the median
of several timings and the ratio.

Run: uv run python benchmarks/bench_analytics.py
"""

from __future__ import annotations

import math
import statistics
import sys
import time

import numpy as np
from scipy import stats as sps
from scipy.optimize import linprog

from star.analytics.disclosure import SuppressionPolicy, primary_mask
from star.analytics.stats import SMALL_NUMBER_THRESHOLD
from star.analytics.table import compare_groups, count_table, ratio_figure, value_figure

GROUPS, GRADES, MEASURES = 20, 15, 10
REPEATS = 5
LOOP_REPEATS = 3  # the loop takes ~17 s a run
Z = 1.959963984540054


def make_data(seed: int = 2026):
    rng = np.random.default_rng(seed)
    size = rng.lognormal(3.0, 1.2, size=GROUPS)  # a few big groups, many small ones
    n = np.maximum(0, rng.poisson(np.outer(np.ones(GRADES * MEASURES), size))).astype(np.int64)
    p = rng.uniform(0.05, 0.6, size=(GRADES * MEASURES, 1)) * rng.uniform(0.6, 1.4, size=GROUPS)
    x = rng.binomial(n, np.clip(p, 0, 1))
    rows = [(f"measure {m}", f"grade {g}") for m in range(MEASURES) for g in range(GRADES)]
    return x, n, rows, [f"group {i}" for i in range(GROUPS)]


# --- the straightforward per-cell implementation ----------------------------------------

def wilson(x, n):
    if n == 0:
        return math.nan, math.nan, math.nan
    p = x / n
    z2n = Z * Z / n
    centre, half = p + z2n / 2, Z * math.sqrt(p * (1 - p) / n + z2n / (4 * n))
    lo = 0.0 if x == 0 else min(max((centre - half) / (1 + z2n), 0.0), 1.0)
    hi = 1.0 if x == n else min(max((centre + half) / (1 + z2n), 0.0), 1.0)
    return p, lo, hi


def katz(a, n1, b, n2):
    if n1 == 0 or n2 == 0 or (a == 0 and b == 0):
        return math.nan, math.nan, math.nan
    if b == 0:
        return math.inf, math.nan, math.nan
    rr = (a / n1) / (b / n2)
    if a == 0:
        return rr, math.nan, math.nan
    se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2)
    return rr, math.exp(math.log(rr) - Z * se), math.exp(math.log(rr) + Z * se)


def test2x2(a, n1, b, n2):
    if n1 == 0 or n2 == 0:
        return math.nan, False
    c1, n = a + b, n1 + n2
    exp = [n1 * c1 / n, n1 * (n - c1) / n, n2 * c1 / n, n2 * (n - c1) / n]
    table = [[a, n1 - a], [b, n2 - b]]
    if min(exp) < 5:
        return float(sps.fisher_exact(table).pvalue), True
    if c1 == 0 or c1 == n:
        return 1.0, False
    return float(sps.chi2_contingency(table, correction=False).pvalue), False


def flip(a, n1, b, n2):
    if n1 == 0 or n2 == 0 or (b == 0 and a == 0):
        return False
    r = (a / n1) / (b / n2) if b else math.inf
    if 0.8 <= r <= 1.25:
        return False
    for da, db, smaller in ((1, 0, n1 <= n2), (-1, 0, n1 <= n2), (0, 1, n2 <= n1), (0, -1, n2 <= n1)):
        aa, bb = a + da, b + db
        if smaller and 0 <= aa <= n1 and 0 < bb <= n2 and 0.8 <= (aa / n1) / (bb / n2) <= 1.25:
            return True
    return False


def bh(pvals):
    items = sorted((p, i) for i, p in enumerate(pvals) if not math.isnan(p))
    m = len(items)
    out = [math.nan] * len(pvals)
    running = 1.0
    for rank in range(m, 0, -1):
        p, i = items[rank - 1]
        running = min(running, p * m / rank)
        out[i] = min(running, 1.0)
    return out, m


def loop_protect(table, policy):
    vals, is_total = table.values.tolist(), table.is_total.tolist()
    groups = [[t, *ms] for t, ms in table.equations]
    member_of = {}
    for gi, cells in enumerate(groups):
        for c in cells:
            member_of.setdefault(c, []).append(gi)
    sup = primary_mask(table.values, policy).tolist()

    def pick(group_ids):
        needy = {}
        for gi in group_ids:
            for c in groups[gi]:
                needy[c] = needy.get(c, 0) + 1
        chosen = set()
        for gi in group_ids:
            cands = [c for c in groups[gi] if not sup[c] and vals[c] > 0]
            if cands:
                chosen.add(min(cands, key=lambda c: (is_total[c], vals[c], -needy[c], c)))
        return chosen

    while True:
        while True:
            needy_groups = [gi for gi, cells in enumerate(groups) if sum(sup[c] for c in cells) == 1]
            chosen = pick(needy_groups)
            if not chosen:
                break
            for c in chosen:
                sup[c] = True
        disclosed = [c for c in range(len(vals))
                     if sup[c] and lp_disclosed(table, groups, member_of, sup, c, policy)]
        if not disclosed:
            return sup
        dis_groups = sorted({gi for c in disclosed for gi in member_of.get(c, [])})
        for c in pick(dis_groups):
            sup[c] = True


def lp_disclosed(table, groups, member_of, sup, cell, policy):
    if cell not in member_of:
        return False
    # the connected part of the table containing the cell
    part, part_groups, frontier = {cell}, set(), [cell]
    while frontier:
        c = frontier.pop()
        for gi in member_of.get(c, []):
            part_groups.add(gi)
            for d in groups[gi]:
                if d not in part:
                    part.add(d)
                    frontier.append(d)
    unknown = sorted(c for c in part if sup[c])
    pos = {c: j for j, c in enumerate(unknown)}
    rows, rhs = [], []
    for gi in sorted(part_groups):
        t, ms = groups[gi][0], groups[gi][1:]
        row, r = [0.0] * len(unknown), 0.0
        for c, s in [(t, 1.0)] + [(m, -1.0) for m in ms]:
            if c in pos:
                row[pos[c]] += s
            else:
                r -= s * table.values[c]
        rows.append(row)
        rhs.append(r)
    cost = [0.0] * len(unknown)
    cost[pos[cell]] = 1.0
    lo = linprog(cost, A_eq=rows, b_eq=rhs, bounds=(policy.lower_bound, None), method="highs")
    hi = linprog([-v for v in cost], A_eq=rows, b_eq=rhs, bounds=(policy.lower_bound, None),
                 method="highs")
    vmin = lo.fun if lo.status == 0 else -math.inf
    vmax = -hi.fun if hi.status == 0 else math.inf
    return math.floor(vmax + 1e-7) - math.ceil(vmin - 1e-7) < 1


def loop_compare(x, n, groups, reference, policy):
    ref = groups.index(reference)
    table, idx = count_table(x, n, complement=True, totals=True)
    sup = loop_protect(table, policy)
    r_, g_ = x.shape
    cell_sup = [[sup[idx["x"][i, j]] or sup[idx["n"][i, j]] or sup[idx["y"][i, j]]
                 for j in range(g_)] for i in range(r_)]
    tests, pvals = {}, []
    for i in range(r_):
        for j in range(g_):
            if j != ref:
                tests[(i, j)] = len(pvals)
                pvals.append(test2x2(int(x[i, j]), int(n[i, j]), int(x[i, ref]), int(n[i, ref])))
    adj, m = bh([p for p, _ in pvals])
    values, comps = [], []
    for i in range(r_):
        vrow, crow = [], []
        for j in range(g_):
            a, n1, b, n2 = int(x[i, j]), int(n[i, j]), int(x[i, ref]), int(n[i, ref])
            v, lo, hi = wilson(a, n1)
            vrow.append(value_figure("proportion", v, lo, hi, a, n1, False, cell_sup[i][j], 0.95,
                                      groups[j], 10_000, "people", "had the outcome"))
            if j == ref:
                crow.append(None)
                continue
            rr, rlo, rhi = katz(a, n1, b, n2)
            p, fisher = pvals[tests[(i, j)]]
            q = adj[tests[(i, j)]]
            fails = not math.isnan(rr) and not (0.8 <= rr <= 1.25)
            crow.append(ratio_figure(True, rr, rlo, rhi, a, n1, b, n2, p, q, m, fisher,
                                      q < 0.05, fails, flip(a, n1, b, n2),
                                      cell_sup[i][j] or cell_sup[i][ref], 0.95, groups[j],
                                      groups[ref], 10_000, "people", "to have the outcome"))
        values.append(vrow)
        comps.append(crow)
    return values, comps


def same(f, g) -> bool:
    if f is None or g is None:
        return f is g
    a, b = f.to_dict(), g.to_dict()
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, float) and isinstance(y, float):
            if not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12):
                return False
        elif x != y:
            return False
    return True


def timed(fn, repeats=REPEATS):
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    x, n, rows, groups = make_data()
    policy = SuppressionPolicy()
    ref = groups[0]
    t_vec, vec = timed(lambda: compare_groups(x, n, groups=groups, reference=ref, rows=rows,
                                              policy=policy))
    t_loop, (values, comps) = timed(lambda: loop_compare(x, n, groups, ref, policy), LOOP_REPEATS)
    for i in range(len(rows)):
        for j in range(len(groups)):
            assert same(vec.values[i][j], values[i][j]), (rows[i], groups[j], "value")
            assert same(vec.comparisons[i][j], comps[i][j]), (rows[i], groups[j], "comparison")
    n_sup = int(vec.suppression.suppressed.sum())
    print(f"table: {GROUPS} groups x {GRADES} grades x {MEASURES} measures "
          f"({len(rows) * len(groups)} cells, {vec.tests} tests, {n_sup} counts suppressed)")
    print(f"vectorised core:   {t_vec * 1000:9.1f} ms (median of {REPEATS})")
    print(f"per-cell loop:     {t_loop * 1000:9.1f} ms (median of {LOOP_REPEATS})")
    print(f"ratio loop/vector: {t_loop / t_vec:9.1f}x   (identical figures: yes)")
    small = sum(1 for row in vec.values for f in row if f.value is not None
                and f.denominator < SMALL_NUMBER_THRESHOLD)
    print(f"published proportions with small denominators flagged: {small}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
