"""The shipped questionnaires load, say what they must, and the loader refuses broken files."""

import textwrap

import pytest

from star.voice import questionnaire_library as library
from star.voice.models import Audience, Question
from star.voice.questionnaire_library import (
    EASY_READ_LIKERT_OPTIONS,
    LIKERT_OPTIONS,
    Questionnaire,
    parse,
    questionnaire,
    questionnaires,
)

KEYS = (
    "family-young-people",
    "family-parents",
    "family-easy-read",
    "partner-agencies",
    "foster-carers",
    "staff-inclusion-pulse",
)
FREQUENCY_BANDS = ("never", "1-2", "3-5", "6-10", "more-than-10")


def by_key(item: Questionnaire) -> dict:
    return {question.key: question for question in item.questions}


def test_the_six_questionnaires_load_in_order():
    assert tuple(item.key for item in questionnaires()) == KEYS
    assert questionnaires() is questionnaires()  # cached
    for key in KEYS:
        assert questionnaire(key).key == key


def test_an_unknown_key_is_a_key_error():
    with pytest.raises(KeyError):
        questionnaire("no-such-questionnaire")


def test_local_vocabularies_match_the_models():
    assert set(library.KINDS) == set(Question.Kind.values)
    assert set(library.AUDIENCES) == set(Audience.values)
    assert tuple(key for key, _ in LIKERT_OPTIONS) == tuple(key for key, _ in EASY_READ_LIKERT_OPTIONS)


def test_every_file_is_checked_again_from_its_own_text():
    for path in sorted(library.QUESTIONNAIRE_DIR.glob("*.yaml")):
        assert parse(path.read_text(encoding="utf-8"), path.stem) == questionnaire(path.stem)


@pytest.mark.parametrize("key", KEYS)
def test_each_says_it_is_anonymous_and_where_to_go_if_a_child_is_at_risk(key):
    item = questionnaire(key)
    purpose = item.purpose.lower()
    assert "anonymous" in purpose
    assert "nobody will know" in purpose
    assert "999" in purpose
    assert item.title and item.description and item.audience in Audience.values


@pytest.mark.parametrize("key", KEYS)
def test_each_ends_with_one_optional_ethnicity_question(key):
    questions = questionnaire(key).questions
    ethnicity = [question for question in questions if question.kind == Question.Kind.ETHNICITY]
    assert len(ethnicity) == 1
    assert questions[-1] is ethnicity[0]
    assert not ethnicity[0].required
    assert ethnicity[0].options == ()
    assert "Prefer not to say" in ethnicity[0].hint


@pytest.mark.parametrize("key", KEYS)
def test_each_has_fairness_likert_free_text_and_a_condition_on_an_earlier_question(key):
    item = questionnaire(key)
    questions = item.questions
    assert any(q.kind == Question.Kind.TEXT and "better" in q.text for q in questions)
    assert any(q.kind == Question.Kind.LIKERT and "fair" in q.text.lower() for q in questions)
    assert any(q.kind == Question.Kind.LIKERT and any(word in (q.text + q.hint).lower()
                                                      for word in ("culture", "identity", "who you are"))
               for q in questions)
    conditional = [q for q in questions if q.shown_if_question]
    assert conditional
    positions = {q.key: index for index, q in enumerate(questions)}
    for question in conditional:
        trigger = questions[positions[question.shown_if_question]]
        assert positions[trigger.key] < positions[question.key]
        assert trigger.kind in (Question.Kind.SINGLE, Question.Kind.LIKERT)
        answers = [k for k, _ in (LIKERT_OPTIONS if trigger.kind == Question.Kind.LIKERT else trigger.options)]
        assert question.shown_if_answer in answers


@pytest.mark.parametrize("key", KEYS)
def test_options_only_on_choice_questions_and_keys_unique(key):
    questions = questionnaire(key).questions
    assert len({q.key for q in questions}) == len(questions)
    for question in questions:
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            assert len(question.options) >= 2
            assert len({k for k, _ in question.options}) == len(question.options)
            assert all(isinstance(k, str) and isinstance(label, str) for k, label in question.options)
        else:
            assert question.options == ()


