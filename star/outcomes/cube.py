"""The aggregate cube a return is reduced to while its child-level rows stream past.

Privacy by design: a reader keeps at most one child's record in memory at a time (plus, where a
counting rule needs it, a set of child ids that is discarded when the file is read). Only counts
leave this module: stage x detailed ethnicity x age band x sex, and stage-to-stage transitions by
ethnicity. No identifier, name, postcode or date of birth is ever stored.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from star.analytics import DFE_CODES

from .stages import AGE_BANDS, STAGE_IDS, TRANSITIONS

INVALID = "invalid"  # an ethnicity code that is not a DfE code: counted, listed, never guessed
UNKNOWN_ETHNICITIES = frozenset({"refused", "not_obtained", INVALID})
MAX_PROBLEMS = 1000
_AGE_BANDS = frozenset(AGE_BANDS)
_STAGE_IDS = frozenset(STAGE_IDS)


class WrongFormat(Exception):
    """The file is not of the chosen format (e.g. a CIN census given as SSDA903)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input. ``line`` is the file's line (XML, CSV) or row (XLSX).

    Messages never quote a child identifier, name or date of birth: the line is enough for
    the person who holds the file to find the record.
    """

    file: str
    line: int | None
    field: str
    message: str

    def to_dict(self) -> dict:
        return {"row": self.line, "field": self.field, "message": f"{self.file}: {self.message}" if self.file
                else self.message}


def sex_key(code: str | None) -> str:
    """DfE sex / gender codes: 1 male, 2 female; anything else (0, 9, blank) unknown."""
    code = (code or "").strip().upper()
    if code in {"1", "M", "MALE", "B) MALE"}:
        return "male"
    if code in {"2", "F", "FEMALE", "B) FEMALE"}:
        return "female"
    lowered = code.lower()
    if lowered.endswith("female"):
        return "female"
    if lowered.endswith("male"):
        return "male"
    return "unknown"


def age_band(birth: date | None, on: date) -> str:
    """Age band on ``on`` (bands line up with the child population table)."""
    if birth is None:
        return "unknown"
    if birth > on:  # unborn at the reference date
        return "0-4"
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if age < 5:
        return "0-4"
    if age < 10:
        return "5-9"
    if age < 16:
        return "10-15"
    if age < 18:
        return "16-17"
    return "18+"


@dataclass
class Cube:
    """Counts of children by stage; ``add_child`` is called once per child per return."""

    cells: Counter = field(default_factory=Counter)  # (stage, ethnicity, age_band, sex) -> children
    transitions: Counter = field(default_factory=Counter)  # (from_stage, to_stage, ethnicity) -> children
    invalid_codes: Counter = field(default_factory=Counter)  # raw ethnicity code -> children
    invalid_values: Counter = field(default_factory=Counter)  # (field, raw code) -> records, e.g. legal status
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    warnings: list[Problem] = field(default_factory=list)  # data-quality findings that do not change the counts
    warning_count: int = 0
    children: int = 0
    notes: list[str] = field(default_factory=list)

    def ethnicity(self, code: str | None) -> str:
        """Category key for a DfE ethnicity code; blank is 'not obtained', an unknown code 'invalid'.

        Call it once per counted child: each unknown code is tallied in ``invalid_codes``."""
        code = (code or "").strip()
        if not code:
            return "not_obtained"
        known = DFE_CODES.get(code.upper())
        if known is None:
            self.invalid_codes[code[:20]] += 1
            return INVALID
        return known.category

    def add_child(self, *, ethnicity: str, age_band: str, sex: str, stages: set[str] | frozenset[str]) -> None:
        """Count one child at each stage it reached (and each tracked transition between them)."""
        if age_band not in _AGE_BANDS or not stages <= _STAGE_IDS:
            raise ValueError(f"Unknown age band or stage: {age_band}, {sorted(stages - _STAGE_IDS)}")
        self.children += 1
        cells = self.cells
        for stage in stages:
            cells[stage, ethnicity, age_band, sex] += 1
        if len(stages) > 1:
            for previous, stage in TRANSITIONS:
                if previous in stages and stage in stages:
                    self.transitions[previous, stage, ethnicity] += 1

    def error(self, file: str, line: int | None, field_name: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(file, line, field_name, message))

    def warn(self, file: str, line: int | None, field_name: str, message: str) -> None:
        """A data-quality finding that does not change any count (e.g. overlapping episodes): listed, not fatal."""
        self.warning_count += 1
        if len(self.warnings) < MAX_PROBLEMS:
            self.warnings.append(Problem(file, line, field_name, message))

    def invalid(self, field_name: str, code: str) -> None:
        """An unknown code in a field other than ethnicity: counted and listed, never fatal."""
        self.invalid_values[field_name, (code or "")[:20]] += 1

    def stage_totals(self) -> Counter:
        totals = Counter()
        for (stage, *_), count in self.cells.items():
            totals[stage] += count
        return totals


@dataclass
class SourceResult:
    """What reading one return gives: its cube, the collection year and, when the file says, the area."""

    source: str  # ssda903, cin or annexa
    year: int | None
    cube: Cube
    area_code: str = ""
    files: list[str] = field(default_factory=list)
    records_read: int = 0  # child records (or rows) read, for progress and the summary
