"""The sampler: reproducible from its seed, quotas honoured, strata represented."""

from hypothesis import given, settings
from hypothesis import strategies as st

from star.audits.sampling import Case, draw_sample


def cases(spec: dict[str, list[str]]) -> list[Case]:
    return [Case(f"{team}-{index}", team, group) for team, groups in spec.items()
            for index, group in enumerate(groups)]


def test_the_same_seed_gives_the_same_sample_whatever_the_order_of_the_list():
    items = cases({"A": ["white"] * 10 + ["black"] * 5, "B": ["asian"] * 8})
    first = draw_sample(items, quota=4, seed=42, stratify=True)
    assert first == draw_sample(list(reversed(items)), quota=4, seed=42, stratify=True)
    assert first != draw_sample(items, quota=4, seed=43, stratify=True)


def test_stratified_sampling_shares_the_quota_across_groups():
    items = cases({"A": ["white"] * 12 + ["black"] * 6 + ["mixed"] * 2})
    chosen = set(draw_sample(items, quota=10, seed=1, stratify=True))
    groups = [case.group for case in items if case.reference in chosen]
    assert (groups.count("white"), groups.count("black"), groups.count("mixed")) == (6, 3, 1)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCDE"), st.lists(st.sampled_from(["white", "black", "asian"]),
                                                           max_size=30), min_size=1),
       st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=2**31), st.booleans())
def test_quotas_are_honoured_and_every_case_is_real(spec, quota, seed, stratify):
    items = cases(spec)
    chosen = draw_sample(items, quota=quota, seed=seed, stratify=stratify)
    assert len(chosen) == len(set(chosen))
    references = {case.reference for case in items}
    assert set(chosen) <= references
    for team, groups in spec.items():
        assert sum(reference.startswith(f"{team}-") for reference in chosen) == min(quota, len(groups))
    assert chosen == draw_sample(items, quota=quota, seed=seed, stratify=stratify)
