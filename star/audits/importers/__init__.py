"""The case list of an audit programme: CSV or XLSX, all rows or none, each problem with its row."""

import re

from django.conf import settings

from star.core.imports import ETHNICITY, Column, ImportSpec, Param, register
from star.core.imports.errors import ParseError
from star.core.imports.parsers import make_choice, make_int, make_text

from ..services import case_list_store

STAGES = {
    "early help": "Early help", "eh": "Early help",
    "assessment": "Assessment",
    "child in need": "Child in need", "cin": "Child in need",
    "child protection": "Child protection", "cp": "Child protection", "cpp": "Child protection",
    "looked after": "Child looked after", "child looked after": "Child looked after", "cla": "Child looked after",
    "lac": "Child looked after",
    "care leaver": "Care leaver", "leaving care": "Care leaver",
}


def _case_reference(value) -> str:
    raw = make_text(40)(value).upper()
    if not re.fullmatch(settings.STAR["CASE_REFERENCE_PATTERN"], raw):
        raise ParseError(f"‘{raw[:40]}’ is not a case reference like {settings.STAR['CASE_REFERENCE_EXAMPLE']}")
    return raw


_case_reference.is_text = True
_case_reference.cacheable = False


class CaseListChecker:
    """Each case once."""

    def __init__(self, context):
        self.context, self.seen = context, {}

    def row(self, number, values):
        reference = values.get("case_reference")
        if reference and reference in self.seen:
            self.context.error(number, "case_reference", f"Case {reference} is already on row {self.seen[reference]}")
        elif reference:
            self.seen[reference] = number


CASE_LIST = register(ImportSpec(
    kind="audits.cases",
    label="Case list for an audit programme",
    description="The cases an audit programme samples from: one row per case.",
    columns=(
        Column("case_reference", _case_reference, required=True,
               description="The case's id in the case-management system", aliases=("case", "case_id", "reference")),
        Column("team", make_text(160), required=True, description="The team holding the case"),
        Column("worker", make_text(254), description="The allocated worker's work email address",
               aliases=("allocated_worker", "worker_email")),
        Column("ethnicity", ETHNICITY, required=True, description="The child's ethnicity: DfE code or ONS label",
               aliases=("child_ethnicity", "ethnicity_code")),
        Column("stage", make_choice(STAGES), required=True,
               description="Early help, assessment, child in need, child protection, child looked after or "
                           "care leaver", aliases=("stage_of_involvement",)),
    ),
    params=(Param("programme", "Audit programme", make_int(minimum=1), required=True),),
    writer=case_list_store,
    checker=CaseListChecker,
    roles=frozenset({"practice_lead", "admin"}),
    own_page=True,
    template="docs/templates/audit-case-list.csv",
))
