"""Official ethnicity category tables (data only).

* ONS Census 2021, England and Wales: 19 detailed categories in 5 broad groups. The
  published label of a detailed category is ``"<broad group>: <category>"``, e.g.
  ``"Asian, Asian British or Asian Welsh: Indian"``. Source: ONS, "Ethnic group
  classifications: Census 2021" (ethnic group, 20 categories including "Does not apply";
  we use the 19 substantive categories).
* DfE Common Basic Data Set (CBDS) ethnicity codes used in children's social care returns
  (SSDA903, CIN census, CSWW, Annex A), with a working mapping to ONS 2021.

Mapping decisions (also in ``docs/analytics.md``):

* ``WROM`` (Gypsy/Roma) spans two ONS 2021 categories ("Gypsy or Irish Traveller" and
  "Roma"), so it is mapped to the broad *White* group only and shown at detailed level as
  its own clearly labelled row, never split or guessed.
* ``CHNE`` (Chinese) maps to "Asian, Asian British or Asian Welsh: Chinese" as in ONS 2021;
  DfE's own publications still group Chinese under "Any other ethnic group".
* ``OOTH`` maps to "Other ethnic group: Any other ethnic group". ONS "Arab" has no DfE code,
  so DfE data never populates it.
* ``REFU`` (refused) and ``NOBT`` (information not yet obtained) are *unknown*: counted and
  reported separately, never in a denominator, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BROAD_GROUPS",
    "BROAD_ONLY",
    "DETAILED",
    "DFE_CODES",
    "UNKNOWN",
    "UNKNOWN_BROAD",
    "Broad",
    "Category",
    "DfeCode",
]


@dataclass(frozen=True, slots=True)
class Broad:
    """One of the 5 ONS 2021 broad ethnic groups (or the 'unknown' pseudo-group)."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Category:
    """A reporting category at detailed level.

    ``ons`` is True for the 19 official ONS 2021 categories. Pseudo-categories (broad-only
    matches such as DfE ``WROM``, and the unknowns) have ``ons=False``.
    """

    key: str
    name: str  # the part after "<broad>: " for ONS categories
    broad: str  # Broad.key
    label: str  # exact published label
    ons: bool = True
    unknown: bool = False


_BROAD = [
    Broad("asian", "Asian, Asian British or Asian Welsh"),
    Broad("black", "Black, Black British, Black Welsh, Caribbean or African"),
    Broad("mixed", "Mixed or Multiple ethnic groups"),
    Broad("white", "White"),
    Broad("other", "Other ethnic group"),
]
BROAD_GROUPS: dict[str, Broad] = {b.key: b for b in _BROAD}
UNKNOWN_BROAD = Broad("unknown", "Unknown")

_DETAILED_SPEC = [
    ("asian_bangladeshi", "asian", "Bangladeshi"),
    ("asian_chinese", "asian", "Chinese"),
    ("asian_indian", "asian", "Indian"),
    ("asian_pakistani", "asian", "Pakistani"),
    ("asian_other", "asian", "Other Asian"),
    ("black_african", "black", "African"),
    ("black_caribbean", "black", "Caribbean"),
    ("black_other", "black", "Other Black"),
    ("mixed_white_asian", "mixed", "White and Asian"),
    ("mixed_white_black_african", "mixed", "White and Black African"),
    ("mixed_white_black_caribbean", "mixed", "White and Black Caribbean"),
    ("mixed_other", "mixed", "Other Mixed or Multiple ethnic groups"),
    ("white_british", "white", "English, Welsh, Scottish, Northern Irish or British"),
    ("white_irish", "white", "Irish"),
    ("white_gypsy_irish_traveller", "white", "Gypsy or Irish Traveller"),
    ("white_roma", "white", "Roma"),
    ("white_other", "white", "Other White"),
    ("other_arab", "other", "Arab"),
    ("other_any", "other", "Any other ethnic group"),
]
DETAILED: dict[str, Category] = {
    key: Category(key, name, broad, f"{BROAD_GROUPS[broad].label}: {name}")
    for key, broad, name in _DETAILED_SPEC
}

# Pseudo-categories for labels that identify a broad group but not an ONS detailed category.
BROAD_ONLY: dict[str, Category] = {
    "white_gypsy_roma_dfe": Category(
        "white_gypsy_roma_dfe",
        "Gypsy or Roma (DfE code WROM, spans two ONS categories)",
        "white",
        "White: Gypsy or Roma (DfE code WROM, spans two ONS categories)",
        ons=False,
    ),
    **{
        f"{b.key}_unspecified": Category(
            f"{b.key}_unspecified",
            "detailed group not recorded",
            b.key,
            f"{b.label}: detailed group not recorded",
            ons=False,
        )
        for b in _BROAD
    },
}

UNKNOWN: dict[str, Category] = {
    "refused": Category("refused", "Refused", "unknown", "Refused or preferred not to say",
                        ons=False, unknown=True),
    "not_obtained": Category("not_obtained", "Information not yet obtained", "unknown",
                             "Information not yet obtained", ons=False, unknown=True),
}


@dataclass(frozen=True, slots=True)
class DfeCode:
    code: str
    label: str
    category: str  # key into DETAILED, BROAD_ONLY or UNKNOWN
    note: str = ""


DFE_CODES: dict[str, DfeCode] = {
    c.code: c
    for c in [
        DfeCode("WBRI", "White British", "white_british"),
        DfeCode("WIRI", "White Irish", "white_irish"),
        DfeCode("WIRT", "Traveller of Irish heritage", "white_gypsy_irish_traveller"),
        DfeCode("WOTH", "Any other White background", "white_other"),
        DfeCode("WROM", "Gypsy/Roma", "white_gypsy_roma_dfe",
                "Spans ONS 'Gypsy or Irish Traveller' and 'Roma': mapped to broad White only."),
        DfeCode("MWBC", "White and Black Caribbean", "mixed_white_black_caribbean"),
        DfeCode("MWBA", "White and Black African", "mixed_white_black_african"),
        DfeCode("MWAS", "White and Asian", "mixed_white_asian"),
        DfeCode("MOTH", "Any other Mixed background", "mixed_other"),
        DfeCode("AIND", "Indian", "asian_indian"),
        DfeCode("APKN", "Pakistani", "asian_pakistani"),
        DfeCode("ABAN", "Bangladeshi", "asian_bangladeshi"),
        DfeCode("AOTH", "Any other Asian background", "asian_other"),
        DfeCode("BCRB", "Black Caribbean", "black_caribbean"),
        DfeCode("BAFR", "Black African", "black_african"),
        DfeCode("BOTH", "Any other Black background", "black_other"),
        DfeCode("CHNE", "Chinese", "asian_chinese",
                "ONS 2021 places Chinese in the Asian group; DfE publications group it "
                "under 'Other'."),
        DfeCode("OOTH", "Any other ethnic group", "other_any",
                "ONS 'Arab' has no DfE code, so DfE data never populates it."),
        DfeCode("REFU", "Refused", "refused", "Unknown: reported separately."),
        DfeCode("NOBT", "Information not yet obtained", "not_obtained",
                "Unknown: reported separately."),
    ]
}
