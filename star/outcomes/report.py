"""The disproportionality report: for a year and area, each stage's rate per 10,000 children by ethnic
group, the relative rate index (RRI) against a reference group, and the conditional RRI from the
stage before, so a reader sees where along the pathway disparity is added.

Every figure comes from ``star.analytics.compare_groups``: rates with exact Poisson (under 10) or Byar
intervals, ratios with log intervals, Benjamini-Hochberg correction across the whole table, small-number
flags, primary and secondary suppression, and plain-English readings.
"""

from collections import defaultdict

import numpy as np
from django.db.models import QuerySet, Sum

from star.analytics import (
    SuppressionPolicy,
    compare_groups,
    funnel_limits_ratio,
    proportion,
    rate,
    read_rate,
    read_ratio,
)
from star.analytics.stats import Flags
from star.core.models import PopulationEstimate

from .cube import UNKNOWN_ETHNICITIES
from .groups import LEVELS, REFERENCES, Group, groups_for, reference_group
from .models import OutcomeReturn, StageCount, StageTransition
from .stages import BY_ID, SOURCES, STAGES

SOURCE_PRIORITY = ("cin", "ssda903", "annexa")  # statutory collection years first; Annex A periods last
SMALL_POPULATION_SHARE = 0.01
CHILD_AGE_BANDS_MAX = 17
POLICY = SuppressionPolicy()

# How each stage reads in a sentence: (what the rate counts, what the ratio says children were likely to do).
PHRASES = {
    "contact": ("children with a contact", "to have a contact with children's social care"),
    "early_help": ("children with early help", "to receive early help"),
    "referral": ("children referred", "to be referred to children's social care"),
    "re_referral_12m": ("children re-referred within 12 months", "to be re-referred within 12 months"),
    "assessment": ("children assessed", "to be assessed"),
    "section47": ("children subject to a section 47 enquiry", "to be the subject of a section 47 enquiry"),
    "icpc": ("children with an initial child protection conference",
             "to have an initial child protection conference"),
    "cin_plan": ("children starting a child in need plan", "to start a child in need plan"),
    "cp_plan": ("children starting a child protection plan", "to start a child protection plan"),
    "cin_at_31_march": ("children in need at 31 March", "to be a child in need at 31 March"),
    "cla_start": ("children starting to be looked after", "to start to be looked after"),
    "cla_at_31_march": ("children looked after at 31 March", "to be looked after at 31 March"),
    "care_leaver": ("care leavers", "to be a care leaver"),
}


class ReportUnavailable(Exception):
    """There is nothing to report for the choices made (the message says why, in plain words)."""


def returns_for(organisations) -> QuerySet[OutcomeReturn]:
    return OutcomeReturn.objects.filter(organisation__in=organisations)


def available(returns: QuerySet[OutcomeReturn]) -> dict:
    """Years and areas that have at least one return."""
    rows = returns.values_list("year", "area_code").distinct()
    return {"years": sorted({year for year, _ in rows}, reverse=True), "areas": sorted({area for _, area in rows})}


def _population_rows(area: str, year: int) -> tuple[dict[str, int], dict]:
    """Child population (0-17) by category for the area, from the estimate nearest the year (latest first)."""
    years = sorted(set(PopulationEstimate.objects.filter(area_code=area).values_list("year", flat=True)))
    if not years:
        return {}, {}
    chosen = max((y for y in years if y <= year), default=min(years))
    rows = list(PopulationEstimate.objects.filter(area_code=area, year=chosen).values_list(
        "age_band", "sex", "ethnicity", "count", "area_name"))
    has_children_band = any(band == "0-17" for band, *_ in rows)
    bands = {"0-17"} if has_children_band else {band for band, *_ in rows if _child_band(band)}
    sexes = {"all"} if any(sex == "all" for band, sex, *_ in rows if band in bands) else {"female", "male"}
    counts: dict[str, int] = defaultdict(int)
    for band, sex, ethnicity, count, _ in rows:
        if band in bands and sex in sexes:
            counts[ethnicity] += count
    name = rows[0][4] if rows else area
    return dict(counts), {"area_name": name, "year": chosen, "age_bands": sorted(bands)}


def _child_band(band: str) -> bool:
    low, _, high = band.partition("-")
    return low.isdigit() and high.isdigit() and int(high) <= CHILD_AGE_BANDS_MAX


