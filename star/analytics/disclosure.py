"""Statistical disclosure control for published counts.

Rules (GSS / ONS practice, as used in DfE children's social care statistics):

* **Primary suppression**: counts from 1 to k-1 are shown as ``c`` (k configurable, default
  5, never below 3). Zero is shown as 0 unless ``suppress_zero`` is set.
* **Secondary suppression** for tables whose cells are linked by totals (row and column
  totals, nested totals such as team within service within organisation, and overlapping
  views of the same people): while any total-equation contains exactly one suppressed cell,
  suppress the smallest non-zero cell in it (interior cells before totals). Then an
  attacker check (:func:`find_disclosed`) looks for any suppressed cell whose value is
  fixed by the published equations and non-negativity; each one found gets another
  complementary suppression, and the loop repeats until nothing can be recovered.
* **Derived figures** (percentages, rates, ratios, intervals) computed from a suppressed
  count are suppressed too: :func:`derived_mask`.
* Optional **rounding** of published counts to the nearest 5 or 10 (display only; the
  suppression pattern is computed on exact counts, which is conservative).

GSS symbols: ``c`` confidential (suppressed), ``z`` not applicable, ``:`` not available,
``k`` rounds to zero but is not zero (DfE convention "low").

The attacker model: suppressed cells are unknown non-negative integers (at least 1 when
zeros are published, because a published zero is never replaced by ``c``); every total
equation and every published cell is known. A cell is *disclosed* when only one value is
possible. :func:`find_disclosed` finds the cells pinned at the lower bound in every solution
(a few sparse LPs, scipy ``linprog``/HiGHS, for the whole table) and then, per connected
part of the table, the cells fixed by the equations plus those pins (null space by SVD).
For the tables built here (nested totals on both axes) the LP vertices are integral, so a
cell that can move at all can move by a whole person; the test-side attacker re-checks
every table with per-cell LP and integer programmes.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix, hstack, identity
from scipy.sparse.csgraph import connected_components

__all__ = [
    "GSS_SYMBOLS",
    "LinearTable",
    "Suppression",
    "SuppressionPolicy",
    "derived_mask",
    "find_disclosed",
    "hierarchical_table",
    "primary_mask",
    "protect",
    "round_to_base",
]

GSS_SYMBOLS: Mapping[str, str] = {
    "c": "confidential: not shown to protect people's identities",
    "z": "not applicable",
    ":": "not available",
    "k": "rounds to zero but is not zero",
}
CONFIDENTIAL, NOT_APPLICABLE, NOT_AVAILABLE, ROUNDS_TO_ZERO = "c", "z", ":", "k"
MIN_THRESHOLD = 3


@dataclass(frozen=True)
class SuppressionPolicy:
    """``threshold`` k: counts 1..k-1 are suppressed (k >= 3). ``rounding``: None, 5 or 10.
    ``protect_complement``: also treat 'denominator minus numerator' as a published count
    (it can be derived by subtraction)."""

    threshold: int = 5
    suppress_zero: bool = False
    rounding: int | None = None
    protect_complement: bool = True

    def __post_init__(self) -> None:
        if self.threshold < MIN_THRESHOLD:
            raise ValueError(f"suppression threshold must be at least {MIN_THRESHOLD}")
        if self.rounding not in (None, 1, 5, 10):
            raise ValueError("rounding must be None, 5 or 10")

    @property
    def lower_bound(self) -> int:
        """What an attacker knows about a ``c`` cell: >= 1 when zeros are published."""
        return 0 if self.suppress_zero else 1


def primary_mask(values, policy: SuppressionPolicy = SuppressionPolicy()) -> np.ndarray:
    """True for counts that must be suppressed on their own (1..k-1, and 0 if configured)."""
    v = np.asarray(values)
    m = (v >= 1) & (v < policy.threshold)
    if policy.suppress_zero:
        m |= v == 0
    return m


def derived_mask(*masks) -> np.ndarray:
    """A derived figure is suppressed when any count it is computed from is suppressed."""
    out = np.zeros(np.broadcast(*[np.asarray(m) for m in masks]).shape, dtype=bool)
    for m in masks:
        out = out | np.asarray(m, dtype=bool)
    return out


def round_to_base(values, base: int | None):
    """Round half up to the nearest ``base`` (None or 1: unchanged)."""
    v = np.asarray(values, dtype=float)
    if not base or base == 1:
        return v
    return np.floor(v / base + 0.5) * base


@dataclass(frozen=True, eq=False)
class LinearTable:
    """Published cells and the linear equations that link them.

    ``equations`` is a sequence of ``(total_cell, member_cells)``: value[total] equals the sum
    of value[members]. Cells from several tables that describe the same people (overlapping
    views) belong in one LinearTable so they are protected jointly.
    """

    values: np.ndarray
    labels: tuple[Hashable, ...]
    equations: tuple[tuple[int, tuple[int, ...]], ...]
    is_total: np.ndarray
    # Optional: which cells to give up first for secondary suppression (lower first); by default
    # interior cells before totals. A lattice of filters ranks cells by how many filters are "all".
    keep_rank: np.ndarray | None = None
    index: Mapping[Hashable, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", np.asarray(self.values, dtype=np.int64))
        object.__setattr__(self, "is_total", np.asarray(self.is_total, dtype=bool))
        rank = self.is_total if self.keep_rank is None else self.keep_rank
        object.__setattr__(self, "keep_rank", np.asarray(rank, dtype=np.int64))
        object.__setattr__(self, "index", {lab: i for i, lab in enumerate(self.labels)})
        if len(self.index) != len(self.labels):
            raise ValueError("cell labels must be unique")
        if (self.values < 0).any():
            raise ValueError("counts must be non-negative")
        for t, members in self.equations:
            if self.values[t] != self.values[list(members)].sum():
                raise ValueError(f"total {self.labels[t]!r} does not equal the sum of its cells")

    @classmethod
    def build(cls, cells: Mapping[Hashable, int],
              equations: Sequence[tuple[Hashable, Sequence[Hashable]]],
              keep_rank: Mapping[Hashable, int] | None = None) -> LinearTable:
        """From {label: value} and [(total_label, [member_labels])], optionally {label: rank}."""
        labels = tuple(cells)
        idx = {lab: i for i, lab in enumerate(labels)}
        eqs = tuple((idx[t], tuple(idx[m] for m in ms)) for t, ms in equations)
        is_total = np.zeros(len(labels), dtype=bool)
        for t, _ in eqs:
            is_total[t] = True
        rank = None if keep_rank is None else np.array([keep_rank[k] for k in labels], dtype=np.int64)
        return cls(np.array([cells[k] for k in labels], dtype=np.int64), labels, eqs, is_total, rank)

    def incidence(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Flat (group_id, cell, sign) arrays: one group per equation (+1 total, -1 members)."""
        g, c, s = [], [], []
        for e, (t, members) in enumerate(self.equations):
            g.append(e)
            c.append(t)
            s.append(1.0)
            g.extend([e] * len(members))
            c.extend(members)
            s.extend([-1.0] * len(members))
        return np.array(g, dtype=np.int64), np.array(c, dtype=np.int64), np.array(s)


