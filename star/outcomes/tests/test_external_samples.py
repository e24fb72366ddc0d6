"""Every third-party sample return imports without an unhandled error, and their uniformly random ethnicity
gives no disproportionality against a uniform population: a null test for the whole pipeline."""

from datetime import date
from pathlib import Path

import pytest

from star.analytics import DFE_CODES
from star.outcomes.models import OutcomeReturn
from star.outcomes.report import build_report, returns_for
from star.outcomes.services import import_return

from .helpers import make_population

pytestmark = pytest.mark.django_db
EXTERNAL = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "external"
AREA = "E09000001"
GENERIC = "Something went wrong"
UNKNOWN_CODES = {"REFU", "NOBT"}
needs_samples = pytest.mark.skipif(not EXTERNAL.is_dir(), reason="the shared sample files are not on this machine")

CIN_FILES = [*sorted((EXTERNAL / "cin-census-fake").glob("*.xml")), EXTERNAL / "liiatools-samples" / "cin-2022.xml"]
SSDA903_SETS = [sorted((EXTERNAL / "ssda903-fake").glob("*.csv")), [EXTERNAL / "ssda903-fake" / "fake_903.xml"],
                [EXTERNAL / "liiatools-samples" / "SSDA903_2020_episodes.csv"]]


@pytest.fixture
def council(organisation):
    organisation.la_code = AREA
    organisation.save()
    return organisation


def _import(organisation, source, paths, today=None):
    data_import = import_return(organisation=organisation, source=source, paths=paths, area_code=AREA, today=today)
    assert data_import.status in {"succeeded", "failed"}
    assert not any(GENERIC in error["message"] for error in data_import.errors), data_import.errors
    return data_import


@needs_samples
@pytest.mark.parametrize("path", CIN_FILES, ids=lambda path: path.name)
def test_every_cin_sample_imports_without_an_unhandled_error(council, path):
    _import(council, "cin", [path])


@needs_samples
@pytest.mark.parametrize("paths", SSDA903_SETS, ids=["csv-set", "xml", "liiatools-episodes"])
def test_every_ssda903_sample_imports_without_an_unhandled_error(council, paths):
    _import(council, "ssda903", paths)


@needs_samples
def test_annex_a_sample_imports_without_an_unhandled_error(council):
    _import(council, "annexa", [EXTERNAL / "liiatools-samples" / "Annex_A.xlsx"])


@needs_samples
def test_uniform_random_ethnicity_shows_no_disproportionality(council):
    """The fakes draw ethnicity uniformly from the DfE codes: against a population with the same number of
    children for every code, no group should stand out at any stage, in any year, at either level."""
    make_population(counts={code.category: 10_000 for code in DFE_CODES.values() if code.code not in UNKNOWN_CODES})
    # The fake census carries a few dates up to 2031, which an import today rightly refuses as "in the future";
    # importing "as of" 2032 lets the null test see every child.
    later = date(2032, 1, 1)
    imported = [_import(council, "cin", [EXTERNAL / "cin-census-fake" / "fake_CIN_data.xml"], today=later),
                _import(council, "ssda903", SSDA903_SETS[0])]
    assert all(item.status == "succeeded" for item in imported), [item.errors[:3] for item in imported]
    checked, covering = 0, 0
    for year in sorted(set(OutcomeReturn.objects.values_list("year", flat=True))):
        for level in ("broad", "detailed"):
            report = build_report(returns_for([council]), year=year, level=level)
            for stage in report["stages"]:
                for group in stage["groups"]:
                    rri = group["rri"]
                    if rri["ci_low"] is None or rri["ci_high"] is None or "reference" in rri["flags"]:
                        continue
                    checked += 1
                    assert not rri["significant"], (year, stage["id"], group["ethnicity"], rri)
                    covering += rri["ci_low"] <= 1 <= rri["ci_high"]
    # No difference survives the correction for multiple comparisons, and the 95% intervals include 1 about as
    # often as chance allows (one in twenty may miss it on its own).
    assert checked >= 20 and covering / checked >= 0.9, (covering, checked)