def test_staff_pulse_has_the_wres_items():
    item = questionnaire("staff-inclusion-pulse")
    assert item.audience == Audience.STAFF
    assert "WRES" in item.description
    questions = by_key(item)
    for key, source in (("harassment-public", "public"), ("harassment-colleagues", "colleagues"),
                        ("harassment-managers", "managers")):
        question = questions[key]
        assert question.kind == Question.Kind.SINGLE
        assert "harassment, bullying or abuse" in question.text and source in question.text
        assert tuple(k for k, _ in question.options) == FREQUENCY_BANDS
    progression = questions["career-progression-fair"]
    assert "career progression" in progression.text and "ethnic background" in progression.text
    assert tuple(k for k, _ in progression.options) == ("yes", "no", "dont-know")
    discrimination = questions["discrimination"]
    assert "discrimination" in discrimination.text
    assert tuple(k for k, _ in discrimination.options) == ("yes", "no")
    grounds = questions["discrimination-grounds"]
    assert grounds.kind == Question.Kind.MULTIPLE
    assert (grounds.shown_if_question, grounds.shown_if_answer) == ("discrimination", "yes")
    assert "ethnic-background" in dict(grounds.options)
    role = questions["role"]
    assert tuple(k for k, _ in role.options) == (
        "practitioner", "team-manager", "senior-leader", "business-support", "other")


def test_partner_survey_asks_the_kind_of_organisation():
    question = by_key(questionnaire("partner-agencies"))["organisation-type"]
    assert question.kind == Question.Kind.SINGLE
    assert tuple(k for k, _ in question.options) == (
        "school-or-college", "health", "police", "voluntary-or-community", "other")


def test_easy_read_is_flagged_and_short():
    item = questionnaire("family-easy-read")
    assert item.easy_read
    assert item.likert_options == EASY_READ_LIKERT_OPTIONS
    assert 6 <= len(item.questions) <= 8
    assert all(len(q.text) <= 80 for q in item.questions)
    assert not any(other.easy_read for other in questionnaires() if other.key != item.key)
    assert questionnaire("family-parents").likert_options == LIKERT_OPTIONS


# --- the validator -------------------------------------------------------------------------------

VALID = """
title: A test
audience: staff
description: One line.
purpose: |
  Why we ask.

  Anonymous.
sections:
  - title: One
    questions:
      - key: needed
        kind: single
        text: Did you need an interpreter?
        options:
          - {key: yes, label: Yes}
          - {key: no, label: No}
      - key: good-enough
        kind: likert
        text: The interpreter was good enough.
        shown_if_question: needed
        shown_if_answer: yes
      - key: what-happened
        kind: text
        text: What happened?
        shown_if_question: good-enough
        shown_if_answer: 1
      - key: ethnic-group
        kind: ethnicity
        text: What is your ethnic group?
"""


def question_yaml(body: str) -> str:
    """VALID with ``body`` (one or more questions) appended to its only section."""
    return VALID + textwrap.indent(textwrap.dedent(body).strip("\n"), " " * 6) + "\n"


def problems(text: str, key: str = "broken") -> str:
    with pytest.raises(ValueError, match=f"{key}.yaml") as caught:
        parse(text, key)
    return str(caught.value)


def test_a_valid_file_parses_with_yes_no_and_numbers_as_text():
    item = parse(VALID, "a-test")
    questions = item.questions
    assert item.key == "a-test" and item.audience == "staff" and not item.easy_read
    assert item.purpose == "Why we ask.\n\nAnonymous."
    assert questions[0].options == (("yes", "Yes"), ("no", "No"))
    assert (questions[1].shown_if_question, questions[1].shown_if_answer) == ("needed", "yes")
    assert questions[2].shown_if_answer == "1"


def test_rejects_a_condition_on_a_later_question():
    text = VALID.replace("shown_if_question: needed", "shown_if_question: what-happened")
    assert "'what-happened' is not an earlier question" in problems(text)


