"""Validators shared by several apps."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError


def case_references_clean(text: str, *, single: bool = False) -> list[str]:
    """Split a list of case references (commas, spaces or new lines) and check each against the pattern.

    With ``single``, the whole text is one reference. References are ids from the case-management
    system; STAR never copies case content.
    """
    pattern = re.compile(settings.STAR["CASE_REFERENCE_PATTERN"])
    parts = [text or ""] if single else re.split(r"[\s,;]+", text or "")
    references = list(dict.fromkeys(part.strip().upper() for part in parts if part.strip()))
    wrong = [reference for reference in references if not pattern.fullmatch(reference)]
    if wrong:
        shown = ", ".join(f"‘{reference[:30]}’" for reference in wrong[:3])
        raise ValidationError(
            f"Enter case references as they appear in the case-management system, like "
            f"{settings.STAR['CASE_REFERENCE_EXAMPLE']} ({shown} is not in that format)"
        )
    return references
