"""Anonymity for survey results, and whose voices are missing.

**Groups of respondents.** Results can be filtered by several dimensions at once (the link answered
through, the broad ethnic group, the quarter). A viewer can ask for any conjunction: each dimension one
value or ``ALL``. Answer counts are additive, so two overlapping groups can be subtracted: team A with
12 respondents and "team A, White" with 9 reveal the answers of 3 Global Majority respondents.
:func:`survey_groups` therefore protects every group a viewer could ask for *together*: the cells of a
:class:`LinearTable` are all the queryable groups, its equations say that a group with ``ALL`` on a
dimension is the sum of the groups with each value there (the full marginal lattice), and
:func:`protect` applies primary suppression below the threshold and secondary suppression until no
hidden group can be recovered from the shown ones. The pattern is computed once over the whole lattice,
so it does not depend on what a viewer asks for.

**Comments** are not additive but set-like: two lists of comments can be intersected, which reveals the
comments of the intersection whatever its size. So comments are never filtered by who answered; only
by period, and only from periods with at least the threshold of respondents
(:func:`comments_releasable`).

**Representation** (:func:`representation`) compares respondents' ethnic groups with the population
served: each group's share of respondents (Wilson interval), the population share, a representation
ratio, and an exact binomial test of the respondent count against the population share, corrected
across groups with Benjamini-Hochberg.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import binomtest

from .disclosure import LinearTable, SuppressionPolicy, primary_mask, protect
from .reading import format_percent
from .stats import Figure, benjamini_hochberg, wilson_interval
from .table import value_figure

__all__ = ["ALL", "Representation", "RepresentationRow", "SurveyGroups", "comments_releasable",
           "representation", "survey_groups"]

ALL = "all"
TOO_FEW, PROTECTS_ANOTHER = "too_few", "protects_another_group"
STATUS_LABELS = {"under_represented": "Under-represented", "over_represented": "Over-represented",
                 "in_line": "In line", "no_population": "No one to compare with",
                 "not_enough_responses": "No answers yet"}


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
    to its number of respondents. Values never seen are not in the lattice (they count as empty).
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
    table = LinearTable.build(cells, equations)
    primary = primary_mask(table.values, policy)
    result = protect(table, policy, primary=primary)
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
    respondents: int | None  # None when fewer than the threshold (the status is still given)
    share: Figure  # share of respondents, Wilson interval ("c" when suppressed)
    population: int
    population_share: float | None
    ratio: float | None  # respondent share / population share
    ratio_lower: float | None
    ratio_upper: float | None
    p_adjusted: float | None
    status: str
    reading: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def population_percent(self) -> str:
        return format_percent(self.population_share) if self.population_share is not None else ":"

    def to_dict(self) -> dict:
        return {**{name: getattr(self, name) for name in self.__dataclass_fields__ if name != "share"},
                "share": self.share.to_dict()}


@dataclass(frozen=True)
class Representation:
    rows: tuple[RepresentationRow, ...]
    respondents: int
    population: int
    prompts: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"rows": [row.to_dict() for row in self.rows], "respondents": self.respondents,
                "population": self.population, "prompts": list(self.prompts)}


def _status(n, x, p_adj, share, population_share, alpha) -> str:
    if population_share is None or population_share == 0:
        return "no_population"
    if n == 0:
        return "not_enough_responses"
    if p_adj is not None and p_adj < alpha:
        return "under_represented" if share < population_share else "over_represented"
    return "in_line"


def _reading(label, row_share, x, hidden, threshold, population_share, population_label, status, subject,
             confidence) -> str:
    if status == "no_population":
        return f"There are no {label} {population_label} to compare with."
    if status == "not_enough_responses":
        return "Nobody has answered yet."
    against = f"against {format_percent(population_share)} of {population_label}"
    if hidden and 0 < x < threshold:
        start = f"Fewer than {threshold} {label} respondents answered, {against}"
    elif hidden:
        start = f"The number of {label} respondents is not shown, to protect a smaller group; {against}"
    else:
        start = (f"{label} respondents were {format_percent(row_share.value)} of those who answered "
                 f"({round(confidence * 100)}% confidence interval {format_percent(row_share.lower)} to "
                 f"{format_percent(row_share.upper)}), {against}")
    ending = {
        "under_represented": f": fewer than we would expect, so the voices of {label} {subject} are under-represented.",
        "over_represented": ": more than we would expect from the population served.",
        "in_line": ": in line with the population served (no clear difference).",
    }[status]
    return start + ending


def representation(respondents: Mapping[str, int], population: Mapping[str, int], *,
                   policy: SuppressionPolicy | None = None, confidence: float = 0.95, alpha: float = 0.05,
                   subject: str = "families", population_label: str = "children referred",
                   hidden: frozenset[str] | set[str] = frozenset()) -> Representation:
    """Each group's share of respondents against its share of the population served.

    ``respondents`` and ``population`` are counts by the same group labels (people who preferred not to
    say are left out of both). Respondent counts of 1 to threshold-1 are not shown, nor those of groups in
    ``hidden`` (hidden elsewhere to protect a smaller group); their status is still given.
    """
    policy = policy or SuppressionPolicy()
    labels = list(dict.fromkeys([*population, *respondents]))
    x = np.array([int(respondents.get(label, 0)) for label in labels])
    pop = np.array([int(population.get(label, 0)) for label in labels])
    if (x < 0).any() or (pop < 0).any():
        raise ValueError("counts must be zero or more")
    n, total = int(x.sum()), int(pop.sum())
    shares = pop / total if total else np.zeros(len(labels))
    p_values = np.array([binomtest(int(k), n, float(p)).pvalue if n and 0 < p < 1 else np.nan
                         for k, p in zip(x, shares, strict=True)])
    tested = ~np.isnan(p_values)
    adjusted = np.full(len(labels), np.nan)
    if tested.any():
        adjusted[tested] = benjamini_hochberg(p_values[tested])[0]
    hidden_mask = primary_mask(x, policy) | np.array([label in hidden for label in labels], dtype=bool)
    rows, prompts = [], []
    for i, label in enumerate(labels):
        share = value_figure("proportion", x[i] / n if n else np.nan, *_wilson(int(x[i]), n, confidence),
                             int(x[i]), n, True, bool(hidden_mask[i]), confidence, label, None,
                             "respondents", "were from this group")
        population_share = float(shares[i]) if total else None
        p_adj = None if np.isnan(adjusted[i]) else float(adjusted[i])
        status = _status(n, int(x[i]), p_adj, x[i] / n if n else 0.0, population_share, alpha)
        ratio = lower = upper = None
        if population_share and n:
            ratio = float(x[i] / n / population_share)
            low, high = _wilson(int(x[i]), n, confidence)
            lower, upper = float(low / population_share), float(high / population_share)
        hidden = bool(hidden_mask[i])
        if hidden:
            ratio = lower = upper = None
        rows.append(RepresentationRow(
            label, None if hidden else int(x[i]), share, int(pop[i]), population_share, ratio, lower, upper, p_adj,
            status, _reading(label, share, int(x[i]), hidden, policy.threshold, population_share, population_label,
                             status, subject, confidence)))
        if status == "under_represented":
            prompts.append(f"{label} {subject} are under-represented among respondents: think about who we ask, "
                           "how and in what language, and whether a trusted community partner could help.")
    return Representation(tuple(rows), n, total, tuple(prompts))


def _wilson(x: int, n: int, confidence: float) -> tuple[float, float]:
    low, high = wilson_interval(x, n, confidence)
    return float(low), float(high)