def _stage_sources(returns: QuerySet[OutcomeReturn]) -> dict[str, int]:
    """For each stage, the return that fills it (by source priority)."""
    have = defaultdict(dict)
    for pk, source, stage in StageCount.objects.filter(outcome_return__in=returns).values_list(
            "outcome_return_id", "outcome_return__source", "stage").distinct():
        have[stage][source] = pk
    return {stage: next(sources[s] for s in SOURCE_PRIORITY if s in sources) for stage, sources in have.items()}


def _sum_by(group: Group, counts: dict[str, int]) -> int:
    return sum(counts.get(key, 0) for key in group.categories)


def _interval(fig) -> dict:
    return {"value": fig.value, "ci_low": fig.lower, "ci_high": fig.upper}


def _rate_json(fig) -> dict:
    if fig.symbol:
        return {"value": None, "ci_low": None, "ci_high": None, "method": fig.method, "symbol": fig.symbol,
                "reading": fig.reading}
    return {**_interval(fig), "method": fig.method, "symbol": None, "reading": fig.reading}


def _ratio_json(fig, extra_flags=(), **extra) -> dict:
    flags = sorted(set(fig.flags) | set(extra_flags))
    return {**_interval(fig), "significant": fig.significant, "p_adjusted": fig.p_adjusted, "flags": flags,
            "symbol": fig.symbol, "reading": fig.reading, **extra}


def _not_available(reason: str, flag: str, **extra) -> dict:
    return {"value": None, "ci_low": None, "ci_high": None, "significant": False, "p_adjusted": None,
            "flags": [flag], "symbol": ":", "reading": reason, **extra}


def _reference_json(label: str, **extra) -> dict:
    return {"value": 1.0, "ci_low": None, "ci_high": None, "significant": False, "p_adjusted": None,
            "flags": [Flags.REFERENCE], "symbol": None, "reading": f"{label} children are the reference group.",
            **extra}


def build_report(returns: QuerySet[OutcomeReturn], *, year: int | None = None, area: str | None = None,
                 level: str = "broad", reference: str = "white", conditional: bool = True) -> dict:
    """The report for one collection year and area (the latest year, and the only area, when not given).

    ``conditional=False`` leaves out the stage-to-stage figures (``conditional_rri`` is null), for callers
    that only read the population RRIs."""
    groups = list(groups_for(level))
    ref = reference_group(reference)
    have = available(returns)
    if not have["years"]:
        raise ReportUnavailable("No statutory returns have been imported yet")
    year = year or have["years"][0]
    if year not in have["years"]:
        raise ReportUnavailable(f"No returns have been imported for {year - 1} to {year}")
    if area is None:
        if len(have["areas"]) > 1:
            raise ReportUnavailable("Choose an area: returns for more than one area have been imported")
        area = have["areas"][0]
    scoped = returns.filter(year=year, area_code=area)
    if not scoped.exists():
        raise ReportUnavailable(f"No returns have been imported for area {area} in {year - 1} to {year}")
    chosen = _stage_sources(scoped)
    source_of = dict(scoped.values_list("pk", "source"))

    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for pk, stage, ethnicity, total in StageCount.objects.filter(
            outcome_return_id__in=set(chosen.values())).values_list(
            "outcome_return_id", "stage", "ethnicity").annotate(n=Sum("count")).order_by():
        if chosen.get(stage) == pk:  # each stage from the one return chosen for it
            counts[stage][ethnicity] = total
    transitions: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for before, after, ethnicity, pk, total in StageTransition.objects.filter(
            outcome_return_id__in=set(chosen.values())).values_list(
            "from_stage", "to_stage", "ethnicity", "outcome_return_id").annotate(n=Sum("count")).order_by():
        if chosen.get(after) == pk and chosen.get(before) == pk:
            transitions[before, after][ethnicity] = total

    population, population_meta = _population_rows(area, year)
    stages_with_data = [stage for stage in STAGES if stage.id in chosen]
    warnings = []
    if not population:
        warnings.append(f"There is no child population for area {area}: rates and relative rate indices are not "
                        "available. Import the population by ethnicity (star population import FILE).")
    pop = np.array([_sum_by(group, population) for group in groups], dtype=float)
    ref_pop = _sum_by(ref, population)
    total_pop = sum(value for key, value in population.items())
    x = np.array([[_sum_by(group, counts[stage.id]) for group in groups] for stage in stages_with_data],
                 dtype=np.int64).reshape(len(stages_with_data), len(groups))
    missing = [group for j, group in enumerate(groups) if pop[j] == 0 and x[:, j].any()] if population else []
    if population and missing:
        warnings.append("The population table has no children in "
                        + "; ".join(group.label for group in missing)
                        + f" for area {area}, so their rates are shown as not available.")
    # groups compared: those with a population (a group with neither children nor population is left out)
    shown = [j for j, group in enumerate(groups) if pop[j] > 0 or x[:, j].any()]
    compared = [j for j in shown if pop[j] > 0]
    unknown = [sum(count for key, count in counts[stage.id].items() if key in UNKNOWN_ETHNICITIES)
               for stage in stages_with_data]

    rows = [stage.id for stage in stages_with_data]
    rates = ratios = None
    if population and compared and ref_pop > 0:
        rates, ratios = _rate_tables(x[:, compared], pop[compared], [groups[j] for j in compared], ref,
                                     ref_x=np.array([_sum_by(ref, counts[s]) for s in rows]), ref_pop=ref_pop,
                                     rows=rows, unknown=unknown)
    elif population and ref_pop == 0:
        warnings.append(f"The population table has no {ref.label} children for area {area}, so no relative rate "
                        "index can be given.")
    conditional = (_conditional_tables(stages_with_data, counts, transitions, chosen, groups, shown, ref)
                   if conditional else {})

    stages_out = []
    for stage in STAGES:
        entry = {"id": stage.id, "label": stage.label, "definition": stage.definition, "previous": stage.previous,
                 "source": None, "source_label": None, "total": None, "unknown_ethnicity": None, "groups": []}
        stages_out.append(entry)
        if stage.id not in chosen:
            continue
        i = rows.index(stage.id)
        source = source_of[chosen[stage.id]]
        entry.update(source=source, source_label=SOURCES[source])
        all_children = sum(counts[stage.id].values())
        entry["total"] = _total_json(all_children, total_pop if rates is not None else 0)
        entry["unknown_ethnicity"] = _unknown_json(unknown[i], all_children, rates, i)
        for j in shown:
            group = groups[j]
            entry["groups"].append(_group_json(
                stage.id, group, level, i, j, x, pop, total_pop, rates, ratios, compared, ref,
                conditional.get(stage.id), population_missing=bool(population) and pop[j] == 0))
    return {
        "year": year, "period": f"1 April {year - 1} to 31 March {year}", "area": area,
        "area_name": population_meta.get("area_name", area), "level": level, "level_label": LEVELS[level],
        "reference_group": ref.label, "reference": reference, "reference_label": REFERENCES[reference],
        "population": {"year": population_meta.get("year"), "age_bands": population_meta.get("age_bands", []),
                       "children": total_pop or None},
        "sources": {source_of[pk]: SOURCES[source_of[pk]] for pk in set(chosen.values())},
        "tests": ratios.tests if ratios is not None else 0,
        "suppression_threshold": POLICY.threshold,
        "warnings": warnings,
        "stages": stages_out,
    }


