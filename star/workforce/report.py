"""The workforce race equality report for one organisation, built from the database.

Reads with ``.values_list()`` querysets into numpy arrays, one query per table and purpose
(about 8 in all): staff records of the as-at snapshot and of the previous one, applications,
formal processes, development, promotions and population for the period, and one SQL
aggregate for the older snapshots of the trend. Rows are read from the cursor without Django's
per-value converters (:func:`_fetch`). Then :mod:`star.workforce.measures` does the rest. The
result is JSON-safe; see ``docs/workforce-measures.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

import numpy as np
from django.db import connections
from django.db.models import CharField, Count, F, Q
from django.db.models.functions import Cast

from star.analytics import SuppressionPolicy, TwoGroup
from star.core.models import PopulationEstimate
from star.workforce import measures as M
from star.workforce.models import (
    Application,
    DevelopmentActivity,
    FormalProcess,
    Promotion,
    StaffRecord,
    StaffSnapshot,
)

__all__ = ["ReportUnavailable", "build_report", "indicator_by_id", "report_rows"]

TIER_INDEX = {key: i for i, (key, _) in enumerate(M.TIERS)}
STAFF_FIELDS = ("staff_key", "ethnicity", "grade", "grade_rank", "leadership_tier", "service",
                "job_family", "start_date", "leaving_date", "hourly_pay", "bonus_paid")
DATE_FIELDS = frozenset({"start_date", "leaving_date"})  # read as ISO text, parsed by numpy
START_FIELDS = ("staff_key", "ethnicity", "leadership_tier", "start_date", "leaving_date")


class ReportUnavailable(Exception):
    """The report cannot be built (e.g. no staff snapshot has been imported)."""


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the last day of the month when it does not exist)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def _fetch(qs, fields: Sequence[str]) -> list[np.ndarray]:
    """Columns of ``qs.values_list(*fields)``. The ORM builds the SQL; rows are read from the
    cursor without per-value Python converters (on SQLite dates stay ISO strings and
    decimals come back as numbers; numpy converts both)."""
    cols = [Cast(f, CharField()) if f in DATE_FIELDS else f for f in fields]
    sql, params = qs.values_list(*cols).query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return [np.zeros(0, dtype=object) for _ in fields]
    table = np.array(rows, dtype=object)
    return [table[:, i] for i in range(len(fields))]


def _dates(col) -> np.ndarray:
    """ISO strings (or dates) to datetime64, parsing each distinct value once."""
    uniq, codes = M.factorize(col)
    return np.array(uniq, dtype="datetime64[D]")[codes] if uniq else np.zeros(0, "datetime64[D]")


def _floats(col) -> np.ndarray:
    return np.array(list(col), dtype=float)  # None -> NaN


def _strings(col) -> np.ndarray:
    return np.array(col, dtype=object)


class _Staff:
    """One snapshot's records as arrays (strings as object arrays)."""

    def __init__(self, qs, fields: Sequence[str], two_group: TwoGroup):
        c = dict(zip(fields, _fetch(qs, fields), strict=True))
        self.key = _strings(c["staff_key"])
        eth, codes = M.factorize(c["ethnicity"])
        self.group = M.code_groups(eth, two_group)[codes] if eth else np.zeros(0, np.int8)
        self.broad = M.code_broad(eth)[codes] if eth else np.zeros(0, np.int8)
        self.start = _dates(c["start_date"])
        self.leaving = _dates(c["leaving_date"])
        tiers, codes = M.factorize(c["leadership_tier"])
        self.tier = np.array([TIER_INDEX.get(t, 3) for t in tiers], np.int64)[codes] if tiers \
            else np.zeros(0, np.int64)
        if "grade" not in c:
            return
        self.grade, self.service = _strings(c["grade"]), _strings(c["service"])
        self.grade_rank = _floats(c["grade_rank"])
        fams, codes = M.factorize(c["job_family"])
        social = np.array(["social work" in (f or "").lower() for f in fams], bool)
        self.social_work = social[codes] if fams else np.zeros(0, bool)
        self.pay, self.bonus = _floats(c["hourly_pay"]), _floats(c["bonus_paid"])

    def __len__(self):
        return len(self.key)

    def in_post(self, day) -> np.ndarray:
        """In post on ``day``: no leaving date, or leaving after it."""
        return np.isnat(self.leaving) | (self.leaving > np.datetime64(day, "D"))


def _staff(snapshot_id: int, service: str | None, tg: TwoGroup, fields=STAFF_FIELDS) -> _Staff:
    qs = StaffRecord.objects.filter(snapshot_id=snapshot_id)
    if service:
        qs = qs.filter(service=service)
    return _Staff(qs, fields, tg)


