"""Every write to the framework. Keyword-only, atomic, named <thing>_<verb>.

Lifecycle: a version is loaded as a draft, then published (it becomes the one current
version and the previously current one is retired), or retired without being published.
"""

from contextlib import nullcontext
from pathlib import Path

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from . import loader
from .loader import DEFAULT_VERSION_FILE
from .models import FrameworkVersion, Indicator, Lens, Level, Stage
from .schema import FrameworkFileError, FrameworkFileInvalid, FrameworkSpec


class FrameworkLifecycleError(Exception):
    """A publish or retire that the lifecycle does not allow."""


def _acting(user):
    """Attribute audit entries to `user` when one is given (commands and the demo have none)."""
    return set_actor(user) if user is not None else nullcontext()


@transaction.atomic
def framework_version_load(*, path: str | Path | None = None, text: str | None = None,
                           name: str = "<text>", user=None) -> FrameworkVersion:
    """Validate a version file (or its text) and store it as a draft; refuse it whole on any error."""
    if (path is None) == (text is None):
        raise ValueError("Give exactly one of path or text.")
    if path is not None:
        spec, name = loader.load_file(path), str(path)
    else:
        spec = loader.load_text(text, name=name)
    if FrameworkVersion.objects.filter(number=spec.number).exists():
        raise FrameworkFileInvalid([FrameworkFileError(
            name, spec.version_line, "version",
            f"version {spec.number} already exists; give this file a new version number",
        )])
    with _acting(user):
        return _create_version(spec, loaded_from=Path(name).name if path is not None else "")


def _create_version(spec: FrameworkSpec, *, loaded_from: str) -> FrameworkVersion:
    version = FrameworkVersion.objects.create(
        number=spec.number, title=spec.title, summary=spec.summary, source=spec.source,
        loaded_from=loaded_from,
    )
    lenses = {
        item.key: Lens.objects.create(version=version, key=item.key, name=item.name,
                                      short_definition=item.short_definition, definition=item.definition,
                                      order=order)
        for order, item in enumerate(spec.lenses, start=1)
    }
    stages = {
        item.key: Stage.objects.create(version=version, key=item.key, name=item.name, question=item.question,
                                       has_levels=item.has_levels, order=order)
        for order, item in enumerate(spec.stages, start=1)
    }
    levels = {
        item.key: Level.objects.create(version=version, key=item.key, name=item.name, order=order)
        for order, item in enumerate(spec.levels, start=1)
    }
    for order, item in enumerate(spec.indicators, start=1):
        indicator = Indicator.objects.create(
            version=version, key=item.key, stage=stages[item.stage],
            level=levels[item.level] if item.level else None, text=item.text, guidance=item.guidance,
            order=order,
        )
        if item.lenses:
            indicator.lenses.set([lenses[key] for key in item.lenses])
    return version


@transaction.atomic
def framework_version_publish(*, version: FrameworkVersion, user=None) -> FrameworkVersion:
    """Make a draft the current version; the previously current version is retired."""
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != FrameworkVersion.Status.DRAFT:
        raise FrameworkLifecycleError(
            f"Version {version.number} is {version.get_status_display().lower()}: only a draft can be published."
        )
    now = timezone.now()
    with _acting(user):
        previous = FrameworkVersion.objects.select_for_update().filter(is_current=True).first()
        if previous is not None:
            previous.is_current = False
            previous.status = FrameworkVersion.Status.RETIRED
            previous.retired_at = now
            previous.save(update_fields=["is_current", "status", "retired_at"])
        version.status = FrameworkVersion.Status.PUBLISHED
        version.is_current = True
        version.published_at = now
        version.save(update_fields=["status", "is_current", "published_at"])
    return version


@transaction.atomic
def framework_version_retire(*, version: FrameworkVersion, user=None) -> FrameworkVersion:
    """Retire a draft or a published version. The current version is replaced by publishing another."""
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_current:
        raise FrameworkLifecycleError(
            f"Version {version.number} is the current version and cannot be retired: "
            "publish another version to replace it."
        )
    if version.status == FrameworkVersion.Status.RETIRED:
        raise FrameworkLifecycleError(f"Version {version.number} is already retired.")
    version.status = FrameworkVersion.Status.RETIRED
    version.retired_at = timezone.now()
    with _acting(user):
        version.save(update_fields=["status", "retired_at"])
    return version


@transaction.atomic
def framework_ensure_default(*, user=None) -> FrameworkVersion:
    """Version 1 from the shipped file, loaded and published if it is not there yet (idempotent)."""
    version = FrameworkVersion.objects.filter(number=1).first()
    if version is None:
        version = framework_version_load(path=DEFAULT_VERSION_FILE, user=user)
    nothing_current = not FrameworkVersion.objects.filter(is_current=True).exists()
    if version.status == FrameworkVersion.Status.DRAFT and nothing_current:
        version = framework_version_publish(version=version, user=user)
    return version
