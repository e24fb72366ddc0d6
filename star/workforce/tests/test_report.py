"""The report built from the database: schema, stable ids, directions, missing data."""

import datetime as dt
import json
from decimal import Decimal

import numpy as np
import pytest

from star.core.models import DataImport, PopulationEstimate
from star.workforce import measures as M
from star.workforce.models import (
    Application,
    DevelopmentActivity,
    FormalProcess,
    Promotion,
    StaffRecord,
    StaffSnapshot,
)
from star.workforce.report import (
    ReportUnavailable,
    build_report,
    indicator_by_id,
    months_before,
    report_rows,
)

ETHNICITIES = ["white_british", "white_other", "black_african", "asian_indian",
               "mixed_white_asian", "refused", "not_obtained"]
WEIGHTS = [0.55, 0.1, 0.12, 0.1, 0.05, 0.04, 0.04]
GRADES = [("Scale 4", 4), ("Scale 6", 6), ("PO1", 8), ("PO4", 10), ("Head of Service", 12)]
TIERS = ["", "", "", "first_line", "middle", "senior"]


def _import(org, kind):
    return DataImport.objects.create(organisation=org, kind=kind, filename="t.csv",
                                     content_hash=f"x-{kind}", status="succeeded")


def make_data(org, *, staff=300, dates=(dt.date(2024, 3, 31), dt.date(2025, 3, 31),
                                        dt.date(2026, 3, 31)), applications=400, seed=7):
    rng = np.random.default_rng(seed)
    imp = _import(org, "workforce.staff")
    eth = rng.choice(ETHNICITIES, size=staff + 200, p=WEIGHTS)
    grade = rng.integers(0, len(GRADES), size=staff + 200)
    svc = rng.choice(["Children in care", "Early help", "Safeguarding"], size=staff + 200)
    for s, day in enumerate(dates):
        snap = StaffSnapshot.objects.create(organisation=org, as_at=day, data_import=imp)
        people = range(s * 40, s * 40 + staff)
        StaffRecord.objects.bulk_create([StaffRecord(
            snapshot=snap, staff_key=f"k{i}", ethnicity=eth[i], grade=GRADES[grade[i]][0],
            grade_rank=GRADES[grade[i]][1], leadership_tier=TIERS[min(grade[i] + 1, 5)]
            if grade[i] >= 2 else "", service=svc[i],
            job_family="Social work" if i % 2 else "Business support",
            start_date=dt.date(2015, 1, 1), hourly_pay=Decimal(str(12 + 3 * grade[i]
                                                                   + (i % 7) * 0.5)),
            bonus_paid=Decimal("100.00") if i % 9 == 0 else None) for i in people])
    last = dates[-1]
    cur = list(range(len(dates) * 40 - 40, len(dates) * 40 - 40 + staff))
    app_imp = _import(org, "workforce.applications")
    ae = rng.choice(ETHNICITIES, size=applications, p=WEIGHTS)
    short = rng.random(applications) < 0.4
    appointed = short & (rng.random(applications) < 0.3)
    Application.objects.bulk_create([Application(
        organisation=org, data_import=app_imp, application_key=f"a{i}", vacancy_id=f"v{i % 30}",
        grade=GRADES[i % 5][0], service=["Early help", "Safeguarding"][i % 2], ethnicity=ae[i],
        shortlisted=bool(short[i]), appointed=bool(appointed[i]),
        decision_date=last - dt.timedelta(days=int(i % 300))) for i in range(applications)])
    ev = _import(org, "workforce.events")
    FormalProcess.objects.bulk_create([FormalProcess(
        organisation=org, data_import=ev, staff_key=f"k{k}", date_opened=last - dt.timedelta(40),
        kind="disciplinary" if j % 3 else "fitness_to_practise") for j, k in enumerate(cur[::11])])
    DevelopmentActivity.objects.bulk_create([DevelopmentActivity(
        organisation=org, data_import=ev, staff_key=f"k{k}", date=last - dt.timedelta(10),
        activity="Leadership course", mandatory=j % 4 == 0, funded=True)
        for j, k in enumerate(cur[::3])])
    Promotion.objects.bulk_create([Promotion(
        organisation=org, data_import=ev, staff_key=f"k{k}", date=last - dt.timedelta(100),
        from_grade="Scale 6", to_grade="PO1") for k in cur[::13]])


@pytest.fixture
def data(organisation):
    make_data(organisation)
    return organisation


def test_no_snapshot_raises(organisation):
    with pytest.raises(ReportUnavailable, match="No staff snapshot has been imported yet"):
        build_report(organisation=organisation)


def test_as_at_before_first_snapshot_raises(data):
    with pytest.raises(ReportUnavailable):
        build_report(organisation=data, as_at=dt.date(2020, 1, 1))


