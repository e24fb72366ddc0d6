"""Survey results: the anonymity threshold, the differencing attack, whose voices are missing, comments."""

import itertools
from datetime import date

import pytest

from star.analytics.surveys import ALL
from star.core.models import DataImport
from star.outcomes.models import OutcomeReturn, StageCount
from star.voice.selectors import results
from star.voice.selectors.results import Filters

pytestmark = pytest.mark.django_db


def test_a_group_smaller_than_the_threshold_is_hidden_and_appears_once_it_is_reached(world):
    world.respond(4)
    hidden = results.survey_results(world.survey, Filters())
    assert not hidden["group_shown"] and hidden["questions"] == []
    world.respond(1)
    shown = results.survey_results(world.survey, Filters())
    assert shown["group_shown"] and shown["count"] == 5
    listened = next(item for item in shown["questions"] if item["question"].key == "listened-to")
    assert listened["shown"] and listened["answered"] == 5
    assert listened["agree"].numerator == 5 and listened["agree"].lower < 1.0
    assert "5 of 5 people who answered" in listened["agree_reading"]


def test_the_threshold_follows_the_survey_setting(world):
    world.survey.anonymity_threshold = 3
    world.survey.save()
    world.respond(3)
    assert results.survey_results(world.survey, Filters())["group_shown"]


def _shown_counts(survey) -> dict[tuple, int]:
    """Everything an attacker can read off the results pages: the respondent count of every shown group."""
    choices = results.filter_choices(survey)
    links = [ALL, *(key for key, _ in choices["links"])]
    ethnicities = [ALL, *(key for key, _ in choices["ethnicities"])]
    quarters = [ALL, *(key for key, _ in choices["quarters"])]
    shown = {}
    for group in itertools.product(links, ethnicities, quarters):
        found = results.survey_results(survey, Filters(*group))
        if found["group_shown"]:
            shown[group] = found["count"]
    return shown


def test_the_differencing_attack_does_not_reveal_a_small_group(world):
    """Team A: 12 respondents, 3 of them Black. Subtracting 'Team A, White' from 'Team A' must not work."""
    world.respond(9, ethnicity="white_british", listened="5")
    world.respond(3, ethnicity="black_african", listened="1")
    world.respond(10, link=world.link_b, ethnicity="white_british")
    world.respond(6, link=world.link_b, ethnicity="black_caribbean")
    shown = _shown_counts(world.survey)
    assert shown[(ALL, ALL, ALL)] == 28
    small = (str(world.link_a.pk), "black", ALL)
    assert small not in shown
    for narrow, wide in itertools.permutations(shown, 2):
        # wide contains narrow when it is "all" wherever they differ
        if all(w in (n, ALL) for n, w in zip(narrow, wide, strict=True)):
            difference = shown[wide] - shown[narrow]
            assert difference == 0 or difference >= world.survey.anonymity_threshold, (narrow, wide)


def test_a_question_answered_by_few_people_is_hidden_even_when_the_group_is_shown(world):
    world.respond(8, comment="")
    version = world.survey.current_version
    from star.voice.models import Answer, Question

    follow_up = Question.objects.get(section__version=version, key="interpreter-good-enough")
    for response in world.survey.responses.all()[:2]:
        Answer.objects.create(response=response, question=follow_up, choice="2")
    found = results.survey_results(world.survey, Filters())
    item = next(entry for entry in found["questions"] if entry["question"].key == "interpreter-good-enough")
    assert found["group_shown"] and not item["shown"]


def _referrals(organisation, counts: dict[str, int]):
    data_import = DataImport.objects.create(organisation=organisation, kind="outcomes.cin", filename="cin.xml",
                                            content_hash="x" * 64, status="done")
    outcome_return = OutcomeReturn.objects.create(organisation=organisation, source="cin", year=2026,
                                                  area_code="E09000099", data_import=data_import,
                                                  children=sum(counts.values()))
    StageCount.objects.bulk_create(StageCount(outcome_return=outcome_return, stage="referral", ethnicity=key,
                                              age_band="5-9", sex="female", count=count)
                                   for key, count in counts.items())


def test_under_represented_black_families_are_flagged_with_a_prompt(world):
    _referrals(world.survey.organisation, {"white_british": 500, "black_african": 200, "asian_bangladeshi": 150,
                                           "mixed_other": 100, "other_any": 50})
    world.respond(120, ethnicity="white_british")
    world.respond(6, ethnicity="black_african", link=world.link_b)
    world.respond(30, ethnicity="asian_bangladeshi")
    world.respond(20, ethnicity="mixed_other")
    world.respond(8, ethnicity="other_any")
    world.respond(7, ethnicity="prefer_not_to_say")
    found = results.voices(world.survey)
    assert found["available"] and found["not_said"] == 7
    assert "referral" in found["population_label"]
    result = found["result"]
    black = next(row for row in result.rows if row.label.startswith("Black"))
    assert black.status == "under_represented"
    assert any("Black" in prompt for prompt in result.prompts)


def test_comments_come_only_from_quarters_with_enough_respondents(world):
    world.respond(6, comment="More help at the start, please.", day=date(2026, 5, 2))
    world.respond(2, comment="A comment from a quiet quarter.", day=date(2026, 8, 2))
    answers, released = results.comments(world.survey)
    assert released == {"2026-Q2"}
    assert {answer.text for answer in answers} == {"More help at the start, please."}
    assert results.held_back_comments(world.survey, released) == 2


def test_answers_count_a_quarter_at_a_time_unless_the_survey_shows_them_as_they_arrive(world):
    from django.utils import timezone

    world.respond(6, day=date(2026, 8, 12))
    world.respond(7, day=timezone.localdate())
    found = results.survey_results(world.survey, Filters())
    assert found["count"] == 6 and found["waiting"] == 7 and found["released_until"] is not None
    world.survey.results_release = "live"
    world.survey.save()
    found = results.survey_results(world.survey, Filters())
    assert found["count"] == 13 and found["released_until"] is None


def test_a_follow_up_question_cannot_be_subtracted_to_reveal_a_small_groups_answers(world):
    """Team A: 10 answered a follow-up, 8 of them White. Both shown would give away the other 2's answers."""
    from star.voice.models import Answer, Question

    version = world.survey.current_version
    follow_up = Question.objects.get(section__version=version, key="interpreter-good-enough")
    white = world.respond(12, ethnicity="white_british")
    black = world.respond(5, ethnicity="black_african")
    world.respond(12, link=world.link_b, ethnicity="white_british")
    world.respond(6, link=world.link_b, ethnicity="black_caribbean")
    for response in white[:8] + black[:2]:
        Answer.objects.create(response=response, question=follow_up, choice="1")
    answered = {}
    for group in [(str(world.link_a.pk), ALL, ALL), (str(world.link_a.pk), "white", ALL),
                  (str(world.link_a.pk), "black", ALL)]:
        item = next(entry for entry in results.survey_results(world.survey, Filters(*group))["questions"]
                    if entry["question"].key == "interpreter-good-enough")
        answered[group] = item["answered"] if item["shown"] else None
    shown = [count for count in answered.values() if count is not None]
    assert not (answered[(str(world.link_a.pk), ALL, ALL)] is not None
                and answered[(str(world.link_a.pk), "white", ALL)] is not None), answered
    assert all(count >= 5 for count in shown)
