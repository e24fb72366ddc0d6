"""What each kind of import reads, declared as data, and the registry of kinds.

Apps register their kinds in ``<app>/importers/__init__.py``; the registry finds those modules
the first time it is asked (like Django's admin autodiscovery), so core never imports an app.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

from .parsers import Parser

ETHNICITY = "ethnicity"  # parser marker: mapped through the analytics normaliser


@dataclass(frozen=True)
class Column:
    name: str
    parser: Parser | str
    required: bool = False
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Param:
    """An option given with the file (e.g. the as-at date of a staff snapshot)."""

    name: str
    label: str
    parser: Parser
    required: bool = False
    help_text: str = ""


@dataclass(frozen=True)
class ImportSpec:
    """One kind of file.

    ``writer(*, data_import, rows, params)`` stores the validated rows (namedtuples with the
    columns as fields) and returns created counts; the runner calls it inside one transaction.
    ``checker(context)`` returns an object with ``row(number, values)`` and ``finish()`` for
    rules across columns and rows; it reports with ``context.error(...)``.
    ``reader(data, context)`` replaces the tabular reader for non-tabular formats (XML).
    ``own_page``: uploaded from its own page (it needs options the general upload form does not ask
    for), so the general form does not offer it; its imports are listed and shown as any other.
    """

    kind: str
    label: str
    columns: tuple[Column, ...]
    writer: Callable
    roles: frozenset[str]
    description: str = ""
    params: tuple[Param, ...] = ()
    checker: Callable | None = None
    reader: Callable | None = None
    template: str = ""
    platform_wide: bool = False
    accepts: str = ".csv,.xlsx"
    own_page: bool = False

    @property
    def required(self) -> list[str]:
        return [column.name for column in self.columns if column.required]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def app_label(self) -> str:
        return self.kind.split(".", 1)[0]


_SPECS: dict[str, ImportSpec] = {}
_discovered = False


def register(spec: ImportSpec) -> ImportSpec:
    _SPECS[spec.kind] = spec
    return spec


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("importers")


def get_spec(kind: str) -> ImportSpec:
    _discover()
    try:
        return _SPECS[kind]
    except KeyError:
        raise LookupError(f"There is no kind of import called ‘{kind}’.") from None


def all_specs() -> list[ImportSpec]:
    _discover()
    return list(_SPECS.values())


def specs_for(user) -> list[ImportSpec]:
    """The kinds a person may import from the web pages (never platform-wide tables)."""
    return [spec for spec in all_specs()
            if not spec.platform_wide and getattr(user, "is_authenticated", False) and user.has_role(*spec.roles)]


def spec_matching(headers: Iterable[str], *, exclude: str) -> ImportSpec | None:
    """Another kind whose required columns are all present: the file is probably of that kind."""
    present = set(headers)
    for spec in all_specs():
        if spec.kind != exclude and spec.required and set(spec.required) <= present:
            return spec
    return None