def _rate_tables(x, pop, groups: list[Group], ref: Group, *, ref_x, ref_pop, rows, unknown):
    """Rates per 10,000 (values, totals, suppression) and RRIs against the reference group."""
    labels = [group.label for group in groups]
    common = {"measure": "rate", "multiplier": 10_000, "subject": "children", "rows": rows, "policy": POLICY,
              "outcome": "children", "likely_to": "reach this stage"}
    pops = np.broadcast_to(pop, x.shape)
    keys = [group.key for group in groups]
    if ref.key in keys:
        table = compare_groups(x, pops, groups=labels, reference=ref.label, unknown=unknown, **common)
        return table, table
    values = compare_groups(x, pops, groups=labels, reference=labels[0], unknown=unknown, **common)
    xr = np.column_stack([x, ref_x])
    nr = np.column_stack([pops, np.full(len(rows), ref_pop)])
    ratios = compare_groups(xr, nr, groups=[*labels, ref.label], reference=ref.label, publish_totals=False,
                            **common)
    return values, ratios


def _conditional_tables(stages, counts, transitions, chosen, groups: list[Group], shown, ref: Group) -> dict:
    """Stage-to-stage relative rates: of the children at the stage before, how many reached this one.

    Where one return saw both stages the children are tracked (a proportion with a Katz interval); where
    the stages come from different returns the OJJDP method compares the two stage counts (a ratio of rates).
    """
    result = {}
    tracked, counted = [], []
    for stage in stages:
        if stage.previous and stage.previous in chosen:
            (tracked if chosen[stage.previous] == chosen[stage.id] else counted).append(stage)
    use = [groups[j] for j in shown]
    labels = [group.label for group in use]
    for family, method in ((tracked, "tracked"), (counted, "stage_counts")):
        if not family:
            continue
        rows = [stage.id for stage in family]
        if method == "tracked":
            x = [[_sum_by(g, transitions.get((s.previous, s.id), {})) for g in use] for s in family]
            rx = [_sum_by(ref, transitions.get((s.previous, s.id), {})) for s in family]
        else:
            x = [[_sum_by(g, counts[s.id]) for g in use] for s in family]
            rx = [_sum_by(ref, counts[s.id]) for s in family]
        n = [[_sum_by(g, counts[s.previous]) for g in use] for s in family]
        rn = [_sum_by(ref, counts[s.previous]) for s in family]
        x, n = np.array(x, dtype=np.int64), np.array(n, dtype=np.int64)
        # counted stages: a later stage may count more children than the one before, so compare as rates
        common = {"measure": "rate", "multiplier": 100} if method == "stage_counts" else {"measure": "proportion"}
        keys = [group.key for group in use]
        if ref.key in keys:
            table = compare_groups(x, n, groups=labels, reference=ref.label, rows=rows, policy=POLICY,
                                   subject="children", likely_to="go on to this stage", **common)
        else:
            table = compare_groups(np.column_stack([x, rx]), np.column_stack([n, rn]), groups=[*labels, ref.label],
                                   reference=ref.label, rows=rows, policy=POLICY, publish_totals=False,
                                   subject="children", likely_to="go on to this stage", **common)
        for i, stage in enumerate(family):
            result[stage.id] = {"table": table, "row": i, "method": method, "base_stage": stage.previous,
                                "columns": {group.key: j for j, group in enumerate(use)}}
    return result


