"""Workforce race equality measures: pure computation over numpy arrays (no Django).

Groups are integer-coded (:func:`code_groups`: 0 reference, 1 comparison, 2 unknown
ethnicity, 3 unassigned) and counted with ``np.bincount``. Every published figure goes
through :mod:`star.analytics` (Wilson, Katz, Newcombe, 2x2 tests, Benjamini-Hochberg,
four-fifths, one-person flip, disclosure control, readings). See ``docs/workforce-measures.md``.

Standards and directions (:class:`Standard`):

* **Social Care WRES** (Skills for Care, with DHSC/DfE): indicators 1 (staff in each pay band),
  2 (appointment from shortlisting), 3 (formal disciplinary), 4 (fitness to practise) and
  9 (senior leadership). Ratios are presented Global Majority relative to White: above 1
  means Global Majority staff are more likely.
* **NHS WRES** (NHS England): indicators 1, 2, 3, 4 (non-mandatory training and CPD) and 9.
  Indicators 2 and 4 are presented White relative to BME (above 1: White staff more likely);
  indicator 3 BME relative to White.

Whole-report correction: every test is registered in one Benjamini-Hochberg family by
:func:`correct_family` before the figures are built.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats as _st

from star.analytics import (
    BROAD_GROUPS,
    UNKNOWN,
    Figure,
    Flags,
    LinearTable,
    SuppressionPolicy,
    TwoGroup,
    benjamini_hochberg,
    primary_mask,
    proportion,
    protect,
    read_difference,
)
from star.analytics.ethnicity import ALL_CATEGORIES
from star.analytics.reading import format_number, format_percent
from star.analytics.stats import (
    SMALL_NUMBER_THRESHOLD,
    difference_arrays,
    four_fifths_fails,
    katz_arrays,
    one_person_flip,
    proportion_arrays,
    test_2x2,
)
from star.analytics.table import ratio_figure, value_figure

REF, COMP, UNKNOWN_GROUP, UNASSIGNED = 0, 1, 2, 3
BROAD_KEYS = tuple(BROAD_GROUPS)  # asian, black, mixed, white, other
BROAD_UNKNOWN, BROAD_UNASSIGNED = len(BROAD_KEYS), len(BROAD_KEYS) + 1
TIERS = (("senior", "Senior leadership"), ("middle", "Middle leadership"),
         ("first_line", "First-line management"), ("", "Not in leadership"))
PAY_MIN_GROUP = 10  # DBT 2023: do not publish figures for groups under 10 employees

COMPARISON_VS_REFERENCE = "comparison_vs_reference"
REFERENCE_VS_COMPARISON = "reference_vs_comparison"

INDICATORS = (
    "representation_by_grade", "leadership_vs_workforce", "leadership_vs_population",
    "appointment_from_shortlisting", "shortlisting_from_application", "disciplinary_entry",
    "fitness_to_practise_entry", "development_access", "leaving", "promotion", "pay_gap",
)


# --- standards -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Standard:
    """How a standard numbers the indicators and which way its ratios point."""

    id: str
    label: str
    short: str
    numbers: Mapping[str, str]
    directions: Mapping[str, str] = field(default_factory=dict)

    def reference(self, indicator: str) -> str | None:
        n = self.numbers.get(indicator)
        return f"{self.short} indicator {n}" if n else None

    def direction(self, indicator: str) -> str:
        return self.directions.get(indicator, COMPARISON_VS_REFERENCE)

    def analytics_direction(self, indicator: str) -> str:
        """The ``compare_groups`` direction with the reference group as comparator."""
        return ("group_vs_reference" if self.direction(indicator) == COMPARISON_VS_REFERENCE
                else "reference_vs_group")


SC_WRES = Standard(
    "sc-wres", "Social Care Workforce Race Equality Standard (Skills for Care)", "SC-WRES",
    {"representation_by_grade": "1", "appointment_from_shortlisting": "2",
     "disciplinary_entry": "3", "fitness_to_practise_entry": "4",
     "leadership_vs_workforce": "9", "leadership_vs_population": "9"})
NHS_WRES = Standard(
    "nhs-wres", "NHS Workforce Race Equality Standard (NHS England)", "NHS WRES",
    {"representation_by_grade": "1", "appointment_from_shortlisting": "2",
     "disciplinary_entry": "3", "development_access": "4",
     "leadership_vs_workforce": "9", "leadership_vs_population": "9"},
    {"appointment_from_shortlisting": REFERENCE_VS_COMPARISON,
     "shortlisting_from_application": REFERENCE_VS_COMPARISON,
     "development_access": REFERENCE_VS_COMPARISON})
STANDARDS = {s.id: s for s in (SC_WRES, NHS_WRES)}


def get_standard(standard: str | Standard) -> Standard:
    if isinstance(standard, Standard):
        return standard
    try:
        return STANDARDS[standard]
    except KeyError:
        raise ValueError(f"standard must be one of {sorted(STANDARDS)}") from None


def standard_references(indicator: str) -> dict[str, str | None]:
    return {s.id: s.reference(indicator) for s in STANDARDS.values()}


# --- coding and counting ---------------------------------------------------------------------

def factorize(values) -> tuple[list, np.ndarray]:
    """Distinct values in first-seen order and an integer code per value (a dict pass: faster
    than sorting long strings)."""
    uniq = list(dict.fromkeys(values))
    lut = dict(zip(uniq, range(len(uniq)), strict=True))
    return uniq, np.fromiter(map(lut.__getitem__, values), dtype=np.int64, count=len(values))


def _lookup(keys, fn, dtype=np.int8) -> np.ndarray:
    uniq, codes = factorize(keys)
    lut = np.array([fn(k) for k in uniq], dtype=dtype)
    return lut[codes] if len(uniq) else np.zeros(0, dtype)


def code_groups(keys, two_group: TwoGroup | None = None) -> np.ndarray:
    """Ethnicity category keys -> 0 reference, 1 comparison, 2 unknown, 3 unassigned."""
    tg = two_group or TwoGroup()

    def code(k):
        if k in UNKNOWN:
            return UNKNOWN_GROUP
        if k not in ALL_CATEGORIES:
            return UNASSIGNED
        g = tg.assign(k)
        return UNASSIGNED if g is None else (REF if g == tg.reference_label else COMP)

    return _lookup(keys, code)


def code_broad(keys) -> np.ndarray:
    """Ethnicity category keys -> 0..4 ONS broad group, 5 unknown, 6 unassigned."""
    def code(k):
        cat = ALL_CATEGORIES.get(k)
        return (BROAD_UNASSIGNED if cat is None else BROAD_UNKNOWN if cat.unknown
                else BROAD_KEYS.index(cat.broad))

    return _lookup(keys, code)


def code_labels(values, order=None, blank: str = "Not recorded") -> tuple[list[str], np.ndarray]:
    """Distinct labels (sorted by ``order`` then label; blanks shown as ``blank``) and codes."""
    uniq, inv = factorize(values)
    o = np.full(len(inv), np.inf) if order is None else np.asarray(order, dtype=float)
    rank = np.full(len(uniq), np.inf)
    np.minimum.at(rank, inv, np.where(np.isnan(o), np.inf, o))
    perm = np.lexsort((np.array([str(u) for u in uniq], dtype=object), rank)) if uniq else \
        np.zeros(0, np.int64)
    remap = np.empty(len(uniq), dtype=np.int64)
    remap[perm] = np.arange(len(uniq))
    return [str(uniq[i]) or blank for i in perm], remap[inv]


def crosstab(rows, cols, n_rows: int, n_cols: int, weights=None) -> np.ndarray:
    """Counts (n_rows, n_cols) of (row, col) pairs, optionally weighted (bool mask)."""
    flat = np.asarray(rows, dtype=np.int64) * n_cols + np.asarray(cols, dtype=np.int64)
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    return np.bincount(flat, weights=w, minlength=n_rows * n_cols).reshape(
        n_rows, n_cols).astype(np.int64)


def in_window(dates, start, end) -> np.ndarray:
    """start < date <= end for datetime64 arrays (NaT is never in the window)."""
    d = np.asarray(dates, dtype="datetime64[D]")
    return (d > np.datetime64(start, "D")) & (d <= np.datetime64(end, "D"))


def match_keys(keys, lookup) -> np.ndarray:
    """Index of each of ``lookup`` in ``keys`` (-1 where absent). ``keys`` must be unique."""
    pos = dict(zip(keys, range(len(keys)), strict=True))
    return np.fromiter(map(pos.get, lookup, itertools.repeat(-1)), dtype=np.int64,
                       count=len(lookup))


def people_with(idx, n_people: int, mask=None) -> np.ndarray:
    """Boolean per person: at least one event (``idx`` from :func:`match_keys`) in ``mask``."""
    idx = np.asarray(idx)
    ok = idx >= 0 if mask is None else (idx >= 0) & np.asarray(mask, dtype=bool)
    out = np.zeros(n_people, dtype=bool)
    out[idx[ok]] = True
    return out


# --- disclosure control over linked views ----------------------------------------------------

@dataclass(frozen=True)
class Block:
    """One view of the same people: rows x named leaf columns, plus named sums of leaves;
    each row adds up (column by column, matched by name) to a row of its parent block."""

    counts: np.ndarray
    leaves: Sequence[str]
    sums: Mapping[str, Sequence[str]] = field(default_factory=dict)
    parent: int | None = None  # index of the parent block (None for the whole organisation)
    parent_rows: np.ndarray | None = None  # parent row of each row (default: all row 0)

    @property
    def names(self) -> list[str]:
        return [*self.leaves, *self.sums]

    def cells(self) -> np.ndarray:
        c = np.asarray(self.counts, dtype=np.int64).reshape(-1, len(self.leaves))
        idx = {n: i for i, n in enumerate(self.leaves)}
        extra = [c[:, [idx[m] for m in ms]].sum(axis=1) for ms in self.sums.values()]
        return np.column_stack([c, *extra]) if extra else c


@dataclass(frozen=True)
class Protected:
    """Published counts of one block by column name, and which are suppressed."""

    values: dict[str, np.ndarray]
    masks: dict[str, np.ndarray]

    def get(self, names: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        return (np.column_stack([self.values[n] for n in names]),
                np.column_stack([self.masks[n] for n in names]))


def protect_blocks(blocks: Sequence[Block], policy: SuppressionPolicy) -> list[Protected]:
    """Protect every block at once (one LinearTable, so linked views cannot leak): primary
    and secondary suppression with the attacker check over every row equation (sums of
    leaves) and every parent equation (child rows add up to their parent row)."""
    full = [b.cells() for b in blocks]
    offsets = np.cumsum([0] + [f.size for f in full])
    eqs = []
    for k, (b, f) in enumerate(zip(blocks, full, strict=True)):
        base, width, names = offsets[k], f.shape[1], b.names
        for r in range(f.shape[0]):
            for i, members in enumerate(b.sums.values()):
                eqs.append((int(base + r * width + len(b.leaves) + i),
                            tuple(int(base + r * width + names.index(m)) for m in members)))
        if b.parent is None:
            continue
        parent = blocks[b.parent]
        pnames, pwidth, pbase = parent.names, full[b.parent].shape[1], offsets[b.parent]
        prow = np.zeros(f.shape[0], np.int64) if b.parent_rows is None else b.parent_rows
        for p in np.unique(prow):
            kids = np.flatnonzero(prow == p)
            for w, name in enumerate(names):
                eqs.append((int(pbase + p * pwidth + pnames.index(name)),
                            tuple(int(base + r * width + w) for r in kids)))
    values = np.concatenate([f.ravel() for f in full])
    is_total = np.zeros(values.size, dtype=bool)
    for t, _ in eqs:
        is_total[t] = True
    table = LinearTable(values, tuple(range(values.size)), tuple(eqs), is_total)
    sup = protect(table, policy).suppressed
    out = []
    for k, (b, f) in enumerate(zip(blocks, full, strict=True)):
        m = sup[offsets[k]:offsets[k + 1]].reshape(f.shape)
        out.append(Protected({n: f[:, i] for i, n in enumerate(b.names)},
                             {n: m[:, i] for i, n in enumerate(b.names)}))
    return out


TWO_LEAVES = ("ref", "comp", "unknown", "unassigned")
TWO_SUMS: dict = {}  # head-counts are published by group only: fewer equations to protect
REP_COLS = ("ref", "comp", "unknown", "unassigned")
BROAD_LEAVES = (*BROAD_KEYS, "unknown", "unassigned")


def broad_layout(two_group: TwoGroup) -> tuple[tuple[str, ...], dict, bool]:
    """Leaves and sums for tables that publish broad groups and the two groups together:
    when each broad group falls wholly in one of the two groups, the two groups are sums of
    broad leaves (aligned). Otherwise the two-group layout, and ``aligned`` is False."""
    ref_b, comp_b = [], []
    for b in BROAD_KEYS:
        assigned = {two_group.assign(k) for k, c in ALL_CATEGORIES.items()
                    if c.broad == b and not c.unknown}
        if assigned == {two_group.reference_label}:
            ref_b.append(b)
        elif assigned == {two_group.comparison_label}:
            comp_b.append(b)
        else:
            return TWO_LEAVES, dict(TWO_SUMS), False
    return BROAD_LEAVES, {"ref": tuple(ref_b), "comp": tuple(comp_b)}, True


# --- tests registered in the report-wide family ----------------------------------------------

@dataclass
class Tests:
    """Raw p-values of one set of comparisons; ``correct_family`` fills ``p_adj`` and ``m``."""

    p: np.ndarray
    fisher: np.ndarray
    p_adj: np.ndarray | None = None
    m: int = 0


def correct_family(tests: Sequence[Tests]) -> int:
    """Benjamini-Hochberg across every test in the report. Returns the family size."""
    if not tests:
        return 0
    flat = np.concatenate([np.ravel(t.p) for t in tests])
    adj, m = benjamini_hochberg(flat)
    at = 0
    for t in tests:
        k = np.size(t.p)
        t.p_adj, t.m = adj[at:at + k].reshape(np.shape(t.p)), m
        at += k
    return m


# --- JSON helpers ----------------------------------------------------------------------------

def _num(x, places: int | None = None):
    if x is None:
        return None
    x = float(x)
    if not math.isfinite(x):
        return None
    return round(x, places) if places is not None else x


def ratio_json(fig: Figure) -> dict:
    """The report's ratio object."""
    four = None
    if fig.value is not None and fig.value > 0:
        four = min(fig.value, 1 / fig.value)
    elif fig.value == 0:
        four = 0.0
    return {"value": fig.value, "ci_low": fig.lower, "ci_high": fig.upper,
            "p_value": fig.p_value, "p_adjusted": fig.p_adjusted, "significant": fig.significant,
            "four_fifths_ratio": four, "flags": sorted(fig.flags), "group": fig.group,
            "comparator": fig.comparator, "method": fig.method, "test": fig.test,
            "tests": fig.tests, "symbol": fig.symbol, "reading": fig.reading}


