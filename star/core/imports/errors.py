"""What can go wrong with a file, said so that an analyst can find and fix it."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem on one row (``row`` as a spreadsheet numbers it: the header is row 1) and column.

    ``row`` is None for a problem with the whole file; ``field`` is "" for a whole row.
    """

    row: int | None
    field: str
    message: str

    def to_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


class ParseError(ValueError):
    """A value that cannot be read; the message says what was expected."""


class FileRefused(Exception):
    """The file as a whole cannot be imported (empty, wrong kind, formulas, unreadable...)."""

    def __init__(self, message: str, *, errors: list[RowError] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or [RowError(None, "", message)]
