"""Read an Ofsted Annex A workbook into the outcomes cube.

Annex A is the child-level workbook a local authority gives Ofsted before an inspection: "List 1"
(contacts) to "List 9" (care leavers), then adoption lists 10 and 11, which are ignored. Real
workbooks are messy: sheet names like "List 1 - Contacts", a title above the header row, labels
such as "a) WBRI" or "b) Female", formulas (read as their cached values) and blank rows. Each list's
header row is found by its child id column ("Child Unique ID" or similar) and columns are matched
by their normalised header text.

Every stage is "in the collection year" (1 April ``year-1`` to 31 March ``year``), as in
:mod:`star.outcomes.stages`. Lists 1 to 5 list the period's events, so a row counts when its date
is in the year, or when it has no date (being listed says it happened); a row dated outside the year
is not counted and a note says how many. Lists 6 to 8 hold every case open in the period, whenever it
started, so there the start date must be in the year:

* List 1 ``contact`` (date of contact); List 2 ``early_help`` (assessment start date);
* List 3 ``referral`` (date of referral), and ``re_referral_12m`` when a "re-referral within 12 months"
  column says yes or, without one, the "number of referrals in the last 12 months" (which counts the
  earlier referrals: the sample has 0s) is 1 or more;
* List 4 ``assessment`` (assessment start date; rows listed only for their authorisation date are not);
* List 5 ``section47`` (section 47 / strategy discussion start date), and ``icpc`` when the date of the
  initial child protection conference is in the year;
* List 6 ``cin_plan`` and List 7 ``cp_plan`` when the plan's start date is in the year;
* List 8 ``cla_start`` when the date the child started to be looked after is in the year, and
  ``cla_at_31_march`` when it is on or before 31 March (or blank) and the ceased date is blank or after
  31 March. Rows whose legal status is a short break (V3, V4) count at neither;
* List 9 ``care_leaver``, for young people aged 17 to 21 on 31 March when the date of birth is known.

A child is recognised across lists by its id *within the workbook only*, so each child is counted
once (``add_child`` once per child, with all its stages, so transitions are counted). Ethnicity, sex
and date of birth come from the first list that has them. Ids and dates of birth are held in memory
only while the workbook is read; messages name the sheet and row, never a child.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from star.analytics import EthnicityNormaliser

from ..cube import INVALID, Cube, SourceResult, WrongFormat, age_band, sex_key
from ..stages import collection_year, year_bounds

PROGRESS_EVERY = 5000
HEADER_SEARCH_ROWS = 50  # how far down a sheet the header row may be
_EXPECTED = "an Ofsted Annex A workbook (.xlsx with sheets \"List 1\" to \"List 9\")"
_LIST_STAGES = {1: "contact", 2: "early_help", 3: "referral", 4: "assessment", 5: "section47",
                6: "cin_plan", 7: "cp_plan", 8: "cla", 9: "care_leaver"}
_LIST_NAMES = {1: "contacts", 2: "early help", 3: "referrals", 4: "assessments", 5: "section 47 enquiries",
               6: "children in need", 7: "child protection plans", 8: "children looked after", 9: "care leavers"}
_SHEET = re.compile(r"(?<![a-z])list[\s_.\-]*(\d{1,2})(?!\d)", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*\(?[a-z0-9]{1,2}\)\s*", re.IGNORECASE)  # "a) ", "(b) "
_LEGAL_CODE = re.compile(r"^\s*([a-z]\d)\b", re.IGNORECASE)
_SHORT_BREAKS = frozenset({"V3", "V4"})
_YES = frozenset({"yes", "y", "true", "1"})
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y")
_NORMALISER = EthnicityNormaliser()


class _BadDate:
    """Marker: a cell that is neither blank nor a date."""


_BAD = _BadDate()


def _words(value: object) -> str:
    """Header text normalised: lower case, letters and digits separated by single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(value or "").lower()).split())


