"""survey_groups and representation: anonymity for filtered survey results, and whose voices are missing."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest

from star.analytics import ALL, SuppressionPolicy, representation, survey_groups
from star.analytics.surveys import _lattice, comments_releasable

from .attacker import attack

DIMENSIONS = ("link", "ethnicity", "quarter")


def _attack(groups, atoms):
    """What an attacker recovers from the shown counts and the lattice's equations alone."""
    cells, equations = _lattice({tuple(k): v for k, v in atoms.items() if v}, len(groups.dimensions))
    published = {cell: ("c" if groups.count(cell) is None else groups.count(cell)) for cell in cells}
    return attack(list(cells), equations, published, lower_bound=1, use_milp=len(cells) <= 60)


TEAM_A_WITH_THREE_BLACK = {("A", "white", "Q1"): 9, ("A", "black", "Q1"): 3, ("B", "white", "Q1"): 10,
                           ("B", "black", "Q1"): 6}


def test_a_group_below_the_threshold_is_hidden():
    groups = survey_groups(TEAM_A_WITH_THREE_BLACK, DIMENSIONS)
    assert groups.count(("A", "black", ALL)) is None and groups.reason(("A", "black", ALL)) == "too_few"
    assert groups.count((ALL, ALL, ALL)) == 28 and groups.is_shown((ALL, ALL, ALL))
    assert groups.count(("C", ALL, ALL)) == 0  # a value nobody answered with is simply empty


def test_the_differencing_attack_fails():
    """Team A (12) minus 'Team A, White' (9) would give the 3 Black respondents: one of them must be hidden."""
    groups = survey_groups(TEAM_A_WITH_THREE_BLACK, DIMENSIONS)
    shown = {cell: groups.count(cell) for cell in groups.counts if groups.is_shown(cell)}
    for narrow, wide in itertools.permutations(shown, 2):
        if all(w in (n, ALL) for n, w in zip(narrow, wide, strict=True)):
            assert shown[wide] - shown[narrow] == 0 or shown[wide] - shown[narrow] >= 5, (narrow, wide)
    assert not ({("A", ALL, ALL), ("A", "white", ALL)} <= set(shown))
    assert _attack(groups, TEAM_A_WITH_THREE_BLACK) == {}


def test_the_threshold_is_never_below_three():
    with pytest.raises(ValueError):
        survey_groups(TEAM_A_WITH_THREE_BLACK, DIMENSIONS, SuppressionPolicy(threshold=2))


def test_the_word_all_is_reserved_and_atoms_need_every_dimension():
    with pytest.raises(ValueError):
        survey_groups({("A", ALL, "Q1"): 5}, DIMENSIONS)
    with pytest.raises(ValueError):
        survey_groups({("A", "white"): 5}, DIMENSIONS)


def test_comments_are_released_only_for_periods_with_enough_respondents():
    assert comments_releasable({"Q1": 12, "Q2": 4, "Q3": 5}) == {"Q1", "Q3"}
    assert comments_releasable({"Q1": 4}, SuppressionPolicy(threshold=3)) == {"Q1"}


@st.composite
def survey_atoms(draw):
    dims = draw(st.integers(min_value=2, max_value=3))
    sizes = [draw(st.integers(min_value=1, max_value=3)) for _ in range(dims)]
    cells = list(itertools.product(*[[f"{d}{v}" for v in range(size)] for d, size in enumerate(sizes)]))
    counts = draw(st.lists(st.integers(min_value=0, max_value=12), min_size=len(cells), max_size=len(cells)))
    return tuple(f"d{d}" for d in range(dims)), dict(zip(cells, counts, strict=True))


@settings(max_examples=60, deadline=None)
@given(survey_atoms(), st.sampled_from([3, 5]))
def test_shown_groups_are_empty_or_large_enough_and_no_hidden_group_can_be_recovered(case, threshold):
    dimensions, atoms = case
    groups = survey_groups(atoms, dimensions, SuppressionPolicy(threshold=threshold))
    for cell in groups.counts:
        count = groups.count(cell)
        assert count is None or count == 0 or count >= threshold
    assert _attack(groups, atoms) == {}


# --- representation ---------------------------------------------------------------------------------

def test_representation_against_a_direct_binomial_test():
    result = representation({"White": 120, "Black": 6, "Asian": 30}, {"White": 500, "Black": 200, "Asian": 150})
    black = next(row for row in result.rows if row.label == "Black")
    assert black.respondents == 6 and result.respondents == 156 and result.population == 850
    assert black.share.value == pytest.approx(6 / 156)
    assert black.population_share == pytest.approx(200 / 850)
    assert black.ratio == pytest.approx((6 / 156) / (200 / 850))
    raw = binomtest(6, 156, 200 / 850).pvalue
    assert raw <= black.p_adjusted <= raw * 3
    assert black.status == "under_represented"
    assert black.ratio_lower < black.ratio < black.ratio_upper
    assert "Black respondents were 3.8% of those who answered" in black.reading
    assert result.prompts and result.prompts[0].startswith("Black families are under-represented")


def test_a_proportionate_sample_is_in_line_and_a_group_with_no_population_says_so():
    result = representation({"White": 60, "Black": 20, "Arab": 3}, {"White": 300, "Black": 100, "Arab": 0})
    statuses = {row.label: row.status for row in result.rows}
    assert statuses["White"] == "in_line" and statuses["Black"] == "in_line"
    assert statuses["Arab"] == "no_population"
    assert not result.prompts


def test_a_small_respondent_count_is_hidden_but_its_status_is_given():
    result = representation({"White": 200, "Black": 2}, {"White": 600, "Black": 300})
    black = next(row for row in result.rows if row.label == "Black")
    assert black.respondents is None and black.share.symbol == "c" and black.ratio is None
    assert black.status == "under_represented"
    assert black.reading.startswith("Fewer than 5 Black respondents answered") and " 2 " not in black.reading


def test_a_group_hidden_elsewhere_is_hidden_here_too():
    result = representation({"White": 200, "Black": 40}, {"White": 600, "Black": 300}, hidden={"Black"})
    black = next(row for row in result.rows if row.label == "Black")
    assert black.respondents is None and "40" not in black.reading


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 80), st.integers(0, 500)), min_size=1, max_size=6))
def test_statuses_are_known_and_point_the_right_way(pairs):
    labels = [f"Group {i}" for i in range(len(pairs))]
    result = representation({label: x for label, (x, _) in zip(labels, pairs, strict=True)},
                            {label: p for label, (_, p) in zip(labels, pairs, strict=True)},
                            policy=SuppressionPolicy(threshold=3))
    assert {row.status for row in result.rows} <= {"under_represented", "over_represented", "in_line",
                                                    "no_population", "not_enough_responses"}
    for row, (x, _) in zip(result.rows, pairs, strict=True):
        share = x / result.respondents if result.respondents else 0.0
        if row.status == "under_represented":
            assert share < row.population_share and row.p_adjusted < 0.05
        if row.status == "over_represented":
            assert share > row.population_share and row.p_adjusted < 0.05
        if row.respondents is not None and result.respondents:
            assert row.share.value == pytest.approx(share)
        assert row.respondents is None or row.respondents == 0 or row.respondents >= 3
