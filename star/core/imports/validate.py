"""One validation pipeline for every kind: read, parse each value, check across rows, collect ALL errors.

Nothing is written here. The result is the list of validated rows (namedtuples, compact enough to
hold 200,000 rows) or the errors, each with its row and column.
"""

import re
from collections import Counter, namedtuple
from collections.abc import Callable
from dataclasses import dataclass, field

from star.analytics.ethnicity import EthnicityNormaliser

from .errors import FileRefused, ParseError, RowError
from .parsers import is_blank
from .reader import EXTRA, Formula, Table, read_table
from .spec import ETHNICITY, ImportSpec, spec_matching

MAX_STORED_ERRORS = 1000
PROGRESS_EVERY = 2000
CACHE_SIZE = 5000
_MISSING = object()
_LOOKS_LIKE_DATA = re.compile(r"^[\d.,/£:-]+$|^\d{4}-\d{2}-\d{2}")


@dataclass
class ImportContext:
    """What a check needs to know about this import, and where it reports problems."""

    spec: ImportSpec
    organisation: object
    params: dict
    normaliser: EthnicityNormaliser
    progress: Callable[[int], None] | None = None
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    unmapped: Counter = field(default_factory=Counter)
    unmapped_first_row: dict[str, int] = field(default_factory=dict)
    ethnicity_methods: Counter = field(default_factory=Counter)
    custom_labels: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    def error(self, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(RowError(row, column, message))

    def ethnicity(self, row: int, raw) -> str | None:
        """The category key for a label, or None (the label is counted for the review screen)."""
        label = "" if raw is None else str(raw).strip()
        match = self.normaliser.match(label)
        if match.category is None:
            self.unmapped[label] += 1
            self.unmapped_first_row.setdefault(label, row)
            return None
        self.ethnicity_methods[match.method] += 1
        if match.method == "custom":
            self.custom_labels[label] = match.category.key
        return match.category.key


@dataclass
class Validated:
    rows: list
    rows_read: int
    table: Table | None


def _check_headers(spec: ImportSpec, table: Table) -> None:
    present = [column for column in table.columns if column]
    known = set(spec.names)
    missing = [name for name in spec.required if name not in present]
    if not missing:
        return
    other = spec_matching(present, exclude=spec.kind)
    if other is not None:
        raise FileRefused(f"This looks like a {other.label.lower()} file, not a {spec.label.lower()} file: "
                          f"choose ‘{other.label}’ as the kind of import, or choose the right file.")
    if not known.intersection(present) and any(_LOOKS_LIKE_DATA.match(h) for h in table.headers if h):
        shown = ", ".join(table.headers[:4])
        raise FileRefused(f"The file has no header row: the first row reads ‘{shown}’, which looks like data. "
                          f"Add a first row naming the columns ({', '.join(spec.required)}).")
    found = ", ".join(h for h in table.headers if h) or "none"
    raise FileRefused(
        f"The file is missing the required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}.",
        errors=[RowError(table.header_row, name,
                         f"The required column ‘{name}’ is missing. Columns in the file: {found}. If your "
                         "system uses different headings, choose a saved column mapping.") for name in missing],
    )


def validate(*, data: bytes, context: ImportContext, renames: dict[str, str]) -> Validated:
    spec = context.spec
    if spec.reader is not None:
        table = spec.reader(data, context)
    else:
        table = read_table(data, renames=renames)
        _check_headers(spec, table)
    present = set(table.columns)
    ignored = [header for header, column in zip(table.headers, table.columns, strict=False)
               if column and column not in spec.names]
    if ignored:
        context.summary["ignored_columns"] = ignored
    columns = [(column.name, column.parser, column.required, column.name in present) for column in spec.columns]
    Row = namedtuple(f"{spec.kind.replace('.', '_')}_row", spec.names)
    checker = spec.checker(context) if spec.checker else None
    # Values repeat (dates, grades, flags): each distinct value is parsed once. Ids are not cached.
    caches = {name: {} for name, parser, _, _ in columns if parser != ETHNICITY and getattr(parser, "cacheable", True)}
    rows: list = []
    count = 0
    for number, raw in table.rows:
        count += 1
        if context.progress and count % PROGRESS_EVERY == 0:
            context.progress(count)
        if EXTRA in raw:
            context.error(number, "", f"The row has {raw[EXTRA]} more value{'s' if raw[EXTRA] > 1 else ''} than "
                                      "there are column headings")
        for key, value in raw.items():
            if isinstance(value, Formula):
                context.error(number, key, f"Cell {value.cell} contains a formula ({value.formula}): "
                                           "copy the column and paste it back as values only")
        values = {}
        for name, parser, required, in_file in columns:
            value = raw.get(name) if in_file else None
            if isinstance(value, Formula):
                values[name] = None
                continue
            if parser == ETHNICITY:
                values[name] = context.ethnicity(number, value)
                continue
            if is_blank(value):
                if required:
                    context.error(number, name, f"The {name} is blank: it is required")
                values[name] = "" if _is_text(parser) else None
                continue
            memo = caches.get(name)
            result = memo.get(value, _MISSING) if memo is not None and isinstance(value, str) else _MISSING
            if result is _MISSING:
                try:
                    result = parser(value)
                except ParseError as error:
                    result = error
                if memo is not None and isinstance(value, str) and len(memo) < CACHE_SIZE:
                    memo[value] = result
            if isinstance(result, ParseError):
                context.error(number, name, str(result))
                values[name] = None
            else:
                values[name] = result
        if checker is not None:
            checker.row(number, values)
        if context.error_count == 0 and not context.unmapped:
            rows.append(Row(**values))
    if checker is not None and hasattr(checker, "finish"):
        checker.finish()
    if count == 0 and not context.error_count:
        raise FileRefused("The file has a header row but no rows of data.")
    if context.progress:
        context.progress(count)
    context.notes.extend(table.notes)
    return Validated(rows, count, table)


def _is_text(parser) -> bool:
    return getattr(parser, "is_text", False)
