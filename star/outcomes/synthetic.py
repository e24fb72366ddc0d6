"""Synthetic child-level children's social care returns for one council: seeded, documented, NOT real data.

What it is for
--------------
The demo and the benchmarks need returns that look and behave like a council's real SSDA903 (children
looked after), CIN census and Ofsted Annex A files without containing anyone's data. :func:`generate`
draws child-level records for one collection year (1 April ``year-1`` to 31 March ``year``, see
:mod:`star.outcomes.stages`); the ``write_*`` functions stream them out in the real file formats; and
:func:`expected_counts` gives the ground truth (children by stage and recorded DfE ethnicity code, per
the counting rules in :mod:`star.outcomes.stages`) that the readers must reproduce.

What it models
--------------
A child population of ``children`` 0-17 year olds, with an ethnic mix taken from ``population`` (DfE
codes to counts) or :data:`DEFAULT_POPULATION` (an English urban council, about 65% White British).
Four groups of children are drawn from it, each by ethnicity with the rates below:

* **New to the front door this year.** A contact (sometimes two or three); some go on to a referral
  (same day or a few days later); referred children mostly get a social work assessment (the rest are
  referrals with no further action, closed the same day); some assessed children have a section 47
  enquiry, some of those an initial child protection conference (ICPC) and some of those a child
  protection (CP) plan; others get a child in need (CIN) plan; a few start to be looked after. Cases
  close after assessment or when a plan ends; some closed cases are re-referred later in the year (a
  re-referral within 12 months). Contacts that are not referred sometimes get an early help assessment.
* **Open at the start of the year.** A CIN episode referred in an earlier year (so the record carries
  an *earlier referral before the year*), often with an ongoing CIN or CP plan. During the year about
  half close; some have a new section 47 enquiry (and ICPC, CP plan), some start to be looked after,
  some closed cases are re-referred. A few disabled children in this group have only short breaks
  (SSDA903 legal status V3/V4), which do not count as being looked after.
* **Looked after at the start of the year.** A period of care that began before 1 April (also an open
  CIN episode); about a third cease during the year.
* **Care leavers** aged 17 to 21 whose leaving-care information (SSDA903 OC3) is collected this year.

Event dates are drawn as day offsets with numpy and only events on or before 31 March ``year`` exist
(the return is made after the year ends). No event falls where two reasonable readings of a counting
rule would disagree: no referral is made, no case closes and no episode ends on 31 March; two referrals
in the same year are always within 12 months of each other, and a re-referral of a case from an earlier
year is never between 11 and 13 months after that case's referral.

Rates and where the patterns come from
--------------------------------------
:data:`TARGETS_PER_10K` are the national-like rates (children per 10,000 aged 0-17, England-like mix)
that the model's base probabilities (:data:`MODEL`) were tuned to give: the orders of magnitude of the
DfE "Characteristics of children in need" and "Children looked after in England including adoptions"
statistics. :data:`RELATIVE_RATES` gives, for each DfE ethnicity code, the rate relative to White British
children at each point of the pathway; the conditional (stage-to-stage) probabilities are ratios of
these, so e.g. a Black Caribbean child who is referred is 1.9 / 1.6 = 1.19 times as likely as a White
British child who is referred to go on to a section 47 enquiry. **The multipliers are illustrative**:
they approximate the published pattern of disproportionality (Black Caribbean, Mixed White and Black
Caribbean and Traveller children over-represented among looked-after children; Asian and Chinese
children under-represented; Black children overall about 1.4 times as likely as White children to be
looked after and about 1.1 times as likely to be on a CP plan), but they are not DfE figures and must
not be quoted as such.

Recorded ethnicity: a share of children have REFU (refused) or NOBT (not yet obtained) instead of
their ethnicity, larger the earlier they leave the pathway (about 12% of contact-only children, 3-5%
of children in need, 1-2% of looked-after children and care leavers). ``SyntheticChild.ethnicity`` is
the *recorded* code, which is what the files carry and what :func:`expected_counts` is keyed by.

Everything is synthetic: identifiers ("C" + 8 digits, UPNs starting "X"), dates and codes are drawn
from a seeded ``numpy.random.Generator``; the same ``(year, children, seed, population)`` always gives
the same children. Nothing is derived from any real child's record.

API
---
:func:`generate` (a list) or :func:`iter_children` (one record at a time) give :class:`SyntheticChild`
records; :func:`expected_counts` (and :func:`child_stages` for one child) the ground truth. Writers, all
streaming to disk (column names and element order copied from the samples in the shared data folder):
:func:`write_cin_census` (CIN census XML; ``<Sex>``, or ``sex_element="GenderCurrent"`` for the older
schemas), :func:`write_ssda903_csv` (header.csv, episodes.csv, oc3.csv), :func:`write_ssda903_xml`
(``<EXPSSDA903>`` as in fake_903.xml) and :func:`write_annexa` (Annex A lists 1 to 9, xlsx).

Speed (2 shared cores): 5.5 million children (about 400,000 in the CIN census, 773,000 records)
generate in about 8 s and their CIN census (440 MB) writes in about 5 s. Annex A goes through openpyxl's
write-only mode at roughly 30 microseconds a cell, about 95 s per million children of population: fine
for a council, slow at national scale.
"""

from __future__ import annotations

import bisect
import csv
import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np

from .stages import year_bounds

__all__ = [
    "DEFAULT_POPULATION",
    "ENGLAND_POPULATION",
    "ETHNICITIES",
    "MODEL",
    "RATE_COLUMNS",
    "RELATIVE_RATES",
    "SSDA903_COLUMNS",
    "TARGETS_PER_10K",
    "CareLeaver",
    "Episode",
    "Need",
    "SyntheticChild",
    "child_stages",
    "expected_counts",
    "generate",
    "iter_children",
    "write_annexa",
    "write_cin_census",
    "write_ssda903_csv",
    "write_ssda903_xml",
]

# ------------------------------------------------------------------------------------------------
# The multiplier table: rate relative to White British children (1.00) at each point of the pathway.
#
# ILLUSTRATIVE values approximating the published pattern in DfE "Characteristics of children in need"
# and "Children looked after in England including adoptions" (ethnicity breakdowns, rates per 10,000):
# not real figures. With the England-like mix the broad groups come out, relative to all White children:
#   looked after: Black ~1.4 (Black Caribbean ~2.0), Mixed ~1.7 (White and Black Caribbean ~2.5),
#                 Asian ~0.5, Other ~1.3;
#   CP plans:     Black ~1.1, Mixed ~1.6, Asian ~0.5, Other ~1.1.
# Columns:
#   contact      children with a contact (and early help assessments)
#   referral     children referred (assessments follow referrals at the same rate for every group)
#   section47    section 47 enquiries; s47 / referral is the stage-to-stage disparity (e.g. BCRB 1.19)
#   cp_plan      ICPCs and CP plans (ICPC / s47 = cp_plan / section47)
#   cin          CIN episodes open at the start of the year (carried over from earlier years)
#   looked_after started to be looked after, and looked after at the start of the year
#   care_leaver  care leavers aged 17-21 (Other and Black African include unaccompanied asylum seekers)
# ------------------------------------------------------------------------------------------------
RATE_COLUMNS = ("contact", "referral", "section47", "cp_plan", "cin", "looked_after", "care_leaver")
RELATIVE_RATES: dict[str, tuple[float, float, float, float, float, float, float]] = {
    #        contact referral s47   cp_plan cin  looked_after care_leaver
    "WBRI": (1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00),  # White British: the reference
    "WIRI": (0.80, 0.80, 0.80, 0.75, 0.80, 0.90, 0.90),  # White Irish
    "WIRT": (2.00, 2.20, 2.40, 3.00, 2.40, 2.20, 2.00),  # Traveller of Irish heritage
    "WOTH": (0.85, 0.85, 0.80, 0.75, 0.85, 0.85, 0.90),  # Any other White background
    "WROM": (1.40, 1.60, 1.80, 2.20, 1.70, 1.50, 1.40),  # Gypsy/Roma
    "MWBC": (1.80, 2.00, 2.30, 2.20, 2.20, 2.50, 2.40),  # White and Black Caribbean
    "MWBA": (1.40, 1.50, 1.60, 1.50, 1.50, 1.50, 1.60),  # White and Black African
    "MWAS": (0.90, 0.90, 0.90, 0.90, 0.90, 1.00, 1.00),  # White and Asian
    "MOTH": (1.40, 1.50, 1.60, 1.60, 1.60, 1.60, 1.70),  # Any other Mixed background
    "AIND": (0.40, 0.40, 0.40, 0.35, 0.35, 0.30, 0.35),  # Indian
    "APKN": (0.65, 0.65, 0.65, 0.60, 0.60, 0.55, 0.55),  # Pakistani
    "ABAN": (0.60, 0.60, 0.60, 0.55, 0.55, 0.50, 0.50),  # Bangladeshi
    "AOTH": (0.70, 0.70, 0.75, 0.65, 0.70, 0.70, 0.90),  # Any other Asian background
    "CHNE": (0.30, 0.30, 0.30, 0.25, 0.25, 0.25, 0.30),  # Chinese
    "BCRB": (1.50, 1.60, 1.90, 1.40, 1.70, 2.00, 2.00),  # Black Caribbean
    "BAFR": (1.10, 1.10, 1.30, 0.95, 1.20, 1.10, 1.40),  # Black African
    "BOTH": (1.40, 1.50, 1.80, 1.30, 1.60, 1.70, 2.00),  # Any other Black background
    "OOTH": (1.20, 1.25, 1.30, 1.10, 1.30, 1.25, 1.80),  # Any other ethnic group
}
ETHNICITIES: tuple[str, ...] = tuple(RELATIVE_RATES)

