"""Shares of records in a hierarchy (teams within services within an organisation), disclosure-controlled.

For figures such as "race, culture and identity were discussed in 14 of 20 supervisions": each
row's yes and no counts, with subtotals per parent and a grand total, are protected together (primary
and secondary suppression), so that no hidden team can be worked out from its service's total. A
row can also be hidden because it concerns fewer people than the threshold, however many records
it has (one person's twelve supervisions are still about one person).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np

from .disclosure import SuppressionPolicy, hierarchical_table, primary_mask, protect
from .stats import Figure, proportion_arrays
from .table import value_figure

__all__ = ["protected_shares"]

_YES, _NO, _ALL = "yes", "no", "all"


def protected_shares(yes: Sequence[int], total: Sequence[int], *, labels: Sequence[Hashable],
                     parents: Sequence[Hashable] | None = None, people: Mapping[Hashable, int] | None = None,
                     total_label: Hashable = "Total", policy: SuppressionPolicy | None = None,
                     confidence: float = 0.95, subject: str = "records", outcome: str = "had the outcome"
                     ) -> dict[Hashable, Figure]:
    """A proportion Figure (Wilson interval, reading) for every row, parent and the total.

    ``parents[i]`` is the parent label of row i (leave out for a flat table). ``people`` gives the
    number of distinct people behind any row, parent or total; nodes with fewer than the threshold
    are suppressed at the outset. Suppressed figures carry the "suppressed" flag and symbol "c".
    """
    policy = policy or SuppressionPolicy()
    yes_counts = np.asarray(yes, dtype=np.int64)
    totals = np.asarray(total, dtype=np.int64)
    if yes_counts.shape != totals.shape or (yes_counts > totals).any() or (yes_counts < 0).any():
        raise ValueError("each yes count must be between 0 and its total")
    labels = list(labels)
    if not labels:
        return {}
    groups = [list(parents)] if parents is not None else []
    table = hierarchical_table(np.column_stack([yes_counts, totals - yes_counts]), labels, [_YES, _NO],
                               row_groups=groups, total_label=total_label)
    primary = primary_mask(table.values, policy)
    few_people = {node for node, count in (people or {}).items() if count < policy.threshold}
    for index, (node, _column) in enumerate(table.labels):
        if node in few_people and table.values[index] > 0:
            primary[index] = True
    suppressed = protect(table, policy, primary=primary).suppressed
    nodes = list(dict.fromkeys(node for node, _ in table.labels))
    result = {}
    for node in nodes:
        cells = [table.index[(node, column)] for column in (_YES, _NO, total_label)]
        x, _, n = (int(table.values[cell]) for cell in cells)
        value, lower, upper = (float(part) for part in proportion_arrays(x, n, confidence))
        hidden = bool(suppressed[cells].any())
        result[node] = value_figure("proportion", value, lower, upper, x, n, True, hidden, confidence,
                                    None, None, subject, outcome)
    return result

