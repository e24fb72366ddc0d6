import pytest

from star.framework.loader import DEFAULT_VERSION_FILE
from star.framework.services import framework_ensure_default, framework_version_load

V1_TEXT = DEFAULT_VERSION_FILE.read_text(encoding="utf-8")


def v2_text():
    """Version 2: one indicator reworded, one removed, one added (with a lens)."""
    text = V1_TEXT.replace("version: 1\n", "version: 2\n", 1).replace(
        "text: Build a holistic picture of those you work with",
        "text: Build a holistic, culturally informed picture of those you work with",
    )
    start = text.index("  - key: learn-wider-system-2\n")
    end = text.find("\n  - key:", start + 1)
    removed = text[start:] if end == -1 else text[start:end + 1]
    assert "Communities of Practice" in removed
    return text.replace(removed, (
        "  - key: learn-wider-system-3\n    stage: learn\n    level: wider_system\n"
        "    text: Share what you learn with partners in the wider system\n    lenses: [systemic]\n"
    ))


@pytest.fixture
def v1(db):
    return framework_ensure_default()


@pytest.fixture
def v2_draft(v1):
    return framework_version_load(text=v2_text(), name="star-v2.yaml")