def _total_json(all_children: int, total_pop: int) -> dict:
    """All children at the stage (ethnicity known or not) and their rate; the unknown share is reported apart."""
    fig = rate(all_children, total_pop, multiplier=10_000, group="All children") if total_pop else None
    return {"count": all_children, "rate_per_10000": _rate_json(fig) if fig else None}


def _unknown_json(unknown: int, all_children: int, rates, i) -> dict:
    """Children whose ethnicity is not known: a data-quality measure with its interval (small counts hidden)."""
    suppressed = rates is not None and rates.unknown is not None and rates.unknown[i] == "c"
    if suppressed or 0 < unknown < POLICY.threshold:
        return {"count": None, "symbol": "c", "share": None, "ci_low": None, "ci_high": None}
    fig = proportion(unknown, all_children) if all_children else None
    return {"count": unknown, "symbol": None, "share": fig.value if fig else None,
            "ci_low": fig.lower if fig else None, "ci_high": fig.upper if fig else None}


def _group_json(stage_id: str, group: Group, level, i, j, x, pop, total_pop, rates, ratios, compared, ref: Group,
                conditional, *, population_missing: bool) -> dict:
    flags = []
    share = pop[j] / total_pop if total_pop else None
    if share is not None and 0 < share < SMALL_POPULATION_SHARE:
        flags.append("small_population")
    count = int(x[i, j])
    entry = {"ethnicity": group.label, "key": group.key, "short": group.short, "level": level,
             "count": count, "symbol": None, "population": int(pop[j]) or None,
             "population_share": share, "flags": flags}
    if population_missing or rates is None:
        reason = ("The population table has no children in this group, so no rate can be given."
                  if population_missing else "No child population is available, so no rate can be given.")
        entry["rate_per_10000"] = {"value": None, "ci_low": None, "ci_high": None, "method": None, "symbol": ":",
                                   "reading": reason}
        entry["rri"] = _not_available(reason, "population_missing")
        if 0 < count < POLICY.threshold:
            entry.update(count=None, symbol="c")
    else:
        c = compared.index(j)
        event, likely = PHRASES[stage_id]
        value = rates.values[i][c]
        value = value.replace(reading=read_rate(value, subject="children", event=event))
        entry["rate_per_10000"] = _rate_json(value)
        if value.has(Flags.SUPPRESSED):
            entry.update(count=None, symbol="c")
        if group.key == ref.key:
            entry["rri"] = _reference_json(ref.label)
        else:
            fig = ratios.comparisons[i][c]
            if value.has(Flags.SUPPRESSED) and not fig.has(Flags.SUPPRESSED):
                fig = fig.replace(value=None, lower=None, upper=None, symbol="c",
                                  flags=frozenset({Flags.SUPPRESSED}))
            entry["rri"] = _ratio_json(fig.replace(reading=read_ratio(fig, subject="children", outcome=likely)),
                                       flags)
    entry["conditional_rri"] = _conditional_json(stage_id, group, conditional, ref, entry["symbol"] == "c")
    return entry


