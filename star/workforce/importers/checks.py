"""Rules across columns and rows for workforce files: known grades, each person once, dates in order."""

from django.utils.formats import date_format

from star.core.imports import FileRefused
from star.core.models import DataImport, Grade

from ..models import Application, LeadershipTier, StaffSnapshot

TIER_OF_GRADE = {Grade.Tier.SENIOR: LeadershipTier.SENIOR, Grade.Tier.MIDDLE: LeadershipTier.MIDDLE,
                 Grade.Tier.MANAGER: LeadershipTier.FIRST_LINE}


class Grades:
    """The organisation's grade structure, when it has one: grades are matched by code or name."""

    def __init__(self, organisation):
        self.by_key = {}
        for grade in Grade.objects.filter(organisation=organisation):
            self.by_key[grade.code.strip().lower()] = grade
            self.by_key.setdefault(grade.name.strip().lower(), grade)
        self.listed = ", ".join(sorted({grade.code for grade in self.by_key.values()}))

    def resolve(self, context, number, column, value) -> Grade | None:
        """The grade, or None (and an error) when the organisation has grades and this is not one."""
        if not self.by_key or not value:
            return None
        grade = self.by_key.get(value.strip().lower())
        if grade is None:
            context.error(number, column, f"‘{value}’ is not one of the organisation's grades ({self.listed})")
        return grade


class Once:
    """Reports an id seen on an earlier row (the message never repeats the id itself)."""

    def __init__(self, context, column, noun):
        self.context, self.column, self.noun = context, column, noun
        self.first: dict[str, int] = {}

    def see(self, number, key):
        if not key:
            return
        first = self.first.setdefault(key, number)
        if first != number:
            self.context.error(number, self.column, f"This {self.noun} is also on row {first}: "
                                                    f"each {self.noun} may appear only once")


class StaffChecker:
    """Staff snapshot: one snapshot per date, each person once, known grades with one rank each."""

    check_grades = True

    def __init__(self, context):
        self.context = context
        as_at = context.params.get("as_at")
        if as_at is not None:
            self.refuse_existing_snapshot(context.organisation, as_at)
        self.grades = Grades(context.organisation) if self.check_grades else Grades(None)
        self.staff = Once(context, "staff_id", "staff id")
        self.ranks: dict[str, tuple[int, int]] = {}

    @staticmethod
    def refuse_existing_snapshot(organisation, as_at):
        existing = StaffSnapshot.objects.filter(organisation=organisation, as_at=as_at).first()
        if existing is not None:
            earlier = DataImport.objects.filter(pk=existing.data_import_id).first()
            source = f" from ‘{earlier.filename}’" if earlier else ""
            raise FileRefused(f"There is already a staff snapshot at {date_format(as_at, 'j F Y')}{source}. "
                              "To replace it, delete that import first, then import this file.")

    def row(self, number, values):
        context = self.context
        self.staff.see(number, values["staff_id"])
        grade = self.grades.resolve(context, number, "grade", values["grade"])
        if grade is not None:
            values["grade"] = grade.code
            if values["grade_rank"] is None:
                values["grade_rank"] = grade.rank
            if not values["leadership_tier"]:
                values["leadership_tier"] = TIER_OF_GRADE.get(grade.tier, "")
        rank = values["grade_rank"]
        if rank is not None and values["grade"]:
            first = self.ranks.setdefault(values["grade"], (rank, number))
            if first[0] != rank:
                context.error(number, "grade_rank", f"Grade ‘{values['grade']}’ has rank {rank} here but rank "
                                                    f"{first[0]} on row {first[1]}: a grade has one rank")
        start, leaving = values["start_date"], values["leaving_date"]
        if start and leaving and leaving < start:
            context.error(number, "leaving_date", f"The leaving date ({leaving:%d/%m/%Y}) is before the start "
                                                  f"date ({start:%d/%m/%Y})")


class ApplicationChecker:
    """Recruitment: each application once (in this file and across imports), appointed only if shortlisted."""

    def __init__(self, context):
        self.context = context
        self.grades = Grades(context.organisation)
        self.applications = Once(context, "application_id", "application id")
        self.existing = set(Application.objects.filter(organisation=context.organisation)
                            .values_list("application_key", flat=True))

    def row(self, number, values):
        key = values["application_id"]
        self.applications.see(number, key)
        if key in self.existing:
            self.context.error(number, "application_id", "This application was already imported from an earlier "
                                                         "file: remove it from this file, or delete that import")
        grade = self.grades.resolve(self.context, number, "grade", values["grade"])
        if grade is not None:
            values["grade"] = grade.code
        if values["appointed"] and values["shortlisted"] is False:
            self.context.error(number, "appointed", "The applicant is marked as appointed but not shortlisted")


class PromotionChecker:
    """Promotions: known grades, and the new grade more senior than the old one."""

    def __init__(self, context):
        self.context = context
        self.grades = Grades(context.organisation)

    def row(self, number, values):
        before = self.grades.resolve(self.context, number, "from_grade", values["from_grade"])
        after = self.grades.resolve(self.context, number, "to_grade", values["to_grade"])
        if before is not None:
            values["from_grade"] = before.code
        if after is not None:
            values["to_grade"] = after.code
        if before is not None and after is not None and after.rank <= before.rank:
            self.context.error(number, "to_grade", f"‘{after.code}’ is not more senior than ‘{before.code}’: "
                                                   "a promotion moves to a higher grade")