def gap_json(fig: Figure) -> dict:
    """A difference in percentage points with its interval."""

    def pts(v):
        return None if v is None else round(v * 100, 4)

    return {"value": pts(fig.value), "ci_low": pts(fig.lower), "ci_high": pts(fig.upper),
            "unit": "percentage points", "p_value": fig.p_value, "p_adjusted": fig.p_adjusted,
            "significant": fig.significant, "flags": sorted(fig.flags), "group": fig.group,
            "comparator": fig.comparator, "method": fig.method, "test": fig.test,
            "tests": fig.tests, "symbol": fig.symbol, "reading": fig.reading}


def value_json(fig: Figure, role: str | None = None) -> dict:
    sup = fig.symbol == "c"
    return {"group": fig.group, "role": role,
            "count": "c" if sup else fig.numerator, "denominator": "c" if sup else fig.denominator,
            "percent": None if fig.value is None else round(fig.value * 100, 4),
            "ci_low": None if fig.lower is None else round(fig.lower * 100, 4),
            "ci_high": None if fig.upper is None else round(fig.upper * 100, 4),
            "flags": sorted(fig.flags), "reading": fig.reading}


def _published(v: int, suppressed: bool) -> int | str:
    return "c" if suppressed else int(v)


# --- indicator records -----------------------------------------------------------------------

