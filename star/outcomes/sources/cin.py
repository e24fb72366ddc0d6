"""Read a CIN census XML return into the outcomes cube.

The file is streamed with ``lxml.etree.iterparse``: one ``<Child>`` is in memory at a time and is
cleared (with its already-read siblings) once counted, so memory stays flat however many children
the return holds. The only child-level state kept for the whole file is the set of ``LAchildID``
values seen (to report duplicates), discarded when the function returns.

Per child, within the collection year (1 April ``year-1`` to 31 March ``year``, see
:mod:`star.outcomes.stages`):

* ``referral``: a ``CINreferralDate`` in the year;
* ``re_referral_12m``: a referral in the year with another, earlier ``CINreferralDate`` on the same
  child at most 12 months before it;
* ``assessment``: an ``AssessmentActualStartDate`` in the year;
* ``section47``: an ``S47ActualStartDate`` in the year;
* ``icpc``: a ``DateOfInitialCPC`` (on ``CINdetails`` or on ``Section47``) in the year;
* ``cin_plan``: a ``CINPlanStartDate`` in the year;
* ``cp_plan``: a ``CPPstartDate`` in the year;
* ``cin_at_31_march``: a ``CINdetails`` referred on or before 31 March, not closed by then (no
  ``CINclosureDate`` or one after 31 March) and not a referral with no further action.

Messages point at the file and line only: never at a child's identifier or date of birth.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from lxml import etree

from ..cube import Cube, SourceResult, WrongFormat, age_band, sex_key
from ..stages import collection_year, year_bounds

PROGRESS_EVERY = 5000
_TRUE = frozenset({"1", "true"})
_POSITION_SUFFIX = re.compile(r",?\s*line \d+,\s*column \d+\s*$")
_BYTES_DUMP = re.compile(r"\s*,?\s*Bytes:.*", re.DOTALL)  # lxml quotes raw bytes of the file: never repeated
_EXPECTED = ("a CIN census XML file (a <Message> with a <Header> whose <Collection> is CIN and "
             "<Children><Child> records)")

# The elements the reader is given by iterparse, by code. Codes from _FIRST_STAGE on are dates that put the
# child at a stage when they fall in the year (DateOfInitialCPC is read both on CINdetails and on Section47).
(_REFERRAL, _CLOSURE, _DETAILS, _NFA, _ID, _SEX, _ETHNICITY, _BIRTH, _EXPECTED_BIRTH, _CHILD,
 _HEADER, _CHILDREN) = range(12)
_FIRST_STAGE = 20
_STAGE_DATES = {"DateOfInitialCPC": "icpc", "AssessmentActualStartDate": "assessment",
                "CINPlanStartDate": "cin_plan", "S47ActualStartDate": "section47", "CPPstartDate": "cp_plan"}
_CODES = {
    "CINreferralDate": _REFERRAL, "CINclosureDate": _CLOSURE, "CINdetails": _DETAILS, "ReferralNFA": _NFA,
    "LAchildID": _ID, "Sex": _SEX, "GenderCurrent": _SEX, "Ethnicity": _ETHNICITY, "PersonBirthDate": _BIRTH,
    "ExpectedPersonBirthDate": _EXPECTED_BIRTH, "Child": _CHILD, "Header": _HEADER, "Children": _CHILDREN,
    **{local: _FIRST_STAGE + i for i, local in enumerate(_STAGE_DATES)},
}
_STAGE_NAMES = {_FIRST_STAGE + i: stage for i, stage in enumerate(_STAGE_DATES.values())}
_fromiso = date.fromisoformat

# The date elements whose values count towards a stage (for inferring the year when the header has none).
_ACTIVITY_DATES = ("CINreferralDate", "CINclosureDate", "DateOfInitialCPC", "AssessmentActualStartDate",
                   "CINPlanStartDate", "S47ActualStartDate", "CPPstartDate")


def _minus_12_months(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _sniff(path: Path, name: str) -> tuple[str, str] | None:
    """The root element's (namespace, local name), raising WrongFormat for files that are not XML.

    Returns None when even the first element cannot be parsed: the main pass then reports where the XML breaks.
    """
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"PK\x03\x04"):
        raise WrongFormat(f"{name} is a zip file (perhaps an Excel workbook), not XML: expected {_EXPECTED}.")
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text.startswith(b"<") and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WrongFormat(f"{name} is not XML (it looks like text or CSV): expected {_EXPECTED}.")
    try:
        with open(path, "rb") as handle:
            for _event, root in etree.iterparse(handle, events=("start",), resolve_entities=False,
                                                no_network=True):
                qname = etree.QName(root)
                return qname.namespace or "", qname.localname
    except etree.XMLSyntaxError:
        return None
    raise WrongFormat(f"{name} has no XML elements: expected {_EXPECTED}.")


def _wrong_root(name: str, local: str) -> WrongFormat:
    hint = ""
    if "SSDA903" in local.upper():
        hint = " It looks like an SSDA903 (children looked after) return: choose that format instead."
    return WrongFormat(f"{name} has root element <{local}>: expected {_EXPECTED}.{hint}")


class _Reader:
    """Counts one CIN census file into ``cube``; one instance per file."""

    def __init__(self, path: Path, cube: Cube, ns: str, year: int | None, today: date,
                 progress: Callable[[int], None] | None):
        self.path = path
        self.name = path.name
        self.cube = cube
        self.ns = ns
        self.year = year
        self.today = today
        self.progress = progress
        self.area = ""
        self.collection = ""
        self.no_year = False
        q = self.q
        self.t_child = q("Child")
        self.codes = {q(local): code for local, code in _CODES.items()}
        self.skip = len(q(""))  # length of the "{namespace}" prefix, to name a field by its local name

    def q(self, local: str) -> str:
        return f"{{{self.ns}}}{local}" if self.ns else local

    # -- header --------------------------------------------------------------------------------

    def header(self, header) -> None:
        q = self.q
        details = header.find(q("CollectionDetails"))
        header_year = reference = None
        if details is not None:
            self.collection = (details.findtext(q("Collection")) or "").strip()
            if self.collection and self.collection.upper() != "CIN":
                raise WrongFormat(f"{self.name} is a {self.collection[:20]} collection, not a CIN census: "
                                  f"expected {_EXPECTED}.")
            text = (details.findtext(q("Year")) or "").strip()
            if text[:4].isdigit() and len(text) >= 4:
                header_year = int(text[:4])
            elif text:
                self.cube.error(self.name, details.sourceline, "Year", "The header Year is not a year.")
            text = (details.findtext(q("ReferenceDate")) or "").strip()
            if text:
                try:
                    reference = date.fromisoformat(text[:10])
                except ValueError:
                    self.cube.error(self.name, details.sourceline, "ReferenceDate",
                                    "The header ReferenceDate is not a date in the form yyyy-mm-dd.")
        for source in header.iterfind(q("Source")):
            lea = (source.findtext(q("LEA")) or "").strip()
            if lea:
                self.area = lea[:10]
                break
        if self.year is not None:
            return
        if reference is not None and (reference.month, reference.day) == (3, 31):
            self.year = reference.year
            if header_year is not None and header_year != self.year:
                self.cube.notes.append(
                    f"The header says Year {header_year} but ReferenceDate {reference.isoformat()}: the "
                    f"collection year {self.year} (1 April {self.year - 1} to 31 March {self.year}) was taken "
                    "from the reference date.")
        elif header_year is not None:
            self.year = header_year
            if reference is not None:
                self.cube.notes.append(
                    f"The header ReferenceDate {reference.isoformat()} is not a 31 March: the collection year "
                    f"{self.year} was taken from the header Year.")
        elif reference is not None:
            self.year = collection_year(reference)
            self.cube.notes.append(
                f"The header ReferenceDate {reference.isoformat()} is not a 31 March and there is no Year: "
                f"the collection year {self.year} is the one that date falls in.")

    def infer_year(self) -> None:
        """No year given or in the header: the collection year of the latest activity date (not in the future)."""
        latest = None
        tags = (*(self.q(t) for t in _ACTIVITY_DATES), self.t_child)
        try:
            with open(self.path, "rb") as handle:
                for _event, elem in etree.iterparse(handle, events=("end",), tag=tags, resolve_entities=False,
                                                    no_network=True, remove_blank_text=True):
                    if elem.tag == self.t_child:
                        elem.clear()
                        continue
                    try:
                        day = date.fromisoformat((elem.text or "").strip()[:10])
                    except ValueError:
                        continue
                    if day <= self.today and (latest is None or day > latest):
                        latest = day
        except etree.XMLSyntaxError:
            pass  # reported by the main pass
        if latest is None:
            self.no_year = True
            self.year = collection_year(self.today)  # only to have bounds: nothing can reach a stage
            self.cube.notes.append("The collection year is not given, the header has none and the file has no "
                                   "usable dates: no year could be determined; give the year.")
        else:
            self.year = collection_year(latest)
            self.cube.notes.append(
                f"The collection year is not given and the header has none: {self.year} (1 April {self.year - 1} "
                f"to 31 March {self.year}) is the year of the latest date in the file; give the year to choose "
                "another.")

    # -- children ------------------------------------------------------------------------------

    def field(self, elem) -> str:
        return elem.tag[self.skip:]

    def date(self, elem, *, check_future: bool = False) -> date | None:
        """The element's date; None (and a problem) when it is not a yyyy-mm-dd date or, if asked, in the future."""
        text = (elem.text or "").strip()
        if not text:
            return None
        try:
            day = _fromiso(text[:10] if len(text) > 10 else text)
        except ValueError:
            field = self.field(elem)
            self.cube.error(self.name, elem.sourceline, field, f"{field} is not a date in the form yyyy-mm-dd.")
            return None
        if check_future and day > self.today:
            self.future(elem)
            return None
        return day

    def future(self, elem) -> None:
        field = self.field(elem)
        self.cube.error(self.name, elem.sourceline, field, f"{field} is in the future; it was not counted.")

    def run(self) -> int:
        """Stream the file: iterparse yields only the elements that matter, each at its end tag.

        A ``<CINdetails>`` ends after its dates and a ``<Child>`` after all of it, so each is settled at its
        end event; the child is then cleared (with its already-read siblings) to keep memory flat. This loop
        runs for every element the reader needs, so it is one flat ``if`` chain over small integer codes.
        """
        cube = self.cube
        codes = self.codes
        today = self.today
        slow = self.date
        progress = self.progress
        seen: dict[str, int] = {}
        children_found = False
        start = end = None
        count = 0
        # the child being read
        child_id = sex = ethnicity = birth_el = expected_el = None
        stages: set[str] = set()
        referrals: list[date] = []
        # its current CINdetails
        referral = closure = None
        closure_line = 0
        nfa = False
        with open(self.path, "rb") as handle:
            context = etree.iterparse(handle, events=("end",), tag=tuple(codes), resolve_entities=False,
                                      no_network=True, remove_blank_text=True, collect_ids=False)
            try:
                for _event, elem in context:
                    code = codes[elem.tag]
                    if start is None and code != _HEADER and code != _CHILDREN:  # the first child's first element
                        if self.year is None:
                            self.infer_year()
                        start, end = year_bounds(self.year)
                    if code >= _FIRST_STAGE:  # a date that puts the child at a stage when it is in the year
                        try:
                            day = _fromiso(elem.text)
                        except (TypeError, ValueError):
                            day = slow(elem)
                        if day is not None:
                            if day > today:
                                self.future(elem)
                            elif start <= day <= end:
                                stages.add(_STAGE_NAMES[code])
                    elif code <= _CLOSURE:
                        try:
                            day = _fromiso(elem.text)
                        except (TypeError, ValueError):
                            day = slow(elem)
                        if day is not None and day > today:
                            self.future(elem)
                            day = None
                        if code == _REFERRAL:
                            referral = day
                        else:
                            closure = day
                            closure_line = elem.sourceline
                    elif code == _DETAILS:
                        if referral is not None:
                            referrals.append(referral)
                            if closure is not None and closure < referral:
                                cube.error(self.name, closure_line, "CINclosureDate",
                                           "CINclosureDate is before CINreferralDate.")
                            if referral <= end and (closure is None or closure > end) and not nfa:
                                stages.add("cin_at_31_march")
                        referral = closure = None
                        nfa = False
                    elif code == _NFA:
                        nfa = (elem.text or "").strip().lower() in _TRUE
                    elif code == _ID:
                        child_id = elem.text
                    elif code == _SEX:
                        sex = elem.text
                    elif code == _ETHNICITY:
                        ethnicity = elem.text
                    elif code == _BIRTH:
                        birth_el = elem
                    elif code == _EXPECTED_BIRTH:
                        expected_el = elem
                    elif code == _CHILD:
                        count += 1
                        self.child(elem, child_id, sex, ethnicity, birth_el, expected_el, stages, referrals, seen,
                                   start, end)
                        child_id = sex = ethnicity = birth_el = expected_el = referral = closure = None
                        nfa = False
                        stages = set()
                        referrals = []
                        elem.clear()
                        parent = elem.getparent()
                        if parent is not None:
                            while elem.getprevious() is not None:
                                del parent[0]
                        if progress is not None and count % PROGRESS_EVERY == 0:
                            progress(count)
                    elif code == _HEADER:
                        self.header(elem)
                    else:  # </Children>
                        children_found = True
            except etree.XMLSyntaxError as exc:
                line, column = exc.position if exc.position and exc.position[0] else (exc.lineno, exc.offset)
                message = _POSITION_SUFFIX.sub("", _BYTES_DUMP.sub("", (exc.msg or str(exc)).strip()))
                cube.error(self.name, line or None, "",
                           f"The XML is not well formed at line {line}, column {column}: {message}")
                cube.notes.append(f"Reading stopped at line {line} of {self.name} because the XML is not well formed; "
                                  f"only the {count} child records before it were counted.")
                return count
        if count == 0 and not children_found and self.collection.upper() != "CIN":
            raise WrongFormat(f"{self.name} has no <Children> element: expected {_EXPECTED}.")
        if count == 0:
            cube.notes.append(f"{self.name} holds no child records.")
        if self.year is None:
            self.infer_year()
        return count

    def child(self, elem, child_id: str | None, sex: str | None, ethnicity: str | None, birth_el, expected_el,
              stages: set[str], referrals: list[date], seen: dict[str, int], start: date, end: date) -> None:
        """The end of one ``<Child>``: check its id, settle the referral stages and count it."""
        child_id = (child_id or "").strip()
        if child_id:
            first = seen.get(child_id)
            if first is not None:
                self.cube.error(self.name, elem.sourceline, "LAchildID",
                                f"This child has the same LAchildID as the child at line {first}; "
                                "only the first record was used.")
                return
            seen[child_id] = elem.sourceline
        else:
            self.cube.error(self.name, elem.sourceline, "LAchildID", "LAchildID is missing; the child was counted.")
        for day in referrals:
            if start <= day <= end:
                stages.add("referral")
                earliest = _minus_12_months(day)
                if any(earliest <= other < day for other in referrals):
                    stages.add("re_referral_12m")
                    break
        if not stages:
            return
        birth = None
        if birth_el is not None:
            birth = self.date(birth_el, check_future=True)
        if birth is None and expected_el is not None:
            birth = self.date(expected_el)
        cube = self.cube
        cube.add_child(ethnicity=cube.ethnicity(ethnicity), age_band=age_band(birth, end), sex=sex_key(sex),
                       stages=stages)


