"""Readers for single values. Each takes the cell (text, or a date/number from a spreadsheet)
and returns the value or raises ``ParseError`` with a message that says what was expected."""

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import ParseError

Parser = Callable[[object], object]

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$")
_FLAGS = {"y": True, "yes": True, "true": True, "1": True, "n": False, "no": False, "false": False, "0": False}


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def make_text(max_length: int) -> Parser:
    def parse(value) -> str:
        result = text(value)
        if len(result) > max_length:
            raise ParseError(f"The value is {len(result)} characters long: the most allowed is {max_length}")
        return result

    parse.is_text = True
    return parse


def parse_date(value) -> date:
    """ISO (2024-03-31) or UK (31/03/2024) dates; impossible dates such as 31/02/2024 are refused."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if match := _ISO.match(raw):
        year, month, day = (int(part) for part in match.groups())
    elif match := _UK.match(raw):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) != 4:
            raise ParseError(f"‘{raw}’ has a 2-digit year: use 4 digits, for example 31/03/2024")
    else:
        raise ParseError(f"‘{raw}’ is not a date: use YYYY-MM-DD or DD/MM/YYYY, for example 2024-03-31")
    if not 1900 <= year <= 2100:
        raise ParseError(f"‘{raw}’ has the year {year}, which is outside 1900 to 2100")
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(f"‘{raw}’ is not a real date (there is no day {day} in month {month} of {year})") from None


def parse_int(value, *, minimum: int | None = 0, maximum: int | None = None) -> int:
    raw = text(value).replace(",", "")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ParseError(f"‘{raw}’ is not a whole number") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ParseError(f"‘{raw}’ is not a whole number")
    result = int(number)
    if minimum is not None and result < minimum:
        raise ParseError(f"{result} is less than {minimum}")
    if maximum is not None and result > maximum:
        raise ParseError(f"{result} is more than {maximum}")
    return result


def make_int(*, minimum: int | None = 0, maximum: int | None = None) -> Parser:
    return lambda value: parse_int(value, minimum=minimum, maximum=maximum)


def parse_decimal(value, *, places: int = 2, maximum: Decimal | None = None, noun: str = "This value") -> Decimal:
    """A non-negative decimal ("£1,234.50" is read as 1234.50), rounded to ``places``."""
    raw = text(value)
    cleaned = raw.replace("£", "").replace(",", "").strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ParseError(f"‘{raw}’ is not a number") from None
    if not number.is_finite():
        raise ParseError(f"‘{raw}’ is not a number")
    if number < 0:
        raise ParseError(f"{noun} cannot be negative ({raw})")
    if maximum is not None and number > maximum:
        raise ParseError(f"{raw} is more than the largest allowed value, {maximum}")
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def make_decimal(*, places: int = 2, maximum: str | None = None, noun: str = "This value") -> Parser:
    limit = Decimal(maximum) if maximum is not None else None
    return lambda value: parse_decimal(value, places=places, maximum=limit, noun=noun)


def parse_flag(value) -> bool:
    """Y/N, yes/no, true/false or 1/0 (any case)."""
    if isinstance(value, bool):
        return value
    raw = text(value)
    try:
        return _FLAGS[raw.lower()]
    except KeyError:
        raise ParseError(f"‘{raw}’ is not Y or N (yes/no, true/false and 1/0 are also accepted)") from None


def choice_key(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")


def make_choice(choices: Mapping[str, str], *, allow_blank: bool = False) -> Parser:
    """Accept any of ``choices`` (spelling variants -> stored value), ignoring case, spaces and hyphens."""
    lookup = {choice_key(key): stored for key, stored in choices.items()}
    first_key = {}
    for key, stored in choices.items():
        first_key.setdefault(stored, key)
    listed = ", ".join(first_key.values())

    def parse(value) -> str:
        raw = text(value)
        if not raw and allow_blank:
            return ""
        try:
            return lookup[choice_key(raw)]
        except KeyError:
            raise ParseError(f"‘{raw}’ is not one of: {listed}") from None

    parse.is_text = True
    return parse
