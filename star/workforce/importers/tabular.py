"""The workforce CSV/XLSX templates (docs/templates/workforce-*.csv), declared as data."""

from star.core.imports import ETHNICITY, Column, ImportSpec, Param, ParseError
from star.core.imports.parsers import make_choice, make_decimal, make_int, make_text, parse_date, parse_flag, text
from star.core.models import staff_key_for

from .. import services
from ..models import FormalProcess
from .checks import ApplicationChecker, PromotionChecker, StaffChecker

ROLES = frozenset({"equality_analyst", "admin"})
TIERS = {"senior": "senior", "middle": "middle", "first-line": "first_line", "first line": "first_line",
         "first_line": "first_line"}
CONTRACTS = {"permanent": "permanent", "agency": "agency"}
PROCESS_KINDS = {"disciplinary": FormalProcess.Kind.DISCIPLINARY, "capability": FormalProcess.Kind.CAPABILITY,
                 "fitness_to_practise": FormalProcess.Kind.FITNESS_TO_PRACTISE,
                 "fitness to practice": FormalProcess.Kind.FITNESS_TO_PRACTISE}


def hashed_id(value) -> str:
    """A staff or application id, kept only as its keyed hash."""
    raw = text(value)
    if len(raw) > 60:
        raise ParseError(f"The id is {len(raw)} characters long: the most allowed is 60")
    return staff_key_for(raw)


hashed_id.is_text = True
hashed_id.cacheable = False  # every id is different: caching would only use memory
STAFF_ID = Column("staff_id", hashed_id, required=True, description="HR staff id (stored only as a keyed hash)",
                  aliases=("employee_id", "employee_number", "staff_number", "person_id"))
AS_AT = Param("as_at", "As-at date", parse_date, required=True,
              help_text="The date the snapshot describes, for example 31 March 2026.")

STAFF_COLUMNS = (
    STAFF_ID,
    Column("ethnicity", ETHNICITY, required=True, description="ONS 2021 label, DfE code or your own wording",
           aliases=("ethnic_origin", "ethnic_group")),
    Column("grade", make_text(80), required=True, description="Grade code or name", aliases=("pay_grade",)),
    Column("grade_rank", make_int(minimum=0, maximum=32767), description="Whole number, higher is more senior"),
    Column("leadership_tier", make_choice(TIERS, allow_blank=True), description="senior, middle, first-line or blank"),
    Column("service", make_text(160)),
    Column("team", make_text(160)),
    Column("job_family", make_text(120)),
    Column("manager_id", hashed_id, description="Line manager's HR staff id (stored only as a keyed hash)"),
    Column("start_date", parse_date),
    Column("leaving_date", parse_date),
    Column("leaving_reason", make_text(120)),
    Column("fte", make_decimal(places=3, maximum="1.5", noun="The FTE"), description="Full-time equivalent, e.g. 0.8"),
    Column("hourly_pay", make_decimal(places=2, maximum="999999.99", noun="Pay"), aliases=("hourly_rate",)),
    Column("bonus_paid", make_decimal(places=2, maximum="99999999.99", noun="A bonus")),
    Column("contract", make_choice(CONTRACTS, allow_blank=True), description="permanent or agency"),
)

STAFF = ImportSpec(
    kind="workforce.staff", label="Staff snapshot",
    description="Everyone employed (and agency staff) on one date, with ethnicity, grade, pay and leavers.",
    columns=STAFF_COLUMNS, params=(AS_AT,), writer=services.staff_snapshot_import, checker=StaffChecker,
    roles=ROLES, template="docs/templates/workforce-staff.csv")

RECRUITMENT = ImportSpec(
    kind="workforce.recruitment", label="Recruitment",
    description="One row per application: shortlisting and appointment decisions.",
    columns=(
        Column("application_id", hashed_id, required=True, description="Application id (stored only as a hash)"),
        Column("vacancy_id", make_text(60), required=True),
        Column("grade", make_text(80), required=True),
        Column("ethnicity", ETHNICITY, required=True),
        Column("shortlisted", parse_flag, required=True, description="Y or N"),
        Column("appointed", parse_flag, required=True, description="Y or N"),
        Column("decision_date", parse_date, required=True),
        Column("service", make_text(160)),
    ),
    writer=services.applications_import, checker=ApplicationChecker, roles=ROLES,
    template="docs/templates/workforce-recruitment.csv")

PROCESSES = ImportSpec(
    kind="workforce.processes", label="Formal processes",
    description="Disciplinary, capability and fitness to practise cases, by the date they were opened.",
    columns=(STAFF_ID, Column("date_opened", parse_date, required=True),
             Column("kind", make_choice(PROCESS_KINDS), required=True,
                    description="disciplinary, capability or fitness_to_practise")),
    writer=services.formal_processes_import, roles=ROLES, template="docs/templates/workforce-processes.csv")

DEVELOPMENT = ImportSpec(
    kind="workforce.development", label="Development",
    description="Training and development activities, whether mandatory and whether funded.",
    columns=(STAFF_ID, Column("date", parse_date, required=True), Column("activity", make_text(200), required=True),
             Column("mandatory", parse_flag, required=True), Column("funded", parse_flag, required=True)),
    writer=services.development_activities_import, roles=ROLES, template="docs/templates/workforce-development.csv")

PROMOTIONS = ImportSpec(
    kind="workforce.promotions", label="Promotions",
    description="Moves to a more senior grade.",
    columns=(STAFF_ID, Column("date", parse_date, required=True), Column("from_grade", make_text(80), required=True),
             Column("to_grade", make_text(80), required=True)),
    writer=services.promotions_import, checker=PromotionChecker, roles=ROLES,
    template="docs/templates/workforce-promotions.csv")
