"""Compare two framework versions' indicators by their stable key. Pure Python, no Django."""

from dataclasses import dataclass

# The fields of an indicator that a change is reported on, with their labels.
COMPARED_FIELDS = {
    "text": "Text",
    "stage": "Stage",
    "level": "Level",
    "guidance": "Guidance",
    "lenses": "Lenses",
}


@dataclass(frozen=True)
class IndicatorSnapshot:
    """An indicator as compared: stage and level by key, lenses as a sorted tuple of keys."""

    key: str
    text: str
    stage: str
    level: str | None
    guidance: str = ""
    lenses: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorChange:
    key: str
    before: IndicatorSnapshot
    after: IndicatorSnapshot
    fields: tuple[str, ...]

    @property
    def field_labels(self) -> list[str]:
        return [COMPARED_FIELDS[name] for name in self.fields]


@dataclass(frozen=True)
class FrameworkDiff:
    added: tuple[IndicatorSnapshot, ...]
    removed: tuple[IndicatorSnapshot, ...]
    changed: tuple[IndicatorChange, ...]
    unchanged: int

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def as_dict(self) -> dict:
        def snapshot(item):
            return {name: (list(value) if isinstance(value, tuple) else value)
                    for name, value in vars(item).items()}

        return {
            "added": [snapshot(item) for item in self.added],
            "removed": [snapshot(item) for item in self.removed],
            "changed": [
                {"key": change.key, "fields": list(change.fields),
                 "before": snapshot(change.before), "after": snapshot(change.after)}
                for change in self.changed
            ],
            "unchanged": self.unchanged,
        }


def diff_indicators(before: list[IndicatorSnapshot], after: list[IndicatorSnapshot]) -> FrameworkDiff:
    """Added, removed and changed indicators going from `before` to `after`, in `after`'s order."""
    old = {item.key: item for item in before}
    new = {item.key: item for item in after}
    changed = []
    for item in after:
        if item.key in old:
            fields = tuple(name for name in COMPARED_FIELDS
                           if getattr(old[item.key], name) != getattr(item, name))
            if fields:
                changed.append(IndicatorChange(key=item.key, before=old[item.key], after=item, fields=fields))
    return FrameworkDiff(
        added=tuple(item for item in after if item.key not in old),
        removed=tuple(item for item in before if item.key not in new),
        changed=tuple(changed),
        unchanged=sum(1 for key in new if key in old) - len(changed),
    )