def _population(organisation, as_at: dt.date, two_group: TwoGroup):
    """Two-group resident population for the organisation's area, or (None, None)."""
    if not organisation.la_code:
        return None, None
    rows = list(PopulationEstimate.objects.filter(
        area_code=organisation.la_code, sex="all", age_band__in=["18-64", "all"]).values_list(
        "year", "age_band", "ethnicity", "count", "area_name"))
    if not rows:
        return None, None
    years = sorted({r[0] for r in rows})
    usable = [y for y in years if y <= as_at.year] or years
    year = usable[-1]
    bands = {r[1] for r in rows if r[0] == year}
    band = "18-64" if "18-64" in bands else "all"
    pick = [r for r in rows if r[0] == year and r[1] == band]
    pop = M.population_counts([r[2] for r in pick], [r[3] for r in pick], two_group)
    source = (f"Resident population of {pick[0][4]} ({organisation.la_code}), {year}, "
              f"ages {band}, all sexes")
    return pop, source


def build_report(*, organisation, as_at: dt.date | None = None, standard: str = "sc-wres",
                 service: str | None = None, two_group: TwoGroup | None = None,
                 rolling_years: int = 1, policy: SuppressionPolicy | None = None) -> dict:
    """The report as a JSON-safe dict: ``as_at``, ``reference_group``, ``comparison_group``,
    ``indicators`` (stable ids; see ``measures.INDICATORS``) and the multiple-testing family.

    ``as_at`` picks the latest snapshot on or before that date (default: the latest).
    ``service`` restricts every measure to one service. ``rolling_years`` (1 or 2) sets the
    period for disciplinary and fitness-to-practise entries."""
    std = M.get_standard(standard)
    if rolling_years not in (1, 2):
        raise ValueError("rolling_years must be 1 or 2")
    tg = two_group or TwoGroup(comparison_label=organisation.global_majority_label
                               or "Global Majority")
    groups = M.Groups(tg.reference_label, tg.comparison_label, policy or SuppressionPolicy())
    snaps = list(StaffSnapshot.objects.filter(organisation=organisation).order_by("as_at")
                 .values_list("id", "as_at"))
    if not snaps:
        raise ReportUnavailable("No staff snapshot has been imported yet")
    if as_at is not None:
        snaps = [s for s in snaps if s[1] <= as_at]
        if not snaps:
            raise ReportUnavailable(f"No staff snapshot on or before {as_at:%d %B %Y}")
    cur_id, day = snaps[-1]
    prev = snaps[-2] if len(snaps) > 1 else None
    year_ago = months_before(day, 12)

    staff = _staff(cur_id, service, tg)
    now = staff.in_post(day)
    wf = _workforce(staff, now)

    pop, source = _population(organisation, day, tg)
    indicators = M.representation_indicators(wf, standard=std, groups=groups, two_group=tg,
                                             population=pop, population_source=source)
    indicators += _recruitment(organisation, year_ago, day, service, std, groups, tg)
    indicators += _processes(organisation, staff, day, rolling_years, std, groups)
    start = _staff(prev[0], service, tg, START_FIELDS) if prev else None
    indicators += _movement(organisation, staff, start, prev, day, year_ago, std, groups)
    indicators.append(M.pay_gap(staff.pay[now], staff.bonus[now], staff.group[now],
                                staff.broad[now], groups=groups, standard=std, two_group=tg))
    m = M.correct_family([t for ind in indicators for t in ind.tests])
    counted = {cur_id: _snapshot_counts(staff, day)}
    if prev:
        counted[prev[0]] = _snapshot_counts(start, prev[1])
    indicators[1].meta["trend"] = _trend(snaps, service, tg, groups, counted)
    order = {k: i for i, k in enumerate(M.INDICATORS)}
    indicators.sort(key=lambda ind: order[ind.id])
    return {
        "as_at": day.isoformat(),
        "standard": {"id": std.id, "label": std.label},
        "reference_group": groups.reference, "comparison_group": groups.comparison,
        "service": service,
        "snapshot": {"as_at": day.isoformat(), "headcount": int(now.sum())},
        "previous_snapshot": prev[1].isoformat() if prev else None,
        "multiple_testing": {"method": "benjamini_hochberg", "tests": m,
                             "false_discovery_rate": groups.fdr,
                             "family": "every comparison in this report"},
        "suppression": {"threshold": groups.policy.threshold,
                        "pay_threshold": max(M.PAY_MIN_GROUP, groups.policy.threshold)},
        "indicators": [ind.to_dict() for ind in indicators],
    }


