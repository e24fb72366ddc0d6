"""Read the SSDA903 children-looked-after return into a :class:`~star.outcomes.cube.Cube`.

Two forms are accepted:

* the CSV tables (header, episodes, oc3 and any of the others, which are recognised and skipped),
  each identified by its first row, so the names of the files do not matter;
* the XML export: ``<EXPSSDA903>`` holding one ``<CHILD>`` per child, each with a ``<HEADER>`` and its
  ``<EPISODE>`` elements (directly or inside ``<EPISODES>``); OC3 (care leaver) data is either an
  ``<OC3>`` element or the ``IN_TOUCH`` / ``ACTIV`` / ``ACCOM`` fields of the header. The XML is streamed
  child by child and each processed element is freed, so memory stays flat however large the file.

Counting rules (see :mod:`star.outcomes.stages`), for collection year ``Y`` (1 April ``Y-1`` to 31 March ``Y``):

* ``cla_start``: an episode with RNE ``S`` whose DECOM is in the year;
* ``cla_at_31_march``: an episode with DECOM on or before 31 March ``Y`` and DEC blank or after it;
* episodes under the short-break legal statuses V3 and V4 never count for either;
* ``care_leaver``: an OC3 record for a young person aged 17 to 21 on 31 March ``Y``.

Child identifiers are held in memory only while the files are read (CSV tables of one child can be far
apart) and are never stored or quoted: problems point at a file and line.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from ..cube import Cube, SourceResult, WrongFormat, age_band, sex_key
from ..stages import collection_year, year_bounds

SOURCE = "ssda903"
PROGRESS_EVERY = 5000
SHORT_BREAKS = frozenset({"V3", "V4"})
LEGAL_STATUSES = frozenset({"C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"})
REASONS_NEW_EPISODE = frozenset({"S", "L", "P", "T", "B", "U"})
CARE_LEAVER_AGES = range(17, 22)
OC3_FIELDS = ("IN_TOUCH", "ACTIV", "ACCOM")

# The CSV tables this reader uses, and the columns each needs.
REQUIRED = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC"),
    "episodes": ("CHILD", "DECOM", "RNE", "LS", "DEC"),
    "oc3": ("CHILD",),
}
LABELS = {"header": "header", "episodes": "episodes", "oc3": "OC3 (care leavers)"}
# The other SSDA903 tables, recognised by a column only they have, and skipped.
OTHER_TABLES = (
    ("reviews", {"REVIEW", "REVIEW_CODE"}),
    ("uasc", {"DUC"}),
    ("oc2", {"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK"}),
    ("ad1", {"DATE_INT", "DATE_MATCH", "FOSTER_CARE"}),
    ("placed_for_adoption", {"DATE_PLACED", "DATE_PLACED_CEASED"}),
    ("previous_permanence", {"PREV_PERM", "LA_PERM", "DATE_PERM"}),
    ("missing", {"MISSING", "MIS_START", "MIS_END"}),
    ("sw_episodes", {"SW_ID", "SW_DECOM", "SW_DEC"}),
    ("dolo", {"DOLO_START", "DOLO_END"}),
)
EXPECTED_CSV = ("its first row should name the columns of an SSDA903 table, such as CHILD, SEX, DOB, ETHNIC "
                "(header) or CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC (episodes)")
EXPECTED_XML = "an SSDA903 XML export starts with <EXPSSDA903> and holds one <CHILD> element per child"

_FALLBACK_FORMATS = ("%d.%m.%Y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d")
_BYTES_DUMP = re.compile(r"\s*,?\s*Bytes:.*", re.DOTALL)
_LXML_POSITION = re.compile(r",? line \d+, column \d+$")
_DECOM_TAG = re.compile(rb"<DECOM>\s*([0-9/\-]{8,10})\s*</DECOM>")


def _fast_date(text: str) -> date | None:
    """dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd without strptime (this runs for every date in the file)."""
    try:
        parts = text.split("/")
        if len(parts) == 3 and len(parts[2]) == 4:
            day = date(int(parts[2]), int(parts[1]), int(parts[0]))
        else:
            parts = text.split("-")
            if len(parts) != 3:
                return None
            if len(parts[0]) == 4:
                day = date(int(parts[0]), int(parts[1]), int(parts[2]))
            elif len(parts[2]) == 4:
                day = date(int(parts[2]), int(parts[1]), int(parts[0]))
            else:
                return None
    except ValueError:
        return None
    return day if day.year >= 1900 else None


def parse_date(text: str | None) -> date | None:
    """A date from the return: None when blank; ValueError when it is not a date."""
    text = (text or "").strip()
    if not text:
        return None
    day = _fast_date(text)
    if day is None and (" " in text or "T" in text):  # a time after the date, as spreadsheets export it
        day = _fast_date(text.replace("T", " ").split(" ", 1)[0])
    if day is not None:
        return day
    for fmt in _FALLBACK_FORMATS:
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day.year >= 1900:
            return day
    raise ValueError("not a date")


def _quiet_date(text: str | None) -> date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def _has_text(element) -> bool:
    return element is not None and any((item.text or "").strip() for item in element.iter())


def _normalise(column: str) -> str:
    return column.strip().removeprefix("\ufeff").removeprefix("ï»¿").strip().strip('"').strip().upper()


def _table(columns: set[str]) -> str | None:
    """Which SSDA903 table a CSV is, from the names in its first row (None: not SSDA903)."""
    if "DECOM" in columns:
        return "episodes"
    if "ETHNIC" in columns or {"SEX", "UPN"} <= columns:
        return "header"
    if columns & set(OC3_FIELDS):
        return "oc3"
    for name, markers in OTHER_TABLES:
        if columns & markers:
            return name
    if "CHILD" in columns:
        return "unknown"
    return None


def _sniff(path: Path) -> tuple[str, bytes]:
    """'xml', 'csv', 'xlsx' or 'empty', and the first bytes of the file."""
    with path.open("rb") as handle:
        start = handle.read(65536)
    if start.startswith(b"PK\x03\x04"):
        return "xlsx", start
    body = start.removeprefix(codecs.BOM_UTF8)
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = body.decode("utf-16", errors="replace").lstrip("\ufeff").lstrip()
        return ("xml" if text.startswith("<") else "csv" if text else "empty"), start
    body = body.lstrip()
    if not body:
        return "empty", start
    return ("xml" if body.startswith(b"<") else "csv"), start


def _encoding(path: Path, start: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or else Windows-1252."""
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _first_row(start: bytes, encoding_hint: str) -> list[str]:
    text = start.decode(encoding_hint, errors="replace") if encoding_hint == "utf-16" else \
        start.decode("utf-8-sig", errors="replace")
    for row in csv.reader(text.splitlines()[:20]):
        if any(cell.strip() for cell in row):
            return [_normalise(cell) for cell in row]
    return []


