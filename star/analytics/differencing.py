"""Protection against differencing of *sets* of people, for tables whose cells are groups of people.

:func:`~star.analytics.disclosure.protect` makes sure no hidden cell can be worked out. Subtraction can
still give the count of a set of people that is no single cell: team A (12) shown, "team A, White" (9)
shown, "team A, Black" (1) and "team A, Asian" (2) hidden. Neither hidden cell can be recovered, but
together they are 3 people, and anything counted the same way (survey answers) is revealed for them.
:func:`protect_sets` runs :func:`protect` and then two more rules, repeating until all three hold:

* in every total that is shown, the hidden cells inside it hold 0 or at least k people (the common
  case, checked for all equations at once);
* no set of 1 to k-1 people made of the table's finest groups (its interior cells) is a linear
  combination of the shown cells. A small mixed-integer programme (scipy ``milp``: binary choice of
  small hidden finest groups, free coefficients on the shown cells) finds one if there is one; then a
  shown cell that every such combination needs is hidden (found from the null space of the shown
  cells), or failing that one the least-squares combination uses.

Why this is complete for exact recovery: after :func:`protect` no hidden cell is pinned at its lower
bound, so some solution has every hidden cell strictly inside its bounds, and a count is fixed by the
published cells only if it is fixed by their linear span. Finest groups shown as 0 are known to be
empty and left out.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix, hstack

from .disclosure import LinearTable, Suppression, SuppressionPolicy, _pick, primary_mask, protect

__all__ = ["cell_members", "protect_sets"]


def cell_members(table: LinearTable) -> csr_matrix:
    """Which finest groups (interior cells, in order) each cell adds up: a 0/1 matrix, interior x cells."""
    interior = np.flatnonzero(~table.is_total)
    members: dict[int, frozenset[int]] = {int(cell): frozenset({i}) for i, cell in enumerate(interior)}
    pending = list(table.equations)
    while pending:
        waiting = [(total, parts) for total, parts in pending if not all(p in members for p in parts)]
        for total, parts in pending:
            if total not in members and all(p in members for p in parts):
                members[total] = frozenset().union(*(members[p] for p in parts))
        if len(waiting) == len(pending):
            raise ValueError("the table's totals do not resolve into its interior cells")
        pending = waiting
    rows = [i for cell in range(len(table.values)) for i in members[cell]]
    cols = [cell for cell in range(len(table.values)) for _ in members[cell]]
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(interior.size, len(table.values)))


def _short_totals(table: LinearTable, hidden: np.ndarray, threshold: int) -> np.ndarray:
    """Equations whose total is shown while the hidden cells inside it hold 1 to k-1 people."""
    g, c, sign = table.incidence()
    inside = sign < 0
    hidden_sum = np.bincount(g[inside], weights=(hidden[c] * table.values[c])[inside], minlength=len(table.equations))
    totals = np.array([total for total, _ in table.equations])
    return ~hidden[totals] & (hidden_sum >= 1) & (hidden_sum < threshold)


def _shown(table: LinearTable, members: csr_matrix, hidden: np.ndarray, kept: np.ndarray):
    """The shown cells that are not empty, and their columns over the ``kept`` finest groups."""
    shown = np.flatnonzero(~hidden & (table.values > 0))
    return shown, members[kept][:, shown]


def _small_set(table: LinearTable, interior: np.ndarray, members: csr_matrix, hidden: np.ndarray,
               threshold: int) -> tuple[np.ndarray, np.ndarray] | None:
    """A set of 1 to k-1 people the shown cells fix: (finest groups kept, its indicator over them), or None."""
    kept = hidden[interior] | (table.values[interior] > 0)
    shown, span = _shown(table, members, hidden, kept)
    counts = table.values[interior][kept]
    small = np.flatnonzero(hidden[interior][kept] & (counts < threshold))
    if small.size == 0 or shown.size == 0:
        return None
    choose = csr_matrix((-np.ones(small.size), (small, np.arange(small.size))), shape=(span.shape[0], small.size))
    ones, free = np.ones(small.size), np.full(shown.size, np.inf)
    weights = np.r_[counts[small], np.zeros(shown.size)]
    result = milp(np.zeros(weights.size), integrality=np.r_[ones, np.zeros(shown.size)],
                  bounds=Bounds(np.r_[0 * ones, -free], np.r_[ones, free]),
                  constraints=[LinearConstraint(hstack([choose, span], format="csr"), 0, 0),
                               LinearConstraint(weights[None, :], 1, threshold - 1)])
    if result.status == 2:  # infeasible: no such set
        return None
    if result.status != 0:  # pragma: no cover - the programme is small and bounded
        raise RuntimeError(f"differencing check failed: {result.message}")
    chosen = np.zeros(span.shape[0])
    chosen[small[result.x[:small.size] > 0.5]] = 1.0
    return kept, chosen


def _combination(span: csr_matrix, target: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Dense columns, least-squares coefficients, and whether ``target`` is in their span."""
    dense = span.toarray()
    coef = np.linalg.lstsq(dense, target, rcond=None)[0]
    return dense, coef, bool(np.linalg.norm(dense @ coef - target) < 1e-6)


def _break(table: LinearTable, members: csr_matrix, hidden: np.ndarray, kept: np.ndarray,
           target: np.ndarray) -> np.ndarray:
    """Hide shown cells (at least one) until ``target`` is no longer a combination of the shown ones."""
    hidden = hidden.copy()
    shown, span = _shown(table, members, hidden, kept)
    dense, coef, _ = _combination(span, target)
    while True:
        used = np.abs(coef) > 1e-9
        essential = used & (np.linalg.norm(null_space(dense), axis=1) < 1e-9)
        pool = shown[essential if essential.any() else used]
        hidden[_pick(pool, table, hidden, np.zeros(pool.size, dtype=np.int64), np.zeros(hidden.size))] = True
        shown, span = _shown(table, members, hidden, kept)
        dense, coef, fixed = _combination(span, target)
        if not fixed:
            return hidden


def protect_sets(table: LinearTable, policy: SuppressionPolicy | None = None, *, primary=None) -> Suppression:
    """Like :func:`protect`, and also no set of 1 to k-1 people (a union of interior cells) can be worked
    out from the shown cells. The table's interior cells must be disjoint groups of people."""
    policy = policy or SuppressionPolicy()
    prim = primary_mask(table.values, policy) if primary is None else np.asarray(primary, dtype=bool)
    interior = np.flatnonzero(~table.is_total)
    members = cell_members(table)
    g, c, _ = table.incidence()
    hidden = prim
    while True:
        hidden = protect(table, policy, primary=hidden).suppressed
        short = _short_totals(table, hidden, policy.threshold)
        if short.any():
            entry = short[g] & ~hidden[c] & (table.values[c] > 0)
            hidden[_pick(c[entry], table, hidden, g[entry], np.bincount(c[entry], minlength=hidden.size))] = True
            continue
        found = _small_set(table, interior, members, hidden, policy.threshold)
        if found is None:
            return Suppression(table, prim, hidden & ~prim, policy)
        hidden = _break(table, members, hidden, *found)
