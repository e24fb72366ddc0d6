import math

import pytest

from star.analytics import rate, rate_ratio, relative_likelihood
from star.outcomes.report import ReportUnavailable, build_funnel, build_report, build_trend, returns_for

from .helpers import make_population, make_return

pytestmark = pytest.mark.django_db

AREA = "E09000001"
POPULATION = {"white_british": 40_000, "white_other": 10_000, "black_caribbean": 4_000, "black_african": 6_000,
              "asian_indian": 8_000, "mixed_white_black_caribbean": 2_000, "other_any": 300}


def _stage(report, stage_id):
    return next(stage for stage in report["stages"] if stage["id"] == stage_id)


def _group(stage, key):
    return next(group for group in stage["groups"] if group["key"] == key)


@pytest.fixture
def loaded(organisation):
    organisation.la_code = AREA
    organisation.save()
    make_population(counts=POPULATION)
    make_return(organisation, cells={
        "referral": {"white_british": 2000, "white_other": 500, "black_caribbean": 400, "black_african": 450,
                     "asian_indian": 160, "mixed_white_black_caribbean": 180, "other_any": 3, "not_obtained": 60},
        "section47": {"white_british": 600, "white_other": 150, "black_caribbean": 160, "black_african": 150,
                      "asian_indian": 40, "mixed_white_black_caribbean": 60, "not_obtained": 2},
    }, transitions={("assessment", "section47"): {}})
    make_return(organisation, source="ssda903", cells={
        "cla_at_31_march": {"white_british": 280, "white_other": 70, "black_caribbean": 56, "black_african": 50,
                            "asian_indian": 20, "mixed_white_black_caribbean": 30, "refused": 4},
    })
    return organisation


def test_report_shape_matches_the_published_json(loaded):
    report = build_report(returns_for([loaded]))
    assert {"year", "area", "reference_group", "stages"} <= set(report)
    assert report["year"] == 2024 and report["area"] == AREA and report["reference_group"] == "White"
    assert [stage["id"] for stage in report["stages"]][:3] == ["contact", "early_help", "referral"]
    group = _group(_stage(report, "referral"), "black")
    assert {"ethnicity", "level", "count", "population", "rate_per_10000", "rri", "conditional_rri"} <= set(group)
    assert {"value", "ci_low", "ci_high"} <= set(group["rate_per_10000"])
    assert {"value", "ci_low", "ci_high", "significant", "flags"} <= set(group["rri"])
    assert _stage(report, "contact")["groups"] == []  # no Annex A loaded: the stage is listed, empty


def test_rate_and_rri_come_from_the_analytics_core(loaded):
    report = build_report(returns_for([loaded]))
    black = _group(_stage(report, "cla_at_31_march"), "black")
    expected_rate = rate(106, 10_000)
    assert black["count"] == 106 and black["population"] == 10_000
    assert black["rate_per_10000"]["value"] == pytest.approx(expected_rate.value)
    assert black["rate_per_10000"]["ci_low"] == pytest.approx(expected_rate.lower)
    expected = rate_ratio(106, 10_000, 350, 50_000)
    assert black["rri"]["value"] == pytest.approx(expected.value)
    assert black["rri"]["ci_low"] == pytest.approx(expected.lower)
    assert black["rri"]["significant"] is True
    assert "times as likely to be looked after at 31 March as White children" in black["rri"]["reading"]
    white = _group(_stage(report, "cla_at_31_march"), "white")
    assert white["rri"]["flags"] == ["reference"] and white["rri"]["value"] == 1.0


def test_white_british_reference_at_the_broad_level(loaded):
    report = build_report(returns_for([loaded]), reference="white_british")
    assert report["reference_group"].startswith("White: English")
    black = _group(_stage(report, "cla_at_31_march"), "black")
    assert black["rri"]["value"] == pytest.approx((106 / 10_000) / (280 / 40_000))
    white = _group(_stage(report, "cla_at_31_march"), "white")  # White as a whole is compared too
    assert white["rri"]["value"] == pytest.approx((350 / 50_000) / (280 / 40_000))


def test_detailed_level_and_small_numbers_are_suppressed(loaded):
    report = build_report(returns_for([loaded]), level="detailed", reference="white_british")
    referral = _stage(report, "referral")
    other = _group(referral, "other_any")
    assert other["count"] is None and other["symbol"] == "c"
    assert other["rate_per_10000"]["value"] is None and other["rri"]["value"] is None
    assert "small_population" in other["flags"]  # 300 of about 70,000 children
    caribbean = _group(referral, "black_caribbean")
    assert caribbean["rri"]["value"] == pytest.approx((400 / 4_000) / (2000 / 40_000))


def test_unknown_ethnicity_share_per_stage(loaded):
    referral = _stage(build_report(returns_for([loaded])), "referral")
    assert referral["unknown_ethnicity"]["count"] == 60
    assert referral["unknown_ethnicity"]["share"] == pytest.approx(60 / 3753)
    assert referral["unknown_ethnicity"]["ci_low"] < 60 / 3753 < referral["unknown_ethnicity"]["ci_high"]
    section47 = _stage(build_report(returns_for([loaded])), "section47")
    assert section47["unknown_ethnicity"]["symbol"] == "c"  # 2 children


