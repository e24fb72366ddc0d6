"""Demo step: five yearly HR snapshots, recruitment, formal processes, development and promotions.

The story the demo tells (fictional data, built from the demo council's staff):
- leadership is less diverse than the frontline, and the gap narrows slowly each year because
  Global Majority staff are promoted a little more often than before;
- in one service (Child Protection and Court) Global Majority applicants are markedly less likely
  to be shortlisted: a real, statistically significant gap for the dashboard to find;
- Global Majority staff enter formal disciplinary processes more often, and reach non-mandatory
  funded development less often, as many councils' own WRES returns show.
"""

import hashlib
from datetime import date, timedelta
from decimal import Decimal

from star.analytics.ethnicity import ALL_CATEGORIES, TwoGroup
from star.core.demo import DemoContext, demo_step
from star.core.models import (
    DataImport,
    Grade,
    PopulationEstimate,
    StaffEqualityRecord,
    StaffProfile,
    staff_key_for,
)

from .models import (
    Application,
    Contract,
    DevelopmentActivity,
    FormalProcess,
    LeadershipTier,
    Promotion,
    StaffRecord,
    StaffSnapshot,
)

YEARS = (2022, 2023, 2024, 2025, 2026)
TWO_GROUP = TwoGroup()  # the default White / Global Majority comparison
TIER = {Grade.Tier.MANAGER: LeadershipTier.FIRST_LINE, Grade.Tier.MIDDLE: LeadershipTier.MIDDLE,
        Grade.Tier.SENIOR: LeadershipTier.SENIOR}
HOURLY_PAY_BY_RANK = {1: 13.2, 2: 15.6, 3: 20.9, 4: 24.8, 5: 27.5, 6: 30.1, 7: 36.4, 8: 43.0, 9: 55.0, 10: 68.0}
SHORTLISTING_GAP_SERVICE = "Child Protection and Court"
# Northbridge residents by ethnicity, aged 18 to 64 (fictional, shaped like an inner-city borough).
RESIDENTS = {
    "white_british": 61000, "white_irish": 4200, "white_gypsy_irish_traveller": 300, "white_roma": 500,
    "white_other": 21000, "black_african": 17500, "black_caribbean": 11800, "black_other": 3900,
    "asian_indian": 5200, "asian_pakistani": 2700, "asian_bangladeshi": 6100, "asian_chinese": 2600,
    "asian_other": 3900, "mixed_white_black_caribbean": 3300, "mixed_white_black_african": 1500,
    "mixed_white_asian": 1700, "mixed_other": 2600, "other_arab": 1400, "other_any": 5400,
}


def _is_global_majority(ethnicity: str) -> bool:
    return not ALL_CATEGORIES[ethnicity].unknown and TWO_GROUP.assign(ethnicity) == TWO_GROUP.comparison_label


def _data_import(organisation, kind: str, filename: str) -> DataImport:
    return DataImport.objects.create(
        organisation=organisation, kind=kind, filename=filename, status=DataImport.Status.SUCCEEDED,
        content_hash=hashlib.sha256(f"demo:{organisation.slug}:{filename}".encode()).hexdigest(),
        summary={"demo": True},
    )


def _services_by_profile(profiles) -> dict[int, str]:
    """Each person's service: their team's, or (for managers above teams) that of the people they lead."""
    service = {p.pk: p.team.service.name for p in profiles if p.team}
    reports: dict[int, list[int]] = {}
    for p in profiles:
        if p.line_manager_id:
            reports.setdefault(p.line_manager_id, []).append(p.pk)
    for p in sorted(profiles, key=lambda p: p.grade.rank):
        if p.pk not in service:
            services = {service[r] for r in reports.get(p.pk, []) if r in service}
            service[p.pk] = services.pop() if len(services) == 1 else "Directorate"
    return service


