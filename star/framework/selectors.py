"""Every read of the framework that a page, the API, a command or another app uses."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .diff import COMPARED_FIELDS, FrameworkDiff, IndicatorSnapshot, diff_indicators
from .models import FrameworkVersion, Indicator, Lens, Level, Stage


def current_version() -> FrameworkVersion | None:
    """The version in use, or None before any version has been published."""
    return FrameworkVersion.objects.filter(is_current=True).first()


def version_list() -> QuerySet[FrameworkVersion]:
    """Every version, newest first, with its number of indicators."""
    return FrameworkVersion.objects.annotate(indicator_count=Count("indicators")).order_by("-number")


def version_detail(number: int) -> FrameworkVersion:
    """The version with this number (404 if there is none)."""
    return get_object_or_404(FrameworkVersion, number=number)


def version_indicators(version: FrameworkVersion) -> QuerySet[Indicator]:
    return (
        version.indicators.select_related("stage", "level")
        .prefetch_related(Prefetch("lenses", queryset=Lens.objects.order_by("order")))
        .order_by("order")
    )


def indicator_detail(version: FrameworkVersion, key: str) -> Indicator:
    """The indicator with this key in this version (404 if there is none)."""
    return get_object_or_404(version_indicators(version), key=key)


@dataclass(frozen=True)
class GridRow:
    """One practice stage: a list of indicators per level, or one list when it spans every level."""

    stage: Stage
    cells: list[list[Indicator]]
    spans_levels: bool


@dataclass(frozen=True)
class OverviewGrid:
    version: FrameworkVersion
    lenses: list[Lens]
    levels: list[Level]
    rows: list[GridRow]


def overview_grid(version: FrameworkVersion) -> OverviewGrid:
    """Practice stages (rows) by levels (columns), with each cell's indicators in order."""
    levels = list(version.levels.order_by("order"))
    indicators = list(version_indicators(version))
    rows = []
    for stage in version.stages.order_by("order"):
        in_stage = [item for item in indicators if item.stage_id == stage.pk]
        if stage.has_levels:
            cells = [[item for item in in_stage if item.level_id == level.pk] for level in levels]
        else:
            cells = [in_stage]
        rows.append(GridRow(stage=stage, cells=cells, spans_levels=not stage.has_levels))
    return OverviewGrid(version=version, lenses=list(version.lenses.order_by("order")), levels=levels, rows=rows)


def _snapshots(version: FrameworkVersion) -> list[IndicatorSnapshot]:
    return [
        IndicatorSnapshot(
            key=item.key, text=item.text, stage=item.stage.key, level=item.level.key if item.level else None,
            guidance=item.guidance, lenses=tuple(sorted(lens.key for lens in item.lenses.all())),
        )
        for item in version_indicators(version)
    ]


def version_diff(a: FrameworkVersion, b: FrameworkVersion) -> FrameworkDiff:
    """What changed in the indicators going from version `a` to version `b`."""
    return diff_indicators(_snapshots(a), _snapshots(b))


def version_export(version: FrameworkVersion) -> dict:
    """The whole version as plain data: the shape of `star framework show --format json` and the API."""
    return {
        "number": version.number,
        "title": version.title,
        "summary": version.summary,
        "source": version.source,
        "status": version.status,
        "is_current": version.is_current,
        "created_at": version.created_at,
        "published_at": version.published_at,
        "retired_at": version.retired_at,
        "lenses": [
            {"key": lens.key, "name": lens.name, "short_definition": lens.short_definition,
             "definition": lens.definition}
            for lens in version.lenses.order_by("order")
        ],
        "stages": [
            {"key": stage.key, "name": stage.name, "question": stage.question, "has_levels": stage.has_levels}
            for stage in version.stages.order_by("order")
        ],
        "levels": [{"key": level.key, "name": level.name} for level in version.levels.order_by("order")],
        "indicators": [
            {"key": item.key, "stage": item.stage.key, "level": item.level.key if item.level else None,
             "text": item.text, "guidance": item.guidance, "lenses": [lens.key for lens in item.lenses.all()]}
            for item in version_indicators(version)
        ],
    }


def _names(*versions: FrameworkVersion) -> dict[str, str]:
    """Stage, level and lens keys to names; the later version's wording wins."""
    names: dict[str, str] = {}
    for version in versions:
        for model in (Stage, Level, Lens):
            names.update(model.objects.filter(version=version).values_list("key", "name"))
    return names


def _shown(field: str, value, names: dict[str, str]) -> str:
    if field == "level" and value is None:
        return "Every level"
    if field in ("stage", "level"):
        return names.get(value, value)
    if field == "lenses":
        return ", ".join(names.get(key, key) for key in value) or "None"
    return value or "None"


def version_diff_display(before: FrameworkVersion, after: FrameworkVersion) -> dict:
    """`version_diff` with stage, level and lens names for a page: added, changed and removed rows."""
    result = version_diff(before, after)
    names = _names(before, after)

    def row(item, version):
        return {
            "key": item.key, "text": item.text, "stage": _shown("stage", item.stage, names),
            "level": _shown("level", item.level, names),
            "url": reverse("framework:indicator", kwargs={"number": version.number, "key": item.key}),
        }

    return {
        "added": [row(item, after) for item in result.added],
        "removed": [row(item, before) for item in result.removed],
        "changed": [
            {**row(change.after, after),
             "fields": [(COMPARED_FIELDS[name], _shown(name, getattr(change.before, name), names),
                         _shown(name, getattr(change.after, name), names)) for name in change.fields]}
            for change in result.changed
        ],
        "unchanged": result.unchanged,
        "is_empty": result.is_empty,
    }