def test_schema_and_stable_ids(data, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        report = build_report(organisation=data)
    json.dumps(report, allow_nan=False)  # JSON-safe
    assert report["as_at"] == "2026-03-31"
    assert report["reference_group"] == "White"
    assert report["comparison_group"] == "Global Majority"
    assert [i["id"] for i in report["indicators"]] == list(M.INDICATORS)
    assert report["multiple_testing"]["tests"] > 20
    ratio_keys = {"value", "ci_low", "ci_high", "p_value", "significant", "four_fifths_ratio",
                  "flags"}
    for ind in report["indicators"]:
        assert {"id", "title", "standard", "standard_references", "status"} <= set(ind)
        assert ind.get("reading")
        if "ratio" in ind:
            assert ratio_keys <= set(ind["ratio"])
            assert {c["role"] for c in ind["counts"]} == {"reference", "comparison"}
            if not ind["ratio"]["symbol"]:
                assert ind["ratio"]["tests"] == report["multiple_testing"]["tests"]
    rec = indicator_by_id(report, "appointment_from_shortlisting")
    assert rec["by_service"] and rec["by_grade"]
    assert rec["standard"]["reference"] == "SC-WRES indicator 2"
    assert rec["standard_references"]["nhs-wres"] == "NHS WRES indicator 2"
    lead = indicator_by_id(report, "leadership_vs_workforce")
    assert [r["tier"] for r in lead["by_tier"]] == ["senior", "middle", "first_line", "all"]
    assert len(lead["by_broad_group"]) == 4
    assert [g["group"] for g in lead["by_broad_group"][0]["groups"]][-1] == "Unknown"
    assert len(lead["trend"]["points"]) == 3
    pay = indicator_by_id(report, "pay_gap")
    assert pay["minimum_group_size"] == 10 and len(pay["quarters"]) == 4


def test_counts_match_orm(data):
    report = build_report(organisation=data)
    rec = indicator_by_id(report, "appointment_from_shortlisting")
    gm = next(c for c in rec["counts"] if c["role"] == "comparison")
    start = months_before(dt.date(2026, 3, 31), 12)
    apps = Application.objects.filter(decision_date__gt=start, shortlisted=True).exclude(
        ethnicity__in=["white_british", "white_other", "refused", "not_obtained"])
    assert gm["denominator"] == apps.count()
    assert gm["count"] == apps.filter(appointed=True).count()


def test_nhs_wres_flips_direction(data):
    sc = indicator_by_id(build_report(organisation=data), "appointment_from_shortlisting")
    nhs = indicator_by_id(build_report(organisation=data, standard="nhs-wres"),
                          "appointment_from_shortlisting")
    assert sc["ratio"]["group"] == "Global Majority" and sc["ratio"]["comparator"] == "White"
    assert nhs["ratio"]["group"] == "White" and nhs["ratio"]["comparator"] == "Global Majority"
    assert nhs["ratio"]["value"] == pytest.approx(1 / sc["ratio"]["value"])
    assert nhs["standard"]["reference"] == "NHS WRES indicator 2"


def test_population_missing_then_present(data):
    ind = indicator_by_id(build_report(organisation=data), "leadership_vs_population")
    assert ind["status"] == "no population data"
    assert ind["gap"] is None and "no resident population data" in ind["reading"]
    data.la_code = "E09000001"
    data.save()
    PopulationEstimate.objects.bulk_create([
        PopulationEstimate(area_code="E09000001", area_name="Northbridge", year=2021,
                           age_band="18-64", sex="all", ethnicity=k, count=c)
        for k, c in [("white_british", 60000), ("black_african", 20000),
                     ("asian_indian", 15000), ("refused", 500)]])
    ind = indicator_by_id(build_report(organisation=data), "leadership_vs_population")
    assert ind["status"] == "ok"
    assert ind["population"]["percent"] == pytest.approx(100 * 35000 / 95000, abs=1e-3)
    assert ind["gap"]["unit"] == "percentage points"


def test_custom_label_and_rows(data):
    data.global_majority_label = "Black, Asian and minority ethnic"
    data.save()
    report = build_report(organisation=data, rolling_years=2)
    assert report["comparison_group"] == "Black, Asian and minority ethnic"
    rows = report_rows(report)
    assert {r["indicator"] for r in rows} == set(M.INDICATORS)
    assert all(set(r) == set(rows[0]) for r in rows)
    assert any(r["figure"] == "relative_likelihood" for r in rows)
    assert indicator_by_id(report, "disciplinary_entry")["period"]["rolling_years"] == 2


def test_service_filter(data):
    report = build_report(organisation=data, service="Early help")
    rec = indicator_by_id(report, "appointment_from_shortlisting")
    assert [r["label"] for r in rec["by_service"]] == ["Early help"]


def test_months_before_end_of_month():
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
