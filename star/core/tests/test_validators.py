import pytest
from django.core.exceptions import ValidationError

from star.core.validators import case_references_clean


def test_case_references_are_split_normalised_and_deduplicated():
    assert case_references_clean("nb-204518, 1234567\n NB-204518;") == ["NB-204518", "1234567"]
    assert case_references_clean("") == []


def test_a_wrong_reference_is_named_with_an_example(settings):
    settings.STAR = {**settings.STAR, "CASE_REFERENCE_PATTERN": r"^[0-9]{7}$", "CASE_REFERENCE_EXAMPLE": "1234567"}
    with pytest.raises(ValidationError, match=r"like 1234567 \(‘SMITH FAMILY’ is not in that format\)"):
        case_references_clean("smith family", single=True)
    with pytest.raises(ValidationError, match="‘12’"):
        case_references_clean("1234567, 12")
