"""Anonymity for survey results, and whose voices are missing.

**Groups of respondents.** Results can be filtered by several dimensions at once (the link answered
through, the broad ethnic group, the quarter). A viewer can ask for any conjunction: each dimension one
value or ``ALL``. Answer counts are additive, so two overlapping groups can be subtracted: team A with
12 respondents and "team A, White" with 9 reveal the answers of 3 Global Majority respondents.
:func:`survey_groups` therefore protects every group a viewer could ask for *together*: the cells of a
:class:`LinearTable` are all the queryable groups, its equations say that a group with ``ALL`` on a
dimension is the sum of the groups with each value there (the full marginal lattice), and
:func:`protect` applies primary suppression below the threshold and secondary suppression until no
hidden group can be recovered from the shown ones, then :func:`protect_sets` hides more until no *set*
of 1 to k-1 respondents can be worked out either (with several ethnic groups, team A's Black (1) and
Asian (2) respondents can both stay hidden while team A (12) minus "team A, White" (9) still gives the
3 of them together). The pattern is computed once over the whole lattice, so it does not depend on what
a viewer asks for.

**Comments** are not additive but set-like: two lists of comments can be intersected, which reveals the
comments of the intersection whatever its size. So comments are never filtered by who answered; only
by period, and only from periods with at least the threshold of respondents
(:func:`comments_releasable`); a list covering several periods may combine only releasable ones.

Counts that change as responses arrive can be differenced over time (yesterday's view against
today's), which no suppression pattern prevents: show groups and comments for closed periods.

**Representation** (:func:`representation`) compares respondents' ethnic groups with the population
served: each group's share of respondents (Wilson interval), the population share, a representation
ratio (respondent share over population share; its interval is the Wilson interval over the same,
known, population share), and an exact binomial test of the respondent count against the population
share, corrected across groups with Benjamini-Hochberg. Respondent and population counts are protected
as one-way tables with their totals (primary and secondary suppression), and the ratio and p-value of a
group with a hidden count are hidden too (either would give the count back).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import binomtest

from .differencing import protect_sets
from .disclosure import LinearTable, SuppressionPolicy, primary_mask, protect
from .reading import format_percent
from .stats import Figure, benjamini_hochberg, proportion_arrays
from .table import value_figure

__all__ = ["ALL", "Representation", "RepresentationRow", "SurveyGroups", "comments_releasable",
           "representation", "survey_groups"]

ALL = "all"
TOO_FEW, PROTECTS_ANOTHER = "too_few", "protects_another_group"
STATUS_LABELS = {"under_represented": "Under-represented", "over_represented": "Over-represented",
                 "in_line": "In line", "no_population": "No one to compare with",
                 "not_enough_responses": "Too few answers to tell"}


@dataclass(frozen=True)
class SurveyGroups:
    """Which groups of respondents may be shown. Groups are tuples, one value (or ``ALL``) per dimension."""

    dimensions: tuple[str, ...]
    threshold: int
    counts: Mapping[tuple, int]
    reasons: Mapping[tuple, str]

    def count(self, group: Sequence[Hashable]) -> int | None:
        """The number of respondents in the group; None when it is hidden; 0 for an unknown value."""
        group = tuple(group)
        if group in self.reasons:
            return None
        return self.counts.get(group, 0)

    def is_shown(self, group: Sequence[Hashable]) -> bool:
        return tuple(group) not in self.reasons

    def reason(self, group: Sequence[Hashable]) -> str | None:
        """``too_few`` (below the threshold) or ``protects_another_group`` (secondary), None if shown."""
        return self.reasons.get(tuple(group))

    def to_dict(self) -> dict:
        return {"dimensions": list(self.dimensions), "threshold": self.threshold,
                "groups": [{"group": list(group), "count": self.count(group), "reason": self.reason(group)}
                           for group in self.counts]}


def _lattice(atoms: Mapping[tuple, int], size: int) -> tuple[dict[tuple, int], list[tuple[tuple, list[tuple]]]]:
    values = [sorted({atom[d] for atom in atoms}, key=str) for d in range(size)]
    cells: dict[tuple, int] = {}
    for group in itertools.product(*([*vals, ALL] for vals in values)):
        cells[group] = 0
    for atom, count in atoms.items():
        for mask in itertools.product((False, True), repeat=size):
            cells[tuple(ALL if m else v for v, m in zip(atom, mask, strict=True))] += count
    equations = []
    for group in cells:
        for d in range(size):
            if group[d] == ALL:
                members = [(*group[:d], value, *group[d + 1:]) for value in values[d]]
                equations.append((group, members))
    return cells, equations


def survey_groups(atoms: Mapping[Sequence[Hashable], int], dimensions: Sequence[str],
                  policy: SuppressionPolicy | None = None) -> SurveyGroups:
    """Protect every queryable group of respondents at once.

    ``atoms`` maps each full combination of dimension values (a tuple in the order of ``dimensions``)
    to its number of respondents. Values never seen are not in the lattice (they count as empty). Groups
    of 1 to k-1 respondents are hidden (``too_few``), and so are further groups until neither a hidden
    group nor any set of fewer than k respondents can be worked out from the shown ones
    (``protects_another_group``).
    """
    policy = policy or SuppressionPolicy()
    size = len(dimensions)
    clean = {tuple(atom): int(count) for atom, count in atoms.items() if count}
    if any(len(atom) != size for atom in clean) or any(count < 0 for count in clean.values()):
        raise ValueError("each atom needs one value per dimension and a count of zero or more")
    if any(ALL in atom for atom in clean):
        raise ValueError(f"'{ALL}' is reserved for 'not filtered on this dimension'")
    if not clean:
        return SurveyGroups(tuple(dimensions), policy.threshold, {(ALL,) * size: 0}, {})
    cells, equations = _lattice(clean, size)
    # Give up the most specific groups first, so broad ones ("all Black respondents") stay shown.
    table = LinearTable.build(cells, equations, keep_rank={cell: cell.count(ALL) for cell in cells})
    primary = primary_mask(table.values, policy)
    result = protect_sets(table, policy, primary=primary)
    reasons = {}
    for index, label in enumerate(table.labels):
        if result.primary[index]:
            reasons[label] = TOO_FEW
        elif result.secondary[index]:
            reasons[label] = PROTECTS_ANOTHER
    return SurveyGroups(tuple(dimensions), policy.threshold, cells, reasons)


def comments_releasable(period_counts: Mapping[Hashable, int], policy: SuppressionPolicy | None = None) -> set:
    """The periods whose comments may be shown: those with at least the threshold of respondents."""
    policy = policy or SuppressionPolicy()
    return {period for period, count in period_counts.items() if count >= policy.threshold}


# --- whose voices are missing -------------------------------------------------------------------------

@dataclass(frozen=True)
class RepresentationRow:
    label: str
    respondents: int | None  # None when hidden (the status is still given)
    share: Figure  # share of respondents, Wilson interval ("c" when suppressed)
    population: int | None  # None when hidden
    population_share: float | None
    ratio: float | None  # respondent share / population share; None when either count is hidden
    ratio_lower: float | None
    ratio_upper: float | None
    p_adjusted: float | None  # None when either count is hidden (it would give the count back)
    status: str
    reading: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def population_percent(self) -> str:
        if self.population_share is not None:
            return format_percent(self.population_share)
        return "c" if self.population is None else ":"

    def to_dict(self) -> dict:
        return {**{name: getattr(self, name) for name in self.__dataclass_fields__ if name != "share"},
                "share": self.share.to_dict()}


@dataclass(frozen=True)
class Representation:
    rows: tuple[RepresentationRow, ...]
    respondents: int | None  # None when fewer than the threshold
    population: int | None
    prompts: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"rows": [row.to_dict() for row in self.rows], "respondents": self.respondents,
                "population": self.population, "prompts": list(self.prompts)}


def _protected_counts(counts: np.ndarray, policy: SuppressionPolicy, hidden: np.ndarray | None = None
                      ) -> tuple[np.ndarray, bool]:
    """Primary and secondary suppression of groups and their total: (groups hidden, total hidden)."""
    n = counts.size
    table = LinearTable(np.r_[counts, counts.sum()], tuple(range(n + 1)), ((n, tuple(range(n))),),
                        np.r_[np.zeros(n, dtype=bool), True])
    primary = primary_mask(table.values, policy)
    if hidden is not None:
        primary[:n] |= hidden & (counts > 0)
    suppressed = protect(table, policy, primary=primary).suppressed
    return suppressed[:n], bool(suppressed[n])


def _status(i: int, n: int, population: int, p: np.ndarray, p_none: np.ndarray, adjusted: np.ndarray,
            ratio: float, alpha: float, tolerance: float) -> str:
    if population == 0:
        return "no_population"
    if n == 0:
        return "not_enough_responses"
    if adjusted[i] < alpha:
        if ratio < tolerance:
            return "under_represented"
        return "over_represented" if ratio > 1 / tolerance else "in_line"
    # would the test have noticed had nobody from the group answered at all?
    if_none = benjamini_hochberg(np.where(np.arange(p.size) == i, p_none, p))[0][i]
    return "in_line" if if_none < alpha else "not_enough_responses"


def _reading(label, share: Figure, x, hidden, threshold, population_share, population_label, status, who,
             n) -> str:
    if status == "no_population":
        return f"There are no {label} {population_label} to compare with."
    if n == 0:
        return "Nobody has answered yet."
    if population_share is None:
        against = f"against a share of {population_label} that is not shown, to protect their privacy"
    else:
        against = f"against {format_percent(population_share)} of {population_label}"
    if hidden and x < threshold:
        start = f"Fewer than {threshold} {label} respondents answered, {against}"
    elif hidden:
        start = f"The number of {label} respondents is not shown, to protect a smaller group; {against}"
    else:
        start = (f"{label} respondents were {format_percent(share.value)} of those who answered "
                 f"({round(share.confidence * 100)}% confidence interval {format_percent(share.lower)} to "
                 f"{format_percent(share.upper)}), {against}")
    ending = {
        "under_represented": f": fewer than we would expect, so the voices of {who} are under-represented.",
        "over_represented": ": more than we would expect from the population served.",
        "in_line": ": in line with the population served.",
        "not_enough_responses": f": too few people have answered yet to tell whether the voices of {who} are "
                                "missing.",
    }[status]
    return start + ending


def representation(respondents: Mapping[str, int], population: Mapping[str, int], *,
                   policy: SuppressionPolicy | None = None, confidence: float = 0.95, alpha: float = 0.05,
                   tolerance: float = 0.8, subject: str = "families", population_label: str = "children referred",
                   hidden: frozenset[str] | set[str] = frozenset(),
                   people: Mapping[str, str] | None = None) -> Representation:
    """Each group's share of respondents against its share of the population served.

    ``respondents`` and ``population`` are counts by the same group labels (people who preferred not to
    say are left out of both). A group is under-represented when the exact binomial test of its
    respondents against its population share is significant after Benjamini-Hochberg (adjusted p below
    ``alpha``) and its ratio is below ``tolerance``; over-represented when significant and above
    1 / ``tolerance``; ``not_enough_responses`` when not significant and the test would not have noticed
    even if nobody from the group had answered; otherwise in line. Respondent and population counts of 1
    to threshold-1 are not shown, nor those of groups in ``hidden`` (hidden elsewhere, e.g. by
    :func:`survey_groups` on the same dimension), nor others that would give them away through the totals;
    the status is still given. ``people`` names a group's people in readings and prompts (e.g. {"Black":
    "Black families"}); by default the label and ``subject``.
    """
    policy = policy or SuppressionPolicy()
    if not 0 < tolerance <= 1:
        raise ValueError("tolerance must be more than 0 and at most 1")
    labels = list(dict.fromkeys([*population, *respondents]))
    x = np.array([int(respondents.get(label, 0)) for label in labels], dtype=np.int64)
    pop = np.array([int(population.get(label, 0)) for label in labels], dtype=np.int64)
    if (x < 0).any() or (pop < 0).any():
        raise ValueError("counts must be zero or more")
    n, total = int(x.sum()), int(pop.sum())
    x_hidden, n_hidden = _protected_counts(x, policy, np.isin(labels, list(hidden)))
    pop_hidden, total_hidden = _protected_counts(pop, policy)
    shares = pop / total if total else np.zeros(len(labels))
    tested = (pop > 0) & (n > 0)
    p, p_none = np.full(len(labels), np.nan), np.full(len(labels), np.nan)
    for i in np.flatnonzero(tested):
        p[i] = binomtest(int(x[i]), n, float(shares[i])).pvalue
        p_none[i] = binomtest(0, n, float(shares[i])).pvalue
    adjusted = benjamini_hochberg(p)[0]
    value, lower, upper = proportion_arrays(x, n, confidence)
    rows, prompts = [], []
    for i, label in enumerate(labels):
        ratio = value[i] / shares[i] if tested[i] else np.nan
        status = _status(i, n, int(pop[i]), p, p_none, adjusted, ratio, alpha, tolerance)
        share_hidden = bool(x_hidden[i] or n_hidden)
        share = value_figure("proportion", value[i], lower[i], upper[i], x[i], n, True, share_hidden, confidence,
                             None, None, "respondents", f"gave their ethnic group as {label}").replace(group=label)
        population_share = None if pop_hidden[i] or total_hidden or not total else float(shares[i])
        secret = share_hidden or population_share is None or not tested[i]
        who = (people or {}).get(label, f"{label} {subject}")
        rows.append(RepresentationRow(
            label, None if x_hidden[i] else int(x[i]), share, None if pop_hidden[i] else int(pop[i]),
            population_share, None if secret else float(ratio), None if secret else float(lower[i] / shares[i]),
            None if secret else float(upper[i] / shares[i]), None if secret else float(adjusted[i]), status,
            _reading(label, share, int(x[i]), share_hidden, policy.threshold, population_share, population_label,
                     status, who, n)))
        if status == "under_represented":
            prompts.append(f"{who[:1].upper()}{who[1:]} are under-represented among respondents: think about who "
                           "we ask, how and in what language, and whether a trusted community partner could help.")
    return Representation(tuple(rows), None if n_hidden else n, None if total_hidden else total, tuple(prompts))
