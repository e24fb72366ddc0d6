"""Standard results from answers, and the report's figures."""

import io

import pytest

from star.audits import services
from star.audits.demo import GAP_STANDARD
from star.audits.outcomes import standard_result
from star.core.demo import demo_build
from star.core.models import User

from .conftest import start_programme
from .test_services import all_answers


@pytest.mark.parametrize(("answers", "result"), [
    (["met", "met"], "met"), (["met", "na"], "met"), (["na", "na"], "na"), (["not_met", "na"], "not_met"),
    (["met", "not_met"], "partly"), (["partly"], "partly"), (["met", ""], None), ([], None),
])
def test_a_standard_is_met_when_every_applicable_question_is(answers, result):
    assert standard_result(answers) == result


@pytest.mark.django_db
def test_a_small_programme_hides_its_figures(world):
    from star.audits.selectors import report_for

    programme = start_programme(world)
    services.programme_sample(programme=programme, user=world.lead, quota=2, stratify=False, seed=7)
    for audit in programme.audits.all():
        services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=all_answers(audit), grade="good",
                            grade_rationale="Good", submit=True)
    result = report_for(world.lead, programme=programme)
    assert result["audits"] == 4
    assert all(item["figure"].symbol == "c" for item in result["overall"])
    assert all(row["figure"].symbol == "c" for row in result["teams"])


@pytest.mark.django_db
def test_the_demo_report_finds_the_one_real_gap_and_no_other():
    from star.audits.selectors import report_for

    demo_build(seed=5, size="council", stdout=io.StringIO())
    result = report_for(User.objects.get(username="practicelead"))
    table = result["ethnicity"]
    significant = [(table.rows[r], table.groups[g]) for r in range(len(table.rows)) for g in range(len(table.groups))
                   if table.comparisons[r][g] is not None and table.comparisons[r][g].significant]
    gap_title = next(item.title for item in result["standards"] if item.key == GAP_STANDARD)
    assert significant == [(gap_title, "Black, Black British, Black Welsh, Caribbean or African")]
    assert table.comparison(gap_title, significant[0][1]).value < 1
    assert result["agreement"]["moderated"] > 10
    assert result["agreement"]["grades"].kappa is not None
    assert result["themes"]
