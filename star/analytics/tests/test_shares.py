"""protected_shares: proportions for teams within services, with no hidden team recoverable from a total."""

from hypothesis import given, settings
from hypothesis import strategies as st

from star.analytics import Flags, protected_shares

THRESHOLD = 5


def test_shares_have_wilson_intervals_and_readings():
    figures = protected_shares([30, 12], [40, 20], labels=["A", "B"], people={"A": 9, "B": 7},
                               subject="supervisions", outcome="discussed race, culture and identity")
    assert round(figures["Total"].value, 4) == round(42 / 60, 4)
    assert figures["A"].lower < 0.75 < figures["A"].upper
    assert figures["A"].reading.startswith("30 of 40 supervisions (75.0%) discussed race, culture and identity.")


def test_a_team_of_fewer_than_five_people_is_hidden_and_cannot_be_recovered_from_the_total():
    figures = protected_shares([20, 30, 25], [30, 40, 30], labels=["small", "big", "other"],
                               people={"small": 3, "big": 12, "other": 8, "Total": 23})
    assert figures["small"].symbol == "c" and Flags.SUPPRESSED in figures["small"].flags
    hidden = [label for label in ("big", "other", "Total") if figures[label].symbol == "c"]
    assert hidden, "a second figure must be hidden, or the small team is the total minus the others"


def test_a_count_below_the_threshold_hides_the_figure_but_zero_does_not():
    figures = protected_shares([2, 0, 10], [20, 20, 20], labels=["A", "B", "C"],
                               people={"A": 10, "B": 10, "C": 10})
    assert figures["A"].symbol == "c"
    assert figures["B"].value == 0 and figures["B"].symbol is None


@st.composite
def hierarchies(draw):
    size = draw(st.integers(min_value=1, max_value=7))
    totals = draw(st.lists(st.integers(min_value=0, max_value=60), min_size=size, max_size=size))
    yes = [draw(st.integers(min_value=0, max_value=total)) for total in totals]
    people = [draw(st.integers(min_value=0, max_value=total)) for total in totals]
    parents = [draw(st.sampled_from(["S1", "S2", "S3"])) for _ in range(size)]
    return yes, totals, people, parents


@settings(max_examples=120, deadline=None)
@given(hierarchies())
def test_no_published_share_concerns_a_small_group_or_reveals_a_hidden_one(case):
    yes, totals, people, parents = case
    labels = [f"T{index}" for index in range(len(yes))]
    counts = {label: (x, n) for label, x, n in zip(labels, yes, totals, strict=True)}
    figures = protected_shares(yes, totals, labels=labels, parents=parents,
                               people=dict(zip(labels, people, strict=True)))
    for label, (x, n) in counts.items():
        figure = figures[label]
        if figure.symbol == "c":
            continue
        # A shown team has enough people, and its yes and no counts are zero or at least the threshold.
        assert n == 0 or people[labels.index(label)] >= THRESHOLD
        for count in (x, n - x):
            assert count == 0 or count >= THRESHOLD
        assert figure.numerator == x and figure.denominator == n
    for parent in set(parents):
        members = [label for label, p in zip(labels, parents, strict=True) if p == parent]
        hidden = [label for label in members if figures[label].symbol == "c" and counts[label][1] > 0]
        parent_shown = len(set(parents)) > 1 and figures[parent].symbol is None
        scope_shown = len(set(parents)) == 1 and figures["Total"].symbol is None
        if len(hidden) == 1 and (parent_shown or scope_shown):
            raise AssertionError(f"{hidden[0]} could be worked out from {parent} minus its other teams")
