"""Survey groups under the differencing attack, comments by period, and whose voices are missing.

The attacker here sees only what is published: which groups are shown and their counts. It subtracts
nested groups, solves for single hidden groups (``attacker.attack``) and, by brute force, looks for any set
of 1 to k-1 respondents whose count is a linear combination of the shown groups.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.linalg import orth
from scipy.stats import binomtest

from star.analytics import (
    ALL,
    LinearTable,
    SuppressionPolicy,
    comments_releasable,
    hierarchical_table,
    protect,
    protect_sets,
    representation,
    survey_groups,
)
from star.analytics.differencing import cell_members

from .attacker import attack

DIMENSIONS = ("link", "ethnicity", "quarter")
# Team A: 12 respondents, 9 White, 1 Black and 2 Asian (3 Global Majority).
TEAMS = {"A": {"White": 9, "Black": 1, "Asian": 2},
         "B": {"White": 20, "Black": 6, "Asian": 5, "Mixed": 3},
         "C": {"White": 15, "Black": 7, "Asian": 8, "Other": 6}}
ATOMS = {(team, group, "Q1"): count for team, counts in TEAMS.items() for group, count in counts.items()}


def _values(atoms):
    return [sorted({atom[d] for atom, count in atoms.items() if count}, key=str) for d in range(len(next(iter(atoms))))]


def _inside(atom, group):
    return all(value in (a, ALL) for a, value in zip(atom, group, strict=True))


def _lattice_cells(values):
    return list(itertools.product(*([*vals, ALL] for vals in values)))


def _equations(cells, values):
    return [(cell, [(*cell[:d], value, *cell[d + 1:]) for value in values[d]])
            for cell in cells for d in range(len(cell)) if cell[d] == ALL]


def _nested_differences(groups, cells):
    """Pairs of shown groups, one inside the other, whose difference is 1 to k-1 respondents."""
    shown = {cell: groups.count(cell) for cell in cells if groups.is_shown(cell)}
    return [(narrow, wide) for narrow, wide in itertools.permutations(shown, 2)
            if _inside(narrow, wide) and 0 < shown[wide] - shown[narrow] < groups.threshold]


def _recoverable_sets(groups, atoms):
    """Every set of 1 to k-1 respondents (a union of full combinations) whose count the shown groups fix."""
    values = _values(atoms)
    shown = [cell for cell in _lattice_cells(values) if groups.is_shown(cell)]
    full = list(itertools.product(*values))
    empty = {atom for atom in full if any(groups.count(g) == 0 and _inside(atom, g) for g in shown)}
    rows = [atom for atom in full if atom not in empty]
    matrix = np.array([[_inside(atom, g) for g in shown] for atom in rows], dtype=float).reshape(len(rows), -1)
    basis = orth(matrix) if matrix.size else matrix
    small = [atom for atom in rows if 0 < atoms.get(atom, 0) < groups.threshold]
    found = []
    for size in range(1, groups.threshold):
        for chosen in itertools.combinations(small, size):
            if sum(atoms[atom] for atom in chosen) < groups.threshold:
                u = np.array([atom in chosen for atom in rows], dtype=float)
                if np.linalg.norm(u - basis @ (basis.T @ u)) < 1e-8:
                    found.append(chosen)
    return found


def _single_cells_recovered(groups, atoms):
    values = _values(atoms)
    cells = _lattice_cells(values)
    published = {cell: "c" if groups.count(cell) is None else groups.count(cell) for cell in cells}
    return attack(cells, _equations(cells, values), published, lower_bound=1, use_milp=False)


# --- which groups may be shown ----------------------------------------------------------------------------


def test_a_group_smaller_than_the_threshold_is_hidden_and_an_unknown_value_is_empty():
    groups = survey_groups(ATOMS, DIMENSIONS)
    assert groups.count(("A", "Black", ALL)) is None and groups.reason(("A", "Black", ALL)) == "too_few"
    assert groups.count((ALL, ALL, ALL)) == 82 and groups.reason((ALL, ALL, ALL)) is None
    assert groups.count(("D", ALL, ALL)) == 0 and groups.is_shown(("D", ALL, ALL))
    with pytest.raises(ValueError):
        survey_groups(ATOMS, DIMENSIONS, SuppressionPolicy(threshold=2))


def test_protecting_single_groups_is_not_enough_against_subtraction():
    """Plain secondary suppression of the lattice shows team A (12) and 'team A, White' (9): 3 people."""
    values = _values(ATOMS)
    cells = _lattice_cells(values)
    table = LinearTable.build({cell: sum(n for atom, n in ATOMS.items() if _inside(atom, cell)) for cell in cells},
                              _equations(cells, values))
    published = dict(zip(table.labels, protect(table).published(), strict=True))
    assert published[("A", ALL, ALL)] == 12 and published[("A", "White", ALL)] == 9


def test_the_differencing_attack_fails():
    groups = survey_groups(ATOMS, DIMENSIONS)
    assert not (groups.is_shown(("A", ALL, ALL)) and groups.is_shown(("A", "White", ALL)))
    assert _nested_differences(groups, _lattice_cells(_values(ATOMS))) == []
    assert _recoverable_sets(groups, ATOMS) == []
    assert _single_cells_recovered(groups, ATOMS) == {}
    assert {g["reason"] for g in groups.to_dict()["groups"]} == {None, "too_few", "protects_another_group"}


def test_protect_sets_hides_a_team_when_the_rest_of_its_service_is_too_small():
    # Service of 12: team A 9, teams B (1) and C (2) hidden. Service minus A would give B and C together.
    table = hierarchical_table([[9], [1], [2], [20]], ["A", "B", "C", "D"], ["n"],
                               row_groups=[["s1", "s1", "s1", "s2"]], col_total=False)
    assert protect(table).published_cell(("s1", "n")) == 12 and protect(table).published_cell(("A", "n")) == 9
    published = dict(zip(table.labels, protect_sets(table).published(), strict=True))
    assert "c" in (published[("s1", "n")], published[("A", "n")])
    assert cell_members(table).toarray()[:, table.index[("s1", "n")]].tolist() == [1, 1, 1, 0]


def test_cell_members_needs_totals_that_resolve_into_interior_cells():
    table = LinearTable(np.array([4, 4]), ("a", "b"), ((0, (1,)), (1, (0,))), np.array([True, True]))
    with pytest.raises(ValueError):
        cell_members(table)


@st.composite
def survey_atoms(draw):
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=3))
    full = list(itertools.product(*[[f"{d}{v}" for v in range(size)] for d, size in enumerate(sizes)]))
    counts = draw(st.lists(st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12]), min_size=len(full),
                           max_size=len(full)))
    return tuple(f"d{d}" for d in range(len(sizes))), dict(zip(full, counts, strict=True))


@settings(max_examples=60, deadline=None)
@given(survey_atoms(), st.sampled_from([3, 5]))
def test_no_shown_group_is_small_and_nothing_small_can_be_worked_out(case, threshold):
    dimensions, atoms = case
    groups = survey_groups(atoms, dimensions, SuppressionPolicy(threshold=threshold))
    if not any(atoms.values()):
        assert groups.count((ALL,) * len(dimensions)) == 0
        return
    cells = _lattice_cells(_values(atoms))
    for cell in cells:
        count = groups.count(cell)
        assert count is None or count == 0 or count >= threshold
        assert (count is None) == (groups.reason(cell) is not None)
    assert _nested_differences(groups, cells) == []
    assert _recoverable_sets(groups, atoms) == []
    assert _single_cells_recovered(groups, atoms) == {}


def test_the_threshold_is_never_below_three():
    with pytest.raises(ValueError):
        survey_groups(ATOMS, DIMENSIONS, SuppressionPolicy(threshold=2))


def test_the_word_all_is_reserved_and_atoms_need_every_dimension():
    with pytest.raises(ValueError):
        survey_groups({("A", ALL, "Q1"): 5}, DIMENSIONS)
    with pytest.raises(ValueError):
        survey_groups({("A", "White"): 5}, DIMENSIONS)


def test_comments_only_from_periods_with_enough_respondents():
    assert comments_releasable({"Q1": 12, "Q2": 4, "Q3": 5, "Q4": 0}) == {"Q1", "Q3"}
    assert comments_releasable({"Q1": 3}, SuppressionPolicy(threshold=3)) == {"Q1"}


# --- whose voices are missing --------------------------------------------------------------------------------

RESPONDENTS = {"White": 150, "Black": 8, "Asian": 20, "Mixed": 12, "Other": 5}
REFERRED = {"White": 600, "Black": 140, "Asian": 130, "Mixed": 90, "Other": 40}


def _wilson(x, n, z=1.959963984540054):
    p = x / n
    centre, half = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def _row(result, label):
    return next(row for row in result.rows if row.label == label)


def test_a_worked_example_against_scipy_and_by_hand():
    result = representation(RESPONDENTS, REFERRED, subject="families")
    black = _row(result, "Black")
    assert black.respondents == 8 and result.respondents == 195 and result.population == 1000
    assert black.share.value == pytest.approx(8 / 195) and black.population_share == pytest.approx(0.14)
    lower, upper = _wilson(8, 195)
    assert (black.share.lower, black.share.upper) == (pytest.approx(lower), pytest.approx(upper))
    assert black.ratio == pytest.approx(8 / 195 / 0.14)
    assert (black.ratio_lower, black.ratio_upper) == (pytest.approx(lower / 0.14), pytest.approx(upper / 0.14))
    assert black.ratio_lower < black.ratio < black.ratio_upper
    # Benjamini-Hochberg by hand over the five exact binomial tests
    raw = {label: binomtest(RESPONDENTS[label], 195, REFERRED[label] / 1000).pvalue for label in RESPONDENTS}
    ranked = sorted(raw, key=raw.get)
    adjusted = {label: min(min(raw[other] * 5 / (j + 1) for j, other in enumerate(ranked) if j >= i), 1.0)
                for i, label in enumerate(ranked)}
    for label in RESPONDENTS:
        assert _row(result, label).p_adjusted == pytest.approx(adjusted[label])
    assert black.status == "under_represented" and _row(result, "White").status == "over_represented"
    assert black.reading == (
        f"Black respondents were 4.1% of those who answered (95% confidence interval {lower:.1%} to {upper:.1%}), "
        "against 14.0% of children referred: fewer than we would expect, so the voices of Black families are "
        "under-represented.")
    assert black.share.reading.startswith("8 of 195 respondents (4.1%) gave their ethnic group as Black.")
    assert result.prompts[0] == ("Black families are under-represented among respondents: think about who we ask, "
                                 "how and in what language, and whether a trusted community partner could help.")
    assert result.to_dict()["rows"][1]["share"]["value"] == pytest.approx(8 / 195)


def test_proportional_answers_are_in_line_and_a_group_nobody_was_referred_from_has_nothing_to_compare():
    result = representation({"White": 300, "Black": 100, "Asian": 100, "Arab": 6},
                            {"White": 600, "Black": 200, "Asian": 200, "Arab": 0})
    assert [row.status for row in result.rows] == ["in_line", "in_line", "in_line", "no_population"]
    assert _row(result, "Black").ratio_lower < 1 < _row(result, "Black").ratio_upper
    assert _row(result, "Arab").reading == "There are no Arab children referred to compare with."
    assert _row(result, "Arab").population_percent == "0.0%" and not result.prompts


def test_too_few_answers_to_tell_is_not_in_line():
    result = representation({"White": 8, "Other": 0}, {"White": 980, "Other": 20})
    assert _row(result, "Other").status == "not_enough_responses" and _row(result, "White").status == "in_line"
    assert "too few people have answered yet" in _row(result, "Other").reading
    assert representation({"White": 0}, {"White": 10}).rows[0].reading == "Nobody has answered yet."


def test_a_small_group_of_respondents_is_hidden_and_cannot_be_worked_out_but_keeps_its_status():
    result = representation({"White": 200, "Black": 2}, {"White": 600, "Black": 300})
    black, white = _row(result, "Black"), _row(result, "White")
    assert black.respondents is None and black.share.symbol == "c" and black.status == "under_represented"
    assert black.ratio is None and black.p_adjusted is None  # the p-value would give the count back
    assert white.respondents is None and result.respondents == 202  # else 202 - 200 = 2
    assert black.reading.startswith("Fewer than 5 Black respondents answered") and " 2 " not in black.reading
    assert "under-represented" in black.reading and result.prompts


def test_small_population_counts_are_hidden_too_and_so_is_a_group_hidden_elsewhere():
    result = representation({"White": 60, "Arab": 10, "Other": 30}, {"White": 900, "Arab": 3, "Other": 97},
                            hidden={"Other"})
    arab, other = _row(result, "Arab"), _row(result, "Other")
    assert arab.population is None and arab.population_share is None and arab.population_percent == "c"
    assert other.population is None and other.ratio is None  # complement of Arab's population
    assert other.respondents is None and "30" not in other.reading and arab.status == "over_represented"
    with pytest.raises(ValueError):
        representation({"White": 1}, {"White": 1}, tolerance=0)


def _one_way_attack(labels, published, total):
    return attack([*labels, "total"], [("total", list(labels))], {**published, "total": total}, use_milp=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 1, 2, 4, 5, 9, 30, 80]), st.sampled_from([0, 2, 5, 40, 500])),
                min_size=1, max_size=6))
def test_statuses_shares_and_hidden_counts(pairs):
    labels = [f"Group {i}" for i in range(len(pairs))]
    result = representation({label: x for label, (x, _) in zip(labels, pairs, strict=True)},
                            {label: p for label, (_, p) in zip(labels, pairs, strict=True)})
    shown = [row.share.value for row in result.rows if row.share.symbol is None and row.respondents]
    if all(row.respondents is not None for row in result.rows) and result.respondents:
        assert sum(shown) == pytest.approx(1.0)
    for row in result.rows:
        assert row.status in {"under_represented", "over_represented", "in_line", "no_population",
                              "not_enough_responses"}
        assert row.respondents is None or row.respondents == 0 or row.respondents >= 5
        assert row.population is None or row.population == 0 or row.population >= 5
        if row.respondents is None or row.population is None:
            assert row.ratio is None and row.p_adjusted is None
        if row.status == "under_represented" and row.ratio is not None:
            assert row.ratio < 0.8 and row.p_adjusted < 0.05
        if row.status == "over_represented" and row.ratio is not None:
            assert row.ratio > 1.25 and row.p_adjusted < 0.05
    if result.respondents is not None:
        published = {row.label: "c" if row.respondents is None else row.respondents for row in result.rows}
        assert _one_way_attack(labels, published, result.respondents) == {}
    if result.population is not None:
        published = {row.label: "c" if row.population is None else row.population for row in result.rows}
        assert _one_way_attack(labels, published, result.population) == {}
