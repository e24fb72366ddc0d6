"""Read the framework over the API (mounted at /api/v1/framework/; authentication is set globally)."""

from datetime import datetime

from ninja import Router, Schema

from . import selectors

router = Router(tags=["framework"])


class VersionSummary(Schema):
    number: int
    title: str
    status: str
    is_current: bool
    created_at: datetime
    published_at: datetime | None
    retired_at: datetime | None
    indicator_count: int


class LensOut(Schema):
    key: str
    name: str
    short_definition: str
    definition: str


class StageOut(Schema):
    key: str
    name: str
    question: str
    has_levels: bool


class LevelOut(Schema):
    key: str
    name: str


class IndicatorOut(Schema):
    key: str
    stage: str
    level: str | None
    text: str
    guidance: str
    lenses: list[str]


class VersionDetail(Schema):
    number: int
    title: str
    summary: str
    source: str
    status: str
    is_current: bool
    created_at: datetime
    published_at: datetime | None
    retired_at: datetime | None
    lenses: list[LensOut]
    stages: list[StageOut]
    levels: list[LevelOut]
    indicators: list[IndicatorOut]


@router.get("/versions", response=list[VersionSummary], summary="List framework versions")
def list_versions(request):
    """Every version of the STAR framework, newest first, with its status."""
    return list(selectors.version_list())


@router.get("/versions/{number}", response=VersionDetail, summary="Get a framework version")
def get_version(request, number: int):
    """One version with its lenses, practice stages, levels and indicators."""
    return selectors.version_export(selectors.version_detail(number))