# Children aged 0-17 by DfE code, per 1,000: roughly England (ONS Census 2021). The model's base
# probabilities are tuned so that a population with this mix gives TARGETS_PER_10K.
ENGLAND_POPULATION: dict[str, int] = {
    "WBRI": 668, "WIRI": 4, "WIRT": 2, "WOTH": 65, "WROM": 3,
    "MWBC": 16, "MWBA": 9, "MWAS": 17, "MOTH": 20,
    "AIND": 30, "APKN": 40, "ABAN": 16, "AOTH": 19, "CHNE": 6,
    "BCRB": 7, "BAFR": 40, "BOTH": 14, "OOTH": 24,
}
# The default council: an English urban area, about 65% White British (per 1,000 children).
DEFAULT_POPULATION: dict[str, int] = {
    "WBRI": 650, "WIRI": 5, "WIRT": 2, "WOTH": 70, "WROM": 4,
    "MWBC": 22, "MWBA": 11, "MWAS": 16, "MOTH": 22,
    "AIND": 35, "APKN": 50, "ABAN": 18, "AOTH": 16, "CHNE": 5,
    "BCRB": 12, "BAFR": 35, "BOTH": 10, "OOTH": 17,
}

# What the model gives for the England-like mix, children per 10,000 aged 0-17 (DfE orders of magnitude;
# contact and early help are not DfE statistics and are illustrative).
TARGETS_PER_10K: dict[str, float] = {
    "contact": 1150, "early_help": 200, "referral": 500, "re_referral_12m": 60, "assessment": 450,
    "section47": 180, "icpc": 70, "cin_plan": 150, "cp_plan": 40, "cin_at_31_march": 330,
    "cla_start": 27, "cla_at_31_march": 70, "care_leaver": 40,
}

# Base probabilities for a White British child (multiplied by the RELATIVE_RATES ratios), tuned so the
# England-like mix gives TARGETS_PER_10K.
MODEL: dict[str, float] = {
    "contact": 0.1160,  # P(contact in the year)
    "extra_contacts": 0.35,  # mean number of further contacts (at most 2 more)
    "referral_given_contact": 0.43,
    "early_help_given_contact": 0.32,  # contacts not referred
    "assessment_given_referral": 0.87,  # the rest are referrals with no further action
    "section47_given_assessment": 0.30,
    "icpc_given_section47": 0.41,
    "cp_plan_given_icpc": 0.60,
    "cin_plan_given_assessment": 0.40,  # assessed children without a CP plan or care
    "looked_after_given_referral": 0.055,
    "closed_after_assessment": 0.90,  # assessed children with no plan whose case closes
    "re_referral": 0.32,  # cases closed in the year that are referred again later in the year
    "open_at_start": 0.0150,  # P(an open CIN episode at 1 April, not looked after)
    "open_cp_plan": 0.17,  # ... of which on a CP plan
    "open_cin_plan": 0.40,  # ... of which on a CIN plan
    "open_closes": 0.50,  # ... of which closes during the year
    "open_section47": 0.36,  # ... of which has a new section 47 enquiry in the year
    "open_looked_after": 0.10,  # ... of which starts to be looked after
    "open_short_breaks": 0.03,  # ... of which (open all year) has short breaks only (V3/V4)
    "open_re_referral": 0.10,  # ... closed ones referred again
    "looked_after_at_start": 0.0072,  # P(looked after at 1 April)
    "looked_after_ceases": 0.33,  # ... of which ceases during the year
    "starters_cease": 0.22,  # children starting to be looked after who cease in the same year
    "care_leaver": 0.0040,  # P(care leaver aged 17-21 with OC3 information this year), per child 0-17
}

# P(recorded as REFU or NOBT) by how far the child went (of these, 30% REFU and 70% NOBT).
_UNKNOWN_SHARE = {"contact": 0.12, "early_help": 0.09, "referral": 0.07, "assessment": 0.045, "plan": 0.03,
                  "open": 0.03, "looked_after": 0.015, "care_leaver": 0.01}
_P_MALE = {"front_door": 0.51, "open": 0.53, "looked_after": 0.56, "care_leaver": 0.58}

# Age (at 31 March) weights by single year of age 0..17.
_AGES_FRONT_DOOR = np.array([9, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 7, 7, 6, 5], float)
_AGES_OPEN = np.array([0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 7, 7, 7, 6, 5], float)
_AGES_LOOKED_AFTER = np.array([0, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 6, 7, 8, 9, 10, 9], float)

# Codes (only ones valid in every year's schema) and their weights.
_REFERRAL_SOURCES = (("1A", 3), ("1B", 2), ("1C", 1), ("1D", 1), ("2A", 19), ("2B", 2), ("3A", 4), ("3B", 3),
                     ("3C", 2), ("3D", 3), ("3E", 1), ("3F", 1), ("4", 1), ("5A", 3), ("5B", 3), ("5C", 2),
                     ("6", 29), ("7", 4), ("8", 7), ("9", 2), ("10", 7))
_SOURCE_LABELS = {"1A": "Individual", "1B": "Individual", "1C": "Individual", "1D": "Individual",
                  "2A": "Schools", "2B": "Education services", "3A": "Health services", "3B": "Health services",
                  "3C": "Health services", "3D": "Health services", "3E": "Health services",
                  "3F": "Health services", "4": "Housing", "5A": "LA services", "5B": "LA services",
                  "5C": "LA services", "6": "Police", "7": "Other legal agency", "8": "Other", "9": "Anonymous",
                  "10": "Unknown"}
_PRIMARY_NEEDS = (("N1", 57), ("N2", 3), ("N3", 4), ("N4", 9), ("N5", 14), ("N6", 2), ("N7", 1), ("N8", 6),
                  ("N9", 4))
_NEED_LABELS = {"N1": "Abuse or Neglect", "N2": "Child's disability", "N3": "Parental disability or illness",
                "N4": "Family in acute stress", "N5": "Family dysfunction", "N6": "Socially unacceptable behaviour",
                "N7": "Low income", "N8": "Absent parenting", "N9": "Cases other than children in need"}
_ABUSE = (("NEG", 50), ("EMO", 36), ("PHY", 7), ("SAB", 4), ("MUL", 3))
_ABUSE_LABELS = {"NEG": "Neglect", "EMO": "Emotional abuse", "PHY": "Physical abuse", "SAB": "Sexual abuse",
                 "MUL": "Multiple"}
_DISABILITIES = (("LD", 30), ("AUT", 30), ("COMM", 12), ("BEH", 12), ("MOB", 6), ("HAND", 2), ("PC", 2),
                 ("HEAR", 2), ("VIS", 2), ("DDA", 2))
_LS_START = (("V2", 44), ("C1", 36), ("L1", 5), ("L2", 5), ("C2", 5), ("J2", 3), ("E1", 2))
_LS_CARRIED = (("C2", 55), ("V2", 18), ("E1", 10), ("C1", 12), ("D1", 1), ("J3", 2), ("J1", 2))
_LS_NEXT = {"V2": "C1", "C1": "C2", "L1": "V2", "L2": "C1", "C2": "E1", "J2": "V2", "E1": "C2", "D1": "C2",
            "J3": "V2", "J1": "V2", "L3": "C1"}
_PLACEMENTS = (("U6", 34), ("U4", 14), ("U3", 8), ("U1", 8), ("U2", 2), ("U5", 2), ("K2", 12), ("R1", 6),
               ("H5", 4), ("P2", 3), ("A5", 2), ("A6", 2), ("R2", 1), ("S1", 1), ("Z1", 1))
_PLACEMENT_LABELS = {"U1": "Foster placement - relatives - long term", "U2": "Foster placement - relatives - FFA",
                     "U3": "Foster placement - relatives - other", "U4": "Foster placement - long term",
                     "U5": "Foster placement - FFA", "U6": "Foster placement - not FFA",
                     "K2": "Children's home", "K1": "Secure children's home", "R1": "Placed with parents",
                     "H5": "Residential accommodation", "P2": "Independent living",
                     "A5": "Placed for adoption - not with former foster carer",
                     "A6": "Placed for adoption - with former foster carer", "R2": "NHS/health trust",
                     "S1": "Other residential setting", "Z1": "Other placement"}
_PROVIDERS = (("PR1", 45), ("PR4", 35), ("PR5", 8), ("PR2", 7), ("PR3", 5))
_PROVIDER_LABELS = {"PR0": "Parents or person with parental responsibility", "PR1": "Own provision",
                    "PR2": "Other LA provision", "PR3": "Other public provision", "PR4": "Private provision",
                    "PR5": "Voluntary/third sector"}
_LS_LABELS = {"C1": "ICO", "C2": "FCO", "D1": "Freeing order", "E1": "Placement order",
              "V2": "Single period of accommodation under section 20",
              "V3": "Accommodated under an agreed series of short-term breaks, individual episodes recorded",
              "V4": "Accommodated under an agreed series of short-term breaks, summary episode",
              "L1": "Under police protection and in LA accommodation", "L2": "Emergency protection order",
              "L3": "Under child assessment order and in LA accommodation", "J1": "Remanded to LA accommodation",
              "J2": "Placed in LA accommodation under PACE", "J3": "Sentenced to CRO with residence requirement"}
_CEASED = (("E4A", 30), ("E13", 10), ("E41", 12), ("E11", 10), ("E8", 14), ("E12", 4), ("E17", 6), ("E7", 4),
           ("E2", 2), ("E3", 2), ("E4B", 3), ("E5", 1), ("E9", 2))