def _label(value: object) -> str:
    """A cell as a label without a list prefix: "a) Yes" -> "yes"."""
    return _PREFIX.sub("", str(value)).strip().lower() if value is not None else ""


def _cell_date(value: object) -> date | _BadDate | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return _BAD
    if isinstance(value, int | float):
        if 1 <= value <= 2958465:  # an Excel serial day number in a cell not formatted as a date
            try:
                return from_excel(value).date()
            except (ValueError, OverflowError):
                return _BAD
        return _BAD
    text = str(value).strip()
    if not text or text.startswith("#"):  # blank, or an Excel error value such as #N/A: treated as blank
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return _BAD
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return _BAD


def _child_key(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_id(words: str) -> bool:
    compact = words.replace(" ", "")
    if compact in {"childuniqueid", "childid", "uniqueid", "lachildid", "childidentifier", "childuniqueidentifier",
                   "childref", "childreference", "childnumber", "personid", "uniquechildid", "uid"}:
        return True
    return compact.startswith(("child", "lachild")) and compact.endswith(("id", "identifier", "reference", "ref"))


def _age_years(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _band_from_age(age: float) -> str:
    years = int(age)
    if not 0 <= years <= 120:
        return "unknown"
    return age_band(date(2000, 1, 1), date(2000 + years, 1, 1))


@dataclass
class _Columns:
    """Column indexes (0-based) of one list's header row; None when the list has no such column."""

    child_id: int
    sex: int | None = None
    ethnicity: int | None = None
    birth: int | None = None
    age: int | None = None
    key_date: int | None = None  # the date that defines the list's event or start
    icpc: int | None = None  # list 5
    re_referral: int | None = None  # list 3: yes/no
    referrals_12m: int | None = None  # list 3: number of (earlier) referrals in the last 12 months
    ceased: int | None = None  # list 8
    legal_status: int | None = None  # list 8
    labels: dict[int, str] = field(default_factory=dict)  # index -> header text, for messages


def _find(headers: list[str], *tests: Callable[[str], bool]) -> int | None:
    """The first column passing the first test that any column passes."""
    for test in tests:
        for index, words in enumerate(headers):
            if words and test(words):
                return index
    return None


def _has(*needles: str, without: tuple[str, ...] = ()) -> Callable[[str], bool]:
    def test(words: str) -> bool:
        padded = f" {words} "
        return all(f" {n} " in padded for n in needles) and not any(f" {n} " in padded for n in without)
    return test


def _columns(number: int, row: tuple, id_index: int) -> _Columns:
    headers = [_words(v) for v in row]
    cols = _Columns(child_id=id_index)
    cols.labels = {i: " ".join(str(v).split())[:60] for i, v in enumerate(row) if v is not None}
    cols.sex = _find(headers, _has("gender"), _has("sex"))
    cols.ethnicity = _find(headers, lambda w: w.startswith("ethnic") or " ethnic" in f" {w}")
    cols.birth = _find(headers, _has("date", "of", "birth", without=("expected",)),
                       lambda w: w in {"dob", "birth date"}, _has("birth", "date"))
    cols.age = _find(headers, lambda w: w == "age" or w.startswith(("age of", "age in", "age at", "age years")))
    not_dob = ("birth",)
    if number == 1:
        cols.key_date = _find(headers, _has("contact", "date", without=not_dob), _has("date", without=not_dob))
    elif number == 2:
        cols.key_date = _find(headers, _has("assessment", "start", "date"), _has("start", "date", without=not_dob),
                              _has("assessment", "date", without=("completion", "completed", "authorisation")))
    elif number == 3:
        cols.key_date = _find(headers, _has("referral", "date", without=("number", "re", "nfa")),
                              _has("date", without=not_dob))
        cols.re_referral = _find(headers, lambda w: "rereferral" in w.replace(" ", "") and not w.startswith("number"))
        cols.referrals_12m = _find(headers, lambda w: "referrals" in w and "12 months" in w)
    elif number == 4:
        cols.key_date = _find(headers, _has("assessment", "start", "date"), _has("start", "date", without=not_dob),
                              _has("assessment", "date", without=("authorisation", "completion", "completed")))
    elif number == 5:
        cols.key_date = _find(headers, _has("47", "date", without=("number",)), _has("strategy", "date"),
                              _has("start", "date", without=not_dob))
        cols.icpc = _find(headers,
                          _has("date", "initial", "child", "protection", "conference", without=("number",)),
                          _has("date", "icpc", without=("number",)))
    elif number in (6, 7):
        cols.key_date = _find(headers, _has("plan", "start", "date"), _has("cin", "start", "date"),
                              _has("start", "date", without=(*not_dob, "legal", "placement")))
    elif number == 8:
        cols.key_date = _find(headers, lambda w: "started to be looked after" in w,
                              _has("date", "entered", "care"), _has("date", "became", "looked", "after"),
                              _has("looked", "after", "start", "date"))
        cols.ceased = _find(headers, _has("date", "ceased"), _has("ceased", "date"), _has("date", "left", "care"))
        cols.legal_status = _find(headers, _has("legal", "status", without=("date", "start")))
    return cols


@dataclass
class _Child:
    """What the workbook says about one child; discarded once the child is counted."""

    ethnicity: str | None = None
    sex: str | None = None
    birth: date | None = None
    age: float | None = None
    # (list, stage, date): counted when the date is in the year, or (lists 1 to 5 only) when it is blank
    events: list[tuple[int, str, date | None]] = field(default_factory=list)
    looked_after: list[tuple[date | None, date | None]] = field(default_factory=list)  # list 8 (start, ceased)
    care_leaver: bool = False


class _Reader:
    def __init__(self, path: Path, cube: Cube, today: date, progress: Callable[[int], None] | None):
        self.name = path.name
        self.cube = cube
        self.today = today
        self.progress = progress
        self.children: dict[str, _Child] = {}
        self.latest: date | None = None
        self.rows = 0
        self.skipped: Counter = Counter()  # (list, reason) -> rows

    def date(self, where: str, row: int, cols: _Columns, index: int | None, values: tuple,
             *, future_ok: bool = False) -> date | None:
        if index is None or index >= len(values):
            return None
        day = _cell_date(values[index])
        label = cols.labels.get(index, "date")
        if day is _BAD:
            self.cube.error(where, row, label, f"{label} is not a date.")
            return None
        if day is not None and day > self.today and not future_ok:
            self.cube.error(where, row, label, f"{label} is in the future; it was not counted.")
            return None
        return day

    def sheet(self, number: int, ws) -> None:
        where = f"{self.name} {ws.title}"
        cols = None
        ws.reset_dimensions()  # a wrong stored dimension would otherwise cut rows off
        for row, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            if cols is None:
                if row > HEADER_SEARCH_ROWS:
                    break
                for index, value in enumerate(values):
                    if isinstance(value, str) and _is_id(_words(value)):
                        cols = _columns(number, values, index)
                        break
                continue
            key = _child_key(values[cols.child_id]) if cols.child_id < len(values) else ""
            if not key:
                if any(v is not None and str(v).strip() for v in values):
                    self.skipped[number, "no child id"] += 1
                continue
            self.rows += 1
            if self.progress is not None and self.rows % PROGRESS_EVERY == 0:
                self.progress(self.rows)
            self.record(number, where, row, cols, values, key)
        if cols is None:
            self.cube.error(where, None, "", f"No header row with a child id column (such as \"Child Unique ID\") "
                                             f"in the first {HEADER_SEARCH_ROWS} rows: the sheet was not read.")

    def record(self, number: int, where: str, row: int, cols: _Columns, values: tuple, key: str) -> None:
        child = self.children.get(key)
        if child is None:
            child = self.children[key] = _Child()
        width = len(values)

        def cell(index: int | None) -> object:
            return values[index] if index is not None and index < width else None

        if child.ethnicity is None and cell(cols.ethnicity) not in (None, ""):
            child.ethnicity = str(cell(cols.ethnicity)).strip()
        if child.sex is None and cell(cols.sex) not in (None, ""):
            child.sex = str(cell(cols.sex)).strip()
        birth = self.date(where, row, cols, cols.birth, values, future_ok=True)  # an unborn child may be listed
        if child.birth is None and birth is not None:
            child.birth = birth
        age = cell(cols.age)
        if child.age is None and isinstance(age, int | float) and not isinstance(age, bool):
            child.age = float(age)
        for index, value in enumerate(values):  # the latest date anywhere (not a birth date) gives the year
            if index != cols.birth and isinstance(value, datetime | date):
                day = value.date() if isinstance(value, datetime) else value
                if day <= self.today and (self.latest is None or day > self.latest):
                    self.latest = day

        key_date = self.date(where, row, cols, cols.key_date, values)
        if key_date is not None and (self.latest is None or key_date > self.latest):
            self.latest = key_date
        stage = _LIST_STAGES[number]
        if number <= 5:  # the list is the period's events: a blank date still counts
            child.events.append((number, stage, key_date))
        if number == 3:
            answer = _label(cell(cols.re_referral))
            if cols.re_referral is not None and (answer in _YES or answer.startswith("yes")):
                child.events.append((number, "re_referral_12m", key_date))
            elif cols.re_referral is None:
                earlier = cell(cols.referrals_12m)
                if isinstance(earlier, str) and earlier.strip().isdigit():
                    earlier = int(earlier.strip())
                if isinstance(earlier, int | float) and not isinstance(earlier, bool) and earlier >= 1:
                    child.events.append((number, "re_referral_12m", key_date))
        elif number == 5:
            conference = self.date(where, row, cols, cols.icpc, values)
            if conference is not None:
                child.events.append((number, "icpc", conference))
        elif number in (6, 7):
            if key_date is None:
                self.skipped[number, "no start date"] += 1
            else:
                child.events.append((number, stage, key_date))
        elif number == 8:
            ceased = self.date(where, row, cols, cols.ceased, values)
            code = _LEGAL_CODE.match(_label(cell(cols.legal_status)))
            if code and code.group(1).upper() in _SHORT_BREAKS:
                self.skipped[number, "short break legal status (V3, V4)"] += 1
            else:
                child.looked_after.append((key_date, ceased))
        elif number == 9:
            child.care_leaver = True

    def count(self, year: int) -> None:
        start, end = year_bounds(year)
        cube = self.cube
        too_young_or_old = 0
        outside: Counter = Counter()  # list (1 to 5) -> rows dated outside the year
        for child in self.children.values():
            stages = set()
            for number, stage, day in child.events:
                if day is None or start <= day <= end:
                    stages.add(stage)
                elif number <= 5 and stage == _LIST_STAGES[number]:
                    outside[number] += 1  # lists 6 to 8 hold older open cases as a matter of course
            for began, ceased in child.looked_after:
                if began is not None and start <= began <= end:
                    stages.add("cla_start")
                if (began is None or began <= end) and (ceased is None or ceased > end):
                    stages.add("cla_at_31_march")
            if child.care_leaver:
                if child.birth is not None and not 17 <= _age_years(child.birth, end) <= 21:
                    too_young_or_old += 1
                else:
                    stages.add("care_leaver")
            if not stages:
                continue
            if child.birth is not None:
                band = age_band(child.birth, end)
            elif child.age is not None:
                band = _band_from_age(child.age)
            else:
                band = "unknown"
            cube.add_child(ethnicity=self.ethnicity(child.ethnicity), age_band=band, sex=sex_key(child.sex),
                           stages=stages)
        for number, rows in sorted(outside.items()):
            cube.notes.append(f"List {number}: {rows} row(s) dated outside the collection year {year} (1 April "
                              f"{year - 1} to 31 March {year}) were not counted as {_LIST_STAGES[number]}.")
        if too_young_or_old:
            cube.notes.append(f"{too_young_or_old} care leaver(s) in List 9 were not aged 17 to 21 on 31 March {year} "
                              "and were not counted as care leavers.")

    def ethnicity(self, label: str | None) -> str:
        match = _NORMALISER.match(label)
        if match.category is None:
            self.cube.invalid_codes[(label or "")[:20]] += 1
            return INVALID
        return match.category.key


def _open(path: Path, name: str):
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WrongFormat(f"{name} is an old-style Excel (.xls) file; save it as .xlsx: expected {_EXPECTED}.")
    if not head.startswith(b"PK\x03\x04"):
        raise WrongFormat(f"{name} is not a spreadsheet (it looks like text or CSV): expected {_EXPECTED}.")
    handle = open(path, "rb")  # noqa: SIM115 - closed with the workbook by the caller
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(handle, read_only=True, data_only=True, keep_links=False), handle
    except Exception as exc:  # a zip that is not a workbook: BadZipFile, KeyError, InvalidFileException...
        handle.close()
        raise WrongFormat(f"{name} is not a readable .xlsx workbook: expected {_EXPECTED}.") from exc


def read_annexa(path: Path, *, year: int | None = None, today: date | None = None,
                progress: Callable[[int], None] | None = None) -> SourceResult:
    """Reduce an Ofsted Annex A workbook to counts of children by stage (see the module docstring).

    ``year`` is the collection year (1 April ``year-1`` to 31 March ``year``) the lists are counted
    against; without it, the collection year of the latest date in the workbook (with a note).
    Raises :class:`WrongFormat` for a file that is not an Annex A workbook; every other problem is
    recorded on the cube.
    """
    path = Path(path)
    cube = Cube()
    result = SourceResult(source="annexa", year=year, cube=cube, files=[path.name])
    today = today or date.today()
    try:
        if path.stat().st_size == 0:
            cube.error(path.name, None, "", "The file is empty.")
            return result
        workbook, handle = _open(path, path.name)
    except OSError as exc:
        cube.error(path.name, None, "", f"The file could not be opened ({exc.strerror}).")
        return result
    try:
        lists: dict[int, object] = {}
        for ws in workbook.worksheets:
            match = _SHEET.search(ws.title)
            if not match:
                continue
            number = int(match.group(1))
            if number in lists:
                cube.notes.append(f"Sheet \"{ws.title}\" was ignored: \"{lists[number].title}\" was read as List "
                                  f"{number}.")
            else:
                lists[number] = ws
        if not any(1 <= number <= 9 for number in lists):
            titles = ", ".join(f'"{ws.title[:31]}"' for ws in workbook.worksheets[:12])
            raise WrongFormat(f"{path.name} has no sheets named List 1 to List 9 (its sheets are {titles}): "
                              f"expected {_EXPECTED}.")
        reader = _Reader(path, cube, today, progress)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number in sorted(lists):
                if 1 <= number <= 9:
                    reader.sheet(number, lists[number])
    finally:
        workbook.close()
        handle.close()

    missing = [n for n in range(1, 10) if n not in lists]
    if missing:
        cube.notes.append("The workbook has no " + ", ".join(f"List {n} ({_LIST_NAMES[n]})" for n in missing)
                          + ": those stages are not counted.")
    if year is None:
        if reader.latest is None:
            cube.notes.append("The collection year was not given and the workbook has no usable dates: no year "
                              "could be determined, so nothing was counted; give the year.")
            result.records_read = reader.rows
            return result
        year = collection_year(reader.latest)
        cube.notes.append(f"The collection year was not given: {year} (1 April {year - 1} to 31 March {year}) "
                          "is the year of the latest date in the workbook; give the year to choose another.")
    reader.count(year)
    for (number, reason), rows in sorted(reader.skipped.items()):
        cube.notes.append(f"List {number}: {rows} row(s) not counted ({reason}).")
    result.year = year
    result.records_read = reader.rows
    if progress is not None and reader.rows % PROGRESS_EVERY:
        progress(reader.rows)
    return result
