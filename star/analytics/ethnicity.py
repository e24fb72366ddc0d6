"""Ethnicity classification: ONS Census 2021 categories, DfE CBDS codes and a label normaliser.

Public API
----------
``EthnicityNormaliser``   turn the labels real files contain into categories, saying how each
                          matched; unmapped labels are reported with their counts, never guessed.
``classify_labels``       convenience wrapper: count labels with the default normaliser.
``Classification``        counts per category, unknowns (refused / not obtained) and unmapped.
``aggregate_counts``      detailed (19 ONS + clearly labelled broad-only rows), broad (5) or
                          a two-group comparison (``TwoGroup``, default "White" vs
                          "Global Majority").
``aggregation_matrix``    the same aggregation as a 0/1 matrix, for vectorised tables.

Category tables and the DfE -> ONS 2021 mapping decisions live in
:mod:`star.analytics.categories`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from .categories import BROAD_GROUPS, BROAD_ONLY, DETAILED, DFE_CODES, UNKNOWN, Category

__all__ = [
    "ALL_CATEGORIES",
    "Aggregation",
    "Classification",
    "EthnicityNormaliser",
    "Match",
    "TwoGroup",
    "aggregate_counts",
    "aggregation_matrix",
    "classify_labels",
    "normalise_key",
]

ALL_CATEGORIES: Mapping[str, Category] = MappingProxyType({**DETAILED, **BROAD_ONLY, **UNKNOWN})

# How a label matched, in order of trust.
METHOD_CUSTOM = "custom"  # organisation's own mapping entry
METHOD_CODE = "dfe_code"  # a DfE CBDS code, possibly with prefix/suffix ("a) WBRI")
METHOD_ONS = "ons_label"  # an exact ONS 2021 published label (after case/spacing clean-up)
METHOD_ALIAS = "alias"  # a known phrasing (DfE label, HR-system wording, 2011 wording)
METHOD_BLANK = "blank"  # empty cell: counted as "information not yet obtained"
METHOD_UNMAPPED = "unmapped"


def normalise_key(label: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive key for a label.

    ``"Mixed: White & Asian"`` and ``"mixed - white and  asian"`` give the same key.
    """
    s = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode()
    s = s.lower().replace("&", " and ").replace("+", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


# --- alias tables -----------------------------------------------------------------------

_BROAD_ALIASES: dict[str, list[str]] = {
    "asian": [
        "asian", "asian british", "asian or asian british", "asian asian british",
        "asian asian british or asian welsh", "asian or asian british or asian welsh",
        "asian asian british asian welsh",
    ],
    "black": [
        "black", "black british", "black or black british", "black black british",
        "black african caribbean or black british", "black african caribbean black british",
        "black black british caribbean or african",
        "black black british black welsh caribbean or african",
        "black or african or caribbean or black british",
    ],
    "mixed": [
        "mixed", "mixed multiple", "mixed multiple ethnic groups", "mixed or multiple",
        "mixed or multiple ethnic groups", "mixed multiple ethnic group", "dual heritage",
        "mixed heritage", "mixed ethnic background",
    ],
    "white": ["white"],
    "other": [
        "other", "other ethnic group", "other ethnic groups", "any other ethnic group",
        "chinese or other ethnic group",
    ],
}

# detail phrase -> category key, per broad group
_DETAIL_ALIASES: dict[str, dict[str, str]] = {
    "asian": {
        "bangladeshi": "asian_bangladeshi", "chinese": "asian_chinese",
        "indian": "asian_indian", "pakistani": "asian_pakistani",
        "other asian": "asian_other", "any other asian background": "asian_other",
        "other asian background": "asian_other", "any other asian": "asian_other",
        "other": "asian_other", "any other": "asian_other",
    },
    "black": {
        "african": "black_african", "caribbean": "black_caribbean",
        "other black": "black_other", "any other black background": "black_other",
        "any other black african or caribbean background": "black_other",
        "other black background": "black_other", "any other black": "black_other",
        "other": "black_other", "any other": "black_other",
    },
    "mixed": {
        "white and asian": "mixed_white_asian",
        "white and black african": "mixed_white_black_african",
        "white and black caribbean": "mixed_white_black_caribbean",
        "other mixed or multiple ethnic groups": "mixed_other",
        "other mixed": "mixed_other", "any other mixed background": "mixed_other",
        "any other mixed multiple ethnic background": "mixed_other",
        "other mixed background": "mixed_other", "any other mixed": "mixed_other",
        "other": "mixed_other", "any other": "mixed_other",
    },
    "white": {
        "english welsh scottish northern irish or british": "white_british",
        "english welsh scottish northern irish british": "white_british",
        "british": "white_british", "english": "white_british", "welsh": "white_british",
        "scottish": "white_british", "northern irish": "white_british",
        "irish": "white_irish",
        "gypsy or irish traveller": "white_gypsy_irish_traveller",
        "gypsy irish traveller": "white_gypsy_irish_traveller",
        "irish traveller": "white_gypsy_irish_traveller",
        "traveller of irish heritage": "white_gypsy_irish_traveller",
        "gypsy": "white_gypsy_irish_traveller",
        "roma": "white_roma",
        "gypsy roma": "white_gypsy_roma_dfe", "gypsy or roma": "white_gypsy_roma_dfe",
        "other white": "white_other", "any other white background": "white_other",
        "other white background": "white_other", "any other white": "white_other",
        "other": "white_other", "any other": "white_other",
    },
    "other": {
        "arab": "other_arab",
        "any other ethnic group": "other_any", "any other": "other_any",
        "other": "other_any", "any other ethnic background": "other_any",
        "other ethnic group": "other_any",
    },
}

# phrases that are unambiguous on their own
_STANDALONE: dict[str, str] = {
    "bangladeshi": "asian_bangladeshi", "chinese": "asian_chinese", "indian": "asian_indian",
    "pakistani": "asian_pakistani", "african": "black_african", "caribbean": "black_caribbean",
    "white and asian": "mixed_white_asian",
    "white and black african": "mixed_white_black_african",
    "white and black caribbean": "mixed_white_black_caribbean",
    "irish": "white_irish", "gypsy or irish traveller": "white_gypsy_irish_traveller",
    "irish traveller": "white_gypsy_irish_traveller",
    "traveller of irish heritage": "white_gypsy_irish_traveller",
    "roma": "white_roma", "gypsy roma": "white_gypsy_roma_dfe",
    "gypsy or roma": "white_gypsy_roma_dfe", "arab": "other_arab",
    "any other ethnic group": "other_any", "any other ethnic background": "other_any",
    "any other asian background": "asian_other", "any other black background": "black_other",
    "any other mixed background": "mixed_other", "any other white background": "white_other",
    "english welsh scottish northern irish or british": "white_british",
    # broad only
    "white": "white_unspecified", "asian or asian british": "asian_unspecified",
    "asian": "asian_unspecified", "black": "black_unspecified",
    "black or black british": "black_unspecified", "mixed": "mixed_unspecified",
    "mixed or multiple ethnic groups": "mixed_unspecified",
    "other ethnic group": "other_unspecified",
    # unknowns
    "refused": "refused", "prefer not to say": "refused", "i prefer not to say": "refused",
    "prefer not to state": "refused", "not stated": "refused", "declined": "refused",
    "declined to state": "refused", "information refused": "refused",
    "not disclosed": "refused", "do not wish to disclose": "refused",
    "i do not wish to disclose my ethnic origin": "refused",
    "information not yet obtained": "not_obtained", "not yet obtained": "not_obtained",
    "not obtained": "not_obtained", "not known": "not_obtained", "unknown": "not_obtained",
    "not recorded": "not_obtained", "missing": "not_obtained",
}


def _build_aliases() -> tuple[dict[str, str], dict[str, str]]:
    ons: dict[str, str] = {}
    alias: dict[str, str] = {}
    for key, cat in {**DETAILED, **BROAD_ONLY}.items():
        ons[normalise_key(cat.label)] = key
    for broad, phrases in _BROAD_ALIASES.items():
        for detail, key in _DETAIL_ALIASES[broad].items():
            for phrase in phrases:
                alias.setdefault(f"{phrase} {detail}", key)
                alias.setdefault(f"{detail} {phrase}", key)
    for code in DFE_CODES.values():
        alias.setdefault(normalise_key(code.label), code.category)
    alias.update(_STANDALONE)
    for key in list(alias):
        if key in ons:
            del alias[key]
    return ons, alias


_ONS_KEYS, _ALIASES = _build_aliases()
_CODE_RE = re.compile(
    r"""^\s*(?:[\(\[]?[a-z0-9]{1,2}[\)\].:]\s*)?   # list prefix: "a) ", "1. ", "(b) "
        [\(\[]?([a-z]{4})[\)\]]?                    # the code, maybe bracketed
        (?:\s*(?:[-:\u2013\u2014=|,]|\s)\s*.*)?$     # optional label after a separator
    """,
    re.IGNORECASE | re.VERBOSE,
)
_CODE_SUFFIX_RE = re.compile(r"[\(\[]\s*([a-z]{4})\s*[\)\]]\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Match:
    """How one raw label was classified. ``category`` is None when unmapped."""

    label: str
    category: Category | None
    method: str
    code: str | None = None

    @property
    def mapped(self) -> bool:
        return self.category is not None

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "category": self.category.key if self.category else None,
            "category_label": self.category.label if self.category else None,
            "method": self.method,
            "code": self.code,
        }


def _resolve_target(target: str) -> Category:
    """A custom mapping target: category key, DfE code or exact ONS label."""
    if target in ALL_CATEGORIES:
        return ALL_CATEGORIES[target]
    if target.upper() in DFE_CODES:
        return ALL_CATEGORIES[DFE_CODES[target.upper()].category]
    k = normalise_key(target)
    if k in _ONS_KEYS:
        return ALL_CATEGORIES[_ONS_KEYS[k]]
    raise ValueError(f"unknown ethnicity category {target!r}")


class EthnicityNormaliser:
    """Map raw ethnicity labels to categories.

    Order of matching: organisation's own entries (``custom``), DfE code (``dfe_code``: "WBRI",
    "a) WBRI", "WBRI - White British", "White British (WBRI)"), exact ONS 2021 label after
    case/punctuation/spacing clean-up (``ons_label``), known phrasings (``alias``: DfE labels,
    HR wordings such as "White - British", "Mixed: White & Asian", "Prefer not to say").
    Empty cells are ``blank`` and counted as information not yet obtained. Anything else is
    ``unmapped``: it is reported, not guessed.

    ``extra`` maps raw labels to a category key, a DfE code or an exact ONS label.
    """

    def __init__(self, extra: Mapping[str, str] | None = None) -> None:
        self._custom: dict[str, Category] = {}
        self._cache: dict[str, Match] = {}
        for label, target in (extra or {}).items():
            self.add(label, target)

    def add(self, label: str, target: str) -> None:
        """Add an organisation mapping entry (takes priority over built-in rules)."""
        self._custom[normalise_key(label)] = _resolve_target(target)
        self._cache.clear()

    def match(self, label: str | None) -> Match:
        raw = "" if label is None else str(label)
        hit = self._cache.get(raw)
        if hit is None:
            hit = self._match(raw)
            if len(self._cache) < 100_000:
                self._cache[raw] = hit
        return hit

    def _match(self, raw: str) -> Match:
        key = normalise_key(raw)
        if key in self._custom:
            return Match(raw, self._custom[key], METHOD_CUSTOM)
        if not key:
            return Match(raw, UNKNOWN["not_obtained"], METHOD_BLANK)
        for rx in (_CODE_RE, _CODE_SUFFIX_RE):
            m = rx.search(raw) if rx is _CODE_SUFFIX_RE else rx.match(raw)
            if m and m.group(1).upper() in DFE_CODES:
                code = DFE_CODES[m.group(1).upper()]
                return Match(raw, ALL_CATEGORIES[code.category], METHOD_CODE, code.code)
        if key in _ONS_KEYS:
            return Match(raw, ALL_CATEGORIES[_ONS_KEYS[key]], METHOD_ONS)
        if key in _ALIASES:
            return Match(raw, ALL_CATEGORIES[_ALIASES[key]], METHOD_ALIAS)
        return Match(raw, None, METHOD_UNMAPPED)

    def classify(self, labels: Mapping[str, int] | Iterable[str] | Iterable[tuple[str, int]]
                 ) -> Classification:
        """Count labels. Accepts {label: count}, (label, count) pairs, or raw labels."""
        if isinstance(labels, Mapping):
            items: Iterable[tuple[str, int]] = labels.items()
        else:
            items = ((x, 1) if not isinstance(x, tuple) else x for x in labels)
        counts: dict[str, int] = {}
        unknown: dict[str, int] = {}
        unmapped: dict[str, int] = {}
        matches: dict[str, Match] = {}
        for label, n in items:
            m = self.match(label)
            matches[m.label] = m
            if m.category is None:
                unmapped[m.label] = unmapped.get(m.label, 0) + int(n)
            elif m.category.unknown:
                unknown[m.category.key] = unknown.get(m.category.key, 0) + int(n)
            else:
                counts[m.category.key] = counts.get(m.category.key, 0) + int(n)
        return Classification(counts, unknown, unmapped, matches)


@dataclass(frozen=True)
class TwoGroup:
    """Two-group comparison. ``reference`` is the set of category keys in the reference group;
    every other known category is in the comparison group, except ``undetermined`` ones
    (e.g. a bare "White" when the reference is White British), reported as unassigned."""

    reference_label: str = "White"
    comparison_label: str = "Global Majority"
    reference: frozenset[str] = field(default_factory=lambda: frozenset(
        k for k, c in {**DETAILED, **BROAD_ONLY}.items() if c.broad == "white"))
    undetermined: frozenset[str] = frozenset()

    @classmethod
    def white_british(cls, reference_label: str = "White British",
                      comparison_label: str = "All other ethnic groups") -> TwoGroup:
        """Reference group White British (ONS "White: English, Welsh, Scottish, Northern Irish
        or British"); a bare "White" cannot be placed and is reported as unassigned."""
        return cls(reference_label, comparison_label, frozenset({"white_british"}),
                   frozenset({"white_unspecified"}))

    def assign(self, key: str) -> str | None:
        if key in self.undetermined:
            return None
        return self.reference_label if key in self.reference else self.comparison_label

    @property
    def labels(self) -> tuple[str, str]:
        return (self.reference_label, self.comparison_label)


@dataclass(frozen=True)
class Aggregation:
    """Counts at one level. ``counts`` never include unknowns; ``unknown``, ``unmapped`` and
    ``unassigned`` are always reported beside them."""

    level: str
    counts: dict[str, int]
    unknown: dict[str, int]
    unmapped: dict[str, int]
    unassigned: dict[str, int]

    @property
    def total_known(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {"level": self.level, "counts": dict(self.counts), "unknown": dict(self.unknown),
                "unmapped": dict(self.unmapped), "unassigned": dict(self.unassigned),
                "total_known": self.total_known}


LEVELS = ("detailed", "broad", "two_group")


def _target(key: str, level: str, two_group: TwoGroup) -> str | None:
    cat = ALL_CATEGORIES[key]
    if level == "detailed":
        return cat.label
    if level == "broad":
        return BROAD_GROUPS[cat.broad].label
    if level == "two_group":
        return two_group.assign(key)
    raise ValueError(f"level must be one of {LEVELS}")


def _level_labels(level: str, two_group: TwoGroup) -> list[str]:
    if level == "detailed":
        return [c.label for c in DETAILED.values()]
    if level == "broad":
        return [b.label for b in BROAD_GROUPS.values()]
    if level == "two_group":
        return list(two_group.labels)
    raise ValueError(f"level must be one of {LEVELS}")


def aggregate_counts(counts: Mapping[str, int], level: str = "detailed", *,
                     two_group: TwoGroup | None = None,
                     unmapped: Mapping[str, int] | None = None) -> Aggregation:
    """Aggregate counts keyed by category key to ``level``.

    Detailed level lists the 19 ONS categories (zeros included) then any broad-only rows
    (e.g. DfE WROM) that are non-zero. Unknowns are returned separately, by label.
    """
    tg = two_group or TwoGroup()
    out = {label: 0 for label in _level_labels(level, tg)}
    unknown: dict[str, int] = {}
    unassigned: dict[str, int] = {}
    for key, n in counts.items():
        cat = ALL_CATEGORIES[key]
        if cat.unknown:
            unknown[cat.label] = unknown.get(cat.label, 0) + int(n)
            continue
        t = _target(key, level, tg)
        if t is None:
            unassigned[cat.label] = unassigned.get(cat.label, 0) + int(n)
        else:
            out[t] = out.get(t, 0) + int(n)
    return Aggregation(level, out, unknown, dict(unmapped or {}), unassigned)


def aggregation_matrix(keys: Iterable[str], level: str = "broad", *,
                       two_group: TwoGroup | None = None) -> tuple[list[str], np.ndarray]:
    """0/1 matrix ``M`` (targets x keys) so that ``counts @ M.T`` aggregates the last axis.

    Unknown and unassignable keys get an all-zero column: they never enter a denominator
    and must be reported by the caller from the original counts.
    """
    tg = two_group or TwoGroup()
    keys = list(keys)
    labels = _level_labels(level, tg)
    extra = [ALL_CATEGORIES[k].label for k in keys
             if level == "detailed" and not ALL_CATEGORIES[k].ons and not ALL_CATEGORIES[k].unknown]
    labels += [x for x in dict.fromkeys(extra) if x not in labels]
    index = {lab: i for i, lab in enumerate(labels)}
    m = np.zeros((len(labels), len(keys)), dtype=np.int64)
    for j, key in enumerate(keys):
        if ALL_CATEGORIES[key].unknown:
            continue
        t = _target(key, level, tg)
        if t is not None:
            m[index[t], j] = 1
    return labels, m


@dataclass(frozen=True)
class Classification:
    """Result of classifying raw labels: known counts by category key, unknowns by key
    (refused / not_obtained), unmapped raw labels with counts, and how each label matched."""

    counts: dict[str, int]
    unknown: dict[str, int]
    unmapped: dict[str, int]
    matches: dict[str, Match]

    def aggregate(self, level: str = "detailed", *, two_group: TwoGroup | None = None
                  ) -> Aggregation:
        return aggregate_counts({**self.counts, **self.unknown}, level, two_group=two_group,
                                unmapped=self.unmapped)

    def to_dict(self) -> dict:
        return {"counts": dict(self.counts), "unknown": dict(self.unknown),
                "unmapped": dict(self.unmapped),
                "matches": [m.to_dict() for m in self.matches.values()]}


_DEFAULT = EthnicityNormaliser()


def classify_labels(labels: Mapping[str, int] | Iterable[str] | Iterable[tuple[str, int]],
                    normaliser: EthnicityNormaliser | None = None) -> Classification:
    """Classify raw labels with ``normaliser`` (default: built-in rules only)."""
    return (normaliser or _DEFAULT).classify(labels)
