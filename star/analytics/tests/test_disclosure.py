"""Disclosure control: primary and secondary suppression, checked by an independent attacker."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from star.analytics.disclosure import (
    SuppressionPolicy,
    derived_mask,
    hierarchical_table,
    primary_mask,
    protect,
    round_to_base,
)

from .attacker import attack, attack_suppression


def test_primary_rules():
    assert primary_mask([0, 1, 4, 5, 9]).tolist() == [False, True, True, False, False]
    assert primary_mask([0, 2, 3], SuppressionPolicy(threshold=3)).tolist() == [False, True, False]
    assert primary_mask([0, 7], SuppressionPolicy(suppress_zero=True)).tolist() == [True, False]
    with pytest.raises(ValueError):
        SuppressionPolicy(threshold=2)
    with pytest.raises(ValueError):
        SuppressionPolicy(rounding=3)


def test_rounding_and_symbols():
    assert round_to_base([12, 15, 17, 2], 5).tolist() == [10, 15, 15, 0]
    t = hierarchical_table([[7, 2], [12, 30]], ["a", "b"], ["x", "y"])
    s = protect(t, SuppressionPolicy(threshold=3, rounding=10))
    pub = dict(zip(t.labels, s.published(), strict=True))
    assert pub[("a", "y")] == "c"
    assert pub[("Total", "Total")] == 50


def test_derived_mask():
    assert derived_mask([True, False, False], [False, False, True]).tolist() == [True, False, True]


def test_single_suppressed_cell_gets_complements():
    t = hierarchical_table([[3, 10, 12], [8, 9, 20], [15, 14, 30]], list("abc"), list("xyz"))
    s = protect(t)
    assert s.is_suppressed(("a", "x"))
    assert s.secondary.sum() >= 3  # a rectangle at least
    assert attack_suppression(s) == {}
    # totals stay published where possible
    assert s.published_cell(("Total", "Total")) == 121


def test_lower_bound_attack_is_blocked():
    # Row "a" total 12 with two small cells 1 and 1: knowing c >= 1 and the rest, an
    # attacker could pin both if only those two were hidden.
    t = hierarchical_table([[1, 1, 10], [20, 30, 40], [25, 35, 45]], list("abc"), list("xyz"))
    s = protect(t)
    assert attack_suppression(s) == {}


def test_nested_totals_team_service_org():
    values = [[3, 10, 12], [8, 9, 20], [15, 4, 30], [11, 14, 16], [2, 25, 9]]
    t = hierarchical_table(values, ["t1", "t2", "t3", "t4", "t5"], ["A", "B", "C"],
                           row_groups=[["s1", "s1", "s2", "s2", "s3"]])
    s = protect(t)
    assert attack_suppression(s) == {}


def _view(sup, rows, cols):
    return {(r, c): v for r, row in zip(rows, sup.grid(rows, cols), strict=True)
            for c, v in zip(cols, row, strict=True)}


def test_overlapping_views_must_be_protected_jointly():
    teams = [[3, 10], [8, 9], [30, 19]]
    team_rows, services = ["t1", "t2", "t3"], ["s1", "s1", "s2"]
    cols = ["A", "B"]
    # service view on its own: s1 = t1 + t2, s2 = t3
    s_table = hierarchical_table([[11, 19], [30, 19]], ["s1", "s2"], cols)
    # team view for service s1 on its own (its total row is the s1 row)
    t_table = hierarchical_table(teams[:2], team_rows[:2], cols, total_label="s1")
    ind_s, ind_t = protect(s_table), protect(t_table)
    # joint published values: the union of both views
    joint = hierarchical_table(teams, team_rows, cols, row_groups=[services])
    pub = {lab: None for lab in joint.labels}
    for lab, v in zip(s_table.labels, ind_s.published(), strict=True):
        pub[lab] = v
    for lab, v in zip(t_table.labels, ind_t.published(), strict=True):
        if pub.get(lab) in (None, "c"):
            pub[lab] = v
    # cells of the joint table not shown by either view are unknown to the attacker
    pub = {k: ("c" if v is None else v) for k, v in pub.items()}
    eqs = [(joint.labels[t], [joint.labels[m] for m in ms]) for t, ms in joint.equations]
    assert attack(joint.labels, eqs, pub) != {}  # independent protection leaks
    s = protect(joint)
    assert attack_suppression(s) == {}
    views = _view(s, ["t1", "t2", "t3", "s1", "s2", "Total"], [*cols, "Total"])
    assert views[("t1", "A")] == "c"


def _random_table(draw):
    r = draw(st.integers(2, 5))
    c = draw(st.integers(2, 4))
    vals = draw(st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 40]),
                                  min_size=c, max_size=c), min_size=r, max_size=r))
    grouped = draw(st.booleans())
    groups = [[f"g{i // 2}" for i in range(r)]] if grouped else []
    return hierarchical_table(vals, [f"r{i}" for i in range(r)], [f"c{j}" for j in range(c)],
                              row_groups=groups)


@settings(max_examples=40, deadline=None)
@given(st.data(), st.sampled_from([3, 5, 10]), st.booleans())
def test_random_tables_never_reveal_a_cell_and_are_idempotent(data, k, zeros):
    t = _random_table(data.draw)
    policy = SuppressionPolicy(threshold=k, suppress_zero=zeros)
    s = protect(t, policy)
    assert (s.suppressed | ~primary_mask(t.values, policy)).all()  # primary kept
    assert attack_suppression(s) == {}
    again = protect(t, policy, primary=s.suppressed)
    assert np.array_equal(again.suppressed, s.suppressed)