def _workforce(staff: _Staff, now: np.ndarray) -> M.Workforce:
    grades, gcodes = M.code_labels(staff.grade[now], order=staff.grade_rank[now])
    services, scodes = M.code_labels(staff.service[now])
    return M.Workforce(staff.group[now], staff.broad[now],
                       M.Breakdown("by_grade", gcodes, grades),
                       M.Breakdown("by_service", scodes, services), staff.tier[now])


def _recruitment(organisation, start, day, service, std, groups, tg) -> list[M.Indicator]:
    qs = Application.objects.filter(organisation=organisation, decision_date__gt=start,
                                    decision_date__lte=day)
    if service:
        qs = qs.filter(service=service)
    eth, grade, svc, short, appointed = _fetch(qs, ("ethnicity", "grade", "service",
                                                    "shortlisted", "appointed"))
    uniq, codes = M.factorize(eth)
    group = M.code_groups(uniq, tg)[codes] if uniq else np.zeros(0, np.int8)
    short = np.array(short, dtype=bool)
    appointed = np.array(appointed, dtype=bool)
    glabels, gcodes = M.code_labels(grade)
    slabels, scodes = M.code_labels(svc)
    breakdowns = [M.Breakdown("by_service", scodes, slabels),
                  M.Breakdown("by_grade", gcodes, glabels)]
    meta = {"period": {"start": start.isoformat(), "end": day.isoformat()}}
    everyone = np.ones(group.size, dtype=bool)
    return [
        M.outcome_indicator(
            "appointment_from_shortlisting",
            "Relative likelihood of appointment from shortlisting", standard=std, groups=groups,
            group=group, denominator=short, outcome=appointed, breakdowns=breakdowns,
            subject="shortlisted applicants", outcome_text="were appointed",
            likely_to="be appointed from shortlisting",
            meta={**meta, "denominator": "shortlisted applications decided in the 12 months "
                  "to the as-at date", "method": "risk ratio, Katz log interval"}),
        M.outcome_indicator(
            "shortlisting_from_application",
            "Relative likelihood of shortlisting from application", standard=std,
            groups=groups, group=group, denominator=everyone, outcome=short,
            breakdowns=breakdowns, subject="applicants", outcome_text="were shortlisted",
            likely_to="be shortlisted",
            meta={**meta, "denominator": "applications decided in the 12 months to the as-at "
                  "date", "method": "risk ratio, Katz log interval"}),
    ]


def _processes(organisation, staff: _Staff, day, rolling_years, std, groups):
    start = months_before(day, 12 * rolling_years)
    year_ago = months_before(day, 12)
    keys, kinds = _fetch(FormalProcess.objects.filter(
        organisation=organisation, date_opened__gt=start, date_opened__lte=day,
        kind__in=[FormalProcess.Kind.DISCIPLINARY, FormalProcess.Kind.FITNESS_TO_PRACTISE]),
        ("staff_key", "kind"))
    idx = M.match_keys(staff.key, keys)
    kinds = np.array(kinds, dtype=object)
    in_period = staff.in_post(start)
    disc = M.people_with(idx, len(staff), kinds == FormalProcess.Kind.DISCIPLINARY)
    ftp = M.people_with(idx, len(staff), kinds == FormalProcess.Kind.FITNESS_TO_PRACTISE)
    regulated = staff.social_work if staff.social_work.any() else np.ones(len(staff), bool)
    (dev_keys,) = _fetch(DevelopmentActivity.objects.filter(
        organisation=organisation, date__gt=year_ago, date__lte=day, mandatory=False,
        funded=True), ("staff_key",))
    dev = M.people_with(M.match_keys(staff.key, dev_keys), len(staff))
    period = {"start": start.isoformat(), "end": day.isoformat(), "rolling_years": rolling_years}
    common = {"standard": std, "groups": groups, "group": staff.group}
    return [
        M.outcome_indicator(
            "disciplinary_entry", "Relative likelihood of entering a formal disciplinary "
            "process", denominator=in_period, outcome=disc, subject="staff",
            outcome_text="entered a formal disciplinary process",
            likely_to="enter a formal disciplinary process",
            meta={"period": period, "denominator": "staff in the as-at snapshot in post at "
                  "any time in the period", "method": "risk ratio, Katz log interval"},
            **common),
        M.outcome_indicator(
            "fitness_to_practise_entry", "Relative likelihood of fitness-to-practise referral",
            denominator=in_period & regulated, outcome=ftp, subject="staff",
            outcome_text="were referred for fitness to practise",
            likely_to="be referred for fitness to practise",
            meta={"period": period, "denominator": "social work staff (job family contains "
                  "'social work'; all staff if none recorded) in post in the period",
                  "method": "risk ratio, Katz log interval"}, **common),
        M.outcome_indicator(
            "development_access", "Relative likelihood of accessing non-mandatory, funded "
            "development", denominator=staff.in_post(year_ago), outcome=dev, subject="staff",
            outcome_text="took part in non-mandatory funded development",
            likely_to="access non-mandatory funded development",
            meta={"period": {"start": year_ago.isoformat(), "end": day.isoformat()},
                  "denominator": "staff in the as-at snapshot in post in the 12 months",
                  "method": "risk ratio, Katz log interval"}, **common),
    ]