class _Child:
    """What the CSV tables say about one child, until every file has been read."""

    __slots__ = ("dob", "episodes", "ethnic", "first", "header", "oc3", "sex")

    def __init__(self) -> None:
        self.header: tuple[str, int] | None = None  # file, line of the header row
        self.ethnic = ""
        self.sex = "unknown"
        self.dob: date | None = None
        self.episodes: list[tuple] | None = None
        self.oc3: tuple[str, int] | None = None
        self.first: tuple[str, int] | None = None  # file, line of its first episode or OC3 row


def _place(file: str, line: int, here: str) -> str:
    return f"line {line}" if file == here else f"{file} line {line}"


class _Reader:
    def __init__(self, year: int | None, today: date, progress: Callable[[int], None] | None) -> None:
        self.year = year
        self.today = today
        self.progress = progress
        self.cube = Cube()
        self.records = 0
        self.latest_start: date | None = None
        self.children: dict[str, _Child] = {}  # CSV: child id -> what the tables say (memory only)
        self.xml_ids: dict[str, tuple[str, int, int]] = {}  # XML: child id -> file, line, record number
        self.start = self.end = date.min
        self.oc3_out_of_range = 0

    # -- shared ------------------------------------------------------------------------------------------

    def tick(self) -> None:
        self.records += 1
        if self.progress is not None and self.records % PROGRESS_EVERY == 0:
            self.progress(self.records)

    def date(self, file: str, line: int, field: str, text: str | None, where: str = "", *,
             required: bool = False) -> tuple[bool, date | None]:
        """(ok, date): a problem is reported and ok is False when the date is unusable."""
        try:
            day = parse_date(text)
        except ValueError:
            self.cube.error(file, line, field, f"{where}{field} is not a date (expected dd/mm/yyyy).")
            return False, None
        if day is None:
            if required:
                self.cube.error(file, line, field, f"{where}{field} is blank.")
                return False, None
            return True, None
        if day > self.today:
            self.cube.error(file, line, field, f"{where}{field} is in the future (after {self.today:%d/%m/%Y}).")
            return False, None
        return True, day

    def episode(self, file: str, line: int, decom_text: str | None, rne: str | None, ls: str | None,
                dec_text: str | None, where: str = "", number: int = 0) -> tuple | None:
        """One episode as (DECOM, DEC, counts, is a start, file, line, number in an XML child record),
        or None when it cannot be used."""
        today = self.today
        decom = _fast_date(decom_text) if decom_text else None  # the usual case, without the checks' overhead
        if decom is None or decom > today:
            ok, decom = self.date(file, line, "DECOM", decom_text, where, required=True)
        else:
            ok = True
        dec = _fast_date(dec_text) if dec_text else None
        if dec is None or dec > today:
            ok_end, dec = self.date(file, line, "DEC", dec_text, where)
        else:
            ok_end = True
        if not (ok and ok_end):
            return None
        if dec is not None and dec < decom:
            self.cube.error(file, line, "DEC", f"{where}The episode ends (DEC) before it starts (DECOM).")
            return None
        rne = (rne or "").strip().upper()
        ls = (ls or "").strip().upper()
        if rne not in REASONS_NEW_EPISODE:
            self.cube.invalid("RNE", rne)
        if ls not in LEGAL_STATUSES:
            self.cube.invalid("LS", ls)
        if self.latest_start is None or decom > self.latest_start:
            self.latest_start = decom
        return decom, dec, ls not in SHORT_BREAKS, rne == "S", file, line, number

    def stages(self, episodes: list[tuple], where: str = "") -> set[str]:
        """The looked-after stages a child's episodes reach; overlapping episodes are reported."""
        reached: set[str] = set()
        start, end = self.start, self.end
        if len(episodes) > 1:
            episodes.sort(key=lambda episode: (episode[0], episode[5]))
        latest = None  # the episode seen so far that ends last
        for episode in episodes:
            decom, dec, counts, is_start, file, line, number = episode
            if latest is not None:
                latest_end = latest[1]
                if latest_end is None or decom < latest_end:
                    which = (f"episode {number} starts before episode {latest[6]}" if number else
                             f"This episode starts before the episode at {_place(latest[4], latest[5], file)}")
                    self.cube.warn(file, line, "DECOM",
                                   f"{where}{which} ends: a child's episodes should not overlap.")
                if latest_end is not None and (dec is None or dec > latest_end):
                    latest = episode
            else:
                latest = episode
            if counts and decom <= end:
                if is_start and decom >= start:
                    reached.add("cla_start")
                if dec is None or dec > end:
                    reached.add("cla_at_31_march")
        return reached

    def care_leaver(self, dob: date | None) -> bool:
        if dob is None:
            return True
        age = self.end.year - dob.year - ((self.end.month, self.end.day) < (dob.month, dob.day))
        if age in CARE_LEAVER_AGES:
            return True
        self.oc3_out_of_range += 1
        return False

    def set_year(self, year: int) -> None:
        self.year = year
        self.start, self.end = year_bounds(year)

    # -- CSV ---------------------------------------------------------------------------------------------

    def classify_csv(self, path: Path, start: bytes) -> tuple[str, str]:
        encoding_hint = "utf-16" if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8"
        columns = _first_row(start, encoding_hint)
        table = _table(set(columns))
        if table is None:
            hint = " (it looks like a CIN census)" if {"LACHILDID", "CINREFERRALDATE"} & set(columns) else ""
            raise WrongFormat(f"{path.name} does not look like an SSDA903 file{hint}: {EXPECTED_CSV}.")
        return table, encoding_hint

    def read_csv(self, path: Path, table: str, start: bytes) -> None:
        file = path.name
        encoding = _encoding(path, start)
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            try:
                columns = []
                for row in reader:
                    if any(cell.strip() for cell in row):
                        columns = [_normalise(cell) for cell in row]
                        break
                index: dict[str, int] = {}
                for position, name in enumerate(columns):
                    index.setdefault(name, position)
                missing = [name for name in REQUIRED[table] if name not in index]
                if missing:
                    self.cube.error(file, reader.line_num, ", ".join(missing),
                                    f"The {LABELS[table]} file has no {', '.join(missing)} column"
                                    f"{'s' if len(missing) > 1 else ''}, so it was not read.")
                    return
                getattr(self, f"read_{table}")(file, reader, index, len(columns))
            except csv.Error as exc:
                self.cube.error(file, reader.line_num, "", f"The CSV could not be read past this line ({exc}).")

    @staticmethod
    def _rows(reader, width: int):
        for row in reader:
            if len(row) < width:
                row += [""] * (width - len(row))
            yield reader.line_num, row

    def _child(self, file: str, line: int, row: list[str], at: int) -> _Child | None:
        child_id = row[at].strip()
        if not child_id:
            if any(cell.strip() for cell in row):  # a row of empty cells, as spreadsheets leave, is skipped
                self.cube.error(file, line, "CHILD", "CHILD (the child's identifier) is blank.")
            return None
        child = self.children.get(child_id)
        if child is None:
            child = self.children[child_id] = _Child()
        return child

    def read_header(self, file: str, reader, index: dict[str, int], width: int) -> None:
        child_at, sex_at, dob_at, ethnic_at = (index[name] for name in REQUIRED["header"])
        for line, row in self._rows(reader, width):
            self.tick()
            child = self._child(file, line, row, child_at)
            if child is None:
                continue
            if child.header is not None:
                self.cube.error(file, line, "CHILD",
                                f"This child is already in the header at {_place(*child.header, file)}; "
                                "this row was ignored.")
                continue
            child.header = (file, line)
            child.ethnic = row[ethnic_at]
            child.sex = sex_key(row[sex_at])
            child.dob = self.date(file, line, "DOB", row[dob_at])[1]

    def read_episodes(self, file: str, reader, index: dict[str, int], width: int) -> None:
        child_at, decom_at, rne_at, ls_at, dec_at = (index[name] for name in REQUIRED["episodes"])
        for line, row in self._rows(reader, width):
            self.tick()
            child = self._child(file, line, row, child_at)
            if child is None:
                continue
            episode = self.episode(file, line, row[decom_at], row[rne_at], row[ls_at], row[dec_at])
            if child.episodes is None:
                child.episodes = []
                child.first = child.first or (file, line)
            if episode is not None:
                child.episodes.append(episode)

    def read_oc3(self, file: str, reader, index: dict[str, int], width: int) -> None:
        child_at = index["CHILD"]
        for line, row in self._rows(reader, width):
            self.tick()
            child = self._child(file, line, row, child_at)
            if child is not None and child.oc3 is None:
                child.oc3 = (file, line)
                child.first = child.first or (file, line)

    def count_csv_children(self, header_given: bool) -> None:
        orphans = 0
        orphan_at: tuple[str, int] | None = None
        for child in self.children.values():
            reached = self.stages(child.episodes) if child.episodes else set()
            if child.header is None:
                if child.episodes is None and child.oc3 is None:
                    continue
                orphans += 1
                if header_given:
                    self.cube.error(*child.first, "CHILD", "This child has episodes or an OC3 record but is not in "
                                                           "the header file, so was not counted.")
                elif orphan_at is None:
                    orphan_at = child.first
                continue
            if child.oc3 is not None and self.care_leaver(child.dob):
                reached.add("care_leaver")
            if reached:
                self.cube.add_child(ethnicity=self.cube.ethnicity(child.ethnic), age_band=age_band(child.dob, self.end),
                                    sex=child.sex, stages=reached)
        if orphans and not header_given:
            self.cube.error(orphan_at[0] if orphan_at else "", None, "CHILD",
                            f"No SSDA903 header file (columns CHILD, SEX, DOB, ETHNIC) was given, so the {orphans} "
                            "children in the other files could not be counted: add the header file.")

    # -- XML ---------------------------------------------------------------------------------------------

    @staticmethod
    def xml_root(path: Path) -> str | None:
        with path.open("rb") as handle:
            try:
                for _, element in etree.iterparse(handle, events=("start",), resolve_entities="internal"):
                    return etree.QName(element).localname
            except etree.XMLSyntaxError:
                return None
        return None

    @staticmethod
    def _free(element) -> None:
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]

    def latest_xml_start(self, path: Path) -> date | None:
        """The latest (not future) DECOM in an XML export, for choosing the year before it is read.

        A plain scan of the bytes for ``<DECOM>`` is ten times faster than parsing; the file is parsed
        (and any fault reported) when it is read. UTF-16 files, rare, are parsed.
        """
        latest = None
        with path.open("rb") as handle:
            if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                return self._latest_xml_start_parsed(path)
            handle.seek(0)
            tail = b""
            while block := handle.read(1 << 22):
                data = tail + block
                for found in _DECOM_TAG.finditer(data):
                    day = _quiet_date(found.group(1).decode("ascii"))
                    if day is not None and day <= self.today and (latest is None or day > latest):
                        latest = day
                tail = data[-64:]
        return latest

    def _latest_xml_start_parsed(self, path: Path) -> date | None:
        latest = None
        with path.open("rb") as handle:
            try:
                for _, element in etree.iterparse(handle, events=("end",), tag=("DECOM", "CHILD"),
                                                  resolve_entities="internal"):
                    if element.tag == "DECOM":
                        day = _quiet_date(element.text)
                        if day is not None and day <= self.today and (latest is None or day > latest):
                            latest = day
                    else:
                        self._free(element)
            except etree.XMLSyntaxError:
                pass  # reported when the file is read
        return latest

    def read_xml(self, path: Path) -> None:
        file = path.name
        number = 0
        with path.open("rb") as handle:
            try:
                for _, element in etree.iterparse(handle, events=("end",), tag="CHILD", resolve_entities="internal"):
                    number += 1
                    self.tick()
                    self.xml_child(file, element, number)
                    self._free(element)
            except etree.XMLSyntaxError as exc:
                line, column = exc.position or (exc.lineno, exc.offset)
                message = _LXML_POSITION.sub("", _BYTES_DUMP.sub("", (exc.msg or str(exc)).strip())).rstrip(".")
                self.cube.error(file, line or None, "XML", f"The XML is not well formed at line {line}, column "
                                                           f"{column}: {message}. The rest of the file was not read.")

    def xml_date(self, file: str, parent, fields: dict, tag: str, where: str) -> date | None:
        text = fields.get(tag)
        if not text:
            return None
        day = _fast_date(text)
        if day is not None and day <= self.today:
            return day
        element = parent.find(tag)
        return self.date(file, element.sourceline, tag, text, where)[1]

    def xml_child(self, file: str, element, number: int) -> None:
        # One pass over the direct children (findtext per field costs several times more).
        header = oc3 = None
        items = []
        for item in element:
            tag = item.tag
            if tag == "EPISODE":
                items.append(item)
            elif tag == "HEADER":
                header = item
            elif tag == "EPISODES":
                items.extend(item.iterchildren("EPISODE"))
            elif tag == "OC3":
                oc3 = item
        where = f"Child record {number}: "
        if header is None:
            self.cube.error(file, element.sourceline, "HEADER",
                            f"{where}there is no HEADER, so the child was not counted.")
            return
        fields = {item.tag: item.text for item in header}
        child_id = (fields.get("CHILDID") or "").strip()
        if not child_id:
            self.cube.error(file, header.sourceline, "CHILDID", f"{where}CHILDID (the child's identifier) is blank.")
        else:
            first = self.xml_ids.get(child_id)
            if first is not None:
                self.cube.error(file, element.sourceline, "CHILDID",
                                f"{where}the same child as child record {first[2]} (at "
                                f"{_place(first[0], first[1], file)}); this record was not counted.")
                return
            self.xml_ids[child_id] = (file, element.sourceline, number)
        episodes = []
        for position, item in enumerate(items, 1):
            values = {value.tag: value.text for value in item}
            episode = self.episode(file, item.sourceline, values.get("DECOM"), values.get("RNE"), values.get("LS"),
                                   values.get("DEC"), f"Child record {number}, episode {position}: ", position)
            if episode is not None:
                episodes.append(episode)
        reached = self.stages(episodes, where) if episodes else set()
        dob = self.xml_date(file, header, fields, "DOB", where)
        if oc3 is None and "OC3" in fields:  # OC3 inside the header
            oc3 = header.find("OC3")
        if (_has_text(oc3) or any(fields.get(tag) and fields[tag].strip() for tag in OC3_FIELDS)) \
                and self.care_leaver(dob):
            reached.add("care_leaver")
        if reached:
            self.cube.add_child(ethnicity=self.cube.ethnicity(fields.get("ETHNIC")), age_band=age_band(dob, self.end),
                                sex=sex_key(fields.get("SEX")), stages=reached)

    # -- the whole return --------------------------------------------------------------------------------

    def run(self, paths: Sequence[Path]) -> SourceResult:
        result = SourceResult(source=SOURCE, year=None, cube=self.cube, files=[path.name for path in paths])
        xml_files: list[Path] = []
        csv_files: list[tuple[Path, str, bytes]] = []
        tables: set[str] = set()
        for path in paths:  # recognise every file before reading any, so a wrong file fails fast
            try:
                kind, start = _sniff(path)
            except OSError as exc:
                self.cube.error(path.name, None, "", f"The file could not be opened ({exc.strerror}).")
                continue
            if kind == "xlsx":
                raise WrongFormat(f"{path.name} does not look like an SSDA903 file: it is an Excel workbook; "
                                  "give the SSDA903 tables as CSV files or the XML export.")
            if kind == "empty":
                self.cube.error(path.name, None, "", "The file is empty.")
            elif kind == "xml":
                root = self.xml_root(path)
                if root is not None and root != "EXPSSDA903":
                    hint = " (a CIN census or other DfE collection)" if root == "Message" else ""
                    raise WrongFormat(f"{path.name} does not look like an SSDA903 file: its root element is "
                                      f"<{root}>{hint}, but {EXPECTED_XML}.")
                xml_files.append(path)
            else:
                table, _ = self.classify_csv(path, start)
                tables.add(table)
                if table in REQUIRED:
                    csv_files.append((path, table, start))
                elif table == "unknown":
                    self.cube.notes.append(f"{path.name} has a CHILD column but is not an SSDA903 table this "
                                           "reader knows; it was not used.")
        order = {"header": 0, "episodes": 1, "oc3": 2}
        for path, table, start in sorted(csv_files, key=lambda item: order[item[1]]):
            self.read_csv(path, table, start)
        if paths and not xml_files and not tables & {"episodes", "oc3"}:
            self.cube.error(paths[0].name, None, "", "No SSDA903 episodes file (columns CHILD, DECOM, RNE, LS, ..., "
                                                     "DEC, REC) was given.")
        if self.year is None:
            latest = self.latest_start
            for path in xml_files:
                day = self.latest_xml_start(path)
                if day is not None and (latest is None or day > latest):
                    latest = day
            if latest is None:
                self.children.clear()
                result.records_read = self.records
                return result  # no year: nothing can be counted (the caller asks for --year)
            self.set_year(collection_year(latest))
            self.cube.notes.append(f"Collection year {self.year} taken from the latest episode date; "
                                   "give --year to choose another.")
        else:
            self.set_year(self.year)
        for path in xml_files:
            self.read_xml(path)
        self.xml_ids.clear()
        if self.children:
            self.count_csv_children("header" in tables)
            self.children.clear()
        if self.oc3_out_of_range:
            self.cube.notes.append(f"{self.oc3_out_of_range} OC3 record(s) were for young people not aged 17 to 21 "
                                   f"on 31 March {self.year}, so were not counted as care leavers.")
        result.year = self.year
        result.records_read = self.records
        return result


def read_ssda903(paths: Sequence[Path], *, year: int | None = None, today: date | None = None,
                 progress: Callable[[int], None] | None = None) -> SourceResult:
    """Reduce an SSDA903 return (CSV tables or the XML export) to a cube of looked-after children.

    ``year`` is the collection year (1 April ``year-1`` to 31 March ``year``); without it the year of the
    latest episode start is used and a note says so. Problems in the data are reported on the cube with
    file and line; :class:`WrongFormat` is raised for a file that is not SSDA903 at all.
    """
    return _Reader(year, today or date.today(), progress).run([Path(path) for path in paths])