def _axis_tree(leaves: Sequence[Hashable], groups: Sequence[Sequence[Hashable]], total,
               total_label: Hashable) -> tuple[list, np.ndarray, dict[int, list[int]]]:
    """Nodes of one axis, a nodes x leaves membership matrix and parent -> children."""
    nodes = list(leaves)
    member = list(np.eye(len(leaves), dtype=np.int64))
    children: dict[int, list[int]] = {}
    level = list(range(len(leaves)))
    for parents in groups:
        if len(parents) != len(level):
            raise ValueError("each grouping level needs one parent per node of the level below")
        new_level = []
        for p in dict.fromkeys(parents):
            kids = [level[i] for i, q in enumerate(parents) if q == p]
            nodes.append(p)
            member.append(sum(member[k] for k in kids))
            children[len(nodes) - 1] = kids
            new_level.append(len(nodes) - 1)
        level = new_level
    if total:
        nodes.append(total_label)
        member.append(sum(member[k] for k in level))
        children[len(nodes) - 1] = level
    if len(set(nodes)) != len(nodes):
        raise ValueError("row/column and group labels must be distinct")
    return nodes, np.array(member), children


def hierarchical_table(values, row_labels: Sequence[Hashable], col_labels: Sequence[Hashable],
                       *, row_groups: Sequence[Sequence[Hashable]] = (),
                       col_groups: Sequence[Sequence[Hashable]] = (), row_total: bool = True,
                       col_total: bool = True, total_label: Hashable = "Total") -> LinearTable:
    """A two-way table of counts with (nested) totals on either axis.

    ``row_groups`` lists grouping levels from the bottom up: ``[team_to_service,
    service_to_org]`` where ``team_to_service[i]`` is the service of row i, and
    ``service_to_org[j]`` is the parent of the j-th distinct service (in first-seen order).
    A grand total is added last unless ``row_total`` is False. Cells are labelled
    ``(row_node, col_node)``.
    """
    v = np.asarray(values, dtype=np.int64)
    if v.shape != (len(row_labels), len(col_labels)):
        raise ValueError("values shape must be (rows, columns)")
    rn, rm, rch = _axis_tree(row_labels, row_groups, row_total, total_label)
    cn, cm, cch = _axis_tree(col_labels, col_groups, col_total, total_label)
    full = rm @ v @ cm.T
    nr, nc = len(rn), len(cn)
    labels = tuple((r, c) for r in rn for c in cn)
    eqs = []
    for p, kids in rch.items():
        for j in range(nc):
            eqs.append((p * nc + j, tuple(k * nc + j for k in kids)))
    for p, kids in cch.items():
        for i in range(nr):
            eqs.append((i * nc + p, tuple(i * nc + k for k in kids)))
    is_total = np.array([(i >= len(row_labels)) or (j >= len(col_labels))
                         for i in range(nr) for j in range(nc)])
    return LinearTable(full.ravel(), labels, tuple(eqs), is_total)