_CEASED_LABELS = {"E4A": "Returned home to live with parents", "E13": "Left care to live with parents",
                  "E41": "Residence order or child arrangements order", "E11": "Adopted",
                  "E8": "Period of being looked after ceased for any other reason", "E12": "Adopted - consent",
                  "E17": "Aged 18 (or over) and remained with current carers", "E7": "Moved to independent living",
                  "E2": "Died", "E3": "Care taken over by another LA", "E4B": "Returned home, not planned",
                  "E5": "Moved to adult social care", "E9": "Sentenced to custody", "E14": "Accommodation "
                  "on remand ended", "E15": "Age assessment", "E16": "Child moved abroad", "E6": "Sentenced"}
_PLACE_CHANGE = (("CARPL", 30), ("PLACE", 20), ("CHILD", 10), ("LAREQ", 15), ("STAND", 10), ("ALLEG", 3),
                 ("CREQB", 5), ("CREQO", 4), ("OTHER", 3))
_IN_TOUCH = (("YES", 86), ("NO", 4), ("REFU", 2), ("NREQ", 3), ("RHOM", 4), ("DIED", 1))
_IN_TOUCH_LABELS = {"YES": "a) Yes", "NO": "b) No", "REFU": "c) Young person refuses contact",
                    "NREQ": "d) Young person no longer requires services", "RHOM": "e) Returned home",
                    "DIED": "f) Died"}
_ACTIVITY = (("F1", 6), ("F2", 30), ("P1", 2), ("P2", 4), ("G4", 10), ("G5", 30), ("G6", 18))
_ACTIVITY_LABELS = {"F1": "Full time in higher education", "P1": "Part time in higher education",
                    "F2": "Full time in education other than higher", "P2": "Part time in education other than "
                    "higher", "G4": "Not in education, employment or training - illness/disability",
                    "G5": "Not in education, employment or training - other",
                    "G6": "Not in education, employment or training - pregnancy or parenting", "0": "Not known"}
_ACCOMMODATION = (("U1", 25), ("B1", 10), ("C1", 8), ("D1", 6), ("E1", 3), ("G1", 4), ("H1", 2), ("K1", 2),
                  ("R1", 3), ("S1", 12), ("T1", 9), ("V1", 4), ("W1", 2), ("X1", 2), ("Y1", 4), ("Z1", 2),
                  ("U2", 1), ("S2", 1))
_ACCOMMODATION_LABELS = {"B": "Parents or relatives", "C": "Community home", "D": "Semi-independent, transitional",
                         "E": "Supported lodgings", "G": "Gone abroad", "H": "Deported", "K": "Ordinary lodgings",
                         "R": "Residence not known", "S": "No fixed abode/homeless", "T": "Foyers",
                         "U": "Independent living", "V": "Emergency accommodation", "W": "Bed and breakfast",
                         "X": "In custody", "Y": "Other accommodation", "Z": "With former foster carers"}
# Annex A ethnicity option letters (Ofsted's list order).
_ANNEXA_ETHNICITY = {code: f"{letter}) {code}" for letter, code in zip(
    "abcdefghijklmnopqrst",
    ("WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
     "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"), strict=True)}
_ANNEXA_SOURCE = {code: f"{letter}) {code}: {_SOURCE_LABELS[code]}" for letter, code in zip(
    "abcdefghijklmnopqrstu",
    ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "6", "7", "8",
     "9", "10"), strict=True)}
_SOURCE_CYCLE = tuple(code for code, weight in _REFERRAL_SOURCES for _ in range(weight))  # 100 entries
_SHORT_BREAKS = frozenset({"V3", "V4"})
_WEEK = date(2000, 1, 8) - date(2000, 1, 1)
_NONE = -(2**30)  # "no such event" in the day-offset arrays
_COL = {name: i for i, name in enumerate(RATE_COLUMNS)}


# ------------------------------------------------------------------------------------------------
# Records
# ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Need:
    """One episode of need (a CIN census ``<CINdetails>``): a referral and what followed it.

    ``section47`` items are (S47 start, ICPC date or None); ``cp_plans`` items are (start, end or None,
    initial category of abuse, number of previous CP plans).
    """

    referral: date
    source: str  # ReferralSource code
    primary_need: str
    nfa: bool  # referral with no further action
    closure: date | None
    closure_reason: str | None
    assessments: tuple[tuple[date, date | None], ...]  # (start, authorisation)
    section47: tuple[tuple[date, date | None], ...]
    cin_plans: tuple[tuple[date, date | None], ...]
    cp_plans: tuple[tuple[date, date | None, str, int], ...]


@dataclass(slots=True)
class Episode:
    """One SSDA903 episode of care (DECOM, RNE, LS, PL, DEC, REC)."""

    start: date  # DECOM
    rne: str  # reason for new episode: S (started to be looked after), P, L, ...
    legal_status: str  # LS
    placement: str  # PL / PLACE
    end: date | None  # DEC
    rec: str | None  # reason episode ceased: X1 when the period of care continues, E.. when it ends
    need: str  # CIN category of need N1..N8
    provider: str
    reason_place_change: str | None


@dataclass(slots=True)
class CareLeaver:
    """SSDA903 OC3 information for a care leaver aged 17-21."""

    in_touch: str
    activity: str
    accommodation: str


@dataclass(slots=True)
class SyntheticChild:
    """One synthetic child's record for the collection year (see the module docstring)."""

    id: str  # pseudonymous: "C" + 8 digits, unique within a (seed, year)
    ethnicity: str  # recorded DfE code (REFU / NOBT for some)
    sex: int  # 1 male, 2 female
    birth: date
    disability: str | None  # a CIN census disability code, or None
    contacts: tuple[date, ...]
    early_help: date | None  # early help assessment start
    needs: tuple[Need, ...]  # CIN episodes open at some point in the year, oldest first
    episodes: tuple[Episode, ...]  # SSDA903 episodes open at some point in the year
    care_start: date | None  # start of the (latest) period of care, for Annex A list 8
    care_leaver: CareLeaver | None

    @property
    def referrals(self) -> tuple[date, ...]:
        return tuple(need.referral for need in self.needs)

    @property
    def upn(self) -> str:
        """A synthetic UPN: "X" and 12 digits (never a real pupil's number)."""
        return "X0000" + self.id[1:].rjust(8, "0")


# ------------------------------------------------------------------------------------------------
# Simulation (vectorised: arrays of day offsets from 1 April year-1; _NONE where there is no event)
# ------------------------------------------------------------------------------------------------


def _weights(pairs) -> tuple[tuple[str, ...], np.ndarray]:
    codes = tuple(code for code, _ in pairs)
    weights = np.array([w for _, w in pairs], float)
    return codes, weights / weights.sum()


def _mix(population: Mapping[str, int] | None) -> np.ndarray:
    population = DEFAULT_POPULATION if population is None else population
    unknown = set(population) - set(ETHNICITIES) - {"REFU", "NOBT"}
    if unknown:
        raise ValueError(f"Not DfE ethnicity codes: {', '.join(sorted(unknown))}")
    counts = np.array([max(0.0, float(population.get(code, 0))) for code in ETHNICITIES])
    if counts.sum() <= 0:
        raise ValueError("The population has no children in a known ethnic group.")
    return counts / counts.sum()


class _Sim:
    """Column store for all children while they are drawn."""

    def __init__(self, rng: np.random.Generator, year: int):
        self.rng = rng
        self.year = year
        start, end = year_bounds(year)
        self.start = start
        self.last = (end - start).days  # offset of 31 March
        self.cols: dict[str, list[np.ndarray]] = {}

    def between(self, low, high) -> np.ndarray:
        """Uniform integers in [low, high) (arrays broadcast)."""
        low = np.asarray(low, np.int64)
        high = np.asarray(high, np.int64)
        size = np.broadcast(low, high).shape
        return low + np.floor(self.rng.random(size) * np.maximum(high - low, 1)).astype(np.int64)

    def births(self, ages_weights: np.ndarray, size: int) -> np.ndarray:
        ages = self.rng.choice(len(ages_weights), size=size, p=ages_weights / ages_weights.sum())
        return self.last - 2 - np.floor((ages + self.rng.random(size)) * 365.25).astype(np.int64)

    def add(self, **columns) -> None:
        for name, values in columns.items():
            self.cols.setdefault(name, []).append(np.asarray(values))


def _when(mask, values) -> np.ndarray:
    return np.where(mask, values, _NONE)


def _within(sim: _Sim, values, mask, *, before_last: bool = False) -> np.ndarray:
    """Values where mask holds and the date is in the return (on or before 31 March; before it if asked)."""
    limit = sim.last - 1 if before_last else sim.last
    return np.where(mask & (values <= limit), values, _NONE)


def _blank_need(n: int) -> dict[str, np.ndarray]:
    none = np.full(n, _NONE, np.int64)
    return {"ref": none.copy(), "nfa": np.zeros(n, bool), "close": none.copy(), "reason": np.zeros(n, np.int8),
            "a0": none.copy(), "auth0": none.copy(), "a1": none.copy(), "auth1": none.copy(),
            "s47": none.copy(), "icpc": none.copy(), "cp": none.copy(), "cp_end": none.copy(),
            "cinp": none.copy(), "cinp_end": none.copy()}


_REASONS = (None, "RC8", "RC7")  # closure reasons by index: none, closed after assessment / NFA, services ceased


