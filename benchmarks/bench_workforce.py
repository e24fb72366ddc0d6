"""Benchmark: the workforce report against a straightforward pandas reference.

Generates a synthetic council (default 50,000 staff x 5 annual snapshots, 200,000
applications, formal processes, development and promotions), imports it through the import
pipeline (``star.core.imports.import_file``, CSV files) into a fresh SQLite database in a
temporary directory (or ``DATABASE_URL``), then times:

* ``build_report`` (median of 5 after a warm-up): numpy arrays from ``values_list``, SQL
  aggregation for the trend, joint disclosure control, one BH family;
* a straightforward pandas reference computing the same measures from the same database
  (DataFrames from querysets, groupby/merge per indicator, scipy per row for intervals and
  tests, BH with scipy; no disclosure control),

asserts that the key figures agree and prints the times and the ratio.

Run: uv run python benchmarks/bench_workforce.py [--staff 50000 --snapshots 5 --applications 200000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KEYS = ["white_british", "white_irish", "white_other", "black_african", "black_caribbean",
        "asian_indian", "asian_pakistani", "asian_bangladeshi", "mixed_white_black_caribbean",
        "mixed_other", "other_any", "refused", "not_obtained"]
BASE_P = np.array([0.58, 0.02, 0.07, 0.08, 0.04, 0.05, 0.03, 0.02, 0.02, 0.01, 0.02, 0.03, 0.03])
GM = np.array([k.split("_")[0] in ("black", "asian", "mixed", "other") for k in KEYS])
CODES = {"white_british": "WBRI", "white_irish": "WIRI", "white_other": "WOTH",
         "black_african": "BAFR", "black_caribbean": "BCRB", "asian_indian": "AIND",
         "asian_pakistani": "APKN", "asian_bangladeshi": "ABAN",
         "mixed_white_black_caribbean": "MWBC", "mixed_other": "MOTH", "other_any": "OOTH",
         "refused": "REFU", "not_obtained": "NOBT"}
GRADES = [f"Grade {i:02d}" for i in range(1, 13)]
SERVICES = ["Safeguarding", "Children in care", "Early help", "Fostering", "Adoption",
            "Youth justice", "Disabled children", "Business support"]


def setup_django(tmp: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("STAR_MEDIA_ROOT", str(tmp / "media"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- synthetic data ---------------------------------------------------------------------------

def generate(staff: int, snapshots: int, applications: int, seed: int = 2026):
    """Everything in memory: per snapshot a dict of numpy columns, plus event tables."""
    rng = np.random.default_rng(seed)
    last = dt.date(2026, 3, 31)
    dates = [dt.date(last.year - snapshots + 1 + i, 3, 31) for i in range(snapshots)]
    pool = staff * 2
    eth = rng.choice(len(KEYS), size=pool, p=BASE_P / BASE_P.sum())
    # seniority skewed against Global Majority staff (so the measures find something)
    skill = rng.normal(0, 1, pool) - 0.35 * GM[eth]
    grade = np.clip(np.round(5 + 2.2 * skill + rng.normal(0, 1, pool)), 0, 11).astype(int)
    service = rng.integers(0, len(SERVICES), pool)
    pay = 11.5 + 2.4 * grade + rng.gamma(2.0, 0.6, pool)
    current = np.arange(staff)
    nxt = staff
    snaps = []
    for s, day in enumerate(dates):
        if s:
            leave_p = 0.12 + 0.03 * GM[eth[current]]
            stay = rng.random(current.size) > leave_p
            n_new = current.size - stay.sum()
            current = np.concatenate([current[stay], np.arange(nxt, nxt + n_new)])
            nxt += n_new
            promote = rng.random(current.size) < 0.06 - 0.015 * GM[eth[current]]
            grade[current[promote]] = np.minimum(grade[current[promote]] + 1, 11)
            pay[current[promote]] += 2.4
        g = grade[current]
        tier = np.where(g >= 11, "senior", np.where(g >= 9, "middle",
                                                    np.where(g >= 7, "first-line", "")))
        bonus = np.where(rng.random(current.size) < 0.05, np.round(rng.uniform(200, 2000,
                                                                                current.size)), 0)
        snaps.append({"as_at": day, "id": current.copy(), "eth": eth[current], "grade": g,
                      "tier": tier, "service": service[current],
                      "pay": np.round(pay[current], 2), "bonus": bonus})
    # events over the whole period, for people in the snapshots
    everyone = np.unique(np.concatenate([s["id"] for s in snaps]))
    span = (last - dates[0]).days + 365

    def days(n):
        return [last - dt.timedelta(days=int(d)) for d in rng.integers(0, span, n)]

    def people(rate, bias):
        p = rate * (1 + bias * GM[eth[everyone]])
        return everyone[rng.random(everyone.size) < p * len(dates)]

    disc = people(0.02, 0.5)
    ftp = people(0.006, 0.8)
    dev = people(0.25, -0.2)
    mand = people(0.3, 0.0)
    prom = people(0.05, -0.3)
    a_eth = rng.choice(len(KEYS), size=applications, p=BASE_P / BASE_P.sum())
    short = rng.random(applications) < 0.35 - 0.08 * GM[a_eth]
    appointed = short & (rng.random(applications) < 0.3 - 0.07 * GM[a_eth])
    apps = {"eth": a_eth, "grade": rng.integers(0, 12, applications),
            "service": rng.integers(0, len(SERVICES), applications), "short": short,
            "appointed": appointed, "date": days(applications)}
    events = {"processes": [(i, d, "disciplinary") for i, d in zip(disc, days(disc.size),
                                                                   strict=True)]
              + [(i, d, "fitness_to_practise") for i, d in zip(ftp, days(ftp.size), strict=True)],
              "development": [(i, d, "Course", "N", "Y") for i, d in zip(dev, days(dev.size),
                                                                        strict=True)]
              + [(i, d, "Safeguarding refresher", "Y", "N")
                 for i, d in zip(mand, days(mand.size), strict=True)],
              "promotions": [(i, d, "Grade 05", "Grade 06") for i, d in zip(prom, days(prom.size),
                                                                         strict=True)]}
    return snaps, apps, events


def staff_csv(s) -> bytes:
    out = io.StringIO()
    out.write("staff_id,ethnicity,grade,grade_rank,leadership_tier,service,job_family,"
              "start_date,hourly_pay,bonus_paid\n")
    for i, e, g, t, sv, p, b in zip(s["id"], s["eth"], s["grade"], s["tier"], s["service"],
                                     s["pay"], s["bonus"], strict=True):
        out.write(f"S{i},{CODES[KEYS[e]]},{GRADES[g]},{g + 1},{t},{SERVICES[sv]},"
                  f"{'Social work' if g >= 3 else 'Business support'},2015-04-01,{p:.2f},"
                  f"{'' if not b else f'{b:.2f}'}\n")
    return out.getvalue().encode()


def rows_csv(header: str, rows) -> bytes:
    return (header + "\n" + "\n".join(",".join(str(v) for v in r) for r in rows) + "\n").encode()


def load(org, snaps, apps, events) -> dict[str, float]:
    """Import every file through the import pipeline; seconds per kind."""
    from star.core.imports import import_file

    times = {}

    def run(kind, data, params=None):
        t = time.perf_counter()
        di = import_file(organisation=org, kind=kind, data=data, filename=f"{kind}.csv",
                         params=params or {})
        if di.status != "succeeded":
            raise SystemExit(f"{kind} import {di.status}: {di.errors[:3]}")
        times[kind] = times.get(kind, 0.0) + time.perf_counter() - t

    for s in snaps:
        run("workforce.staff", staff_csv(s), {"as_at": s["as_at"].isoformat()})
    run("workforce.recruitment", rows_csv(
        "application_id,vacancy_id,grade,ethnicity,shortlisted,appointed,decision_date,service",
        ((f"A{i}", f"V{i // 40}", GRADES[apps['grade'][i]], CODES[KEYS[apps['eth'][i]]],
          "Y" if apps["short"][i] else "N", "Y" if apps["appointed"][i] else "N",
          apps["date"][i].isoformat(), SERVICES[apps["service"][i]])
         for i in range(len(apps["eth"])))))
    run("workforce.processes", rows_csv("staff_id,date_opened,kind", (
        (f"S{i}", d.isoformat(), k) for i, d, k in events["processes"])))
    run("workforce.development", rows_csv("staff_id,date,activity,mandatory,funded", (
        (f"S{i}", d.isoformat(), a, m, f) for i, d, a, m, f in events["development"])))
    run("workforce.promotions", rows_csv("staff_id,date,from_grade,to_grade", (
        (f"S{i}", d.isoformat(), a, b) for i, d, a, b in events["promotions"])))
    return times


# --- the pandas reference ---------------------------------------------------------------------

def reference(org) -> dict:
    """The same measures, computed the straightforward way with pandas and scipy."""
    import pandas as pd
    from scipy import stats as sps

    from star.analytics import TwoGroup
    from star.analytics.ethnicity import ALL_CATEGORIES
    from star.workforce.models import (
        Application,
        DevelopmentActivity,
        FormalProcess,
        Promotion,
        StaffRecord,
        StaffSnapshot,
    )
    from star.workforce.report import months_before

    tg = TwoGroup(comparison_label=org.global_majority_label)
    z = sps.norm.ppf(0.975)

    def two(e):
        c = ALL_CATEGORIES.get(e)
        if c is None or c.unknown:
            return "unknown"
        return "ref" if tg.assign(e) == tg.reference_label else "comp"

    def wilson(x, n):
        if n == 0:
            return math.nan, math.nan
        ci = sps.binomtest(int(x), int(n)).proportion_ci(0.95, method="wilson")
        return ci.low, ci.high

    def newcombe(x1, n1, x2, n2):
        p1, p2 = x1 / n1, x2 / n2
        l1, u1 = wilson(x1, n1)
        l2, u2 = wilson(x2, n2)
        d = p1 - p2
        return d, d - math.hypot(p1 - l1, u2 - p2), d + math.hypot(u1 - p1, p2 - l2)

    def test(a, n1, b, n2):
        t = np.array([[a, n1 - a], [b, n2 - b]])
        e = sps.contingency.expected_freq(t)
        if (e < 5).any():
            return sps.fisher_exact(t).pvalue
        return sps.chi2_contingency(t, correction=False).pvalue

    def katz(a, n1, b, n2):
        rr = (a / n1) / (b / n2)
        se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2)
        return rr, rr * math.exp(-z * se), rr * math.exp(z * se)

    snaps = pd.DataFrame.from_records(
        StaffSnapshot.objects.filter(organisation=org).values("id", "as_at")).sort_values("as_at")
    staff = pd.DataFrame.from_records(StaffRecord.objects.filter(
        snapshot__organisation=org).values("snapshot_id", "staff_key", "ethnicity", "grade",
                                           "leadership_tier", "service", "job_family",
                                           "leaving_date", "hourly_pay", "bonus_paid"))
    staff["group"] = staff["ethnicity"].map(two)
    cur_id, day = snaps.iloc[-1]["id"], snaps.iloc[-1]["as_at"]
    prev_id, prev_day = snaps.iloc[-2]["id"], snaps.iloc[-2]["as_at"]
    cur = staff[staff.snapshot_id == cur_id]
    known = cur[cur.group != "unknown"]
    out, pvals = {}, []

    # representation by grade and leadership
    wf = known.groupby("group").size()
    by_grade = known.groupby(["grade", "group"]).size().unstack(fill_value=0)
    rep = {}
    for grade, r in by_grade.iterrows():
        n = r.sum()
        rep[grade] = newcombe(r["comp"], n, wf["comp"], wf.sum())
        pvals.append(test(r["comp"], n, wf["comp"] - r["comp"], wf.sum() - n))
    out["representation_by_grade"] = rep
    leaders = known[known.leadership_tier != ""].groupby("group").size()
    out["leadership_all"] = newcombe(leaders["comp"], leaders.sum(), wf["comp"], wf.sum())

    # outcome indicators
    def compare(name, df, outcome):
        g = df.groupby("group")[outcome].agg(["sum", "count"])
        a, n1, b, n2 = g.loc["comp", "sum"], g.loc["comp", "count"], g.loc["ref", "sum"], \
            g.loc["ref", "count"]
        out[name] = (int(a), int(n1), int(b), int(n2), *katz(a, n1, b, n2), test(a, n1, b, n2))
        pvals.append(out[name][-1])

    start = months_before(day, 12)
    apps = pd.DataFrame.from_records(Application.objects.filter(organisation=org).values(
        "ethnicity", "grade", "service", "shortlisted", "appointed", "decision_date"))
    apps = apps[(apps.decision_date > start) & (apps.decision_date <= day)]
    apps["group"] = apps["ethnicity"].map(two)
    apps = apps[apps.group != "unknown"]
    compare("appointment_from_shortlisting", apps[apps.shortlisted], "appointed")
    compare("shortlisting_from_application", apps, "shortlisted")
    for name in ("by_grade", "by_service"):
        col = name.removeprefix("by_")
        for _, part in apps.groupby(col):
            s = part[part.shortlisted].groupby("group")["appointed"].agg(["sum", "count"])
            if len(s) == 2:
                pvals.append(test(s.loc["comp", "sum"], s.loc["comp", "count"],
                                  s.loc["ref", "sum"], s.loc["ref", "count"]))

    procs = pd.DataFrame.from_records(FormalProcess.objects.filter(organisation=org).values(
        "staff_key", "date_opened", "kind"))
    procs = procs[(procs.date_opened > start) & (procs.date_opened <= day)]
    in_period = cur[cur.leaving_date.isna() | (cur.leaving_date > start)]
    for name, kind, base in (("disciplinary_entry", "disciplinary", in_period),
                             ("fitness_to_practise_entry", "fitness_to_practise",
                              in_period[in_period.job_family.str.lower()
                                        .str.contains("social work")])):
        keys = set(procs.loc[procs.kind == kind, "staff_key"])
        df = base[base.group != "unknown"].assign(hit=lambda d, k=keys: d.staff_key.isin(k))
        compare(name, df, "hit")
    dev = pd.DataFrame.from_records(DevelopmentActivity.objects.filter(organisation=org).values(
        "staff_key", "date", "mandatory", "funded"))
    dev = dev[(dev.date > start) & (dev.date <= day) & ~dev.mandatory & dev.funded]
    compare("development_access", known.assign(hit=known.staff_key.isin(set(dev.staff_key))),
            "hit")
    prev = staff[staff.snapshot_id == prev_id]
    prev = prev[prev.leaving_date.isna() | (prev.leaving_date > prev_day)]
    merged = prev.merge(cur[["staff_key", "leaving_date"]], on="staff_key", how="left",
                        suffixes=("", "_now"), indicator=True)
    merged["left"] = (merged["_merge"] == "left_only") | (
        (merged.leaving_date_now > prev_day) & (merged.leaving_date_now <= day))
    prom = pd.DataFrame.from_records(Promotion.objects.filter(organisation=org).values(
        "staff_key", "date"))
    prom = prom[(prom.date > prev_day) & (prom.date <= day)]
    merged["promoted"] = merged.staff_key.isin(set(prom.staff_key))
    merged = merged[merged.group != "unknown"]
    compare("leaving", merged, "left")
    compare("promotion", merged, "promoted")
    out["bh"] = sps.false_discovery_control(np.array(pvals, dtype=float))

    # pay gap
    now = cur[cur.leaving_date.isna() | (cur.leaving_date > day)].copy()
    now["pay"] = now.hourly_pay.astype(float)
    pay = now.groupby("group")["pay"].agg(["mean", "median"])
    out["pay_gap"] = ((pay.loc["ref", "mean"] - pay.loc["comp", "mean"]) / pay.loc["ref", "mean"]
                      * 100, (pay.loc["ref", "median"] - pay.loc["comp", "median"])
                      / pay.loc["ref", "median"] * 100)
    now["quarter"] = pd.qcut(now.pay.rank(method="first"), 4, labels=False)
    out["quarters"] = now.groupby(["quarter", "group"]).size().unstack(fill_value=0)

    # trend of the leadership gap
    pts = []
    for sid, as_at in zip(snaps["id"], snaps["as_at"], strict=True):
        s = staff[(staff.snapshot_id == sid) & (staff.group != "unknown")]
        s = s[s.leaving_date.isna() | (s.leaving_date > as_at)]
        lead = s[s.leadership_tier != ""]
        d = (lead.group == "comp").mean() - (s.group == "comp").mean()
        pts.append(((as_at - snaps["as_at"].iloc[0]).days / 365.25, d * 100))
    fit = sps.linregress(*zip(*pts, strict=True))
    out["trend_slope"] = fit.slope
    return out


def check(report, ref) -> None:
    """Assert the key figures agree."""
    from star.workforce.report import indicator_by_id

    def close(a, b, what, tol=1e-6):
        if a is None:  # suppressed in the report (small numbers)
            return
        if not math.isclose(a, b, rel_tol=tol, abs_tol=tol):
            raise AssertionError(f"{what}: report {a} vs reference {b}")

    for name in ("appointment_from_shortlisting", "shortlisting_from_application",
                 "disciplinary_entry", "fitness_to_practise_entry", "development_access",
                 "leaving", "promotion"):
        ind = indicator_by_id(report, name)
        a, n1, b, n2, rr, lo, hi, p = ref[name]
        comp = next(c for c in ind["counts"] if c["role"] == "comparison")
        refc = next(c for c in ind["counts"] if c["role"] == "reference")
        assert (comp["count"], comp["denominator"], refc["count"], refc["denominator"]) == \
            (a, n1, b, n2), name
        close(ind["ratio"]["value"], rr, f"{name} ratio")
        close(ind["ratio"]["ci_low"], lo, f"{name} ci_low")
        close(ind["ratio"]["ci_high"], hi, f"{name} ci_high")
        close(ind["ratio"]["p_value"], p, f"{name} p", tol=1e-6)
    rep = indicator_by_id(report, "representation_by_grade")
    for row in rep["by_grade"]:
        d, lo, hi = ref["representation_by_grade"][row["label"].removeprefix("staff in ")]
        close(row["gap"]["value"], d * 100, f"gap {row['label']}", tol=1e-3)
        close(row["gap"]["ci_low"], lo * 100, f"gap low {row['label']}", tol=1e-3)
        close(row["gap"]["ci_high"], hi * 100, f"gap high {row['label']}", tol=1e-3)
    lead = indicator_by_id(report, "leadership_vs_workforce")
    close(lead["gap"]["value"], ref["leadership_all"][0] * 100, "leadership gap", tol=1e-3)
    pay = indicator_by_id(report, "pay_gap")["groups"][0]
    close(pay["mean_gap"], ref["pay_gap"][0], "mean pay gap", tol=1e-3)
    close(pay["median_gap"], ref["pay_gap"][1], "median pay gap", tol=1e-3)
    close(lead["trend"]["slope"], ref["trend_slope"], "trend slope", tol=1e-3)


def timed(fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--staff", type=int, default=50_000)
    ap.add_argument("--snapshots", type=int, default=5)
    ap.add_argument("--applications", type=int, default=200_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--dump", help="write the report JSON here")
    ap.add_argument("--keep", help="keep the SQLite database in this directory and reuse it "
                    "on the next run (skips generation and import)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="star-bench-") as tmp:
        where = Path(args.keep) if args.keep else Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        setup_django(where)
        from django.db import connection

        from star.core.models import Organisation
        from star.workforce.report import build_report

        org = Organisation.objects.filter(slug="benchmark").first()
        if org is None:
            org = Organisation.objects.create(name="Benchmark Council", slug="benchmark")
            t = time.perf_counter()
            snaps, apps, events = generate(args.staff, args.snapshots, args.applications)
            gen = time.perf_counter() - t
            imports = load(org, snaps, apps, events)
            print(f"database: {connection.vendor}; generated in {gen:.1f} s")
            for kind, secs in imports.items():
                print(f"  import {kind:<24} {secs:7.1f} s")
            print(f"  import total {sum(imports.values()):.1f} s")
        else:
            print(f"database: {connection.vendor}; reusing {where}")
        rep_med, rep_all, report = timed(lambda: build_report(organisation=org), args.repeats)
        ref_med, ref_all, ref = timed(lambda: reference(org), args.repeats)
        check(report, ref)
        if args.dump:
            import json

            Path(args.dump).write_text(json.dumps(report, indent=1))
        print(f"report tests in BH family: {report['multiple_testing']['tests']}")
        print(f"build_report     median {rep_med * 1000:8.0f} ms  "
              f"({', '.join(f'{x * 1000:.0f}' for x in rep_all)})")
        print(f"pandas reference median {ref_med * 1000:8.0f} ms  "
              f"({', '.join(f'{x * 1000:.0f}' for x in ref_all)})")
        print(f"ratio {ref_med / rep_med:.1f}x; key figures agree")


if __name__ == "__main__":
    main()