# --- the attacker -------------------------------------------------------------------------

def _components(table: LinearTable) -> np.ndarray:
    g, c, _ = table.incidence()
    n = len(table.values)
    if g.size == 0:
        return np.arange(n)
    totals = np.array([t for t, _ in table.equations])
    rows = totals[g]
    adj = coo_matrix((np.ones(c.size), (rows, c)), shape=(n, n))
    return connected_components(adj, directed=False)[1]


def _implicit_at_bound(a_eq, rhs, n_unknown: int, at_lb: np.ndarray, lb: float) -> np.ndarray:
    """Which unknown cells currently at the lower bound are at it in *every* solution.

    Repeatedly maximise the total slack (capped at 1) of the remaining candidates over all
    solutions; a candidate given positive slack can rise, and when the optimum is 0 the rest
    are fixed. One sparse LP (HiGHS) per round for the whole table; usually 1-2 rounds.
    """
    cand = np.flatnonzero(at_lb)
    fixed = np.zeros(n_unknown, dtype=bool)
    if cand.size == 0:
        return fixed
    m = cand.size
    # variables: x (n_unknown), s (m); x_cand - s >= lb  <=>  -x_cand + s <= -lb
    a_ub = hstack([-csr_matrix((np.ones(m), (np.arange(m), cand)), shape=(m, n_unknown)),
                   identity(m, format="csr")], format="csr")
    b_ub = np.full(m, -float(lb))
    a_full = hstack([a_eq, csr_matrix((a_eq.shape[0], m))], format="csr")
    remaining = np.ones(m, dtype=bool)
    while remaining.any():
        cost = np.concatenate([np.zeros(n_unknown), -remaining.astype(float)])
        bounds = [(lb, None)] * n_unknown + [(0.0, 1.0 if r else 0.0) for r in remaining]
        res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_full, b_eq=rhs, bounds=bounds,
                      method="highs")
        if res.status != 0:  # pragma: no cover - the true values are always feasible
            raise RuntimeError(f"disclosure check LP failed: {res.message}")
        rose = remaining & (res.x[n_unknown:] > 1e-7)
        if not rose.any():
            fixed[cand[remaining]] = True
            break
        remaining &= ~rose
    return fixed


