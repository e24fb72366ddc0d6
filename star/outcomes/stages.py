"""The stages of the children's social care pathway: stable ids, DfE counting rules, order.

A *collection year* ``Y`` runs from 1 April ``Y-1`` to 31 March ``Y`` (the DfE convention:
the 2024 CIN census and SSDA903 return cover 1 April 2023 to 31 March 2024). Each stage counts
*children*, not events: a child with two referrals in the year counts once at ``referral``.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Stage:
    id: str
    label: str
    definition: str
    previous: str | None  # the stage a conditional (stage-to-stage) ratio is measured from
    sources: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("contact", "Contact",
          "Children with at least one contact with children's social care in the period (Annex A list 1).",
          None, ("annexa",)),
    Stage("early_help", "Early help",
          "Children with an early help assessment in the period (Annex A list 2).",
          "contact", ("annexa",)),
    Stage("referral", "Referral",
          "Children with at least one referral to children's social care in the year (CIN census "
          "CINreferralDate in the year; Annex A list 3).",
          "contact", ("cin", "annexa")),
    Stage("re_referral_12m", "Re-referral within 12 months",
          "Children referred in the year within 12 months of an earlier referral (CIN census: an earlier "
          "CINreferralDate on the child's record at most 12 months before; Annex A list 3 re-referral column).",
          "referral", ("cin", "annexa")),
    Stage("assessment", "Assessment",
          "Children with a social work (continuous) assessment started in the year (CIN census "
          "AssessmentActualStartDate; Annex A list 4).",
          "referral", ("cin", "annexa")),
    Stage("section47", "Section 47 enquiry",
          "Children who were the subject of a section 47 enquiry started in the year (CIN census "
          "S47ActualStartDate; Annex A list 5).",
          "assessment", ("cin", "annexa")),
    Stage("icpc", "Initial child protection conference",
          "Children with an initial child protection conference in the year (CIN census DateOfInitialCPC; "
          "Annex A list 5).",
          "section47", ("cin", "annexa")),
    Stage("cin_plan", "Child in need plan",
          "Children with a child in need plan starting in the year (CIN census CINPlanStartDate; "
          "Annex A list 6).",
          "assessment", ("cin", "annexa")),
    Stage("cp_plan", "Child protection plan",
          "Children who became the subject of a child protection plan in the year (CIN census "
          "CPPstartDate; Annex A list 7).",
          "icpc", ("cin", "annexa")),
    Stage("cin_at_31_march", "Child in need at 31 March",
          "Children with an open episode of need on 31 March: referred on or before that date, not closed "
          "on or before it, and not a referral with no further action (CIN census).",
          "referral", ("cin",)),
    Stage("cla_start", "Started to be looked after",
          "Children who started to be looked after in the year: an episode with reason for new episode 'S' "
          "starting in the year (SSDA903; Annex A list 8 start date). Children whose only legal statuses "
          "are the short-break ones (V3, V4) are not counted as looked after.",
          "referral", ("ssda903", "annexa")),
    Stage("cla_at_31_march", "Looked after at 31 March",
          "Children with an episode covering 31 March (started on or before it, not ceased on or before it) "
          "under a legal status other than the short-break ones V3 and V4 (SSDA903; Annex A list 8, "
          "looked after at the end of the period).",
          "cla_start", ("ssda903", "annexa")),
    Stage("care_leaver", "Care leaver",
          "Care leavers aged 17 to 21 whose leaving-care information was collected in the year (SSDA903 "
          "OC3 records; Annex A list 9).",
          "cla_at_31_march", ("ssda903", "annexa")),
)

STAGE_IDS: tuple[str, ...] = tuple(stage.id for stage in STAGES)
BY_ID: dict[str, Stage] = {stage.id: stage for stage in STAGES}

# Tracked transitions: (previous, stage) pairs counted per child when one source sees both.
TRANSITIONS: tuple[tuple[str, str], ...] = tuple((stage.previous, stage.id) for stage in STAGES if stage.previous)

SOURCES = {"ssda903": "SSDA903 (children looked after)", "cin": "CIN census (children in need)",
           "annexa": "Ofsted Annex A"}

AGE_BANDS = ("0-4", "5-9", "10-15", "16-17", "18+", "unknown")
SEXES = ("female", "male", "unknown")


def year_bounds(year: int) -> tuple[date, date]:
    """First and last day of collection year ``year`` (1 April year-1 to 31 March year)."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def collection_year(day: date) -> int:
    """The collection year a date falls in."""
    return day.year + 1 if day.month >= 4 else day.year