def test_rejects_a_condition_on_itself_or_an_unknown_answer_or_a_text_question():
    assert "not an earlier question" in problems(VALID.replace("shown_if_question: needed",
                                                               "shown_if_question: good-enough"))
    assert "'maybe' is not an answer of 'needed'" in problems(VALID.replace("shown_if_answer: yes",
                                                                           "shown_if_answer: maybe"))
    assert "'6' is not an answer" in problems(VALID.replace("shown_if_answer: 1", "shown_if_answer: 6"))
    text = question_yaml("""
        - key: after-text
          kind: text
          text: More?
          shown_if_question: what-happened
          shown_if_answer: anything
    """)
    assert "only single or likert" in problems(text)
    half = question_yaml("""
        - key: half
          kind: text
          text: More?
          shown_if_question: needed
    """)
    assert "give both" in problems(half)


def test_rejects_duplicate_question_keys():
    text = question_yaml("""
        - key: needed
          kind: text
          text: Again?
    """)
    assert "'needed' is used by an earlier question" in problems(text)


def test_rejects_duplicate_keys_across_sections():
    text = VALID + textwrap.indent(textwrap.dedent("""\
        - title: Two
          questions:
            - key: good-enough
              kind: text
              text: Again?
    """), "  ")
    assert "'good-enough' is used by an earlier question" in problems(text)


def test_rejects_options_on_a_likert_or_ethnicity_question():
    likert = question_yaml("""
        - key: agree
          kind: likert
          text: I agree.
          options:
            - {key: a, label: A}
            - {key: b, label: B}
    """)
    assert "likert question takes no options" in problems(likert)
    ethnicity = VALID.replace("        text: What is your ethnic group?\n",
                              "        text: What is your ethnic group?\n"
                              "        options:\n          - {key: a, label: A}\n          - {key: b, label: B}\n")
    assert "ethnicity question takes no options" in problems(ethnicity)


def test_rejects_bad_choice_options():
    one = question_yaml("""
        - key: only-one
          kind: single
          text: Pick.
          options:
            - {key: a, label: A}
    """)
    assert "needs at least two options" in problems(one)
    missing = question_yaml("""
        - key: none-given
          kind: multiple
          text: Pick.
    """)
    assert "needs at least two options" in problems(missing)
    repeated = question_yaml("""
        - key: repeated
          kind: single
          text: Pick.
          options:
            - {key: a, label: A}
            - {key: a, label: Also A}
    """)
    assert "option key 'a' appears more than once" in problems(repeated)


def test_rejects_unknown_kinds_bad_slugs_and_unknown_fields():
    assert "'rating' is not one of" in problems(VALID.replace("kind: text", "kind: rating"))
    assert "lower-case letters" in problems(VALID.replace("key: what-happened", "key: What_Happened"))
    assert "lower-case letters" in problems(VALID.replace("{key: no,", "{key: No Thanks,"))
    assert "lower-case letters" in problems(VALID, key="Bad_Name")
    assert "'txt' is not a known field" in problems(VALID.replace("text: What happened?", "txt: What happened?"))
    assert "'audience' is required" in problems(VALID.replace("audience: staff\n", ""))
    assert "'teachers' is not one of" in problems(VALID.replace("audience: staff", "audience: teachers"))


def test_rejects_a_second_or_required_ethnicity_question():
    second = question_yaml("""
        - key: ethnic-group-again
          kind: ethnicity
          text: Again?
    """)
    assert "ethnic group once at most" in problems(second)
    required = VALID.replace("        text: What is your ethnic group?\n",
                             "        text: What is your ethnic group?\n        required: true\n")
    assert "must be optional" in problems(required)


def test_rejects_repeated_fields_and_broken_yaml():
    assert "'title' appears more than once" in problems(VALID.replace("title: A test\n", "title: A\ntitle: B\n"))
    assert "line" in problems("title: [unclosed\n")
    assert "must be true or false" in problems(VALID.replace("audience: staff\n", "audience: staff\neasy_read: yes\n"))


def test_lists_every_problem_at_once():
    text = VALID.replace("kind: text", "kind: rating").replace("audience: staff", "audience: teachers")
    message = problems(text)
    assert "'rating' is not one of" in message and "'teachers' is not one of" in message