def _square(matrix: np.ndarray) -> np.ndarray:
    """The same null space from a matrix with no more rows than columns (R of a QR decomposition), so the
    SVD does not build a huge unused factor for tall systems such as a survey's filter lattice."""
    rows, cols = matrix.shape
    if rows <= cols:
        return matrix
    return np.linalg.qr(matrix, mode="r")


def find_disclosed(table: LinearTable, suppressed, *, lower_bound: int = 1) -> np.ndarray:
    """Boolean mask of suppressed cells whose exact value can be recovered from the published
    cells, the equations and ``value >= lower_bound``.

    A suppressed cell can move iff some direction in the null space of the equations
    (restricted to the unknowns) changes it while keeping every cell that is at the lower
    bound in all solutions at that bound. Those cells are found with a few LPs over the whole
    table; the rest is a null-space (SVD) computation per connected part of the table.
    """
    sup = np.asarray(suppressed, dtype=bool)
    out = np.zeros(sup.shape, dtype=bool)
    if not sup.any() or not table.equations:
        return out
    unk = np.flatnonzero(sup)
    upos = np.full(len(sup), -1)
    upos[unk] = np.arange(unk.size)
    g, c, sign = table.incidence()
    vals = table.values.astype(float)
    known = ~sup[c]
    rhs = -np.bincount(g[known], weights=sign[known] * vals[c[known]],
                       minlength=len(table.equations))
    u_entries = ~known
    a_eq = csr_matrix((sign[u_entries], (g[u_entries], upos[c[u_entries]])),
                      shape=(len(table.equations), unk.size))
    rows_used = np.unique(g[u_entries])
    a_eq, rhs = a_eq[rows_used], rhs[rows_used]
    fixed = _implicit_at_bound(a_eq, rhs, unk.size, vals[unk] <= lower_bound, lower_bound)
    out[unk[fixed]] = True
    comp = _components(table)
    eq_of_row = np.array([comp[table.equations[e][0]] for e in rows_used])
    dense = a_eq.toarray()
    for k in np.unique(comp[unk]):
        cols = np.flatnonzero(comp[unk] == k)
        block = dense[np.ix_(np.flatnonzero(eq_of_row == k), cols)]
        pins = np.eye(cols.size)[fixed[cols]]
        ns = null_space(_square(np.vstack([block, pins]) if pins.size else block))
        if ns.shape[1] == 0:
            out[unk[cols]] = True
            continue
        out[unk[cols[np.linalg.norm(ns, axis=1) < 1e-9]]] = True
    return out


