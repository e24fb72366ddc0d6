"""The version file reader: the shipped v1 file, and files it must refuse (no database needed)."""

from collections import Counter

import pytest

from star.framework.loader import DEFAULT_VERSION_FILE, load_file, load_text
from star.framework.schema import FrameworkFileInvalid

V1_TEXT = DEFAULT_VERSION_FILE.read_text(encoding="utf-8")


def refuse(text, name="bad.yaml"):
    with pytest.raises(FrameworkFileInvalid) as caught:
        load_text(text, name=name)
    return caught.value.errors


def line_of(text, fragment, start=0):
    """1-based line number of the first line containing `fragment` (after line `start`)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number > start and fragment in line:
            return number
    raise AssertionError(fragment)


class TestVersionOne:
    def test_counts_per_stage_and_level_match_the_seed(self):
        spec = load_file(DEFAULT_VERSION_FILE)
        counts = Counter((item.stage, item.level) for item in spec.indicators)
        assert counts == {
            ("think", "yourself"): 2, ("think", "those_you_work_with"): 3, ("think", "wider_system"): 2,
            ("act", "yourself"): 2, ("act", "those_you_work_with"): 3, ("act", "wider_system"): 2,
            ("evaluate", None): 2,
            ("learn", "yourself"): 2, ("learn", "those_you_work_with"): 1, ("learn", "wider_system"): 2,
        }

    def test_vocabulary_and_metadata(self):
        spec = load_file(DEFAULT_VERSION_FILE)
        assert spec.number == 1 and spec.format == 1
        assert [(s.key, s.name, s.question) for s in spec.stages] == [
            ("think", "Think", "How you think"), ("act", "Act", "How you act"),
            ("evaluate", "Evaluate", "How you evaluate"), ("learn", "Learn", "How you continuously learn"),
        ]
        assert [s.has_levels for s in spec.stages] == [True, True, False, True]
        assert [level.name for level in spec.levels] == ["Yourself", "Those you work with", "The wider system"]
        assert "Jacquie Burke and Diane Benjamin" in spec.source
        assert "Inclusive leadership: Anti-racism in practice" in spec.source

    def test_lens_definitions_are_the_seeds(self):
        lenses = {lens.key: lens for lens in load_file(DEFAULT_VERSION_FILE).lenses}
        assert list(lenses) == ["systemic", "trauma_informed", "anti_racist"]
        assert lenses["systemic"].definition == (
            "Being systemic is all about context. It's understanding who you are working with "
            "and the larger context you work in."
        )
        assert lenses["trauma_informed"].short_definition == "Being trauma-informed is all about safety and comfort."
        assert lenses["anti_racist"].definition.startswith("Being anti-racist is all about combating bias.")
        assert "white supremacy and privilege" in lenses["anti_racist"].definition

    def test_indicator_text_is_transcribed(self):
        texts = {item.key: item.text for item in load_file(DEFAULT_VERSION_FILE).indicators}
        assert texts["think-yourself-1"] == "Reflect on your own biases, values and beliefs"
        assert texts["act-those-you-work-with-2"] == "Build meaningful solutions with instead of for"
        assert texts["learn-wider-system-2"] == "Participate in Communities of Practice outside your own council"
        assert len(set(texts)) == 21


class TestRefusals:
    def test_missing_field_is_named_with_its_line(self):
        text = V1_TEXT.replace("    text: Build a holistic picture of those you work with\n", "")
        [error] = refuse(text)
        assert error.path == "bad.yaml"
        assert error.field == "indicators[think-those-you-work-with-1].text"
        assert error.line == line_of(text, "key: think-those-you-work-with-1")
        assert "required" in error.message

    def test_unknown_stage(self):
        text = V1_TEXT.replace("key: act-yourself-1\n    stage: act", "key: act-yourself-1\n    stage: acting")
        [error] = refuse(text)
        assert error.field == "indicators[act-yourself-1].stage"
        assert error.line == line_of(text, "stage: acting")
        assert "'acting' is not a stage" in error.message

    def test_duplicate_key(self):
        text = V1_TEXT.replace("key: think-yourself-2", "key: think-yourself-1")
        [error] = refuse(text)
        assert error.field == "indicators[think-yourself-1].key"
        assert error.line == line_of(text, "key: think-yourself-1", start=line_of(text, "key: think-yourself-1"))
        assert "earlier indicator" in error.message

    def test_wrong_type(self):
        text = V1_TEXT.replace("version: 1\n", "version: one\n", 1)
        [error] = refuse(text)
        assert (error.field, error.line) == ("version", line_of(text, "version: one"))
        assert "whole number" in error.message

    def test_yaml_syntax_error(self):
        text = V1_TEXT.replace("text: Learn about the other teams you work with",
                               "text: [Learn about the other teams you work with")
        [error] = refuse(text, name="broken.yaml")
        assert error.path == "broken.yaml" and error.field == "(YAML syntax)"
        assert line_of(text, "[Learn about") <= error.line <= line_of(text, "[Learn about") + 2

    def test_level_given_for_a_stage_without_levels(self):
        text = V1_TEXT.replace("key: evaluate-1\n    stage: evaluate\n",
                               "key: evaluate-1\n    stage: evaluate\n    level: yourself\n")
        [error] = refuse(text)
        assert error.field == "indicators[evaluate-1].level"
        assert "every level" in error.message

    def test_level_missing_for_a_stage_with_levels(self):
        text = V1_TEXT.replace("key: act-wider-system-1\n    stage: act\n    level: wider_system\n",
                               "key: act-wider-system-1\n    stage: act\n")
        [error] = refuse(text)
        assert error.field == "indicators[act-wider-system-1].level"

    def test_unknown_field_and_unknown_lens_are_all_reported(self):
        text = V1_TEXT.replace("    text: Reflect on your own biases, values and beliefs\n",
                               "    text: Reflect on your own biases, values and beliefs\n"
                               "    lenses: [anti_racist, equity]\n    notes: extra\n")
        errors = refuse(text)
        assert [e.field for e in errors] == ["indicators[think-yourself-1].lenses",
                                            "indicators[think-yourself-1].notes"]

    def test_empty_file_and_non_mapping(self):
        assert refuse("")[0].field == "(file)"
        [error] = refuse("- just\n- a list\n")
        assert error.line == 1 and "fields" in error.message

    def test_unreadable_path(self, tmp_path):
        with pytest.raises(FrameworkFileInvalid) as caught:
            load_file(tmp_path / "missing.yaml")
        assert caught.value.errors[0].path.endswith("missing.yaml")

    def test_error_text_names_file_line_and_field(self):
        text = V1_TEXT.replace("format: 1", "format: 2")
        [error] = refuse(text, name="v2.yaml")
        assert str(error) == f"v2.yaml, line {line_of(text, 'format: 2')}, field format: " + error.message