@dataclass
class Indicator:
    """One indicator of the report. ``body`` builds the figures once the family is corrected."""

    id: str
    title: str
    standard: Standard
    status: str = "ok"
    meta: dict = field(default_factory=dict)
    tests: list[Tests] = field(default_factory=list)
    body: Callable[[], dict] | None = None

    def to_dict(self) -> dict:
        d = {"id": self.id, "title": self.title,
             "standard": {"id": self.standard.id, "reference": self.standard.reference(self.id),
                          "number": self.standard.numbers.get(self.id)},
             "standard_references": standard_references(self.id), "status": self.status,
             **self.meta}
        d.update(self.body() if self.body else {})
        return d


@dataclass(frozen=True)
class Groups:
    """Labels of the two-group comparison and the policy used for suppression."""

    reference: str = "White"
    comparison: str = "Global Majority"
    policy: SuppressionPolicy = field(default_factory=SuppressionPolicy)
    confidence: float = 0.95
    fdr: float = 0.05

    @property
    def labels(self) -> tuple[str, str]:
        return (self.reference, self.comparison)


# --- outcome comparisons (relative likelihood) -----------------------------------------------

@dataclass(frozen=True)
class Breakdown:
    """Rows to break a measure down by: a code per person and the row labels."""

    name: str  # "by_service", "by_grade"
    codes: np.ndarray
    labels: Sequence[str]


BREAKDOWN_WITHHELD = ("Not broken down: the groups would be so small that showing them would mean hiding "
                      "the overall figure too.")


def _protect_keeping_headline(blocks: Sequence[Block], policy: SuppressionPolicy,
                              headline: Sequence[str]) -> list[Protected]:
    """Protect the headline with as many breakdowns as possible without hiding the headline.

    Linked breakdowns are protected jointly (so subtraction cannot reveal a hidden cell); when
    that would suppress the headline's own counts, the last breakdown is withheld instead:
    the overall figure matters more than its detail."""
    kept = list(blocks)
    while True:
        protected = protect_blocks(kept, policy)
        if len(kept) == 1 or not any(bool(protected[0].masks[name][0]) for name in headline):
            return protected
        kept.pop()


