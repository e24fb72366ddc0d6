"""Demo: three audit programmes at Northbridge with realistic findings.

A monthly routine audit each for September and October 2026 and a thematic audit of adultification.
Findings are drawn so that most standards are met about as often for every child, but the standard on
racism and adultification in the risk analysis is met markedly less often for Black children: the
report must find that, and nothing that is not there. Evidence notes and learning points are
fictional. Bulk writes skip the audit trail, as in the other demo steps.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from star.analytics import DFE_CODES
from star.core.demo import demo_step
from star.core.models import StaffProfile, User

from . import services
from .models import (
    Answer,
    Audit,
    AuditAction,
    CaseListEntry,
    Grade,
    LearningPoint,
    Moderation,
    Question,
    StandardsVersion,
)

CHILD_MIX = {"WBRI": 34, "WOTH": 11, "WIRT": 1, "WROM": 1, "BAFR": 12, "BCRB": 8, "BOTH": 2, "ABAN": 7,
             "APKN": 3, "AIND": 3, "AOTH": 2, "MWBC": 5, "MWBA": 2, "MWAS": 2, "MOTH": 3, "OOTH": 3, "REFU": 1}
STAGES = ["Assessment", "Child in need", "Child protection", "Child looked after", "Care leaver"]
GAP_STANDARD = "racism-adultification"
EVIDENCE = {
    "met": ["Clearly recorded and analysed in the assessment.", "Evidenced in the child's own words.",
            "Discussed in supervision on file, with the manager's reflection.", "Consistent across the record."],
    "partly": ["Recorded, but not analysed.", "Mentioned once; not carried into the plan.",
               "Listed as a fact with no analysis of what it means for the child."],
    "not_met": ["Not recorded.", "No evidence in the assessment or the plan.",
                "The child is described in adult terms; no consideration of adultification."],
    "na": ["Not applicable at this stage."],
}
LEARNING = [
    ("Risk analysis describes teenage Black boys as 'streetwise' without considering adultification.",
     ["adultification"], "Run a practice workshop on adultification with the assessment teams."),
    ("Interpreters are booked for meetings but family members still interpret on home visits.",
     ["interpreters"], "Remind teams that family members do not interpret; share the booking route."),
    ("Placement plans list the child's faith but not how diet and worship will be supported.",
     ["placement matching", "faith"], "Add a cultural needs section to the placement plan template."),
    ("The child's own account of their identity is rarely in their words.",
     ["child's voice"], "Share three good examples at the next practice forum."),
    ("Supervision records note race was discussed but not what was decided.",
     ["supervision"], "Team managers to record the reflective discussion, not only that it happened."),
]


def _at(day: date, rng) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(9, 16), rng.randint(0, 59))))


class _Builder:
    def __init__(self, ctx, organisation, *, install: bool = True):
        """``install=False`` uses the organisation's published standards (for adding more programmes)."""
        self.ctx, self.organisation, self.rng = ctx, organisation, ctx.rng("audits")
        self.count = 0
        self.lead = User.objects.get(username="practicelead", organisation=organisation)
        self.version = (services.standards_starter_install(organisation=organisation, user=None) if install
                        else StandardsVersion.objects.get(organisation=organisation, status="published"))
        self.questions = list(Question.objects.filter(standard__version=self.version).select_related("standard"))
        managers = User.objects.filter(organisation=organisation, groups__name="manager",
                                       staff_profile__grade__code="PO8").order_by("pk")[:5]
        self.auditors = [self.lead, *managers]

    def case_list(self, programme, per_team: int) -> None:
        profiles = (StaffProfile.objects.filter(organisation=self.organisation, team__isnull=False,
                                                user__groups__name="practitioner")
                    .exclude(team__name="Business Support").select_related("team", "user"))
        by_team: dict = {}
        for profile in profiles:
            by_team.setdefault(profile.team, []).append(profile.user)
        codes, weights = list(CHILD_MIX), list(CHILD_MIX.values())
        entries, number = [], 0
        for team, workers in sorted(by_team.items(), key=lambda item: item[0].name):
            for _ in range(per_team):
                number += 1
                worker = self.rng.choice(workers)
                code = self.rng.choices(codes, weights)[0]
                entries.append(CaseListEntry(
                    programme=programme, case_reference=f"NB-{programme.pk % 10}{number:05d}", team=team,
                    team_name=team.name, worker=worker, worker_email=worker.email,
                    ethnicity=DFE_CODES[code].category, stage=self.rng.choice(STAGES)))
        me = User.objects.get(username="practitioner")
        entries[0].worker, entries[0].worker_email = me, me.email
        CaseListEntry.objects.bulk_create(entries)

    def answer(self, audit: Audit, question: Question, *, black: bool, agree_with: dict | None = None) -> str:
        if agree_with is not None and self.rng.random() < 0.82:
            return agree_with[question.pk]
        met = 0.8
        if question.standard.key == GAP_STANDARD:
            met = 0.45 if black else 0.85
        if self.rng.random() < 0.04:
            return "na"
        draw = self.rng.random()
        return "met" if draw < met else ("partly" if draw < met + (1 - met) * 0.6 else "not_met")

    def complete(self, audit: Audit, day: date, *, agree_with: dict | None = None) -> dict:
        black = audit.case.ethnicity.startswith("black")
        values = {question.pk: self.answer(audit, question, black=black, agree_with=agree_with)
                  for question in self.questions}
        moment = _at(day, self.rng)
        Answer.objects.bulk_create(
            Answer(audit=audit, question_id=pk, value=value, evidence=self.rng.choice(EVIDENCE[value]),
                   answered_by=audit.auditor, answered_at=moment) for pk, value in values.items())
        share = sum(value == "met" for value in values.values()) / len(values)
        audit.grade = (Grade.OUTSTANDING if share > 0.85 else Grade.GOOD if share > 0.6
                       else Grade.REQUIRES_IMPROVEMENT if share > 0.35 else Grade.INADEQUATE)
        audit.grade_rationale = "Grade reflects the standards met across the record; see the findings."
        audit.status, audit.submitted_at = Audit.Status.SUBMITTED, moment
        audit.save()
        return values

    def programme(self, *, name, kind, theme, start: date, per_team: int, quota: int, stratify: bool,
                  done: float) -> None:
        programme = services.programme_create(
            user=self.lead, name=name, kind=kind, theme=theme, period_start=start,
            period_end=start + timedelta(days=29), auditors=self.auditors, moderation_share=15)
        self.case_list(programme, per_team)
        audits = services.programme_sample(programme=programme, user=self.lead, quota=quota, stratify=stratify,
                                           seed=self.rng.randrange(1, 2**31))
        mine = programme.cases.filter(worker__username="practitioner").first()
        if mine and not any(audit.case_id == mine.pk for audit in audits):
            audits.insert(0, services.audit_add_manual(
                programme=programme, user=self.lead, case_reference=mine.case_reference,
                reason="A case of a newly qualified social worker, to support their first-year review."))
        today = timezone.localdate()
        for index, audit in enumerate(audits):
            if index >= len(audits) * done:
                break
            day = min(start + timedelta(days=35 + self.rng.randint(0, 20)), today)
            values = self.complete(audit, day)
            if audit.needs_moderation:
                others = [person for person in self.auditors
                          if person.pk not in (audit.auditor_id, audit.case.worker_id)]
                moderation = Audit.objects.create(organisation=self.organisation, programme=programme,
                                                  case=audit.case, auditor=others[index % len(others)],
                                                  moderation_of=audit)
                self.complete(moderation, min(day + timedelta(days=5), today), agree_with=values)
                if self.rng.random() < 0.6:
                    Moderation.objects.create(audit=audit, agreed_grade=audit.grade, resolved_by=self.lead,
                                              notes="Discussed at moderation panel; agreed the first grade.")
            if self.rng.random() < 0.3:
                text, tags, action = self.rng.choice(LEARNING)
                point = LearningPoint.objects.create(audit=audit, text=text, tags=tags,
                                                     created_at=_at(day, self.rng))
                AuditAction.objects.create(learning_point=point, text=action, owner=self.lead,
                                           due_on=day + timedelta(days=45),
                                           status="done" if day + timedelta(days=45) < today and
                                           self.rng.random() < 0.7 else "open")
        self.count += len(audits)
        if done == 1.0:
            services.programme_close(programme=programme, user=self.lead)


@demo_step(order=50, name="Case audits: three programmes against the anti-racist practice standards")
def build(ctx) -> None:
    organisation = ctx.organisations[0]
    builder = _Builder(ctx, organisation)
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    builder.programme(name="Monthly routine audit: two months ago", kind="routine", theme="",
                      start=(first - timedelta(days=62)).replace(day=1), per_team=20, quota=6, stratify=False,
                      done=1.0)
    builder.programme(name="Thematic audit: adultification of Black boys", kind="thematic",
                      theme="Whether risk analyses for Black boys aged 10 to 17 consider adultification and racism.",
                      start=(first - timedelta(days=120)).replace(day=1), per_team=20, quota=6, stratify=True,
                      done=1.0)
    builder.programme(name="Monthly routine audit: last month", kind="routine", theme="",
                      start=(first - timedelta(days=28)).replace(day=1), per_team=20, quota=5, stratify=False,
                      done=0.7)
    ctx.stdout.write(f"    {organisation.name}: 3 programmes, {builder.count} sampled audits\n")