# --- suppression --------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Suppression:
    """Result of :func:`protect`: which cells are suppressed and why, and the published view."""

    table: LinearTable
    primary: np.ndarray
    secondary: np.ndarray
    policy: SuppressionPolicy

    @property
    def suppressed(self) -> np.ndarray:
        return self.primary | self.secondary

    def is_suppressed(self, label: Hashable) -> bool:
        return bool(self.suppressed[self.table.index[label]])

    def published(self) -> list[int | str]:
        """Published value of every cell: int, ``c`` (suppressed) or ``k`` (rounds to zero)."""
        sup = self.suppressed
        rounded = round_to_base(self.table.values, self.policy.rounding)
        out: list[int | str] = []
        for i, v in enumerate(self.table.values):
            if sup[i]:
                out.append(CONFIDENTIAL)
            elif v > 0 and rounded[i] == 0:
                out.append(ROUNDS_TO_ZERO)
            else:
                out.append(int(rounded[i]))
        return out

    def published_cell(self, label: Hashable) -> int | str:
        return self.published()[self.table.index[label]]

    def grid(self, row_labels: Sequence[Hashable], col_labels: Sequence[Hashable]
             ) -> list[list[int | str]]:
        """Published values for cells labelled (row, col), e.g. one view of a hierarchy."""
        pub = self.published()
        return [[pub[self.table.index[(r, c)]] for c in col_labels] for r in row_labels]

    def to_dict(self) -> dict:
        return {"cells": [{"cell": list(lab) if isinstance(lab, tuple) else lab, "value": p,
                           "reason": ("primary" if self.primary[i] else
                                      "secondary" if self.secondary[i] else None)}
                          for i, (lab, p) in enumerate(zip(self.table.labels, self.published(),
                                                           strict=True))],
                "threshold": self.policy.threshold, "rounding": self.policy.rounding}


def _pick(candidates: np.ndarray, table: LinearTable, sup: np.ndarray, groups: np.ndarray,
          needy_count: np.ndarray) -> np.ndarray:
    """For each group in ``groups`` (array of group ids per candidate entry) choose the best
    candidate cell: interior before total, smallest value, most needy groups, lowest index."""
    if candidates.size == 0:
        return candidates
    order = np.lexsort((candidates, -needy_count[candidates], table.values[candidates],
                        table.keep_rank[candidates], groups))
    _, first = np.unique(groups[order], return_index=True)
    return np.unique(candidates[order][first])


def _secondary_pass(table: LinearTable, sup: np.ndarray, g: np.ndarray, c: np.ndarray
                    ) -> np.ndarray:
    """Repeat: every equation with exactly one suppressed cell gets one more."""
    n_groups = len(table.equations)
    sup = sup.copy()
    while True:
        count = np.bincount(g, weights=sup[c], minlength=n_groups)
        needy = count == 1
        if not needy.any():
            return sup
        entry_needy = needy[g]
        needy_count = np.bincount(c[entry_needy], minlength=len(sup))
        cand = entry_needy & ~sup[c] & (table.values[c] > 0)
        chosen = _pick(c[cand], table, sup, g[cand], needy_count)
        if chosen.size == 0:
            return sup
        sup[chosen] = True


def protect(table: LinearTable, policy: SuppressionPolicy = SuppressionPolicy(), *,
            primary=None, max_rounds: int = 1000) -> Suppression:
    """Primary and secondary suppression of ``table`` so that no suppressed cell can be
    recovered exactly. ``primary`` overrides the primary mask (e.g. to add cells that
    must be hidden for other reasons)."""
    prim = primary_mask(table.values, policy) if primary is None else np.asarray(primary, bool)
    g, c, _ = table.incidence()
    sup = prim.copy()
    comp = _components(table)
    for _ in range(max_rounds):
        sup = _secondary_pass(table, sup, g, c)
        disclosed = find_disclosed(table, sup, lower_bound=policy.lower_bound)
        if not disclosed.any():
            return Suppression(table, prim, sup & ~prim, policy)
        # one more complementary cell for each disclosed cell, from its own equations
        dis_groups = np.unique(g[disclosed[c]])
        in_dis = np.isin(g, dis_groups)
        needy_count = np.bincount(c[in_dis], minlength=len(sup))
        cand = in_dis & ~sup[c] & (table.values[c] > 0)
        chosen = _pick(c[cand], table, sup, g[cand], needy_count)
        if chosen.size == 0:  # widen to the whole connected part of the table
            pool = np.flatnonzero(np.isin(comp, comp[disclosed]) & ~sup & (table.values > 0))
            if pool.size == 0:
                raise RuntimeError("cannot protect table: no cell left to suppress")
            key = np.lexsort((pool, table.values[pool], table.keep_rank[pool]))
            chosen = pool[key[:1]]
        sup[chosen] = True
    raise RuntimeError("secondary suppression did not converge")