class _People:
    """The demo council's staff in 2026, walked back year by year (promotions undone, leavers added)."""

    def __init__(self, ctx: DemoContext, organisation):
        self.rng = ctx.rng(f"workforce:{organisation.slug}")
        self.organisation = organisation
        profiles = list(StaffProfile.objects.filter(organisation=organisation)
                        .select_related("grade", "team__service"))
        ethnicity = dict(StaffEqualityRecord.objects.filter(organisation=organisation)
                         .values_list("staff_key", "ethnicity"))
        grades = sorted(Grade.objects.filter(organisation=organisation), key=lambda g: g.rank)
        self.top_practice_grade = max((g for g in grades if not g.is_leadership), key=lambda g: g.rank)
        services = _services_by_profile(profiles)
        self.current = [
            {"staff_key": p.staff_key, "ethnicity": ethnicity.get(p.staff_key, "not_obtained"), "grade": p.grade,
             "service": services[p.pk], "team": p.team.name if p.team else "", "job_family": "Social care",
             "start": date(self.rng.randint(2006, 2020), self.rng.randint(1, 12), 1)}
            for p in profiles
        ]
        self.spare = 0

    def new_person(self, like: dict) -> dict:
        self.spare += 1
        return {**like, "staff_key": staff_key_for(f"{self.organisation.slug.upper()}-FORMER-{self.spare:05d}")}

    def _leaver(self, person: dict, year: int) -> dict:
        leaver = self.new_person(person)
        leaver["leaving_date"] = date(year - 1, 4, 1) + timedelta(days=self.rng.randint(0, 360))
        leaver["leaving_reason"] = self.rng.choice(["Resignation", "Resignation", "Retirement",
                                                    "End of fixed-term contract"])
        return leaver

    def walk_back(self, year: int, people: list[dict]) -> tuple[list[dict], list[dict], list[tuple]]:
        """People a year earlier, the leavers of the year ending 31 March `year`, and its promotions.

        As many practitioners joined during the year as left, so headcount stays about level."""
        year_start = date(year - 1, 4, 1)
        earlier = [dict(person) for person in people]
        leaders = [p for p in earlier if p["grade"].is_leadership]
        majority = [p for p in leaders if _is_global_majority(p["ethnicity"])]
        others = [p for p in leaders if not _is_global_majority(p["ethnicity"])]
        # Each year about 3% of leadership posts go to Global Majority staff promoted from practice,
        # and 4% to other staff: the first is what slowly narrows the gap.
        entrants = self.rng.sample(majority, k=min(len(majority), round(0.03 * len(leaders)) + self.rng.randint(0, 1)))
        entrants += self.rng.sample(others, k=min(len(others), round(0.04 * len(leaders))))
        promotions = []
        for person in entrants:
            promotions.append((person["staff_key"], year_start + timedelta(days=self.rng.randint(0, 300)),
                               self.top_practice_grade, person["grade"]))
            person["grade"] = self.top_practice_grade
        leavers = []
        frontline_now = [p for p in people if not p["grade"].is_leadership]
        for person in self.rng.sample(frontline_now, k=len(frontline_now) // 10):
            rate = 1.25 if _is_global_majority(person["ethnicity"]) else 1.0
            if self.rng.random() < 0.8 * rate:
                leavers.append(self._leaver(person, year))
        # Each promotion filled a post whose previous holder left: mostly long-serving White leaders.
        for _, _, _, grade in promotions:
            predecessor = {**self.rng.choice(people), "grade": grade,
                           "ethnicity": "white_british" if self.rng.random() < 0.85 else "black_caribbean"}
            leavers.append(self._leaver(predecessor, year))
        established = [p for p in earlier if p["start"] < year_start]
        frontline = [p for p in established if not p["grade"].is_leadership]
        joiners = {p["staff_key"] for p in self.rng.sample(frontline, k=min(len(leavers), len(frontline)))}
        # (a promoted person's old post was filled from outside too, so headcount stays level)
        for person in people:
            if person["staff_key"] in joiners:
                person["start"] = year_start + timedelta(days=self.rng.randint(0, 360))
        stayed = [p for p in earlier if p["staff_key"] not in joiners]
        return stayed + [{k: v for k, v in leaver.items() if k not in {"leaving_date", "leaving_reason"}}
                         for leaver in leavers], leavers, promotions


def _staff_record(rng, snapshot, person: dict, leaving: dict | None = None) -> StaffRecord:
    grade = person["grade"]
    pay = HOURLY_PAY_BY_RANK.get(grade.rank, 25.0) * (1 + rng.uniform(-0.04, 0.06))
    agency = grade.tier == Grade.Tier.PRACTITIONER and rng.random() < 0.12
    return StaffRecord(
        snapshot=snapshot, staff_key=person["staff_key"], ethnicity=person["ethnicity"], grade=grade.name,
        grade_rank=grade.rank, leadership_tier=TIER.get(grade.tier, LeadershipTier.NONE),
        service=person["service"], team=person["team"], job_family=person["job_family"],
        start_date=person["start"], fte=Decimal("1.000") if rng.random() < 0.85 else Decimal("0.600"),
        hourly_pay=Decimal(f"{pay:.2f}"),
        bonus_paid=Decimal("1500.00") if grade.tier == Grade.Tier.PRACTITIONER and rng.random() < 0.08 else None,
        contract=Contract.AGENCY if agency else Contract.PERMANENT,
        leaving_date=(leaving or {}).get("leaving_date"), leaving_reason=(leaving or {}).get("leaving_reason", ""),
    )


def _recruitment(rng, organisation, year: int, services: list[str], grades: list) -> list[Application]:
    data_import = _data_import(organisation, "workforce.recruitment", f"recruitment-{year}.csv")
    applications = []
    others = [s for s in services if s != SHORTLISTING_GAP_SERVICE]
    for vacancy in range(45):
        # Child protection recruits most often (half the vacancies), so its pattern is clear each year.
        service = SHORTLISTING_GAP_SERVICE if vacancy % 2 == 0 else others[vacancy % len(others)]
        grade = rng.choices(grades, weights=[8 if g.tier == Grade.Tier.PRACTITIONER else 2 for g in grades])[0]
        for applicant in range(rng.randint(6, 12)):
            gm = rng.random() < 0.55
            ethnicity = rng.choice(["black_african", "black_caribbean", "asian_indian", "asian_bangladeshi",
                                    "mixed_white_black_caribbean", "other_any"]) if gm else \
                rng.choice(["white_british", "white_british", "white_other", "white_irish"])
            if rng.random() < 0.04:
                ethnicity = "refused"
            shortlist_rate = 0.45
            if gm and service == SHORTLISTING_GAP_SERVICE:
                shortlist_rate = 0.15
            elif gm:
                shortlist_rate = 0.40
            shortlisted = rng.random() < shortlist_rate
            appoint_rate = (0.26 + 0.01 * (year - 2022)) if gm else 0.32
            appointed = shortlisted and rng.random() < appoint_rate
            applications.append(Application(
                organisation=organisation, data_import=data_import,
                application_key=staff_key_for(f"{organisation.slug}-APP-{year}-{vacancy:03d}-{applicant:02d}"),
                vacancy_id=f"{organisation.slug[:2].upper()}-{year}-{vacancy:03d}", grade=grade.name,
                service=service, ethnicity=ethnicity,
                shortlisted=shortlisted, appointed=appointed,
                decision_date=date(year - 1, 4, 1) + timedelta(days=rng.randint(0, 360)),
            ))
    return applications


@demo_step(order=20, name="Workforce: five yearly HR snapshots, recruitment and development")
def build(ctx: DemoContext) -> None:
    for organisation in ctx.organisations:
        people = _People(ctx, organisation)
        rng = people.rng
        by_year: dict[int, tuple[list[dict], list[dict], list[tuple]]] = {}
        current = people.current
        for year in reversed(YEARS):
            earlier, leavers, promotions = people.walk_back(year, current)
            by_year[year] = (current, leavers, promotions)
            current = earlier
        records, promotion_rows, processes, development = [], [], [], []
        staff_import = None
        for year in YEARS:
            staff, leavers, promotions = by_year[year]
            staff_import = _data_import(organisation, "workforce.staff", f"hr-snapshot-{year}-03-31.csv")
            snapshot = StaffSnapshot.objects.create(organisation=organisation, as_at=date(year, 3, 31),
                                                    data_import=staff_import)
            records += [_staff_record(rng, snapshot, person) for person in staff]
            records += [_staff_record(rng, snapshot, leaver, leaver) for leaver in leavers]
            for staff_key, when, from_grade, to_grade in promotions:
                promotion_rows.append(Promotion(organisation=organisation, data_import=staff_import,
                                                staff_key=staff_key, date=when, from_grade=from_grade.name,
                                                to_grade=to_grade.name))
            for person in staff:
                gm = _is_global_majority(person["ethnicity"])
                when = date(year - 1, 4, 1) + timedelta(days=rng.randint(0, 360))
                if rng.random() < (0.040 if gm else 0.015):
                    processes.append(FormalProcess(organisation=organisation, data_import=staff_import,
                                                   staff_key=person["staff_key"], date_opened=when,
                                                   kind=FormalProcess.Kind.DISCIPLINARY))
                if rng.random() < 0.004:
                    processes.append(FormalProcess(organisation=organisation, data_import=staff_import,
                                                   staff_key=person["staff_key"], date_opened=when,
                                                   kind=FormalProcess.Kind.FITNESS_TO_PRACTISE))
                if rng.random() < (0.12 if gm else 0.18):
                    development.append(DevelopmentActivity(
                        organisation=organisation, data_import=staff_import, staff_key=person["staff_key"],
                        date=when, activity=rng.choice(["Leadership in Colour programme", "Postgraduate certificate "
                                                        "in systemic practice", "Practice educator award"]),
                        mandatory=False, funded=True))
                if rng.random() < 0.6:
                    development.append(DevelopmentActivity(
                        organisation=organisation, data_import=staff_import, staff_key=person["staff_key"],
                        date=when, activity="Safeguarding refresher", mandatory=True, funded=True))
        StaffRecord.objects.bulk_create(records, batch_size=2000)
        Promotion.objects.bulk_create(promotion_rows, batch_size=2000)
        FormalProcess.objects.bulk_create(processes, batch_size=2000)
        DevelopmentActivity.objects.bulk_create(development, batch_size=2000)
        services = sorted({p["service"] for p in people.current if p["service"] != "Directorate"})
        grades = [g for g in Grade.objects.filter(organisation=organisation) if 2 <= g.rank <= 8]
        applications = []
        for year in YEARS:
            applications += _recruitment(rng, organisation, year, services, grades)
        Application.objects.bulk_create(applications, batch_size=2000)
        if organisation.la_code and not PopulationEstimate.objects.filter(area_code=organisation.la_code).exists():
            scale = 1.0 if organisation.slug == "northbridge" else 0.6
            PopulationEstimate.objects.bulk_create(
                PopulationEstimate(area_code=organisation.la_code, area_name=organisation.name.replace(" Council", ""),
                                   year=2021, age_band="18-64", sex="all", ethnicity=key, count=int(count * scale))
                for key, count in RESIDENTS.items()
            )
        ctx.stdout.write(f"    {organisation.name}: {len(YEARS)} snapshots, {len(records)} staff records, "
                         f"{len(applications)} applications\n")
