"""Read and validate a framework version file (YAML) without Django.

Every problem is collected with its file, line and field; if there is any, the whole file is
refused by raising `FrameworkFileInvalid`. Line numbers come from PyYAML's node marks.
"""

import re
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .schema import (
    FORMAT_VERSION,
    LENS_KEYS,
    LEVEL_KEYS,
    STAGE_KEYS,
    FrameworkFileError,
    FrameworkFileInvalid,
    FrameworkSpec,
    IndicatorSpec,
    LensSpec,
    LevelSpec,
    StageSpec,
)

DEFAULT_VERSION_FILE = Path(__file__).resolve().parent / "versions" / "star-v1.yaml"
INDICATOR_KEY = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
KEY_MAX = 80
NAME_MAX = 120
TITLE_MAX = 200

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def load_file(path: str | Path) -> FrameworkSpec:
    """Validate the file at `path`; raise FrameworkFileInvalid naming every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkFileInvalid([FrameworkFileError(str(path), 1, "(file)", f"cannot be read: {error}")]) from error
    return load_text(text, name=str(path))


def load_text(text: str, *, name: str = "<text>") -> FrameworkSpec:
    """Validate framework YAML given as text; `name` is used in error messages."""
    reader = _Reader(name)
    spec = reader.read(text)
    if reader.errors:
        raise FrameworkFileInvalid(sorted(reader.errors, key=lambda error: error.line))
    return spec


class _Reader:
    def __init__(self, path: str):
        self.path = path
        self.errors: list[FrameworkFileError] = []
        self._constructor = SafeConstructor()

    # --- reporting -----------------------------------------------------------------------
    def error(self, node: Node | None, field: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.errors.append(FrameworkFileError(self.path, line, field, message))

    # --- typed reads of nodes ------------------------------------------------------------
    def mapping(self, node, field, *, required, optional=()) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.error(node, field, "must be a set of 'name: value' fields")
            return None
        allowed = (*required, *optional)
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, ScalarNode) else None
            child = f"{field}.{name}" if field else str(name)
            if name in fields:
                self.error(key_node, child, "appears more than once")
            elif name not in allowed:
                self.error(key_node, child, f"is not a known field (expected one of: {', '.join(allowed)})")
            else:
                fields[name] = value_node
        for name in required:
            if name not in fields:
                self.error(node, f"{field}.{name}" if field else name, "is required but missing")
        return fields

    def sequence(self, node, field) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.error(node, field, "must be a list (each item starting with '- ')")
            return []
        if not node.value:
            self.error(node, field, "must not be empty")
        return node.value

    def string(self, node, field, *, max_length=None, keep_paragraphs=False) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag != _STR:
            self.error(node, field, f"must be text, not {_describe(node)}")
            return None
        if keep_paragraphs:
            paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", node.value))
            value = "\n\n".join(part for part in paragraphs if part)
        else:
            value = " ".join(node.value.split())
        if not value:
            self.error(node, field, "must not be blank")
            return None
        if max_length and len(value) > max_length:
            self.error(node, field, f"must be at most {max_length} characters (it has {len(value)})")
            return None
        return value

    def optional_string(self, node, field, *, keep_paragraphs=False) -> str:
        if node is None or (isinstance(node, ScalarNode) and node.tag == _NULL):
            return ""
        return self.string(node, field, keep_paragraphs=keep_paragraphs) or ""

    def positive_int(self, node, field) -> int | None:
        if not isinstance(node, ScalarNode) or node.tag != _INT:
            self.error(node, field, f"must be a whole number, not {_describe(node)}")
            return None
        value = self._constructor.construct_object(node)
        if value < 1:
            self.error(node, field, "must be 1 or more")
            return None
        return value

    def boolean(self, node, field, *, default: bool) -> bool:
        if node is None:
            return default
        if not isinstance(node, ScalarNode) or node.tag != _BOOL:
            self.error(node, field, f"must be true or false, not {_describe(node)}")
            return default
        return self._constructor.construct_object(node)

    def key(self, node, field, known) -> str | None:
        value = self.string(node, field, max_length=KEY_MAX)
        if value is not None and value not in known:
            self.error(node, field, f"'{value}' is not one of: {', '.join(known)}")
            return None
        return value

    # --- the document --------------------------------------------------------------------
    def read(self, text: str) -> FrameworkSpec | None:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else 1
            problem = " ".join(filter(None, [error.context, error.problem]))
            self.errors.append(FrameworkFileError(self.path, line, "(YAML syntax)", problem))
            return None
        except yaml.YAMLError as error:
            self.errors.append(FrameworkFileError(self.path, 1, "(YAML syntax)", str(error)))
            return None
        if root is None:
            self.error(None, "(file)", "is empty")
            return None
        top = self.mapping(
            root, "",
            required=("format", "version", "title", "lenses", "stages", "levels", "indicators"),
            optional=("summary", "source"),
        )
        if top is None:
            return None
        if "format" in top:
            fmt = self.positive_int(top["format"], "format")
            if fmt is not None and fmt != FORMAT_VERSION:
                self.error(top["format"], "format", f"must be {FORMAT_VERSION} (the only format this STAR reads)")
        number = self.positive_int(top["version"], "version") if "version" in top else None
        title = self.string(top.get("title"), "title", max_length=TITLE_MAX)
        summary = self.optional_string(top.get("summary"), "summary")
        source = self.optional_string(top.get("source"), "source")
        lenses = self.lenses(top.get("lenses"))
        stages = self.stages(top.get("stages"))
        levels = self.levels(top.get("levels"))
        indicators = self.indicators(top.get("indicators"), stages, levels, lenses)
        if self.errors:
            return None
        return FrameworkSpec(
            format=FORMAT_VERSION, number=number, title=title, summary=summary, source=source,
            lenses=tuple(lenses.values()), stages=tuple(stages.values()), levels=tuple(levels.values()),
            indicators=tuple(indicators), version_line=top["version"].start_mark.line + 1,
        )

    def _keyed_items(self, node, field, known, *, required, optional=()):
        """Yield (key, fields, label) for each item of a list keyed by the fixed vocabulary `known`."""
        if node is None:
            return
        seen = set()
        for position, item in enumerate(self.sequence(node, field), start=1):
            label = _item_label(item, field, position)
            fields = self.mapping(item, label, required=required, optional=optional)
            if fields is None or "key" not in fields:
                continue
            key = self.key(fields["key"], f"{label}.key", known)
            if key is None:
                continue
            if key in seen:
                self.error(fields["key"], f"{label}.key", f"'{key}' is listed more than once")
                continue
            seen.add(key)
            yield key, fields, label
        missing = [key for key in known if key not in seen]
        if missing and isinstance(node, SequenceNode) and node.value:
            self.error(node, field, f"must include: {', '.join(missing)}")

    def lenses(self, node) -> dict[str, LensSpec]:
        result = {}
        for key, fields, label in self._keyed_items(
            node, "lenses", LENS_KEYS, required=("key", "name", "short_definition", "definition")
        ):
            result[key] = LensSpec(
                key=key,
                name=self.string(fields.get("name"), f"{label}.name", max_length=NAME_MAX),
                short_definition=self.string(fields.get("short_definition"), f"{label}.short_definition"),
                definition=self.string(fields.get("definition"), f"{label}.definition"),
            )
        return result

    def stages(self, node) -> dict[str, StageSpec]:
        result = {}
        for key, fields, label in self._keyed_items(
            node, "stages", STAGE_KEYS, required=("key", "name", "question"), optional=("has_levels",)
        ):
            result[key] = StageSpec(
                key=key,
                name=self.string(fields.get("name"), f"{label}.name", max_length=NAME_MAX),
                question=self.string(fields.get("question"), f"{label}.question", max_length=TITLE_MAX),
                has_levels=self.boolean(fields.get("has_levels"), f"{label}.has_levels", default=True),
            )
        return result

    def levels(self, node) -> dict[str, LevelSpec]:
        result = {}
        for key, fields, label in self._keyed_items(node, "levels", LEVEL_KEYS, required=("key", "name")):
            result[key] = LevelSpec(
                key=key, name=self.string(fields.get("name"), f"{label}.name", max_length=NAME_MAX)
            )
        return result

    def indicators(self, node, stages, levels, lenses) -> list[IndicatorSpec]:
        if node is None:
            return []
        result, seen = [], set()
        for position, item in enumerate(self.sequence(node, "indicators"), start=1):
            label = _item_label(item, "indicators", position)
            fields = self.mapping(
                item, label, required=("key", "stage", "text"), optional=("level", "guidance", "lenses"),
            )
            if fields is None:
                continue
            key = self.string(fields.get("key"), f"{label}.key", max_length=KEY_MAX)
            if key is not None and not INDICATOR_KEY.match(key):
                self.error(fields["key"], f"{label}.key",
                           "must use lower-case letters and digits joined by '-' or '_' (for example think-yourself-1)")
            elif key is not None and key in seen:
                self.error(fields["key"], f"{label}.key", f"'{key}' is used by an earlier indicator")
            seen.add(key)
            stage = self.stage_of(fields.get("stage"), f"{label}.stage", stages)
            level = self.level_of(fields, item, f"{label}.level", stage, stages, levels)
            result.append(IndicatorSpec(
                key=key,
                stage=stage,
                level=level,
                text=self.string(fields.get("text"), f"{label}.text"),
                guidance=self.optional_string(fields.get("guidance"), f"{label}.guidance", keep_paragraphs=True),
                lenses=self.lens_keys(fields.get("lenses"), f"{label}.lenses", lenses),
            ))
        return result

    def stage_of(self, node, field, stages) -> str | None:
        value = self.string(node, field, max_length=KEY_MAX)
        if value is not None and value not in stages:
            known = ", ".join(stages) or "none defined"
            self.error(node, field, f"'{value}' is not a stage of this version (stages: {known})")
            return None
        return value

    def level_of(self, fields, item, field, stage, stages, levels) -> str | None:
        node = fields.get("level")
        has_levels = stages[stage].has_levels if stage in stages else True
        if node is None or (isinstance(node, ScalarNode) and node.tag == _NULL):
            if stage is not None and has_levels:
                self.error(item, field, f"is required: stage '{stage}' is described at each level")
            return None
        value = self.string(node, field, max_length=KEY_MAX)
        if value is None:
            return None
        if not has_levels:
            self.error(node, field, f"must be left out: stage '{stage}' applies at every level")
            return None
        if value not in levels:
            known = ", ".join(levels) or "none defined"
            self.error(node, field, f"'{value}' is not a level of this version (levels: {known})")
            return None
        return value

    def lens_keys(self, node, field, lenses) -> tuple[str, ...]:
        if node is None or (isinstance(node, ScalarNode) and node.tag == _NULL):
            return ()
        if not isinstance(node, SequenceNode):
            self.error(node, field, "must be a list of lens keys")
            return ()
        keys = []
        for item in node.value:
            value = self.string(item, field, max_length=KEY_MAX)
            if value is None:
                continue
            if value not in lenses:
                self.error(item, field, f"'{value}' is not a lens of this version (lenses: {', '.join(lenses)})")
            elif value in keys:
                self.error(item, field, f"'{value}' is listed more than once")
            else:
                keys.append(value)
        return tuple(keys)


def _item_label(item, field, position) -> str:
    """How a list item is named in errors: by its key when it has a usable one, else by position."""
    if isinstance(item, MappingNode):
        for key_node, value_node in item.value:
            if (key_node.value == "key" and isinstance(value_node, ScalarNode) and value_node.tag == _STR
                    and INDICATOR_KEY.match(value_node.value.strip())):
                return f"{field}[{value_node.value.strip()}]"
    return f"{field}[#{position}]"


def _describe(node) -> str:
    if isinstance(node, MappingNode):
        return "a set of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        _INT: "a number",
        "tag:yaml.org,2002:float": "a number",
        _BOOL: "true/false",
        _NULL: "empty",
        _STR: "text",
    }.get(getattr(node, "tag", None), "another kind of value")
