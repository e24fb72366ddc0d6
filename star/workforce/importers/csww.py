"""The DfE Children's Social Work Workforce census (CSWW) XML as a staff snapshot.

Read as a stream (expat, so each worker's line number is known) against the 2022 schema
(``social_work_workforce_2022.xsd``). What each element becomes, and why, is declared below and
documented in docs/imports.md.
"""

from xml.parsers import expat

from star.core.imports import FileRefused, ImportSpec
from star.core.imports.parsers import parse_date
from star.core.imports.reader import XML, Table, detect_format

from .. import services
from .checks import StaffChecker
from .tabular import AS_AT, ROLES, STAFF_COLUMNS

# OrgRole (roletype) -> (grade label, grade rank, leadership tier)
ORG_ROLES = {
    "1": ("Senior manager", 5, "senior"),
    "2": ("Middle manager", 4, "middle"),
    "3": ("First line manager", 3, "first_line"),
    "4": ("Senior practitioner", 2, ""),
    "5": ("Case holder", 1, ""),
    "6": ("Qualified without cases", 1, ""),
}
NO_ROLE = ("Role not recorded", None, "")
# ReasonLeave (reasontype)
LEAVING_REASONS = {
    "1": "Resignation", "2": "Voluntary redundancy", "3": "Compulsory redundancy", "4": "Dismissed",
    "5": "Retired", "6": "Deceased", "7": "Moved to a non-child and family social work role within the LA",
    "8": "Other", "9": "Not known", "10": "Not yet collected",
}
AGENCY = {"0": "permanent", "1": "agency"}
JOB_FAMILY = "Child and family social work"
WORKER_ELEMENTS = {"AgencyWorker", "SWENo", "FTE", "Ethnicity", "OrgRole", "RoleStartDate", "RoleEndDate",
                   "ReasonLeave"}


class _Stream:
    """Incremental expat parse yielding (line, {element: text}) per CSWWWorker."""

    CHUNK = 1 << 16

    def __init__(self, data: bytes):
        self.data, self.offset = data, 0
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.root = None
        self.header: dict[str, str] = {}
        self.path: list[str] = []
        self.buffer: list[str] = []
        self.worker: dict | None = None
        self.worker_line = 0
        self.ready: list[tuple[int, dict]] = []
        self.workers_seen = 0

    def _start(self, name, attrs):
        name = name.rsplit("}", 1)[-1]
        if self.root is None:
            self.root = name
        self.path.append(name)
        self.buffer = []
        if name == "CSWWWorker":
            self.worker, self.worker_line = {}, self.parser.CurrentLineNumber
            self.workers_seen += 1

    def _text(self, data):
        self.buffer.append(data)

    def _end(self, name):
        name = name.rsplit("}", 1)[-1]
        self.path.pop()
        value = "".join(self.buffer).strip()
        self.buffer = []
        if name == "CSWWWorker":
            self.ready.append((self.worker_line, self.worker))
            self.worker = None
        elif self.worker is not None and name in WORKER_ELEMENTS:
            self.worker[name] = value
        elif name in {"Collection", "ReferenceDate", "LEA"} and "Header" in self.path:
            self.header[name] = value

    def feed(self) -> bool:
        """Parse the next chunk; False at the end."""
        if self.offset >= len(self.data):
            return False
        chunk = self.data[self.offset:self.offset + self.CHUNK]
        self.offset += self.CHUNK
        try:
            self.parser.Parse(chunk, self.offset >= len(self.data))
        except expat.ExpatError as error:
            raise FileRefused(f"The XML is not well formed ({expat.ErrorString(error.code)} on line "
                              f"{error.lineno}): export the census file again.") from None
        return True

    def prime(self) -> None:
        """Parse up to the first worker, so the header (census date) is known."""
        while self.workers_seen == 0 and self.feed():
            pass

    def workers(self):
        while True:
            yield from self.ready
            self.ready = []
            if not self.feed():
                yield from self.ready
                return


def read_csww(data: bytes, context) -> Table:
    """A staff-snapshot table from a CSWW file; the as-at date defaults to the census ReferenceDate."""
    if detect_format(data) != XML:
        raise FileRefused("This is a CSV or Excel file, not the CSWW census XML: choose ‘Staff snapshot’ as the "
                          "kind of import, or choose the census file.")
    stream = _Stream(data)
    stream.prime()
    if stream.root != "Message" or (stream.header.get("Collection") not in (None, "", "CSWW")):
        collection = stream.header.get("Collection")
        what = f"a {collection} return" if collection else f"an XML file whose root is <{stream.root}>"
        raise FileRefused(f"This is {what}, not the DfE social work workforce census (CSWW).")
    if stream.workers_seen == 0:
        raise FileRefused("This XML file has no CSWWWorker records: it is not a social work workforce census "
                          "return, or it is empty.")
    if context.params.get("as_at") is None:
        reference = stream.header.get("ReferenceDate")
        if not reference:
            raise FileRefused("The file has no census ReferenceDate: give the as-at date.")
        context.params["as_at"] = parse_date(reference)
        StaffChecker.refuse_existing_snapshot(context.organisation, context.params["as_at"])
    context.summary["census"] = {key: value for key, value in stream.header.items() if value}

    def rows():
        for line, worker in stream.workers():
            yield line, _as_staff_row(line, worker, context)

    columns = [column.name for column in STAFF_COLUMNS]
    return Table(XML, headers=columns, columns=columns, rows=rows(), encoding="")


def _as_staff_row(line: int, worker: dict, context) -> dict:
    role = worker.get("OrgRole", "")
    if role and role not in ORG_ROLES:
        context.error(line, "OrgRole", f"‘{role}’ is not an OrgRole code (1 to 6)")
    grade, rank, tier = ORG_ROLES.get(role, NO_ROLE)
    agency = worker.get("AgencyWorker", "")
    if agency not in AGENCY:
        context.error(line, "AgencyWorker", f"‘{agency}’ is not 0 or 1" if agency else "AgencyWorker is missing")
    reason = worker.get("ReasonLeave", "")
    if reason and reason not in LEAVING_REASONS:
        context.error(line, "ReasonLeave", f"‘{reason}’ is not a ReasonLeave code (1 to 10)")
    if not worker.get("SWENo"):
        context.error(line, "SWENo", "The worker has no SWENo (social worker registration number)")
    return {
        "staff_id": worker.get("SWENo", ""),
        "ethnicity": worker.get("Ethnicity", ""),
        "grade": grade,
        "grade_rank": "" if rank is None else str(rank),
        "leadership_tier": tier,
        "job_family": JOB_FAMILY,
        "start_date": worker.get("RoleStartDate", ""),
        "leaving_date": worker.get("RoleEndDate", ""),
        "leaving_reason": LEAVING_REASONS.get(reason, ""),
        "fte": worker.get("FTE", ""),
        "contract": AGENCY.get(agency, ""),
    }


class CswwChecker(StaffChecker):
    """Census roles are not the council's grades, so grades are not checked against its structure."""

    check_grades = False


CSWW = ImportSpec(
    kind="workforce.csww", label="Social work workforce census (CSWW XML)",
    description="The DfE Children's Social Work Workforce census return, as a staff snapshot of social workers.",
    columns=STAFF_COLUMNS, params=(AS_AT.__class__(AS_AT.name, AS_AT.label, AS_AT.parser, required=False,
                                                   help_text="Leave blank to use the census reference date."),),
    writer=services.staff_snapshot_import, checker=CswwChecker, reader=read_csww, roles=ROLES, accepts=".xml")
