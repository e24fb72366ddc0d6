from collections import Counter

import pytest
from django.db import IntegrityError, transaction

from star.framework.loader import DEFAULT_VERSION_FILE
from star.framework.models import FrameworkVersion, Indicator, Lens, Level, Stage
from star.framework.schema import FrameworkFileInvalid
from star.framework.services import (
    FrameworkLifecycleError,
    framework_ensure_default,
    framework_version_load,
    framework_version_publish,
    framework_version_retire,
)

from .conftest import V1_TEXT

pytestmark = pytest.mark.django_db


def test_load_stores_a_draft_with_the_seeds_structure():
    version = framework_version_load(path=DEFAULT_VERSION_FILE)
    assert version.status == FrameworkVersion.Status.DRAFT and not version.is_current
    assert version.loaded_from == "star-v1.yaml"
    counts = Counter((i.stage.key, i.level.key if i.level else None) for i in version.indicators.all())
    assert counts == {
        ("think", "yourself"): 2, ("think", "those_you_work_with"): 3, ("think", "wider_system"): 2,
        ("act", "yourself"): 2, ("act", "those_you_work_with"): 3, ("act", "wider_system"): 2,
        ("evaluate", None): 2,
        ("learn", "yourself"): 2, ("learn", "those_you_work_with"): 1, ("learn", "wider_system"): 2,
    }
    assert list(version.stages.values_list("name", flat=True)) == ["Think", "Act", "Evaluate", "Learn"]
    assert version.lenses.get(key="systemic").definition.startswith("Being systemic is all about context.")


BAD_FILES = {
    "missing field": V1_TEXT.replace("    text: Learn from external experts and organisations\n", ""),
    "unknown stage": V1_TEXT.replace("stage: learn", "stage: learning", 1),
    "duplicate key": V1_TEXT.replace("key: act-yourself-2", "key: act-yourself-1"),
    "wrong type": V1_TEXT.replace("    text: Proactively seek tools and training", "    text: [tools, training]"),
    "yaml syntax": V1_TEXT.replace("  - key: evaluate-1", "  - key: evaluate-1\n   bad indent: here"),
}


@pytest.mark.parametrize("problem", BAD_FILES)
def test_a_refused_file_loads_nothing(problem):
    with pytest.raises(FrameworkFileInvalid) as caught:
        framework_version_load(text=BAD_FILES[problem], name="bad.yaml")
    for error in caught.value.errors:
        assert error.path == "bad.yaml" and error.line > 1 and error.field
    for model in (FrameworkVersion, Lens, Stage, Level, Indicator):
        assert not model.objects.exists()


def test_a_version_number_can_be_loaded_only_once(v1):
    with pytest.raises(FrameworkFileInvalid) as caught:
        framework_version_load(path=DEFAULT_VERSION_FILE)
    [error] = caught.value.errors
    assert (error.field, error.line) == ("version", 4)
    assert FrameworkVersion.objects.count() == 1


def test_publishing_makes_exactly_one_current(v1, v2_draft):
    assert v1.is_current and v1.status == FrameworkVersion.Status.PUBLISHED
    framework_version_publish(version=v2_draft)
    v1.refresh_from_db()
    v2_draft.refresh_from_db()
    assert v2_draft.is_current and v2_draft.published_at
    assert not v1.is_current and v1.status == FrameworkVersion.Status.RETIRED and v1.retired_at
    assert FrameworkVersion.objects.filter(is_current=True).count() == 1


def test_only_a_draft_can_be_published(v1):
    with pytest.raises(FrameworkLifecycleError, match="only a draft"):
        framework_version_publish(version=v1)


def test_the_current_version_cannot_be_retired(v1):
    with pytest.raises(FrameworkLifecycleError, match="cannot be retired"):
        framework_version_retire(version=v1)
    v1.refresh_from_db()
    assert v1.is_current


def test_a_draft_can_be_retired_once(v2_draft):
    framework_version_retire(version=v2_draft)
    v2_draft.refresh_from_db()
    assert v2_draft.status == FrameworkVersion.Status.RETIRED and not v2_draft.is_current
    with pytest.raises(FrameworkLifecycleError, match="already retired"):
        framework_version_retire(version=v2_draft)
    with pytest.raises(FrameworkLifecycleError):
        framework_version_publish(version=v2_draft)


def test_the_database_refuses_two_current_versions(v1, v2_draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        FrameworkVersion.objects.filter(pk=v2_draft.pk).update(is_current=True, status="published")


def test_the_database_refuses_a_current_draft(v2_draft):
    FrameworkVersion.objects.update(is_current=False, status="retired")
    with pytest.raises(IntegrityError), transaction.atomic():
        FrameworkVersion.objects.filter(pk=v2_draft.pk).update(is_current=True, status="draft")


def test_ensure_default_is_idempotent():
    first = framework_ensure_default()
    second = framework_ensure_default()
    assert first.pk == second.pk and second.is_current
    assert FrameworkVersion.objects.count() == 1 and Indicator.objects.count() == 21


def test_ensure_default_publishes_a_loaded_draft_when_nothing_is_current():
    framework_version_load(path=DEFAULT_VERSION_FILE)
    assert framework_ensure_default().is_current


def test_lenses_on_indicators_are_stored(v2_draft):
    added = v2_draft.indicators.get(key="learn-wider-system-3")
    assert list(added.lenses.values_list("key", flat=True)) == ["systemic"]


def test_writes_are_in_the_audit_trail(v1):
    from auditlog.models import LogEntry

    assert LogEntry.objects.get_for_object(v1).exists()