def outcome_indicator(indicator: str, title: str, *, standard: Standard, groups: Groups,
                      group, denominator, outcome, breakdowns: Sequence[Breakdown] = (),
                      subject: str, outcome_text: str, likely_to: str, meta: dict | None = None,
                      weights=None) -> Indicator:
    """Relative likelihood of ``outcome`` among people in ``denominator`` (boolean arrays
    over people coded by ``group``, or over counted rows with ``weights``), overall and by
    each breakdown, in the standard's direction, with joint disclosure control over every
    row published."""
    std = get_standard(standard)
    group = np.asarray(group)
    den = np.asarray(denominator, dtype=bool)
    out = np.asarray(outcome, dtype=bool) & den
    # leaf columns: x_ref, y_ref, x_comp, y_comp, unknown (in denominator)
    cell = np.where(group == REF, 0, np.where(group == COMP, 2, np.where(group == UNKNOWN_GROUP,
                                                                       4, 5)))
    cell = np.where((cell < 4) & ~out, cell + 1, cell)
    keep = den & (cell < 5)
    w = None if weights is None else np.asarray(weights, dtype=np.float64)[keep]
    leaves = ("x_ref", "y_ref", "x_comp", "y_comp", "unknown")
    sums = {"n_ref": ("x_ref", "y_ref"), "n_comp": ("x_comp", "y_comp"),
            "X": ("x_ref", "x_comp"), "Y": ("y_ref", "y_comp"), "N": leaves[:4]}
    blocks = [Block(np.bincount(cell[keep], weights=w, minlength=5)[None, :5].astype(np.int64),
                    leaves, sums)]
    for b in breakdowns:
        codes = np.asarray(b.codes)
        blocks.append(Block(crosstab(codes[keep], cell[keep], len(b.labels), 5, weights=w),
                            leaves, sums, parent=0))
    protected = _protect_keeping_headline(blocks, groups.policy, leaves[:4])
    withheld = [b.name for b in breakdowns[len(protected) - 1:]]
    breakdowns = breakdowns[:len(protected) - 1]
    rows = [("all", "All staff" if not breakdowns else "Whole organisation")]
    for b in breakdowns:
        rows += [(b.name, lab) for lab in b.labels]
    views = [v.get(leaves + tuple(sums)) for v in protected]
    c = np.vstack([v[0] for v in views])
    m = np.vstack([v[1] for v in views])
    x = c[:, [0, 2]]
    n = c[:, [5, 6]]
    unknown = c[:, 4]
    val_sup = np.column_stack([m[:, 0] | m[:, 1] | m[:, 5], m[:, 2] | m[:, 3] | m[:, 6]])
    tot_sup = m[:, 7] | m[:, 8] | m[:, 9]
    unk_sup = m[:, 4]
    if std.direction(indicator) == COMPARISON_VS_REFERENCE:
        a, n1, b_, n2, num_g, den_g = x[:, 1], n[:, 1], x[:, 0], n[:, 0], 1, 0
    else:
        a, n1, b_, n2, num_g, den_g = x[:, 0], n[:, 0], x[:, 1], n[:, 1], 0, 1
    p, fisher = test_2x2(a, n1, b_, n2)
    tests = Tests(p, fisher)
    conf = groups.confidence
    rr, rlo, rhi = katz_arrays(a, n1, b_, n2, conf)
    fails, flip = four_fifths_fails(rr), one_person_flip(a, n1, b_, n2)
    val, lo, hi = proportion_arrays(x, n, conf)
    tv, tlo, thi = proportion_arrays(x.sum(1), n.sum(1), conf)
    labels = groups.labels
    likely = "to " + likely_to.removeprefix("to ")

    def row(i: int) -> dict:
        values = [value_json(value_figure(
            "proportion", val[i, j], lo[i, j], hi[i, j], x[i, j], n[i, j], False,
            bool(val_sup[i, j]), conf, labels[j], None, subject, outcome_text),
            "reference" if j == 0 else "comparison") for j in (0, 1)]
        total = value_json(value_figure(
            "proportion", tv[i], tlo[i], thi[i], x[i].sum(), n[i].sum(), False,
            bool(tot_sup[i]), conf, "All known ethnic groups", None, subject, outcome_text),
            "total")
        sig = bool(tests.p_adj[i] < groups.fdr) if np.isfinite(tests.p_adj[i]) else False
        fig = ratio_figure(True, rr[i], rlo[i], rhi[i], a[i], n1[i], b_[i], n2[i], p[i],
                            tests.p_adj[i], tests.m, bool(fisher[i]), sig, bool(fails[i]),
                            bool(flip[i]), bool(val_sup[i].any()), conf, labels[num_g],
                            labels[den_g], None, subject, likely)
        return {"label": rows[i][1], "counts": values, "total": total,
                "unknown_ethnicity": _published(unknown[i], unk_sup[i]),
                "ratio": ratio_json(fig), "reading": fig.reading}

    def body() -> dict:
        head = row(0)
        d = {"numerator_group": labels[num_g], "denominator_group": labels[den_g],
             "direction": std.direction(indicator), **head}
        d.pop("label")
        at = 1
        for b in breakdowns:
            d[b.name] = [row(i) for i in range(at, at + len(b.labels))]
            at += len(b.labels)
        for name in withheld:
            d[name] = []
            d[f"{name}_note"] = BREAKDOWN_WITHHELD
        return d

    return Indicator(indicator, title, std, meta=dict(meta or {}), tests=[tests], body=body)


# --- representation (shares and gaps) --------------------------------------------------------

