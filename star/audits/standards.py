"""The starter set of standards (starter.yaml), installed as a council's first version."""

from pathlib import Path

import yaml

STARTER = Path(__file__).with_name("starter.yaml")


def starter_spec() -> dict:
    """The starter set as data: title and standards with their questions (checked on load)."""
    spec = yaml.safe_load(STARTER.read_text(encoding="utf-8"))
    keys = [item["key"] for item in spec["standards"]]
    if len(keys) != len(set(keys)) or any(not item.get("questions") for item in spec["standards"]):
        raise ValueError("starter.yaml: standard keys must be unique and each standard needs questions")
    return spec