def read_cin(path: Path, *, year: int | None = None, today: date | None = None,
             progress: Callable[[int], None] | None = None) -> SourceResult:
    """Reduce a CIN census XML return to counts of children by stage (see the module docstring).

    ``year`` is the collection year (1 April ``year-1`` to 31 March ``year``); without it the header's
    ``ReferenceDate`` / ``Year`` is used, else the year of the latest date in the file (with a note).
    Raises :class:`WrongFormat` for a file that is not a CIN census; every other problem is recorded on
    the cube.
    """
    path = Path(path)
    cube = Cube()
    result = SourceResult(source="cin", year=year, cube=cube, files=[path.name])
    try:
        if path.stat().st_size == 0:
            cube.error(path.name, None, "", "The file is empty.")
            return result
        root = _sniff(path, path.name)
    except OSError as exc:
        cube.error(path.name, None, "", f"The file could not be opened ({exc.strerror}).")
        return result
    if root is not None and root[1] != "Message":
        raise _wrong_root(path.name, root[1])
    reader = _Reader(path, cube, root[0] if root else "", year, today or date.today(), progress)
    result.records_read = reader.run()
    result.year = None if reader.no_year else reader.year
    result.area_code = reader.area
    if progress is not None and result.records_read % PROGRESS_EVERY:
        progress(result.records_read)
    return result