@dataclass
class Gaps:
    """Shares of the comparison group in some rows against a baseline share, pending the
    family correction. Test: each row against the rest of its baseline (or the baseline
    itself when ``independent``)."""

    labels: list[str]
    x1: np.ndarray
    n1: np.ndarray
    x2: np.ndarray
    n2: np.ndarray
    suppressed: np.ndarray
    tests: Tests
    comparator: Sequence[str] | str
    subject: str
    confidence: float
    fdr: float

    def share(self, i: int) -> Figure:
        """The row's own share (Wilson interval): what a chart of the rows should plot."""
        if self.suppressed[i]:
            return Figure("proportion", None, None, None, None, None, "wilson",
                          frozenset({Flags.SUPPRESSED}), self.confidence, self.labels[i], symbol="c")
        return proportion(int(self.x1[i]), int(self.n1[i]), confidence=self.confidence,
                          group=self.labels[i])

    def figure(self, i: int) -> Figure:
        comparator = self.comparator if isinstance(self.comparator, str) else self.comparator[i]
        if self.suppressed[i]:
            fig = Figure("difference", None, None, None, None, None, "newcombe_hybrid_score",
                         frozenset({Flags.SUPPRESSED}), self.confidence, self.labels[i],
                         comparator, symbol="c", tests=self.tests.m)
            return fig.replace(reading=read_difference(fig, subject=self.subject))
        d, lo, hi = (float(t[i]) for t in difference_arrays(self.x1, self.n1, self.x2, self.n2,
                                                            self.confidence))
        p, padj = float(self.tests.p[i]), float(self.tests.p_adj[i])
        flags = set()
        if not math.isfinite(d):
            flags |= {Flags.UNDEFINED, Flags.INTERVAL_UNDEFINED}
        if min(self.x1[i], self.n1[i] - self.x1[i]) < SMALL_NUMBER_THRESHOLD or \
                self.n1[i] < SMALL_NUMBER_THRESHOLD:
            flags.add(Flags.SMALL_NUMBERS)
        if math.isfinite(padj) and padj < self.fdr:
            flags.add(Flags.SIGNIFICANT)
        fig = Figure("difference", _num(d), _num(lo), _num(hi), int(self.x1[i]),
                     int(self.n1[i]), "newcombe_hybrid_score", frozenset(flags),
                     self.confidence, self.labels[i], comparator, int(self.x2[i]),
                     int(self.n2[i]), None, _num(p), _num(padj),
                     "fisher_exact" if self.tests.fisher[i] else "chi_square", self.tests.m)
        return fig.replace(reading=read_difference(fig, subject=self.subject))


def make_gaps(labels, x1, n1, x2, n2, suppressed, *, comparator, subject: str, groups: Groups,
              rest: bool) -> Gaps:
    """Gaps of x1/n1 against x2/n2; the test compares the row with the rest of the baseline
    (``rest``: rows are part of the baseline) or with the baseline (independent samples)."""
    x1, n1, x2, n2 = (np.asarray(v, dtype=np.int64) for v in (x1, n1, x2, n2))
    x2, n2 = np.broadcast_to(x2, x1.shape), np.broadcast_to(n2, x1.shape)
    tb, tn = (x2 - x1, n2 - n1) if rest else (x2, n2)
    p, fisher = test_2x2(x1, n1, tb, tn)
    return Gaps(list(labels), x1, n1, x2, n2, np.asarray(suppressed, bool), Tests(p, fisher),
                comparator, subject, groups.confidence, groups.fdr)


@dataclass(frozen=True)
class Workforce:
    """One snapshot's staff as arrays (one element per person)."""

    group: np.ndarray
    broad: np.ndarray
    grade: Breakdown
    service: Breakdown
    tier: np.ndarray  # index into TIERS (3 = not in leadership)


def _gap_rows(gaps: Gaps, counts, mask, labels) -> list[dict]:
    out = []
    for i, lab in enumerate(gaps.labels):
        fig = gaps.figure(i)
        out.append({"label": lab, "counts": _group_counts(counts[i], mask[i], labels),
                    "share": value_json(gaps.share(i)), "gap": gap_json(fig), "reading": fig.reading})
    return out


def _group_counts(row, mask, labels) -> dict:
    """Published counts of one row of the representation table (ref, comp, unknown...)."""
    return {labels[0]: _published(row[0], mask[0]), labels[1]: _published(row[1], mask[1]),
            "unknown_ethnicity": _published(row[2], mask[2]),
            "unassigned": _published(row[3], mask[3])}


