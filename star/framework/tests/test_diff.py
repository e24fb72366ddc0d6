from star.framework.diff import IndicatorSnapshot, diff_indicators


def snap(key, text="Some text", stage="think", level="yourself", **kwargs):
    return IndicatorSnapshot(key=key, text=text, stage=stage, level=level, **kwargs)


def test_added_removed_and_changed_by_key():
    before = [snap("a"), snap("b"), snap("c", text="Old")]
    after = [snap("a"), snap("c", text="New", level="wider_system"), snap("d")]
    result = diff_indicators(before, after)
    assert [item.key for item in result.added] == ["d"]
    assert [item.key for item in result.removed] == ["b"]
    [change] = result.changed
    assert change.key == "c" and change.fields == ("text", "level")
    assert (change.before.text, change.after.text) == ("Old", "New")
    assert change.field_labels == ["Text", "Level"]
    assert result.unchanged == 1 and not result.is_empty


def test_identical_versions_have_no_differences():
    items = [snap("a", lenses=("systemic",)), snap("b", stage="evaluate", level=None)]
    result = diff_indicators(items, list(items))
    assert result.is_empty and result.unchanged == 2


def test_lens_and_guidance_changes_are_reported_and_dict_is_plain():
    result = diff_indicators([snap("a")], [snap("a", guidance="Try this", lenses=("anti_racist",))])
    assert result.changed[0].fields == ("guidance", "lenses")
    data = result.as_dict()
    assert data["changed"][0]["after"]["lenses"] == ["anti_racist"]
    assert data["added"] == [] and data["removed"] == [] and data["unchanged"] == 0
