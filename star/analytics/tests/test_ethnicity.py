"""Ethnicity classification: official labels, DfE mapping, normaliser, aggregation."""

from hypothesis import given, settings
from hypothesis import strategies as st

from star.analytics.categories import BROAD_GROUPS, DETAILED, DFE_CODES
from star.analytics.ethnicity import (
    EthnicityNormaliser,
    TwoGroup,
    aggregate_counts,
    aggregation_matrix,
    classify_labels,
    normalise_key,
)


def test_ons_2021_labels_exact():
    assert len(DETAILED) == 19 and len(BROAD_GROUPS) == 5
    labels = {c.label for c in DETAILED.values()}
    for expected in [
        "Asian, Asian British or Asian Welsh: Indian",
        "Black, Black British, Black Welsh, Caribbean or African: Caribbean",
        "Mixed or Multiple ethnic groups: White and Asian",
        "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups",
        "White: English, Welsh, Scottish, Northern Irish or British",
        "White: Gypsy or Irish Traveller",
        "White: Roma",
        "Other ethnic group: Arab",
        "Other ethnic group: Any other ethnic group",
    ]:
        assert expected in labels


def test_dfe_codes_and_mapping_decisions():
    assert set(DFE_CODES) == {
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
        "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"}
    n = EthnicityNormaliser()
    assert n.match("CHNE").category.label == "Asian, Asian British or Asian Welsh: Chinese"
    assert n.match("OOTH").category.label == "Other ethnic group: Any other ethnic group"
    wrom = n.match("WROM").category
    assert wrom.broad == "white" and not wrom.ons  # broad White only, never split
    assert n.match("REFU").category.unknown and n.match("NOBT").category.unknown
    # every ONS category except Arab is reachable from a DfE code
    reached = {DFE_CODES[c].category for c in DFE_CODES}
    assert set(DETAILED) - reached == {"white_roma", "other_arab"}


def test_normaliser_real_file_variants():
    n = EthnicityNormaliser()
    cases = {
        "a) WBRI": ("white_british", "dfe_code"),
        "wbri": ("white_british", "dfe_code"),
        "WBRI - White British": ("white_british", "dfe_code"),
        "White British (WBRI)": ("white_british", "dfe_code"),
        "White - British": ("white_british", "alias"),
        "  WHITE   british ": ("white_british", "alias"),
        "Black or Black British - Caribbean": ("black_caribbean", "alias"),
        "Mixed: White & Asian": ("mixed_white_asian", "alias"),
        "Asian/Asian British: Indian": ("asian_indian", "alias"),
        "Prefer not to say": ("refused", "alias"),
        "White: Roma": ("white_roma", "ons_label"),
        "other ethnic group : ARAB": ("other_arab", "ons_label"),
        "": ("not_obtained", "blank"),
    }
    for label, (key, method) in cases.items():
        m = n.match(label)
        assert (m.category.key, m.method) == (key, method), label


def test_unmapped_reported_with_count_not_guessed():
    c = classify_labels({"White British": 10, "Other": 3, "Martian": 2, "REFU": 4})
    assert c.unmapped == {"Other": 3, "Martian": 2}
    assert c.unknown == {"refused": 4}
    agg = c.aggregate("broad")
    assert agg.total_known == 10 and agg.unmapped == {"Other": 3, "Martian": 2}
    assert agg.unknown == {"Refused or preferred not to say": 4}


def test_custom_mapping_entries():
    n = EthnicityNormaliser({"Other": "OOTH", "Kurdish": "other_any"})
    assert n.match("other").method == "custom"
    assert n.match("KURDISH").category.key == "other_any"
    n.add("Irish Traveler", "White: Gypsy or Irish Traveller")
    assert n.match("irish traveler").category.key == "white_gypsy_irish_traveller"


def test_aggregation_levels_and_two_group():
    counts = {"white_british": 50, "white_irish": 5, "white_gypsy_roma_dfe": 2,
              "black_african": 10, "asian_chinese": 3, "white_unspecified": 4, "refused": 7}
    det = aggregate_counts(counts, "detailed")
    assert det.counts["White: Irish"] == 5 and len(det.counts) == 21
    assert "Refused or preferred not to say" in det.unknown
    broad = aggregate_counts(counts, "broad")
    assert broad.counts["White"] == 61 and sum(broad.counts.values()) == 74
    two = aggregate_counts(counts, "two_group")
    assert two.counts == {"White": 61, "Global Majority": 13}
    wb = aggregate_counts(counts, "two_group", two_group=TwoGroup.white_british())
    assert wb.counts == {"White British": 50, "All other ethnic groups": 20}
    assert wb.unassigned == {"White: detailed group not recorded": 4}
    custom = TwoGroup(reference_label="White", comparison_label="Black, Asian and minority ethnic")
    assert set(aggregate_counts(counts, "two_group", two_group=custom).counts) == {
        "White", "Black, Asian and minority ethnic"}
    labels, m = aggregation_matrix(list(counts), "broad")
    vec = list(counts.values())
    assert dict(zip(labels, (m @ vec).tolist(), strict=True)) == broad.counts


variant = st.sampled_from(["White - British", "Black or Black British - Caribbean",
                           "Mixed: White & Asian", "Asian, Asian British or Asian Welsh: Indian",
                           "Prefer not to say", "a) WBRI", "Other ethnic group: Arab", "Martian"])


@settings(max_examples=80, deadline=None)
@given(variant, st.lists(st.booleans(), min_size=60, max_size=60),
       st.sampled_from(["", " ", "  ", "\t"]))
def test_normaliser_stable_under_case_and_spacing(label, flips, pad):
    changed = "".join(ch.upper() if f else ch.lower() for ch, f in zip(label, flips, strict=False))
    changed = pad + changed.replace(" ", "  ") + pad
    n = EthnicityNormaliser()
    a, b = n.match(label), n.match(changed)
    assert a.category == b.category and a.method == b.method
    assert normalise_key(label) == normalise_key(changed)