def _chain(sim: _Sim, rr: np.ndarray, eth: np.ndarray, after: np.ndarray,
           selected: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Section 47 (0-7 days after ``after``), ICPC and CP plan for the selected children: offsets or _NONE."""
    rng, n = sim.rng, len(eth)
    s47 = _within(sim, after + sim.between(0, 8 + np.zeros(n)), selected)
    p = np.minimum(MODEL["icpc_given_section47"] * rr[eth, _COL["cp_plan"]] / rr[eth, _COL["section47"]], 0.95)
    icpc = _within(sim, s47 + sim.between(7, 16 + np.zeros(n)), (s47 != _NONE) & (rng.random(n) < p))
    cp = _when((icpc != _NONE) & (rng.random(n) < MODEL["cp_plan_given_icpc"]), icpc)
    return s47, icpc, cp


def _front_door(sim: _Sim, rr: np.ndarray, eth: np.ndarray) -> None:
    """Children whose first contact of the year is in the year (no open case at 1 April)."""
    rng, last, n = sim.rng, sim.last, len(eth)
    m = MODEL
    col = lambda name: rr[eth, _COL[name]]  # noqa: E731
    zeros = np.zeros(n, np.int64)
    birth = sim.births(_AGES_FRONT_DOOR, n)
    contact = sim.between(zeros, last)  # referrals (and NFA closures) are never on 31 March
    extra = np.minimum(rng.poisson(m["extra_contacts"], n), 2)
    c2 = _when(extra >= 1, sim.between(zeros, last + 1))
    c3 = _when(extra >= 2, sim.between(zeros, last + 1))
    referred = rng.random(n) < np.minimum(m["referral_given_contact"] * col("referral") / col("contact"), 0.98)
    ref = _when(referred, np.minimum(contact + rng.geometric(0.6, n) - 1, last - 1))
    early = _within(sim, contact + sim.between(zeros, 30), ~referred & (rng.random(n) < m["early_help_given_contact"]))

    need = _blank_need(n)
    need["ref"] = ref
    assessed = referred & (rng.random(n) < m["assessment_given_referral"])
    nfa = referred & ~assessed
    need["nfa"] = nfa
    a0 = _within(sim, ref + sim.between(zeros, 11), assessed)
    auth0 = _within(sim, a0 + sim.between(zeros + 10, 46), a0 != _NONE)
    need["a0"], need["auth0"] = a0, auth0
    p = np.minimum(m["section47_given_assessment"] * col("section47") / col("referral"), 0.95)
    s47, icpc, cp = _chain(sim, rr, eth, a0, (a0 != _NONE) & (rng.random(n) < p))
    need["s47"], need["icpc"], need["cp"] = s47, icpc, cp
    has_cp = cp != _NONE
    need["cp_end"] = _within(sim, cp + sim.between(zeros + 90, 540), has_cp, before_last=True)
    p = np.minimum(m["looked_after_given_referral"] * col("looked_after") / col("referral"), 0.9)
    cla = _within(sim, ref + sim.between(zeros, 150), referred & ~nfa & (rng.random(n) < p))
    has_cla = cla != _NONE
    cease = _within(sim, cla + sim.between(zeros + 7, 200), has_cla & (rng.random(n) < m["starters_cease"]),
                    before_last=True)
    cinp = _when((auth0 != _NONE) & ~has_cp & ~has_cla & (rng.random(n) < m["cin_plan_given_assessment"]), auth0)
    need["cinp"] = cinp
    need["cinp_end"] = _within(sim, cinp + sim.between(zeros + 60, 330), cinp != _NONE, before_last=True)

    # Closure: NFA the same day; after a plan ends; after the assessment (and any s47/ICPC) for the rest.
    latest = np.maximum.reduce([ref, a0, auth0, s47, icpc])
    after_assessment = (auth0 != _NONE) & ~has_cp & ~has_cla & (cinp == _NONE) & (
        rng.random(n) < m["closed_after_assessment"])
    close = np.full(n, _NONE, np.int64)
    close = np.where(nfa, ref, close)
    ended = need["cp_end"] != _NONE
    close = np.where(has_cp, _within(sim, need["cp_end"] + sim.between(zeros, 30), ended, before_last=True), close)
    close = np.where(cinp != _NONE, need["cinp_end"], close)
    close = np.where(after_assessment, _within(sim, latest + sim.between(zeros, 6), after_assessment,
                                               before_last=True), close)
    close = np.where(has_cla, _within(sim, cease + sim.between(zeros, 30), (cease != _NONE) & (rng.random(n) < 0.5),
                                      before_last=True), close)
    closed = close != _NONE
    need["close"] = close
    need["reason"] = np.where(closed, np.where(nfa | (after_assessment & (rng.random(n) < 0.7)), 1, 2), 0)
    need["reason"] = np.where(closed & has_cla, 2, need["reason"])

    # A second referral later in the year (within 12 months of the first: both are in the year).
    ref2 = _within(sim, close + sim.between(zeros + 14, 240), closed & (rng.random(n) < m["re_referral"]),
                   before_last=True)
    need2 = _second_need(sim, ref2)

    depth = np.full(n, 0, np.int8)  # contact
    depth = np.where(early != _NONE, 1, depth)
    depth = np.where(referred, 2, depth)
    depth = np.where(a0 != _NONE, 3, depth)
    depth = np.where((s47 != _NONE) | (cinp != _NONE), 4, depth)
    depth = np.where(has_cla, 6, depth)
    sim.add(eth=eth, birth=np.minimum(birth, contact), male=rng.random(n) < _P_MALE["front_door"],
            contact=contact, c2=c2, c3=c3, early=early, depth=depth,
            cla=cla, cla_end=cease, carried=np.zeros(n, bool), short=np.zeros(n, bool), leaver=np.zeros(n, bool),
            **{f"n1_{k}": v for k, v in need.items()}, **{f"n2_{k}": v for k, v in need2.items()})


def _second_need(sim: _Sim, ref2: np.ndarray) -> dict[str, np.ndarray]:
    """A re-referral: NFA, or assessed and then perhaps closed."""
    rng, n = sim.rng, len(ref2)
    zeros = np.zeros(n, np.int64)
    need = _blank_need(n)
    has = ref2 != _NONE
    need["ref"] = ref2
    nfa = has & (rng.random(n) < 0.3)
    need["nfa"] = nfa
    a0 = _within(sim, ref2 + sim.between(zeros, 11), has & ~nfa)
    auth0 = _within(sim, a0 + sim.between(zeros + 10, 46), a0 != _NONE)
    need["a0"], need["auth0"] = a0, auth0
    after = (auth0 != _NONE) & (rng.random(n) < 0.6)
    close = np.where(nfa, ref2, _NONE)
    close = np.where(after, _within(sim, auth0 + sim.between(zeros, 6), after, before_last=True), close)
    need["close"] = close
    need["reason"] = np.where(close != _NONE, 1, 0)
    return need


def _open_at_start(sim: _Sim, rr: np.ndarray, eth: np.ndarray) -> None:
    """Children with a CIN episode (not looked after) open on 1 April, referred in an earlier year."""
    rng, last, n = sim.rng, sim.last, len(eth)
    m = MODEL
    col = lambda name: rr[eth, _COL[name]]  # noqa: E731
    zeros = np.zeros(n, np.int64)
    birth = sim.births(_AGES_OPEN, n)
    ref = np.maximum(-1 - np.floor(rng.exponential(450, n)).astype(np.int64), birth + 1)
    need = _blank_need(n)
    need["ref"] = ref
    a0 = ref + sim.between(zeros, 11)
    auth0 = np.minimum(a0 + sim.between(zeros + 10, 46), last)
    need["a0"], need["auth0"] = a0, auth0
    u = rng.random(n)
    on_cp = u < m["open_cp_plan"]
    on_cinp = ~on_cp & (u < m["open_cp_plan"] + m["open_cin_plan"])
    old_s47 = _when(on_cp, a0 + sim.between(zeros, 8))
    old_icpc = _when(on_cp, old_s47 + sim.between(zeros + 7, 16))
    need["cinp"] = _when(on_cinp, auth0)
    previous = np.maximum.reduce([ref, a0, auth0, old_icpc, need["cinp"]])

    closes = rng.random(n) < m["open_closes"]
    close = np.maximum(sim.between(zeros, last - 1), previous + 1)
    close = _within(sim, close, closes, before_last=True)
    closed = close != _NONE
    # A new section 47 enquiry in the year (not for children already on a CP plan): before any closure.
    until = np.where(closed, close, last + 1)
    new_s47 = ~on_cp & (rng.random(n) < np.minimum(m["open_section47"] * col("section47") / col("cin"), 0.9))
    start47 = np.maximum(sim.between(zeros, until), previous + 1)
    s47, icpc, cp = _chain(sim, rr, eth, start47, new_s47 & (start47 <= last))
    a1 = _within(sim, s47, (s47 != _NONE) & (rng.random(n) < 0.5))
    auth1 = _within(sim, a1 + sim.between(zeros + 10, 46), a1 != _NONE)
    new_cp = cp != _NONE
    # A case that closes after a new enquiry closes after it (and after any ICPC and assessment).
    latest = np.maximum.reduce([s47, icpc, auth1])
    close = np.where(closed & (latest >= close), _within(sim, latest + 1, closed, before_last=True), close)
    need["a1"], need["auth1"] = a1, auth1
    need["s47"] = np.where(on_cp, old_s47, s47)
    need["icpc"] = np.where(on_cp, old_icpc, icpc)
    need["cp"] = np.where(on_cp, old_icpc, cp)
    # Looked after from the open case (not those on a new CP plan or closing).
    p = np.minimum(m["open_looked_after"] * col("looked_after") / col("cin"), 0.9)
    cla = _within(sim, np.maximum(sim.between(zeros, last + 1), previous + 1),
                  ~closed & ~new_cp & (rng.random(n) < p))
    has_cla = cla != _NONE
    cease = _within(sim, cla + sim.between(zeros + 7, 200), has_cla & (rng.random(n) < m["starters_cease"]),
                    before_last=True)
    # A new CP plan or care keeps the case open; a CIN plan ends when a CP plan starts.
    close = np.where(new_cp | has_cla, _NONE, close)
    closed = close != _NONE
    need["close"] = close
    need["reason"] = np.where(closed, 2, 0)
    need["cp_end"] = np.where(on_cp & closed, close, _NONE)
    need["cinp_end"] = np.where(on_cinp & closed, close, np.where(on_cinp & new_cp, cp, _NONE))
    short = ~closed & ~has_cla & ~new_cp & (rng.random(n) < m["open_short_breaks"])

    ref2 = _within(sim, close + sim.between(zeros + 14, 200), closed & (rng.random(n) < m["open_re_referral"]),
                   before_last=True)
    gap = ref2 - ref
    ref2 = np.where((gap >= 330) & (gap <= 400), _NONE, ref2)  # never on the 12-month boundary
    need2 = _second_need(sim, ref2)
    sim.add(eth=eth, birth=birth, male=rng.random(n) < _P_MALE["open"],
            contact=zeros + _NONE, c2=zeros + _NONE, c3=zeros + _NONE, early=zeros + _NONE,
            depth=np.where(has_cla, 6, 5).astype(np.int8), cla=cla, cla_end=cease, carried=np.zeros(n, bool),
            short=short, leaver=np.zeros(n, bool),
            **{f"n1_{k}": v for k, v in need.items()}, **{f"n2_{k}": v for k, v in need2.items()})


def _looked_after_at_start(sim: _Sim, eth: np.ndarray) -> None:
    """Children looked after on 1 April (a period of care and a CIN episode begun in an earlier year)."""
    rng, last, n = sim.rng, sim.last, len(eth)
    zeros = np.zeros(n, np.int64)
    birth = sim.births(_AGES_LOOKED_AFTER, n)
    cla = np.maximum(-1 - np.floor(rng.exponential(700, n)).astype(np.int64), birth + 1)
    ref = np.maximum(cla - sim.between(zeros, 120), birth + 1)
    need = _blank_need(n)
    need["ref"] = ref
    need["a0"] = ref + sim.between(zeros, 11)
    need["auth0"] = np.minimum(need["a0"] + sim.between(zeros + 10, 46), last)
    cease = _within(sim, sim.between(zeros, last - 1), rng.random(n) < MODEL["looked_after_ceases"],
                    before_last=True)
    ceased = cease != _NONE
    close = np.maximum(cease + sim.between(zeros, 45), need["auth0"] + 1)
    need["close"] = _within(sim, close, ceased & (rng.random(n) < 0.7), before_last=True)
    need["reason"] = np.where(need["close"] != _NONE, 2, 0)
    sim.add(eth=eth, birth=birth, male=rng.random(n) < _P_MALE["looked_after"],
            contact=zeros + _NONE, c2=zeros + _NONE, c3=zeros + _NONE, early=zeros + _NONE,
            depth=np.full(n, 6, np.int8), cla=cla, cla_end=cease, carried=np.ones(n, bool),
            short=np.zeros(n, bool), leaver=np.zeros(n, bool),
            **{f"n1_{k}": v for k, v in need.items()}, **{f"n2_{k}": v for k, v in _blank_need(n).items()})


def _care_leavers(sim: _Sim, eth: np.ndarray) -> None:
    """Care leavers whose 17th to 21st birthday falls in the year."""
    rng, last, n = sim.rng, sim.last, len(eth)
    zeros = np.zeros(n, np.int64)
    age = rng.integers(17, 22, n)
    birthday = sim.between(zeros, last + 1)
    # The birthday (17th to 21st) falls in the year, so the age on 31 March is exactly 17 to 21.
    origin = sim.start.toordinal()
    birth = np.array([_years_before(date.fromordinal(origin + day), years).toordinal() - origin
                      for day, years in zip(birthday.tolist(), age.tolist(), strict=True)], np.int64).reshape(n)
    none = zeros + _NONE
    sim.add(eth=eth, birth=birth, male=rng.random(n) < _P_MALE["care_leaver"],
            contact=none, c2=none, c3=none, early=none, depth=np.full(n, 7, np.int8), cla=none, cla_end=none,
            carried=np.zeros(n, bool), short=np.zeros(n, bool), leaver=np.ones(n, bool),
            **{f"n1_{k}": v for k, v in _blank_need(n).items()}, **{f"n2_{k}": v for k, v in _blank_need(n).items()})


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February: born on 1 March
        return date(day.year - years, 3, 1)


def _simulate(year: int, children: int, seed: int, population: Mapping[str, int] | None) -> tuple[_Sim, dict]:
    if children < 0:
        raise ValueError("children must be zero or more")
    rng = np.random.default_rng([seed, year])
    sim = _Sim(rng, year)
    counts = rng.multinomial(children, _mix(population))
    rr = np.array([RELATIVE_RATES[code] for code in ETHNICITIES])
    k = np.arange(len(ETHNICITIES))
    m = MODEL
    sizes = {
        "front": rng.binomial(counts, np.minimum(m["contact"] * rr[:, _COL["contact"]], 1)),
        "open": rng.binomial(counts, np.minimum(m["open_at_start"] * rr[:, _COL["cin"]], 1)),
        "cla": rng.binomial(counts, np.minimum(m["looked_after_at_start"] * rr[:, _COL["looked_after"]], 1)),
        "leaver": rng.binomial(counts, np.minimum(m["care_leaver"] * rr[:, _COL["care_leaver"]], 1)),
    }
    _front_door(sim, rr, np.repeat(k, sizes["front"]))
    _open_at_start(sim, rr, np.repeat(k, sizes["open"]))
    _looked_after_at_start(sim, np.repeat(k, sizes["cla"]))
    _care_leavers(sim, np.repeat(k, sizes["leaver"]))
    cols = {name: np.concatenate(parts) for name, parts in sim.cols.items()}
    return sim, cols


# ------------------------------------------------------------------------------------------------
# From columns to records
# ------------------------------------------------------------------------------------------------


def _dates(sim: _Sim, offsets: np.ndarray) -> list:
    """Day offsets to ``datetime.date`` (None for _NONE), vectorised."""
    base = np.datetime64(sim.start.isoformat(), "D")
    valid = offsets != _NONE
    values = (base + np.where(valid, offsets, 0).astype("timedelta64[D]")).astype(object)
    values[~valid] = None
    return values.tolist()


def _codes(pairs, index: np.ndarray) -> list[str]:
    codes = np.array([code for code, _ in pairs], dtype=object)
    return codes[index].tolist()


def _ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """Unique 8-digit numbers in a scrambled order: a bijection of 0..n-1 modulo 10**8."""
    if n >= 10**8:
        raise ValueError("too many children")
    offset = int(rng.integers(10**8))
    return (np.arange(n, dtype=np.int64) * 7_919_173 + offset) % 10**8


_CUMULATIVE: dict[int, tuple[tuple[str, ...], list[float]]] = {}


def _pick(pairs, x: float) -> str:
    """The code whose cumulative weight band holds x (0 <= x < 1)."""
    key = id(pairs)
    if key not in _CUMULATIVE:
        codes, p = _weights(pairs)
        _CUMULATIVE[key] = (codes, np.cumsum(p).tolist())
    codes, cumulative = _CUMULATIVE[key]
    return codes[min(bisect.bisect_right(cumulative, x), len(codes) - 1)]


def _care_episodes(sim: _Sim, start: int, end: int, carried: bool, u: np.ndarray) -> list[list]:
    """Episodes of one period of care: (DECOM, RNE, LS, PL, DEC, REC, provider, reason for place change)."""
    last = sim.last
    u = u.tolist()
    ls = _pick(_LS_CARRIED if carried else _LS_START, u[0])
    place = _pick(_PLACEMENTS, u[1])
    provider = "PR0" if place == "R1" else _pick(_PROVIDERS, u[2])
    if carried and u[3] >= 0.3:
        first = start + int(u[4] * (-start - 1))  # a later episode of a period that began earlier
        rne = "P" if u[5] < 0.7 else "L"
    else:
        first, rne = start, "S"
    high = (end if end != _NONE else last) - 1  # changes strictly between first and the end, never 31 March
    high = min(high, last - 1)
    low = max(first, -1) + 1
    changes = 0 if u[6] < 0.6 else 1 if u[6] < 0.9 else 2
    days = sorted({low + int(u[7 + i] * (high - low + 1)) for i in range(changes)}) if high >= low else []
    episodes = []
    decom = first
    for i, day in enumerate(days):
        kind = "P" if u[9 + i] < 0.75 else "L"
        reason = _pick(_PLACE_CHANGE, u[11 + i]) if kind == "P" else None
        episodes.append([decom, rne, ls, place, day, "X1", provider, reason])
        decom, rne = day, kind
        if kind == "P":
            place = _pick(_PLACEMENTS, u[13 + i])
            provider = "PR0" if place == "R1" else _pick(_PROVIDERS, u[2 + i])
        else:
            ls = _LS_NEXT.get(ls, "C2")
    rec = _pick(_CEASED, u[15]) if end != _NONE else None
    episodes.append([decom, rne, ls, place, end if end != _NONE else None, rec, provider, None])
    return episodes


def _short_break_episodes(sim: _Sim, u: np.ndarray) -> list[list]:
    """Two to four short breaks (legal status V3 or V4) spread through the year."""
    u = u.tolist()
    count = 2 + int(u[0] * 3)
    ls = "V3" if u[1] < 0.8 else "V4"
    segment = (sim.last - 1) // count
    episodes = []
    for i in range(count):
        start = i * segment + int(u[2 + i] * (segment - 5))
        episodes.append([start, "S", ls, "K1" if u[6] < 0.3 else "U6", start + 1 + int(u[7] * 3), "E8",
                         "PR1", None])
    return episodes


def _need_records(sim: _Sim, cols: dict, prefix: str, rng: np.random.Generator, short: np.ndarray) -> list:
    """One Need (or None) per row for the ``n1`` / ``n2`` columns, built only for rows that have one."""
    n = len(cols["eth"])
    rows = np.flatnonzero(cols[f"{prefix}_ref"] != _NONE)
    out = [None] * n
    if not len(rows):
        return out
    get = lambda name: _dates(sim, cols[f"{prefix}_{name}"][rows])  # noqa: E731
    codes = np.array([code for code, _ in _PRIMARY_NEEDS], dtype=object)[_draw(rng, _PRIMARY_NEEDS, len(rows))]
    codes[short[rows]] = "N2"
    sources = _codes(_REFERRAL_SOURCES, _draw(rng, _REFERRAL_SOURCES, len(rows)))
    abuse = _codes(_ABUSE, _draw(rng, _ABUSE, len(rows)))
    previous = np.minimum(rng.geometric(0.75, len(rows)) - 1, 4).tolist()
    reasons = [_REASONS[r] for r in cols[f"{prefix}_reason"][rows].tolist()]
    for row, ref, source, code, nfa, close, reason, a0, auth0, a1, auth1, s47, icpc, cinp, cinp_end, cp, cp_end, \
            category, prev in zip(
            rows.tolist(), get("ref"), sources, codes.tolist(), cols[f"{prefix}_nfa"][rows].tolist(), get("close"),
            reasons, get("a0"), get("auth0"), get("a1"), get("auth1"), get("s47"), get("icpc"), get("cinp"),
            get("cinp_end"), get("cp"), get("cp_end"), abuse, previous, strict=True):
        assessments = ((a0, auth0), (a1, auth1)) if a1 is not None else ((a0, auth0),) if a0 is not None else ()
        out[row] = Need(ref, source, code, nfa, close, reason, assessments, ((s47, icpc),) if s47 is not None else (),
                        ((cinp, cinp_end),) if cinp is not None else (),
                        ((cp, cp_end, category, prev),) if cp is not None else ())
    return out


def _build(sim: _Sim, cols: dict) -> Iterator[SyntheticChild]:
    """Records from the columns, in id order (all random draws happen before the first is yielded)."""
    rng = sim.rng
    n = len(cols["eth"])
    if n == 0:
        return
    ids = np.sort(_ids(rng, n))  # ids are assigned at random: the rows, shuffled, are then in id order
    order = rng.permutation(n)
    cols = {name: values[order] for name, values in cols.items()}
    # Recorded ethnicity: REFU / NOBT for some, more the earlier the child left the pathway.
    share = np.array([_UNKNOWN_SHARE[k] for k in ("contact", "early_help", "referral", "assessment", "plan", "open",
                                                  "looked_after", "care_leaver")])
    unknown = rng.random(n) < share[cols["depth"]]
    codes = np.array([*ETHNICITIES, "REFU", "NOBT"], dtype=object)
    recorded = np.where(unknown, np.where(rng.random(n) < 0.3, len(ETHNICITIES), len(ETHNICITIES) + 1), cols["eth"])
    ethnicity = codes[recorded].tolist()
    short_array = cols["short"]
    disabled = (rng.random(n) < 0.08) | short_array
    disability = np.where(disabled, np.array([c for c, _ in _DISABILITIES], dtype=object)[
        _draw(rng, _DISABILITIES, n)], None).tolist()
    # The earliest event bounds the date of birth (nobody is referred before they are born).
    birth = cols["birth"]
    for name in ("contact", "c2", "c3", "early", "n1_ref", "cla"):
        values = cols[name]
        birth = np.where(values != _NONE, np.minimum(birth, values - 1), birth)
    births = _dates(sim, birth)
    early = _dates(sim, cols["early"])
    sex = np.where(cols["male"], 1, 2).tolist()
    need1 = _need_records(sim, cols, "n1", rng, short_array)
    need2 = _need_records(sim, cols, "n2", rng, short_array)
    contacts: list[tuple] = [()] * n
    stacked = np.sort(np.stack([cols["contact"], cols["c2"], cols["c3"]], axis=1), axis=1)
    rows = np.flatnonzero(stacked[:, 2] != _NONE)
    for row, c1, c2, c3 in zip(rows.tolist(), *(_dates(sim, stacked[rows, k]) for k in range(3)), strict=True):
        contacts[row] = (c3,) if c2 is None else (c2, c3) if c1 is None else (c1, c2, c3)
    short = short_array.tolist()
    leaver = cols["leaver"].tolist()
    cla = cols["cla"].tolist()
    cla_end = cols["cla_end"].tolist()
    carried = cols["carried"].tolist()
    uniform = rng.random((n, 16))
    in_touch = _codes(_IN_TOUCH, _draw(rng, _IN_TOUCH, n))
    activity = _codes(_ACTIVITY, _draw(rng, _ACTIVITY, n))
    accommodation = _codes(_ACCOMMODATION, _draw(rng, _ACCOMMODATION, n))
    base_ordinal = sim.start.toordinal()
    ids_text = [f"C{i:08d}" for i in ids.tolist()]
    fromordinal = date.fromordinal

    for i in range(n):
        first, second = need1[i], need2[i]
        needs = (first, second) if second is not None else (first,) if first is not None else ()
        episodes: tuple[Episode, ...] = ()
        care_start = None
        if cla[i] != _NONE or short[i]:
            category = first.primary_need if first is not None and first.primary_need != "N9" else "N1"
            raw = (_short_break_episodes(sim, uniform[i]) if short[i] else
                   _care_episodes(sim, cla[i], cla_end[i], carried[i], uniform[i]))
            care_start = fromordinal(base_ordinal + (raw[0][0] if short[i] else cla[i]))
            episodes = tuple(
                Episode(fromordinal(base_ordinal + e[0]), e[1], e[2], e[3],
                        None if e[4] is None else fromordinal(base_ordinal + e[4]), e[5], category, e[6], e[7])
                for e in raw)
        yield SyntheticChild(
            ids_text[i], ethnicity[i], sex[i], births[i], disability[i], contacts[i], early[i], needs, episodes,
            care_start, CareLeaver(in_touch[i], activity[i], accommodation[i]) if leaver[i] else None)


def _draw(rng: np.random.Generator, pairs, n: int) -> np.ndarray:
    _, p = _weights(pairs)
    return rng.choice(len(p), size=n, p=p)


def iter_children(*, year: int, children: int, seed: int,
                  population: Mapping[str, int] | None = None) -> Iterator[SyntheticChild]:
    """The children of :func:`generate`, one at a time (same order: by id), without holding them all.

    The numpy arrays for the whole population are drawn first; records are built as they are consumed.
    """
    sim, cols = _simulate(year, children, seed, population)
    return _build(sim, cols)


def generate(*, year: int, children: int, seed: int,
             population: Mapping[str, int] | None = None) -> list[SyntheticChild]:
    """Synthetic child-level records for collection ``year`` of a council with ``children`` aged 0-17.

    ``population`` (DfE code -> children, any scale) sets the ethnic mix the children are drawn from
    (default :data:`DEFAULT_POPULATION`); REFU / NOBT entries are ignored. Only children with at least
    one event (a contact, a CIN episode, care, or care-leaver information) are returned, ordered by id.
    Deterministic for a given (year, children, seed, population).
    """
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects: the cyclic collector would only slow this down
    try:
        return list(iter_children(year=year, children=children, seed=seed, population=population))
    finally:
        if collecting:
            gc.enable()


# ------------------------------------------------------------------------------------------------
# Ground truth
# ------------------------------------------------------------------------------------------------


def _minus_12_months(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def child_stages(child: SyntheticChild, *, year: int) -> set[str]:
    """The stages the child reached in collection ``year``, by the counting rules of stages.py."""
    return _stages(child, *year_bounds(year))


def _stages(child: SyntheticChild, start: date, end: date) -> set[str]:
    stages: set[str] = set()
    add = stages.add
    for day in child.contacts:
        if start <= day <= end:
            add("contact")
            break
    if child.early_help is not None and start <= child.early_help <= end:
        add("early_help")
    needs = child.needs
    for need in needs:
        for day, _ in need.assessments:
            if start <= day <= end:
                add("assessment")
        for s47, icpc in need.section47:
            if start <= s47 <= end:
                add("section47")
            if icpc is not None and start <= icpc <= end:
                add("icpc")
        for plan in need.cin_plans:
            if start <= plan[0] <= end:
                add("cin_plan")
        for plan in need.cp_plans:
            if start <= plan[0] <= end:
                add("cp_plan")
        if need.referral <= end and (need.closure is None or need.closure >= end) and not need.nfa:
            add("cin_at_31_march")  # no case closes on 31 March: ">= end" and "> end" agree
        referral = need.referral
        if start <= referral <= end:
            add("referral")
            earliest = _minus_12_months(referral)
            if any(earliest <= other.referral < referral for other in needs):
                add("re_referral_12m")
    for episode in child.episodes:
        if episode.legal_status in _SHORT_BREAKS:
            continue
        if episode.rne == "S" and start <= episode.start <= end:
            add("cla_start")
        if episode.start <= end and (episode.end is None or episode.end >= end):
            add("cla_at_31_march")
    if child.care_leaver is not None:
        add("care_leaver")
    return stages


def expected_counts(children: Iterable[SyntheticChild], *, year: int) -> Counter:
    """Children by (stage, recorded DfE ethnicity code) per the counting rules in stages.py: the ground truth."""
    start, end = year_bounds(year)
    counts: Counter = Counter()
    for child in children:
        ethnicity = child.ethnicity
        for stage in _stages(child, start, end):
            counts[stage, ethnicity] += 1
    return counts


# ------------------------------------------------------------------------------------------------
# Writers
# ------------------------------------------------------------------------------------------------

SSDA903_COLUMNS: dict[str, tuple[str, ...]] = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "episodes": ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"),
    "oc3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
}


def _uk(day: date | None) -> str:
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def _in_903(child: SyntheticChild) -> bool:
    return bool(child.episodes) or child.care_leaver is not None


def write_cin_census(children: Iterable[SyntheticChild], path: str | Path, *, year: int, la_code: str = "999",
                     sex_element: str = "Sex") -> Path:
    """Write the CIN census XML (children with a CIN episode) to ``path``, streaming; returns the path.

    The layout follows the samples: ``<Message>`` with ``<Header>`` (CollectionDetails: Collection, Year,
    ReferenceDate = 31 March ``year``; Source with ``LEA``) and ``<Children><Child>`` records whose
    elements are in the XSD's order. The sex element is ``<Sex>`` (the current CIN census); pass
    ``sex_element="GenderCurrent"`` for the older schemas.
    """
    if sex_element not in {"Sex", "GenderCurrent"}:
        raise ValueError("sex_element must be Sex or GenderCurrent")
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        out.write(f'<?xml version="1.0" encoding="utf-8"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n'
                  f"      <Collection>CIN</Collection>\n      <Year>{year}</Year>\n"
                  f"      <ReferenceDate>{year}-03-31</ReferenceDate>\n    </CollectionDetails>\n    <Source>\n"
                  f"      <SourceLevel>L</SourceLevel>\n      <LEA>{la_code}</LEA>\n"
                  f"      <SoftwareCode>STAR synthetic data</SoftwareCode>\n      <Release>1</Release>\n"
                  f"      <SerialNo>001</SerialNo>\n      <DateTime>{year}-05-01T09:00:00</DateTime>\n"
                  f"    </Source>\n  </Header>\n  <Children>\n")
        for child in children:
            if not child.needs:
                continue
            parts = [f"    <Child>\n      <ChildIdentifiers>\n        <LAchildID>{child.id}</LAchildID>\n"
                     f"        <UPN>{child.upn}</UPN>\n"
                     f"        <PersonBirthDate>{child.birth.isoformat()}</PersonBirthDate>\n"
                     f"        <{sex_element}>{child.sex}</{sex_element}>\n      </ChildIdentifiers>\n"
                     f"      <ChildCharacteristics>\n        <Ethnicity>{child.ethnicity}</Ethnicity>\n"
                     f"        <Disabilities>\n          <Disability>{child.disability or 'NONE'}</Disability>\n"
                     f"        </Disabilities>\n      </ChildCharacteristics>\n"]
            for need in child.needs:
                parts.append(f"      <CINdetails>\n        <CINreferralDate>{need.referral.isoformat()}"
                             f"</CINreferralDate>\n        <ReferralSource>{need.source}</ReferralSource>\n"
                             f"        <PrimaryNeedCode>{need.primary_need}</PrimaryNeedCode>\n")
                if need.closure is not None:
                    parts.append(f"        <CINclosureDate>{need.closure.isoformat()}</CINclosureDate>\n"
                                 f"        <ReasonForClosure>{need.closure_reason or 'RC7'}</ReasonForClosure>\n")
                if need.cp_plans and need.section47 and need.section47[0][1] is not None:
                    parts.append(f"        <DateOfInitialCPC>{need.section47[0][1].isoformat()}</DateOfInitialCPC>\n")
                for start, authorised in need.assessments:
                    parts.append(f"        <Assessments>\n          <AssessmentActualStartDate>{start.isoformat()}"
                                 "</AssessmentActualStartDate>\n")
                    if authorised is not None:
                        parts.append(f"          <AssessmentAuthorisationDate>{authorised.isoformat()}"
                                     "</AssessmentAuthorisationDate>\n          <FactorsIdentifiedAtAssessment>\n"
                                     f"            <AssessmentFactors>{_FACTORS[start.toordinal() % 8]}"
                                     "</AssessmentFactors>\n          </FactorsIdentifiedAtAssessment>\n")
                    parts.append("        </Assessments>\n")
                for start, finish in need.cin_plans:
                    parts.append(f"        <CINPlanDates>\n          <CINPlanStartDate>{start.isoformat()}"
                                 "</CINPlanStartDate>\n")
                    if finish is not None:
                        parts.append(f"          <CINPlanEndDate>{finish.isoformat()}</CINPlanEndDate>\n")
                    parts.append("        </CINPlanDates>\n")
                for start, icpc in need.section47:
                    parts.append(f"        <Section47>\n          <S47ActualStartDate>{start.isoformat()}"
                                 "</S47ActualStartDate>\n")
                    if icpc is not None:
                        parts.append(f"          <DateOfInitialCPC>{icpc.isoformat()}</DateOfInitialCPC>\n"
                                     "          <ICPCnotRequired>false</ICPCnotRequired>\n")
                    else:
                        parts.append("          <ICPCnotRequired>true</ICPCnotRequired>\n")
                    parts.append("        </Section47>\n")
                parts.append(f"        <ReferralNFA>{'true' if need.nfa else 'false'}</ReferralNFA>\n")
                for start, finish, category, previous in need.cp_plans:
                    parts.append(f"        <ChildProtectionPlans>\n          <CPPstartDate>{start.isoformat()}"
                                 "</CPPstartDate>\n")
                    if finish is not None:
                        parts.append(f"          <CPPendDate>{finish.isoformat()}</CPPendDate>\n")
                    parts.append(f"          <InitialCategoryOfAbuse>{category}</InitialCategoryOfAbuse>\n"
                                 f"          <LatestCategoryOfAbuse>{category}</LatestCategoryOfAbuse>\n"
                                 f"          <NumberOfPreviousCPP>{previous}</NumberOfPreviousCPP>\n"
                                 "        </ChildProtectionPlans>\n")
                parts.append("      </CINdetails>\n")
            parts.append("    </Child>\n")
            out.write("".join(parts))
        out.write("  </Children>\n</Message>\n")
    return path


_FACTORS = ("3A", "3B", "4B", "2B", "1B", "16A", "21", "14A")


def write_ssda903_csv(children: Iterable[SyntheticChild], folder: str | Path, *, year: int) -> dict[str, Path]:
    """Write header.csv, episodes.csv and oc3.csv (the year's schema columns, dd/mm/yyyy dates) into ``folder``.

    Returns {"header": path, "episodes": path, "oc3": path}. The return holds looked-after children
    (including short breaks) and care leavers.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / f"{name}.csv" for name in SSDA903_COLUMNS}
    with (open(paths["header"], "w", newline="", encoding="utf-8", buffering=1 << 20) as h,
          open(paths["episodes"], "w", newline="", encoding="utf-8", buffering=1 << 20) as e,
          open(paths["oc3"], "w", newline="", encoding="utf-8") as o):
        header, episodes, oc3 = csv.writer(h), csv.writer(e), csv.writer(o)
        for writer, name in ((header, "header"), (episodes, "episodes"), (oc3, "oc3")):
            writer.writerow(SSDA903_COLUMNS[name])
        for child in children:
            if not _in_903(child):
                continue
            dob = _uk(child.birth)
            header.writerow((child.id, child.sex, dob, child.ethnicity, child.upn, "", ""))
            for ep in child.episodes:
                episodes.writerow((child.id, _uk(ep.start), ep.rne, ep.legal_status, ep.need, ep.placement,
                                   ep.provider, _uk(ep.end), ep.rec or "", ep.reason_place_change or "", "", "", ""))
            if child.care_leaver is not None:
                leaver = child.care_leaver
                oc3.writerow((child.id, dob, leaver.in_touch, leaver.activity, leaver.accommodation))
    del year  # the columns are the same in every year's schema (2017 to 2024)
    return paths


def write_ssda903_xml(children: Iterable[SyntheticChild], path: str | Path, *, year: int) -> Path:
    """Write the SSDA903 return as XML in the layout of fake_903.xml: ``<EXPSSDA903><CHILD><HEADER>…</HEADER>
    <EPISODE>…</EPISODE>…</CHILD>`` (episodes directly inside CHILD; OC3 fields inside HEADER)."""
    path = Path(path)
    with open(path, "w", encoding="ascii", newline="\n", buffering=1 << 20) as out:
        out.write("<?xml version='1.0' encoding='us-ascii'?>\n<EXPSSDA903>")
        for child in children:
            if not _in_903(child):
                continue
            parts = [f"<CHILD><HEADER><CHILDID>{child.id}</CHILDID><UPN>{child.upn}</UPN><SEX>{child.sex}</SEX>"
                     f"<DOB>{_uk(child.birth)}</DOB><ETHNIC>{child.ethnicity}</ETHNIC><UASC />"]
            if child.care_leaver is not None:
                leaver = child.care_leaver
                parts.append(f"<IN_TOUCH>{leaver.in_touch}</IN_TOUCH><ACTIV>{leaver.activity}</ACTIV>"
                             f"<ACCOM>{leaver.accommodation}</ACCOM>")
            parts.append("<MOTHER /><MC_DOB /></HEADER>")
            for ep in child.episodes:
                end = f"<DEC>{_uk(ep.end)}</DEC>" if ep.end is not None else "<DEC />"
                rec = f"<REC>{ep.rec}</REC>" if ep.rec else "<REC />"
                change = (f"<REASON_PLACE_CHANGE>{ep.reason_place_change}</REASON_PLACE_CHANGE>"
                          if ep.reason_place_change else "<REASON_PLACE_CHANGE />")
                parts.append(f"<EPISODE><DECOM>{_uk(ep.start)}</DECOM><RNE>{ep.rne}</RNE><LS>{ep.legal_status}</LS>"
                             f"<CIN>{ep.need}</CIN><PL>{ep.placement}</PL><PL_POST /><HOME_POST /><URN />"
                             f"<PLACE_PROVIDER>{ep.provider}</PLACE_PROVIDER>{end}{rec}{change}</EPISODE>")
            parts.append("</CHILD>\n")
            out.write("".join(parts))
        out.write("</EXPSSDA903>\n")
    del year
    return path


ANNEXA_HEADERS: dict[str, tuple[str, ...]] = {
    "List 1": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Date of Contact", "Contact Source"),
    "List 2": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Assessment start date",
               "Assessment completion date", "Organisation completing assessment"),
    "List 3": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Date of Referral",
               "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months", "Allocated Team",
               "Allocated Worker"),
    "List 4": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Does the Child have a Disability",
               "Continuous Assessment Start Date", "Child Seen During Continuous Assessment",
               "Continuous Assessment Date of Authorisation",
               "Was the child assessed as requiring LA children's social care support?", "Allocated Team",
               "Allocated Worker"),
    "List 5": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Does the Child have a Disability",
               "Strategy discussion initiating Section 47 Enquiry Start Date",
               "Was an Initial Child Protection Conference deemed unnecessary?",
               "Date of Initial Child Protection Conference",
               "Did the Initial Child Protection Conference Result in a Child Protection Plan",
               "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
               "Allocated Team", "Allocated Worker"),
    "List 6": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Does the Child have a Disability",
               "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date",
               "Reason for Closure", "Case Status", "Allocated Team", "Allocated Worker"),
    "List 7": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Does the Child have a Disability",
               "Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse",
               "Date of the Last Statutory Visit", "Was the Child Seen Alone?", "Date of latest review conference",
               "Child Protection Plan End Date",
               "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
               "Number of Previous Child Protection Plans", "Allocated Team", "Allocated Worker"),
    "List 8": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age",
               "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
               "Does the Child have a Disability", "Date Started to be Looked After", "Child's Category of Need",
               "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
               "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
               "Date of Last Social Work Visit", "What is the permanence plan for this child?",
               "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
               "Date of Last Dental Check", "Number of Placements in the Last 12 months",
               "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
               "Start Date of Most Recent Placement", "Placement Type", "Placement Provider", "Placement postcode",
               "URN of Placement", "Placement Location", "LA of Placement",
               "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months",
               "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months",
               "Was the child offered a Return Interview after their last missing episode (Y/N)?",
               "Did the child accept a Return Interview after their last missing episode (Y/N)?",
               "Allocated Team", "Allocated Worker"),
    "List 9": ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age", "Does the Child have a Disability",
               "Allocated Team", "Allocated Worker", "Eligibility Category", "LA in Touch", "Type of Accommodation",
               "Suitability of Accommodation", "Activity Status"),
}


