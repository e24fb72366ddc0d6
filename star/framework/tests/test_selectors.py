import pytest

from star.framework import selectors
from star.framework.services import framework_version_publish

pytestmark = pytest.mark.django_db


def test_no_current_version_before_publishing():
    assert selectors.current_version() is None


def test_overview_grid_is_stages_by_levels(v1):
    grid = selectors.overview_grid(v1)
    assert [level.key for level in grid.levels] == ["yourself", "those_you_work_with", "wider_system"]
    assert [row.stage.key for row in grid.rows] == ["think", "act", "evaluate", "learn"]
    sizes = {row.stage.key: [len(cell) for cell in row.cells] for row in grid.rows}
    assert sizes == {"think": [2, 3, 2], "act": [2, 3, 2], "evaluate": [2], "learn": [2, 1, 2]}
    assert [row.spans_levels for row in grid.rows] == [False, False, True, False]
    assert [lens.name for lens in grid.lenses] == ["Systemic", "Trauma-informed", "Anti-racist"]


def test_version_list_and_current(v1, v2_draft):
    assert [(v.number, v.indicator_count) for v in selectors.version_list()] == [(2, 21), (1, 21)]
    assert selectors.current_version() == v1
    framework_version_publish(version=v2_draft)
    assert selectors.current_version() == v2_draft


def test_version_diff(v1, v2_draft):
    result = selectors.version_diff(v1, v2_draft)
    assert [item.key for item in result.added] == ["learn-wider-system-3"]
    assert [item.key for item in result.removed] == ["learn-wider-system-2"]
    assert [(c.key, c.fields) for c in result.changed] == [("think-those-you-work-with-1", ("text",))]
    assert result.unchanged == 19


def test_version_diff_display_uses_names(v1, v2_draft):
    shown = selectors.version_diff_display(v1, v2_draft)
    assert shown["added"][0]["level"] == "The wider system"
    assert shown["added"][0]["url"] == "/framework/versions/2/indicators/learn-wider-system-3/"
    assert shown["changed"][0]["fields"] == [(
        "Text", "Build a holistic picture of those you work with",
        "Build a holistic, culturally informed picture of those you work with",
    )]


def test_export_contains_everything(v1):
    data = selectors.version_export(v1)
    assert data["number"] == 1 and data["is_current"] is True
    assert len(data["indicators"]) == 21 and len(data["lenses"]) == 3
    evaluate = [item for item in data["indicators"] if item["stage"] == "evaluate"]
    assert [item["level"] for item in evaluate] == [None, None]


def test_query_count_of_the_overview_does_not_grow_with_indicators(v1, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        grid = selectors.overview_grid(v1)
        urls = [item.get_absolute_url() for row in grid.rows for cell in row.cells for item in cell]
    assert len(urls) == 21