def representation_indicators(wf: Workforce, *, standard: Standard, groups: Groups,
                              two_group: TwoGroup, population: Mapping[str, int] | None = None,
                              population_source: str | None = None) -> list[Indicator]:
    """Indicators 1 and 9: representation by grade and service, leadership against the
    workforce (by tier and service, with a broad-group drill-down) and against the resident
    population. One joint disclosure-control table covers every view of the snapshot."""
    std = get_standard(standard)
    labels = groups.labels
    is_leader = wf.tier < 3
    leaves, sums, aligned = broad_layout(two_group)
    top = wf.broad.astype(np.int64) if aligned else wf.group.astype(np.int64)
    grp = wf.group.astype(np.int64)
    svc = np.asarray(wf.service.codes)
    n_svc, nl = len(wf.service.labels), len(leaves)
    blocks = [
        Block(np.bincount(top, minlength=nl)[None, :], leaves, sums),
        Block(crosstab(wf.grade.codes, grp, len(wf.grade.labels), 4), TWO_LEAVES, TWO_SUMS, 0),
        Block(crosstab(svc, grp, n_svc, 4), TWO_LEAVES, TWO_SUMS, 0),
        Block(crosstab(wf.tier, top, 4, nl), leaves, sums, 0),
        Block(crosstab(1 - is_leader, grp, 2, 4), TWO_LEAVES, TWO_SUMS, 0),
        Block(crosstab(svc * 2 + (1 - is_leader), grp, 2 * n_svc, 4), TWO_LEAVES, TWO_SUMS, 2,
              np.repeat(np.arange(n_svc), 2)),
    ]
    protected = protect_blocks(blocks, groups.policy)

    def view(k):
        """ref, comp, unknown, unassigned, known (= ref + comp) and their suppression."""
        v, m = protected[k].get(REP_COLS)
        return (np.column_stack([v, v[:, 0] + v[:, 1]]),
                np.column_stack([m, m[:, 0] | m[:, 1]]))

    (c0, m0), (cg, mg), (cs, ms), (ct, mt), (cl, ml), (csl, msl) = (view(k) for k in range(6))
    comp0, known0 = c0[0, 1], c0[0, 4]
    base_sup = bool(m0[0, 1] | m0[0, 4])
    subject = f"{labels[1]} staff"
    workforce = "the whole workforce"

    def sup(m):
        return m[:, 0] | m[:, 1] | m[:, 4] | base_sup

    # representation by grade and by service (each row against the whole workforce)
    g_grade = make_gaps([f"staff in {g}" for g in wf.grade.labels], cg[:, 1], cg[:, 4], comp0,
                        known0, sup(mg), comparator=workforce, subject=subject, groups=groups,
                        rest=True)
    g_svc = make_gaps([f"staff in {s}" for s in wf.service.labels], cs[:, 1], cs[:, 4], comp0,
                      known0, sup(ms), comparator=workforce, subject=subject, groups=groups,
                      rest=True)
    # leadership: each tier and all leadership against the workforce
    tier_labels = [t[1].lower() for t in TIERS[:3]] + ["all leadership roles"]
    lx = np.append(ct[:3, 1], cl[0, 1])
    ln = np.append(ct[:3, 4], cl[0, 4])
    lsup = np.append(sup(mt)[:3], sup(ml)[0])
    g_lead = make_gaps([f"staff in {t}" for t in tier_labels], lx, ln, comp0, known0, lsup,
                       comparator=workforce, subject=subject, groups=groups, rest=True)
    # leadership within each service against that service's workforce
    lead_s = csl[0::2]
    lead_m = msl[0::2]
    g_lead_svc = make_gaps([f"leaders in {s}" for s in wf.service.labels], lead_s[:, 1],
                           lead_s[:, 4], cs[:, 1], cs[:, 4],
                           lead_m[:, 0] | lead_m[:, 1] | lead_m[:, 4] | sup(ms),
                           comparator=[f"all staff in {s}" for s in wf.service.labels],
                           subject=subject, groups=groups, rest=True)
    share0 = _share_json(comp0, known0, base_sup, labels[1], groups)
    unknown0 = {"unknown_ethnicity": _published(c0[0, 2], m0[0, 2]),
                "unassigned": _published(c0[0, 3], m0[0, 3])}

    def rep_body():
        rows = _gap_rows(g_grade, cg, mg, labels)
        sig = [r for r in rows if r["gap"]["significant"]]
        under = [r["label"].removeprefix("staff in ") for r in sig if r["gap"]["value"] < 0]
        over = [r["label"].removeprefix("staff in ") for r in sig if r["gap"]["value"] > 0]
        reading = share0["reading"]
        if sig:
            if under:
                reading += f" They are under-represented in {_join(under)}."
            if over:
                reading += f" They are over-represented in {_join(over)}."
        else:
            reading += (" No grade differs from this by more than chance would explain, "
                        "after allowing for every comparison in the report.")
        return {"comparison_group": labels[1], "workforce_share": share0,
                "counts": _group_counts(c0[0], m0[0], labels), **unknown0,
                "by_grade": rows, "by_service": _gap_rows(g_svc, cs, ms, labels),
                "reading": reading}

    def lead_body():
        head = g_lead.figure(3)
        tiers = _gap_rows(g_lead, np.vstack([ct[:3], cl[:1]]), np.vstack([mt[:3], ml[:1]]),
                          labels)
        for r, key in zip(tiers, [t[0] for t in TIERS[:3]] + ["all"], strict=True):
            r["tier"] = key
        return {"comparison_group": labels[1], "workforce_share": share0,
                "counts": _group_counts(cl[0], ml[0], labels), "share": value_json(g_lead.share(3)),
                "gap": gap_json(head), "by_tier": tiers,
                "by_service": _gap_rows(g_lead_svc, lead_s, lead_m, labels),
                "by_broad_group": _broad_drilldown(protected[3], aligned, wf, groups),
                "reading": head.reading}

    rep = Indicator("representation_by_grade",
                    "Representation by grade and service compared with the whole workforce",
                    std, meta={"denominator": "staff in post on the as-at date whose ethnicity "
                               "is known", "method": "Newcombe hybrid score interval"},
                    tests=[g_grade.tests, g_svc.tests], body=rep_body)
    lead = Indicator("leadership_vs_workforce",
                     "Representation in leadership compared with the whole workforce", std,
                     meta={"denominator": "staff in each leadership tier whose ethnicity is "
                           "known", "method": "Newcombe hybrid score interval"},
                     tests=[g_lead.tests, g_lead_svc.tests], body=lead_body)
    return [rep, lead, population_indicator(std, groups, cl[0, 1], cl[0, 4], bool(sup(ml)[0]),
                                            population, population_source, subject)]


def population_indicator(std: Standard, groups: Groups, x_lead: int, n_lead: int,
                         suppressed: bool, population: Mapping[str, int] | None,
                         source: str | None, subject: str) -> Indicator:
    """Leadership share of the comparison group against the resident population's share."""
    title = "Representation in leadership compared with the resident population"
    if not population or population.get("known", 0) <= 0:
        reading = ("There is no resident population data for this area, so leadership cannot "
                   "be compared with the population. Import ONS population estimates by "
                   "ethnicity to see this figure.")
        return Indicator("leadership_vs_population", title, std, status="no population data",
                         meta={"population": None, "gap": None, "reading": reading})
    gaps = make_gaps(["staff in all leadership roles"], [x_lead], [n_lead],
                     population["comparison"], population["known"], [suppressed],
                     comparator="the resident population", subject=subject, groups=groups,
                     rest=False)

    def body():
        fig = gaps.figure(0)
        return {"population": {"source": source, "comparison": int(population["comparison"]),
                               "known": int(population["known"]),
                               "percent": round(100 * population["comparison"]
                                                / population["known"], 4)},
                "gap": gap_json(fig), "reading": fig.reading}

    return Indicator("leadership_vs_population", title, std,
                     meta={"denominator": "staff in leadership roles whose ethnicity is known; "
                           "resident population aged 18-64 (or all ages) with known ethnicity",
                           "method": "Newcombe hybrid score interval"},
                     tests=[gaps.tests], body=body)


def _broad_drilldown(tiers: Protected, aligned: bool, wf: Workforce, groups: Groups
                     ) -> list[dict]:
    """Per leadership tier: counts and shares by ONS broad group (5 + unknown)."""
    if not aligned:  # the two groups are not unions of broad groups: protect on its own
        counts = crosstab(wf.tier, wf.broad, 4, len(BROAD_LEAVES))
        sums: dict = {}
        tiers = protect_blocks([Block(counts.sum(0)[None, :], BROAD_LEAVES, sums),
                                Block(counts, BROAD_LEAVES, sums, 0)], groups.policy)[1]
    counts, mask = tiers.get(BROAD_LEAVES[:-1])
    names = [BROAD_GROUPS[b].label for b in BROAD_KEYS] + ["Unknown"]
    out = []
    for t, (key, label) in enumerate(TIERS):
        row, known = counts[t], counts[t, :BROAD_UNKNOWN].sum()
        val, lo, hi = proportion_arrays(row[:BROAD_UNKNOWN], known, groups.confidence)
        known_sup = bool(mask[t, :BROAD_UNKNOWN].any())
        cells = []
        for i, name in enumerate(names):
            cell = {"group": name, "count": _published(row[i], bool(mask[t, i]))}
            if i < BROAD_UNKNOWN:
                s = bool(mask[t, i]) or known_sup
                cell.update({"percent_of_known": None if s else _num(val[i] * 100, 4),
                             "ci_low": None if s else _num(lo[i] * 100, 4),
                             "ci_high": None if s else _num(hi[i] * 100, 4)})
            cells.append(cell)
        out.append({"tier": key, "label": label, "groups": cells})
    return out


