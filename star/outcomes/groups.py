"""Ethnic groups as the returns can show them, and the population each is compared with.

DfE codes are slightly coarser than ONS 2021 in two places, so at the detailed level two rows
combine categories on *both* sides (children and population), never guessing a split:
- Gypsy, Roma and Irish Traveller: DfE WROM (Gypsy/Roma) spans two ONS categories, so WIRT, WROM and
  the ONS "Gypsy or Irish Traveller" and "Roma" populations form one row.
- Any other ethnic group: DfE has no Arab code, so ONS "Arab" joins "Any other ethnic group".
"""

from dataclasses import dataclass

from star.analytics.categories import BROAD_GROUPS, BROAD_ONLY, DETAILED

LEVELS = {"broad": "Broad ethnic groups", "detailed": "Detailed ethnic groups"}
REFERENCES = {"white": "White", "white_british": "White British"}


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    short: str  # for chart axes and narrow table cells
    categories: frozenset[str]  # analytics category keys counted in this group (children and population)


_COMBINED = {
    "white_gypsy_irish_traveller": Group(
        "white_gypsy_roma_traveller", "White: Gypsy, Roma or Irish Traveller (DfE codes WIRT and WROM)",
        "White: Gypsy, Roma or Irish Traveller",
        frozenset({"white_gypsy_irish_traveller", "white_roma", "white_gypsy_roma_dfe"})),
    "other_any": Group(
        "other_any", "Other ethnic group: Any other ethnic group (DfE has no Arab code, so Arab is included)",
        "Other: Any other ethnic group", frozenset({"other_any", "other_arab"})),
}
_SHORT = {"asian": "Asian", "black": "Black", "mixed": "Mixed", "white": "White", "other": "Other"}
_SKIPPED = {"white_roma", "other_arab"}  # folded into the combined rows above


def _detailed() -> tuple[Group, ...]:
    groups = []
    for key, category in DETAILED.items():
        if key in _SKIPPED:
            continue
        short = "White British" if key == "white_british" else f"{_SHORT[category.broad]}: {category.name}"
        groups.append(_COMBINED.get(key) or Group(key, category.label, short, frozenset({key})))
    return tuple(groups)


DETAILED_GROUPS = _detailed()
BROAD = tuple(
    Group(key, broad.label, {"mixed": "Mixed or Multiple ethnic groups", "other": "Other ethnic group"}.get(
        key, _SHORT[key]),
          frozenset([k for k, c in DETAILED.items() if c.broad == key]
                    + [k for k, c in BROAD_ONLY.items() if c.broad == key]))
    for key, broad in BROAD_GROUPS.items())
REFERENCE_GROUPS = {"white": next(group for group in BROAD if group.key == "white"),
                    "white_british": next(group for group in DETAILED_GROUPS if group.key == "white_british")}


def groups_for(level: str) -> tuple[Group, ...]:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    return BROAD if level == "broad" else DETAILED_GROUPS


def reference_group(key: str) -> Group:
    try:
        return REFERENCE_GROUPS[key]
    except KeyError:
        raise ValueError(f"reference must be one of {', '.join(REFERENCES)}") from None