def _conditional_json(stage_id: str, group: Group, conditional, ref: Group, hidden: bool) -> dict | None:
    if conditional is None or group.key not in conditional["columns"]:
        return None
    extra = {"base_stage": conditional["base_stage"], "method": conditional["method"]}
    if group.key == ref.key:
        return _reference_json(ref.label, **extra)
    fig = conditional["table"].comparisons[conditional["row"]][conditional["columns"][group.key]]
    if hidden and not fig.has(Flags.SUPPRESSED):
        return {**_not_available("Not shown: based on a very small number of children.", Flags.SUPPRESSED),
                "symbol": "c", **extra}
    reading = read_ratio(fig, subject="children", outcome=PHRASES[stage_id][1])
    if not fig.has(Flags.SUPPRESSED):
        reading = f"Of {PHRASES[conditional['base_stage']][0]}, {reading}"
    return _ratio_json(fig.replace(reading=reading), **extra)


def build_trend(returns: QuerySet[OutcomeReturn], *, area: str | None = None, level: str = "broad",
                reference: str = "white", stage: str = "cla_at_31_march") -> dict:
    """The RRI at one stage for each group, year by year (each year corrected within its own report)."""
    years = sorted(available(returns.filter(area_code=area) if area else returns)["years"])
    points = []
    for year in years:
        try:
            report = build_report(returns, year=year, area=area, level=level, reference=reference, conditional=False)
        except ReportUnavailable:
            continue
        entry = next(item for item in report["stages"] if item["id"] == stage)
        if entry["groups"]:
            points.append({"year": year, "groups": {group["key"]: group for group in entry["groups"]}})
    groups = [group for group in groups_for(level) if any(group.key in point["groups"] for point in points)]
    return {"stage": stage, "years": [point["year"] for point in points], "groups": [
        {"key": group.key, "label": group.label, "short": group.short,
         "points": [{"year": point["year"], "rri": point["groups"].get(group.key, {}).get("rri")} for point in points]}
        for group in groups]}


def build_funnel(returns: QuerySet[OutcomeReturn], *, year: int, stage: str, group: str, level: str = "broad"
                 ) -> dict | None:
    """Areas compared on one stage for one group: observed children against those expected at the rate for all
    areas together (an indirectly standardised ratio), with 95% and 99.8% control limits (Spiegelhalter 2005).

    None when fewer than two areas have the stage for the year. Points with a count below the suppression
    threshold are hidden.
    """
    chosen_group = next(g for g in groups_for(level) if g.key == group)
    areas = []
    for area in sorted(set(returns.filter(year=year).values_list("area_code", flat=True))):
        sources = _stage_sources(returns.filter(year=year, area_code=area))
        if stage not in sources:
            continue
        counts = dict(StageCount.objects.filter(outcome_return_id=sources[stage], stage=stage).values_list(
            "ethnicity").annotate(n=Sum("count")).values_list("ethnicity", "n").order_by())
        population, meta = _population_rows(area, year)
        pop = _sum_by(chosen_group, population)
        if pop:
            areas.append({"area": area, "name": meta.get("area_name", area), "observed": _sum_by(chosen_group, counts),
                          "population": pop})
    if len(areas) < 2:
        return None
    overall = sum(a["observed"] for a in areas) / sum(a["population"] for a in areas)
    for a in areas:
        a["expected"] = a["population"] * overall
        limits = funnel_limits_ratio(a["expected"]) if a["expected"] > 0 else {}
        a["limits"] = {str(level): [float(low), float(high)] for level, (low, high) in limits.items()}
        hidden = 0 < a["observed"] < POLICY.threshold
        a["ratio"] = None if hidden or not a["expected"] else a["observed"] / a["expected"]
        a["symbol"] = "c" if hidden else None
        if hidden:
            a["observed"] = None
        outer = a["limits"].get("0.998")
        inner = a["limits"].get("0.95")
        if a["ratio"] is None or not inner:
            a["position"] = "not shown"
        elif a["ratio"] > outer[1] or a["ratio"] < outer[0]:
            a["position"] = "outside the 99.8% limits"
        elif a["ratio"] > inner[1] or a["ratio"] < inner[0]:
            a["position"] = "outside the 95% limits"
        else:
            a["position"] = "within the limits"
    return {"stage": stage, "stage_label": BY_ID[stage].label, "group": chosen_group.label, "year": year,
            "rate_per_10000": overall * 10_000,
            "areas": areas}