def _share_json(x: int, n: int, suppressed: bool, label: str, groups: Groups) -> dict:
    fig = value_figure("proportion", *(t.item() for t in proportion_arrays(
        x, n, groups.confidence)), x, n, False, suppressed, groups.confidence, label, None,
        "staff", "are in this group")
    reading = ("The share of the workforce is not shown, to protect privacy." if suppressed
               else f"{label} staff make up {format_percent(fig.value)} of staff whose "
               f"ethnicity is known ({x} of {n})." if fig.value is not None
               else "No staff with a known ethnicity.")
    d = value_json(fig)
    d["reading"] = reading
    return d


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def population_counts(ethnicity, counts, two_group: TwoGroup) -> dict[str, int]:
    """Resident population by two-group: {"reference", "comparison", "known", "unknown"}."""
    g = code_groups(ethnicity, two_group) if len(ethnicity) else np.zeros(0, np.int8)
    c = np.bincount(g, weights=np.asarray(counts, float), minlength=4).astype(np.int64)
    return {"reference": int(c[REF]), "comparison": int(c[COMP]),
            "known": int(c[REF] + c[COMP]), "unknown": int(c[UNKNOWN_GROUP] + c[UNASSIGNED])}


# --- pay gap (DBT 2023) ----------------------------------------------------------------------

def pay_gap(pay, bonus, group, broad, *, groups: Groups, standard: Standard,
            two_group: TwoGroup | None = None) -> Indicator:
    """Ethnicity pay gap as in the DBT (2023) guidance for employers: mean and median hourly
    pay gap of each group against the reference group, (ref - group) / ref x 100; pay
    quarters; bonus gaps (among those paid a bonus); % receiving a bonus; % not disclosing
    ethnicity. Figures for groups with fewer than max(10, k) people are not published, and
    the published head-counts are protected jointly (groups x quarters) at that threshold."""
    std = get_standard(standard)
    tg = two_group or TwoGroup(groups.reference, groups.comparison)
    pay = np.asarray(pay, dtype=float)
    bonus = np.nan_to_num(np.asarray(bonus, dtype=float), nan=0.0)
    group, broad = np.asarray(group), np.asarray(broad)
    k = max(PAY_MIN_GROUP, groups.policy.threshold)
    policy = SuppressionPolicy(k, groups.policy.suppress_zero, groups.policy.rounding,
                               groups.policy.protect_complement)
    has_pay = np.isfinite(pay)
    ref = group == REF
    members = [(groups.comparison, "comparison", group == COMP)]
    members += [(BROAD_GROUPS[b].label, "broad", broad == i) for i, b in enumerate(BROAD_KEYS)
                if ((broad == i) & ~ref).any()]
    got_bonus = bonus > 0

    def stats(m):
        p, b = pay[m & has_pay], bonus[m & got_bonus]
        return {"n_pay": int(p.size), "mean": p.mean() if p.size else np.nan,
                "median": np.median(p) if p.size else np.nan, "n": int(m.sum()),
                "n_bonus": int(b.size), "bonus_mean": b.mean() if b.size else np.nan,
                "bonus_median": np.median(b) if b.size else np.nan}

    def gap(ref_v, v):
        return None if not (np.isfinite(ref_v) and np.isfinite(v) and ref_v) else \
            round(float((ref_v - v) / ref_v * 100), 4)

    r = stats(ref)
    ref_ok = r["n_pay"] >= k
    counts, quarters = _pay_counts(pay, group, broad, tg, groups, policy)
    rows = []
    for label, level, m in members:
        s = stats(m)
        ok = ref_ok and s["n_pay"] >= k
        bonus_ok = ok and s["n_bonus"] >= k and r["n_bonus"] >= k
        shown = counts.get(label, "c")
        rows.append({
            "group": label, "level": level, "suppressed": not ok,
            "employees": shown if ok else "c",
            "mean_gap": gap(r["mean"], s["mean"]) if ok else None,
            "median_gap": gap(r["median"], s["median"]) if ok else None,
            "bonus_mean_gap": gap(r["bonus_mean"], s["bonus_mean"]) if bonus_ok else None,
            "bonus_median_gap": gap(r["bonus_median"], s["bonus_median"]) if bonus_ok else None,
            "percent_receiving_bonus": _num(100 * s["n_bonus"] / s["n"], 4) if ok and s["n"]
            else None,
            "symbol": None if ok else "c",
            "reading": _pay_reading(label, groups.reference, gap(r["median"], s["median"]), ok,
                                    k)})
    n_all = int(group.size)
    n_unknown = int((group == UNKNOWN_GROUP).sum())
    undisclosed_sup = bool(primary_mask(np.array([n_unknown]), groups.policy)[0])
    head = rows[0]

    def body():
        return {
            "reference_group": groups.reference, "comparison_group": groups.comparison,
            "minimum_group_size": k,
            "reference": {"employees": counts.get(groups.reference, "c") if ref_ok else "c",
                          "percent_receiving_bonus": _num(100 * r["n_bonus"] / r["n"], 4)
                          if ref_ok and r["n"] else None},
            "groups": rows, "quarters": quarters,
            "percent_not_disclosing": None if undisclosed_sup or not n_all
            else round(100 * n_unknown / n_all, 4),
            "not_disclosing": _published(n_unknown, undisclosed_sup),
            "reading": head["reading"] + (
                f" {format_percent(n_unknown / n_all)} of staff have not disclosed their "
                "ethnicity (refused or not yet obtained)." if n_all and not undisclosed_sup
                else "")}

    return Indicator("pay_gap", "Ethnicity pay gap (DBT 2023 guidance)", std,
                     meta={"denominator": "staff in post with an hourly rate of pay (bonus: "
                           "all staff in post)",
                           "method": "DBT 2023: (reference - group) / reference x 100",
                           "suppression": f"figures for groups with fewer than {k} employees "
                           "are not published (DBT suggests 10; the platform threshold applies "
                           "if higher)"}, body=body)