def _movement(organisation, staff: _Staff, p: _Staff | None, prev, day, year_ago, std, groups):
    """Leaving and promotion: people in post at the start of the period."""
    if prev is not None:
        start_day = prev[1]
        base = p.in_post(start_day)
        later = M.match_keys(staff.key, p.key)
        found = later >= 0
        left_later = np.zeros(len(p), dtype=bool)
        left_later[found] = M.in_window(staff.leaving[later[found]], start_day, day)
        leaver = ~found | left_later | M.in_window(p.leaving, start_day, day)
        group, keys = p.group, p.key
        basis = "the previous snapshot"
    else:
        start_day = year_ago
        start_ok = np.isnat(staff.start) | (staff.start <= np.datetime64(start_day, "D"))
        base = start_ok & staff.in_post(start_day)
        leaver = M.in_window(staff.leaving, start_day, day)
        group, keys = staff.group, staff.key
        basis = "records in the as-at snapshot in post at the start (no earlier snapshot)"
    (pkeys,) = _fetch(Promotion.objects.filter(organisation=organisation, date__gt=start_day,
                                               date__lte=day), ("staff_key",))
    promoted = M.people_with(M.match_keys(keys, pkeys), len(keys))
    period = {"start": start_day.isoformat(), "end": day.isoformat()}
    meta = {"period": period, "denominator": f"headcount at the start of the period, from "
            f"{basis}", "method": "risk ratio, Katz log interval"}
    common = {"standard": std, "groups": groups, "group": group, "denominator": base,
              "subject": "staff", "meta": meta}
    return [
        M.outcome_indicator("leaving", "Relative likelihood of leaving", outcome=leaver,
                            outcome_text="left", likely_to="leave", **common),
        M.outcome_indicator("promotion", "Relative likelihood of promotion", outcome=promoted,
                            outcome_text="were promoted", likely_to="be promoted", **common),
    ]


def _snapshot_counts(st: _Staff, day) -> np.ndarray:
    """(not leader / leader) x group counts of people in post on ``day``."""
    now = st.in_post(day)
    return M.crosstab((st.tier[now] < 3).astype(np.int64), st.group[now], 2, 4)


def _trend(snaps, service, tg: TwoGroup, groups: M.Groups, counted: dict) -> dict:
    """Leadership gap per snapshot: counts already made for the as-at and previous snapshots,
    and one SQL aggregate (by snapshot and ethnicity, leaders counted) for the rest."""
    pos = {sid: i for i, (sid, _) in enumerate(snaps)}
    cnt = np.zeros((len(snaps), 2, 4), dtype=np.int64)
    for sid, c in counted.items():
        cnt[pos[sid]] = c
    rest = [sid for sid, _ in snaps if sid not in counted]
    if rest:
        qs = StaffRecord.objects.filter(snapshot_id__in=rest).filter(
            Q(leaving_date__isnull=True) | Q(leaving_date__gt=F("snapshot__as_at")))
        if service:
            qs = qs.filter(service=service)
        rows = list(qs.values_list("snapshot_id", "ethnicity")  # in index order: no sort
                    .annotate(n=Count("id"), leaders=Count("id", filter=~Q(leadership_tier="")))
                    .order_by())
        if rows:
            sid, eth, n, leaders = zip(*rows, strict=True)
            g = M.code_groups(eth, tg).astype(np.int64)
            s = np.array([pos[i] for i in sid], dtype=np.int64)
            leaders = np.array(leaders, dtype=np.int64)
            np.add.at(cnt, (s, 1, g), leaders)
            np.add.at(cnt, (s, 0, g), np.array(n, dtype=np.int64) - leaders)
    comp_lead, known_lead = cnt[:, 1, M.COMP], cnt[:, 1, M.REF] + cnt[:, 1, M.COMP]
    comp_all = cnt[:, :, M.COMP].sum(1)
    known_all = cnt[:, :, M.REF].sum(1) + comp_all
    first = snaps[0][1]
    years = [(d - first).days / 365.25 for _, d in snaps]
    return M.leadership_trend(years, comp_lead, known_lead, comp_all, known_all, groups=groups,
                              dates=[d.isoformat() for _, d in snaps])


