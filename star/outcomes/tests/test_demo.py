"""The demo council's returns tell the national-like story the dashboard must find."""

import io

import pytest

from star.core.demo import DemoContext
from star.core.models import DataImport, Organisation
from star.outcomes.demo import YEARS, build_outcomes
from star.outcomes.models import OutcomeReturn
from star.outcomes.report import build_report, returns_for

pytestmark = pytest.mark.django_db


def _rri(report, stage_id, key):
    stage = next(stage for stage in report["stages"] if stage["id"] == stage_id)
    return next(group for group in stage["groups"] if group["key"] == key)["rri"]


def test_demo_returns_show_national_like_disproportionality():
    council = Organisation.objects.create(name="Northbridge Council", slug="northbridge", la_code="E09000901")
    ctx = DemoContext(seed=2026, size="council", stdout=io.StringIO(), organisations=[council])
    build_outcomes(ctx)
    assert sorted(set(OutcomeReturn.objects.values_list("year", flat=True))) == list(YEARS)
    assert set(OutcomeReturn.objects.values_list("source", flat=True)) == {"cin", "ssda903", "annexa"}
    report = build_report(returns_for([council]), level="broad")
    assert all(stage["groups"] for stage in report["stages"])  # every stage is filled
    black, asian = _rri(report, "cla_at_31_march", "black"), _rri(report, "cla_at_31_march", "asian")
    assert 1.1 < black["value"] < 2.0 and black["significant"]
    assert asian["value"] < 0.8 and asian["significant"]
    detailed = build_report(returns_for([council]), level="detailed")
    caribbean = [_rri(build_report(returns_for([council]), year=year, level="detailed"), "cla_at_31_march",
                      "black_caribbean")["value"] for year in YEARS]
    assert 1.4 < sum(caribbean) / len(caribbean) < 2.8  # about twice the White rate, year on year
    assert _rri(detailed, "referral", "white_british")["value"] is not None
    # the same seed gives the same returns
    counts = sorted(OutcomeReturn.objects.values_list("source", "year", "children"))
    DataImport.objects.all().delete()  # and with them the returns
    build_outcomes(ctx)
    assert sorted(OutcomeReturn.objects.values_list("source", "year", "children")) == counts