def _pay_reading(label, ref_label, median_gap, ok, k) -> str:
    if not ok:
        return (f"Pay figures for {label} staff are not shown because there are fewer than "
                f"{k} people in the group (or in the {ref_label} group).")
    if median_gap is None:
        return f"A median pay gap cannot be calculated for {label} staff."
    if abs(median_gap) < 0.05:
        return f"The median hourly pay of {label} staff is the same as that of {ref_label} staff."
    how = "lower" if median_gap > 0 else "higher"
    return (f"The median hourly pay of {label} staff is {format_number(abs(median_gap), 1)}% "
            f"{how} than that of {ref_label} staff.")


def quarter_index(pay) -> np.ndarray:
    """Quarter (0 lower .. 3 upper) of each finite pay, -1 for missing: staff ordered by pay
    (ties in input order) split into four equal-sized quarters (sizes differ by at most one)."""
    pay = np.asarray(pay, float)
    ok = np.flatnonzero(np.isfinite(pay))
    order = ok[np.argsort(pay[ok], kind="stable")]
    q = np.full(pay.size, -1, dtype=np.int64)
    for i, part in enumerate(np.array_split(order, 4)):
        q[part] = i
    return q


def _pay_counts(pay, group, broad, tg: TwoGroup, groups: Groups, policy: SuppressionPolicy
                ) -> tuple[dict, list[dict]]:
    """Published head-counts of staff with pay (by group) and of each pay quarter, protected
    as one table at the pay threshold."""
    leaves, sums, aligned = broad_layout(tg)
    q = quarter_index(pay)
    has = q >= 0
    leaf = (broad if aligned else group).astype(np.int64)
    overall = np.bincount(leaf[has], minlength=len(leaves))[None, :]
    by_q = crosstab(q[has], leaf[has], 4, len(leaves))
    p0, pq = protect_blocks([Block(overall, leaves, sums), Block(by_q, leaves, sums, 0)], policy)
    counts = {groups.reference: _published(p0.values["ref"][0], p0.masks["ref"][0]),
              groups.comparison: _published(p0.values["comp"][0], p0.masks["comp"][0])}
    if aligned:
        for b in BROAD_KEYS:
            counts[BROAD_GROUPS[b].label] = _published(p0.values[b][0], p0.masks[b][0])
    names = ["lower", "lower_middle", "upper_middle", "upper"]
    quarters = []
    v, m = pq.get(REP_COLS)
    for i in range(4):
        known = v[i, 0] + v[i, 1]
        cells = {}
        for lab, col in ((groups.reference, 0), (groups.comparison, 1)):
            sup = bool(m[i, 0] or m[i, 1])
            cells[lab] = {"count": _published(v[i, col], bool(m[i, col])),
                          "percent_of_known": None if sup or not known
                          else round(100 * v[i, col] / known, 4)}
        quarters.append({"quarter": names[i], "groups": cells,
                         "unknown_ethnicity": _published(v[i, 2], bool(m[i, 2]))})
    return counts, quarters


# --- trend -----------------------------------------------------------------------------------

def leadership_trend(years, comp_lead, known_lead, comp_all, known_all, *, groups: Groups,
                     dates: Sequence[str] | None = None) -> dict:
    """Leadership gap (leadership share minus whole-workforce share) per snapshot with its
    Newcombe interval, and a least-squares slope in percentage points a year with a t
    interval (``scipy.stats.linregress``). A rate is only read out when the slope's interval
    excludes zero. Counts under the suppression threshold hide that point and drop it from
    the fit."""
    years = np.asarray(years, float)
    x1, n1, x2, n2 = (np.asarray(v, np.int64) for v in (comp_lead, known_lead, comp_all,
                                                          known_all))
    sup = (primary_mask(x1, groups.policy) | primary_mask(n1 - x1, groups.policy)
           | primary_mask(n1, groups.policy))
    d, lo, hi = difference_arrays(x1, n1, x2, n2, groups.confidence)
    points = []
    for i in range(years.size):
        points.append({"as_at": None if dates is None else dates[i],
                       "gap": None if sup[i] else _num(d[i] * 100, 4),
                       "ci_low": None if sup[i] else _num(lo[i] * 100, 4),
                       "ci_high": None if sup[i] else _num(hi[i] * 100, 4),
                       "symbol": "c" if sup[i] else None})
    use = ~sup & np.isfinite(d)
    out = {"points": points, "slope": None, "slope_ci_low": None, "slope_ci_high": None,
           "unit": "percentage points a year", "method": "least squares (scipy linregress), "
           "t interval on n-2 degrees of freedom", "points_used": int(use.sum())}
    if use.sum() < 3:
        out["reading"] = ("At least three snapshots are needed to say how the leadership gap "
                          "is changing.")
        return out
    fit = _st.linregress(years[use], d[use] * 100)
    t = _st.t.ppf(0.5 + groups.confidence / 2, use.sum() - 2)
    slope, se = float(fit.slope), float(fit.stderr)
    out.update(slope=round(slope, 4), slope_ci_low=round(slope - t * se, 4),
               slope_ci_high=round(slope + t * se, 4), p_value=_num(fit.pvalue))
    latest = d[use][-1] * 100
    out["reading"] = trend_reading(latest, slope, slope - t * se, slope + t * se, groups)
    return out


def trend_reading(latest: float, slope: float, low: float, high: float, groups: Groups) -> str:
    """Plain-English reading of the trend in the leadership gap."""
    who = f"{groups.comparison} staff in leadership"
    if low <= 0 <= high:
        return (f"The leadership gap for {who} is {format_number(abs(latest), 1)} percentage "
                "points; the trend over the snapshots is not clear (the change each year "
                "could be in either direction).")
    closing = (latest < 0 < slope) or (latest > 0 > slope)
    rate = format_number(abs(slope), 1)
    if closing:
        years = abs(latest) / abs(slope)
        return (f"The gap narrowed by about {rate} percentage points a year; at this rate it "
                f"would close in about {years:.0f} years.")
    return f"The gap widened by about {rate} percentage points a year."
