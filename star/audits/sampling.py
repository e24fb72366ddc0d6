"""Drawing an audit sample from a case list: pure Python, reproducible from its seed.

Cases are sorted by reference before drawing, so the same list in any order with the same seed gives
the same sample. Each team gets `quota` cases (all of them if it has fewer). Stratified, a team's quota
is shared across ethnic groups in proportion to the team's cases (largest remainder, ties broken by
the seeded generator), so a sample of a team mostly of one group still includes the others.
"""

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    reference: str
    team: str
    group: str  # the stratum: a broad ethnic group, or "" when not stratifying


def _allocate(sizes: dict[str, int], quota: int, rng: random.Random) -> dict[str, int]:
    """Largest-remainder allocation of `quota` across strata of the given sizes."""
    total = sum(sizes.values())
    if quota >= total:
        return dict(sizes)
    exact = {group: quota * size / total for group, size in sizes.items()}
    shares = {group: min(int(value), sizes[group]) for group, value in exact.items()}
    order = sorted(sizes, key=lambda group: (-(exact[group] - int(exact[group])), rng.random()))
    left = quota - sum(shares.values())
    while left > 0:
        for group in order:
            if left and shares[group] < sizes[group]:
                shares[group] += 1
                left -= 1
    return shares


def draw_sample(cases: Iterable[Case], *, quota: int, seed: int, stratify: bool) -> list[str]:
    """References of the sampled cases, in team then reference order."""
    if quota < 1:
        raise ValueError("The quota must be at least one case per team")
    rng = random.Random(seed)
    by_team: dict[str, list[Case]] = defaultdict(list)
    for case in sorted(cases, key=lambda item: (item.team, item.reference)):
        by_team[case.team].append(case)
    chosen: list[str] = []
    for team in sorted(by_team):
        team_cases = by_team[team]
        strata: dict[str, list[Case]] = defaultdict(list)
        for case in team_cases:
            strata[case.group if stratify else ""].append(case)
        shares = _allocate({group: len(items) for group, items in sorted(strata.items())}, quota, rng)
        picked = [case for group, items in sorted(strata.items()) for case in rng.sample(items, shares[group])]
        chosen.extend(sorted(case.reference for case in picked))
    return chosen