def test_conditional_rri_from_stage_counts_when_stages_come_from_different_returns(loaded):
    report = build_report(returns_for([loaded]))
    black = _group(_stage(report, "section47"), "black")
    # section 47 is measured from assessment, which no return fills: no conditional figure
    assert black["conditional_rri"] is None
    cla_start_previous = _stage(report, "cla_at_31_march")["previous"]
    assert cla_start_previous == "cla_start"


def test_conditional_rri_follows_tracked_children(organisation):
    make_population(counts={"white_british": 10_000, "black_african": 10_000})
    make_return(organisation, area=AREA, cells={
        "referral": {"white_british": 400, "black_african": 400},
        "assessment": {"white_british": 300, "black_african": 380},
    }, transitions={("referral", "assessment"): {"white_british": 250, "black_african": 360}})
    report = build_report(returns_for([organisation]), area=AREA)
    conditional = _group(_stage(report, "assessment"), "black")["conditional_rri"]
    expected = relative_likelihood(360, 400, 250, 400)
    assert conditional["method"] == "tracked" and conditional["base_stage"] == "referral"
    assert conditional["value"] == pytest.approx(expected.value)
    assert conditional["ci_low"] == pytest.approx(expected.lower)
    assert conditional["reading"].startswith("Of children referred, ")


def test_conditional_rri_from_counts_across_returns(organisation):
    make_population(counts={"white_british": 10_000, "black_african": 10_000})
    make_return(organisation, area=AREA, cells={"referral": {"white_british": 400, "black_african": 400}})
    make_return(organisation, area=AREA, source="ssda903",
                cells={"cla_start": {"white_british": 20, "black_african": 40}})
    conditional = _group(_stage(build_report(returns_for([organisation]), area=AREA), "cla_start"),
                         "black")["conditional_rri"]
    assert conditional["method"] == "stage_counts"
    assert conditional["value"] == pytest.approx(2.0)


def test_missing_population_group_is_not_available_and_named(organisation):
    make_population(counts={"white_british": 10_000, "black_african": 10_000})
    make_return(organisation, area=AREA, cells={
        "referral": {"white_british": 400, "black_african": 400, "asian_pakistani": 30}})
    report = build_report(returns_for([organisation]), area=AREA)
    asian = _group(_stage(report, "referral"), "asian")
    assert asian["rate_per_10000"]["value"] is None and asian["rate_per_10000"]["symbol"] == ":"
    assert asian["rri"]["value"] is None and "population_missing" in asian["rri"]["flags"]
    assert any("Asian, Asian British or Asian Welsh" in warning for warning in report["warnings"])
    assert all(math.isfinite(group["rri"]["value"]) for group in _stage(report, "referral")["groups"]
               if group["rri"]["value"] is not None)


def test_no_population_at_all_still_reports_counts(organisation):
    make_return(organisation, area=AREA, cells={"referral": {"white_british": 400, "black_african": 40}})
    report = build_report(returns_for([organisation]), area=AREA)
    assert report["warnings"] and "no child population" in report["warnings"][0]
    assert _group(_stage(report, "referral"), "black")["count"] == 40


def test_cin_census_is_preferred_to_annex_a_for_a_stage(organisation):
    make_population(counts={"white_british": 10_000, "black_african": 10_000})
    make_return(organisation, area=AREA, source="annexa", cells={"referral": {"white_british": 1, "black_african": 9}})
    make_return(organisation, area=AREA, cells={"referral": {"white_british": 400, "black_african": 300}})
    stage = _stage(build_report(returns_for([organisation]), area=AREA), "referral")
    assert stage["source"] == "cin" and _group(stage, "white")["count"] == 400


def test_unavailable_reports_say_why(organisation):
    with pytest.raises(ReportUnavailable, match="No statutory returns"):
        build_report(returns_for([organisation]))
    make_return(organisation, area=AREA, cells={"referral": {"white_british": 4}})
    with pytest.raises(ReportUnavailable, match="2019 to 2020"):
        build_report(returns_for([organisation]), year=2020)


def test_trend_and_funnel(organisation, make_user):
    from star.core.models import Organisation

    other = Organisation.objects.create(name="Eastmoor", slug="eastmoor", la_code="E09000002")
    for area in (AREA, "E09000002"):
        make_population(area=area, counts={"white_british": 10_000, "black_african": 10_000})
    for year, black in ((2023, 30), (2024, 45)):
        make_return(organisation, area=AREA, year=year, source="ssda903",
                    cells={"cla_at_31_march": {"white_british": 30, "black_african": black}})
    make_return(other, area="E09000002", year=2024, source="ssda903",
                cells={"cla_at_31_march": {"white_british": 30, "black_african": 15}})
    trend = build_trend(returns_for([organisation]), area=AREA, stage="cla_at_31_march")
    black = next(group for group in trend["groups"] if group["key"] == "black")
    assert trend["years"] == [2023, 2024]
    assert [point["rri"]["value"] for point in black["points"]] == pytest.approx([1.0, 1.5])
    funnel = build_funnel(returns_for([organisation, other]), year=2024, stage="cla_at_31_march", group="black")
    by_area = {area["area"]: area for area in funnel["areas"]}
    assert funnel["rate_per_10000"] == pytest.approx(30.0)
    assert by_area[AREA]["ratio"] == pytest.approx(1.5) and by_area["E09000002"]["ratio"] == pytest.approx(0.5)
    assert by_area[AREA]["position"] == "outside the 95% limits"
    assert build_funnel(returns_for([organisation]), year=2024, stage="cla_at_31_march", group="black") is None