# --- consumers --------------------------------------------------------------------------------

def indicator_by_id(report: dict, indicator_id: str) -> dict:
    for ind in report["indicators"]:
        if ind["id"] == indicator_id:
            return ind
    raise KeyError(indicator_id)


ROW_FIELDS = ("indicator", "standard_reference", "breakdown", "label", "figure", "group",
              "comparator", "value", "ci_low", "ci_high", "unit", "p_value", "p_adjusted",
              "significant", "flags", "count", "denominator", "symbol", "reading")


def report_rows(report: dict) -> list[dict]:
    """One flat row per figure, for CSV/XLSX export (columns ``ROW_FIELDS``)."""
    out: list[dict] = []
    for ind in report["indicators"]:
        base = {"indicator": ind["id"], "standard_reference": ind["standard"]["reference"]}

        def add(breakdown, label, figure, base=base, **values):
            row = dict.fromkeys(ROW_FIELDS)
            row.update(base, breakdown=breakdown, label=label, figure=figure, **values)
            if isinstance(row.get("flags"), list):
                row["flags"] = ";".join(row["flags"])
            out.append(row)

        if ind["status"] != "ok":
            add("all", None, "status", value=None, symbol=":", reading=ind.get("reading"))
            continue
        if ind["id"] == "pay_gap":
            _pay_rows(ind, add)
            continue
        for breakdown, rows in _row_sets(ind):
            for r in rows:
                label = r.get("label")
                if r.get("ratio"):
                    for v in r["counts"]:
                        add(breakdown, label, "percent", group=v["group"], value=v["percent"],
                            ci_low=v["ci_low"], ci_high=v["ci_high"], unit="%",
                            flags=v["flags"], count=v["count"], denominator=v["denominator"],
                            reading=v["reading"])
                    _figure_row(add, breakdown, label, "relative_likelihood", r["ratio"], None)
                if r.get("gap"):
                    _figure_row(add, breakdown, label, "gap", r["gap"], "percentage points")
        for p in (ind.get("trend") or {}).get("points", []):
            add("trend", p["as_at"], "leadership_gap", value=p["gap"], ci_low=p["ci_low"],
                ci_high=p["ci_high"], unit="percentage points", symbol=p["symbol"])
        if ind.get("trend") and ind["trend"].get("slope") is not None:
            t = ind["trend"]
            add("trend", "slope", "leadership_gap_slope", value=t["slope"],
                ci_low=t["slope_ci_low"], ci_high=t["slope_ci_high"], unit=t["unit"],
                p_value=t.get("p_value"), reading=t["reading"])
    return out


def _row_sets(ind: dict):
    head = {k: ind.get(k) for k in ("counts", "ratio", "gap", "reading")}
    if "ratio" in ind or ind.get("gap"):
        head["label"] = "All"
        yield "all", [head]
    for key in ("by_tier", "by_grade", "by_service"):
        if ind.get(key):
            yield key.removeprefix("by_"), ind[key]


def _figure_row(add, breakdown, label, figure, f, unit):
    add(breakdown, label, figure, group=f["group"], comparator=f["comparator"],
        value=f["value"], ci_low=f["ci_low"], ci_high=f["ci_high"], unit=unit,
        p_value=f["p_value"], p_adjusted=f["p_adjusted"], significant=f["significant"],
        flags=f["flags"], symbol=f["symbol"], reading=f["reading"])


def _pay_rows(ind: dict, add) -> None:
    for g in ind["groups"]:
        for fig in ("mean_gap", "median_gap", "bonus_mean_gap", "bonus_median_gap"):
            add(g["level"], g["group"], fig, group=g["group"], comparator=ind["reference_group"],
                value=g[fig], unit="%", count=g["employees"], symbol=g["symbol"],
                reading=g["reading"] if fig == "median_gap" else None)
        add(g["level"], g["group"], "percent_receiving_bonus", group=g["group"],
            value=g["percent_receiving_bonus"], unit="%", symbol=g["symbol"])
    for q in ind["quarters"]:
        for label, cell in q["groups"].items():
            add("pay_quarter", q["quarter"], "percent_of_quarter", group=label,
                value=cell["percent_of_known"], unit="%", count=cell["count"])
    add("all", None, "percent_not_disclosing", value=ind["percent_not_disclosing"], unit="%",
        count=ind["not_disclosing"])