def _dt(day: date | None) -> datetime | None:
    return None if day is None else datetime(day.year, day.month, day.day)


def write_annexa(children: Iterable[SyntheticChild], path: str | Path, *, year: int) -> Path:
    """Write an Ofsted Annex A workbook (sheets "List 1" to "List 9", header row then one row per item).

    The period is the collection year. Lists 1-5 hold the contacts, early help assessments, referrals,
    assessments and section 47 enquiries of the period; lists 6-8 every CIN plan, CP plan and period of
    care open at some point in it (so some start before it); list 9 the care leavers. Labels follow the
    sample ("a) WBRI", "b) Female", "C2: FCO", "q) 6: Police").
    """
    from openpyxl import Workbook

    start, end = year_bounds(year)
    path = Path(path)
    wb = Workbook(write_only=True)
    sheets = {name: wb.create_sheet(name) for name in ANNEXA_HEADERS}
    for name, sheet in sheets.items():
        sheet.append(list(ANNEXA_HEADERS[name]))
    in_year = lambda day: day is not None and start <= day <= end  # noqa: E731
    for child in children:
        age = round((end - child.birth).days / 365.25, 2)
        who = [child.id, "a) Male" if child.sex == 1 else "b) Female", _ANNEXA_ETHNICITY[child.ethnicity],
               _dt(child.birth), age]
        disabled = "a) Yes" if child.disability else "b) No"
        team, worker = f"Team {int(child.id[-1]) % 4 + 1}", f"Worker {child.id[-3:]}"
        for contact in child.contacts:
            if in_year(contact):
                # The source of the referral that followed the contact, else one drawn from the id.
                source = child.needs[0].source if child.needs else _SOURCE_CYCLE[int(child.id[1:]) % 100]
                sheets["List 1"].append([*who, _dt(contact), _ANNEXA_SOURCE[source]])
        if in_year(child.early_help):
            finish = date.fromordinal(child.early_help.toordinal() + 30)
            sheets["List 2"].append([*who, _dt(child.early_help), _dt(finish) if finish <= end else None,
                                     "Early Help Service"])
        referrals = child.referrals
        s47_dates = [s for need in child.needs for s, _ in need.section47]
        icpc_dates = [i for need in child.needs for _, i in need.section47 if i is not None]
        for need in child.needs:
            if in_year(need.referral):
                earliest = _minus_12_months(need.referral)
                previous = sum(earliest <= other < need.referral for other in referrals)
                sheets["List 3"].append([*who, _dt(need.referral), _ANNEXA_SOURCE[need.source],
                                         "Yes" if need.nfa else "No", previous, team, worker])
            for started, authorised in need.assessments:
                if in_year(started) or in_year(authorised):
                    support = None if authorised is None else ("No" if need.closure is not None and
                                                               need.closure <= authorised + _WEEK else "Yes")
                    sheets["List 4"].append([*who, disabled, _dt(started), "Yes", _dt(authorised), support,
                                             team, worker])
            for s47, icpc in need.section47:
                if in_year(s47) or in_year(icpc):
                    earliest = _minus_12_months(s47)
                    sheets["List 5"].append([
                        *who, disabled, _dt(s47), "No" if icpc is not None else "Yes", _dt(icpc),
                        ("Yes" if need.cp_plans else "No") if icpc is not None else "",
                        sum(earliest <= other < s47 for other in s47_dates),
                        sum(earliest <= other < s47 for other in icpc_dates), team, worker])
            for plan_start, plan_end in need.cin_plans:
                if plan_start <= end and (plan_end is None or plan_end >= start):
                    label = f"{need.primary_need} - {_NEED_LABELS[need.primary_need]}"
                    sheets["List 6"].append([*who, disabled, _dt(plan_start), label, _dt(min(end, plan_start + _WEEK)),
                                             _dt(plan_end), "RC7" if plan_end is not None else None,
                                             "c) Child in need plan", team, worker])
            for plan_start, plan_end, category, previous in need.cp_plans:
                if plan_start <= end and (plan_end is None or plan_end >= start):
                    label = _ABUSE_LABELS[category]
                    sheets["List 7"].append([*who, disabled, _dt(plan_start), label, label,
                                             _dt(min(end, plan_start + _WEEK)), "a) Yes", None, _dt(plan_end),
                                             "b) No", previous, team, worker])
        if child.episodes:
            first, latest = child.episodes[0], child.episodes[-1]
            ls_since = latest.start
            for ep in reversed(child.episodes):
                if ep.legal_status != latest.legal_status:
                    break
                ls_since = ep.start
            place_since = latest.start
            for ep in reversed(child.episodes):
                if ep.placement != latest.placement:
                    break
                place_since = ep.start
            ceased = latest.end if latest.rec and latest.rec != "X1" else None
            sheets["List 8"].append([
                *who, "b) No", disabled, _dt(child.care_start or first.start),
                f"{first.need} - {_NEED_LABELS.get(first.need, 'Abuse or Neglect')}", "b) No", _dt(ls_since),
                f"{latest.legal_status}: {_LS_LABELS[latest.legal_status]}", None, None, None, None, None, None,
                len({ep.placement for ep in child.episodes}), _dt(ceased),
                f"{latest.rec}: {_CEASED_LABELS[latest.rec]}" if ceased else None, _dt(place_since),
                f"{latest.placement}: {_PLACEMENT_LABELS.get(latest.placement, 'Other placement')}",
                f"{latest.provider} - {_PROVIDER_LABELS[latest.provider]}", None, None, "Home Town", None, 0, 0, None,
                None, team, worker])
        if child.care_leaver is not None:
            leaver = child.care_leaver
            accommodation = leaver.accommodation
            sheets["List 9"].append([
                *who, disabled, "Care Leavers Team", worker, "b) Former relevant child",
                _IN_TOUCH_LABELS[leaver.in_touch],
                f"{accommodation[0]}: {_ACCOMMODATION_LABELS.get(accommodation[0], 'Other accommodation')}",
                "a) Suitable" if accommodation.endswith("1") else "b) Unsuitable",
                f"{leaver.activity}: {_ACTIVITY_LABELS[leaver.activity]}"])
    wb.save(path)
    return path


