"""Demo: a year of STAR practice at Northbridge, so that My STAR and the team view tell a story.

Every member of staff in a team gets an account (sign-in disabled: only the published demo logins can
sign in). Over the last twelve months people write reflections and share some with their supervisor,
managers record STAR supervision roughly every six weeks, and agreed actions become commitments.
Two early-adopter teams discuss race, culture and identity in most supervisions from the start; the
rest of the service starts lower and improves through the year; two teams stay flat. All text comes
from `demo_text` (fictional, written as practitioners and managers would write). Bulk writes skip the
audit trail, as in the other demo steps.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from star.core.demo import demo_step
from star.core.models import Notification, StaffProfile, User
from star.framework.models import Indicator, Lens
from star.framework.selectors import current_version

from . import demo_text
from .models import Commitment, Reflection, ReflectionShare, SupervisionRecord

DAYS = 365
EARLY_ADOPTERS = {"Assessment Team 1", "Family Help North"}
FLAT = {"Court and Proceedings Team", "Fostering Recruitment and Assessment"}
MANAGER_GRADES = {"PO6", "PO8", "SM1", "SM2", "CO2", "CO1"}


def _race_share(team_name: str, progress: float) -> float:
    """Chance that a supervision discusses race, culture and identity, `progress` (0..1) through the year."""
    if team_name in EARLY_ADOPTERS:
        return 0.62 + 0.25 * progress
    if team_name in FLAT:
        return 0.3
    return 0.3 + 0.35 * progress


def _moment(day, rng):
    return timezone.make_aware(datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59))))


class _Builder:
    def __init__(self, ctx, organisation):
        self.ctx, self.organisation = ctx, organisation
        self.rng = ctx.rng("practice")
        self.today = timezone.localdate()
        self.version = current_version()
        self.indicators = {item.key: item for item in Indicator.objects.filter(version=self.version)}
        self.lenses = {item.key: item for item in Lens.objects.filter(version=self.version)}
        self.reflections, self.reflection_tags, self.shares = [], [], []
        self.commitments, self.commitment_tags = [], []
        self.supervisions, self.supervision_tags = [], []
        self.notify = None  # the published practitioner login, who gets an in-app notification

    def accounts(self) -> list[StaffProfile]:
        """Accounts for everyone in a team who has none yet (sign-in disabled), with their role."""
        profiles = list(StaffProfile.objects.filter(organisation=self.organisation, team__isnull=False,
                                                    user__isnull=True).select_related("grade"))
        password = make_password(None)
        users = []
        for profile in profiles:
            first, _, last = profile.display_name.partition(" ")
            username = f"{self.organisation.slug}.{profile.pk}"
            users.append(User(username=username, first_name=first, last_name=last, password=password,
                              email=f"{username}@{self.organisation.slug}.example", organisation=self.organisation))
        User.objects.bulk_create(users)
        groups = {group.name: group for group in Group.objects.filter(name__in=["practitioner", "manager"])}
        memberships = []
        for profile, user in zip(profiles, users, strict=True):
            profile.user = user
            role = "manager" if profile.grade.code in MANAGER_GRADES else "practitioner"
            memberships.append(User.groups.through(user_id=user.pk, group_id=groups[role].pk))
        StaffProfile.objects.bulk_update(profiles, ["user"])
        User.groups.through.objects.bulk_create(memberships)
        return list(StaffProfile.objects.filter(organisation=self.organisation, user__isnull=False)
                    .select_related("user", "team", "line_manager__user"))

    def link_demo_logins(self) -> None:
        """The demo practitioner reports to the demo team manager, so their journeys meet."""
        manager = StaffProfile.objects.get(user__username="manager")
        StaffProfile.objects.filter(user__username="practitioner").update(line_manager=manager)

    def reflection(self, profile, day, item, *, share_with_supervisor: float):
        reflection = Reflection(
            organisation=self.organisation, author=profile.user, team=profile.team, framework_version=self.version,
            prompt=item["prompt"], text=item["text"], created_at=_moment(day, self.rng),
            case_reference=f"NB-{self.rng.randint(100000, 999999)}" if self.rng.random() < 0.4 else "",
        )
        self.reflections.append(reflection)
        self.reflection_tags.append((reflection, item["indicators"], item["lenses"]))
        supervisor = profile.line_manager.user if profile.line_manager else None
        if supervisor and self.rng.random() < share_with_supervisor:
            self.shares.append((reflection, supervisor, ReflectionShare.Kind.SUPERVISOR))

    def commitment(self, owner_profile, created, item, *, supervision=None, due_in=None):
        due_on = created + timedelta(days=due_in or self.rng.randint(21, 70))
        status, closed_on, reason = Commitment.Status.OPEN, None, ""
        if due_on < self.today:
            draw = self.rng.random()
            if draw < 0.72:
                status = Commitment.Status.DONE
                late = self.rng.random() < 0.2
                closed_on = min(due_on + timedelta(days=self.rng.randint(1, 20)) if late
                                else due_on - timedelta(days=self.rng.randint(0, 14)), self.today)
            elif draw < 0.8:
                status, closed_on = Commitment.Status.DROPPED, due_on
                reason = self.rng.choice(demo_text.DROPPED_REASONS)
        commitment = Commitment(
            organisation=self.organisation, owner=owner_profile.user, team=owner_profile.team,
            framework_version=self.version, action=item["action"], measure=item["measure"], due_on=due_on,
            status=status, closed_on=closed_on, dropped_reason=reason, supervision=supervision,
            created_at=_moment(created, self.rng),
            reminded_at=_moment(due_on, self.rng) if status == Commitment.Status.OPEN and due_on < self.today else None,
        )
        self.commitments.append(commitment)
        self.commitment_tags.append((commitment, item["indicators"]))

    def supervision(self, profile, day, item, *, acknowledged: bool):
        supervisor = profile.line_manager.user
        record = SupervisionRecord(
            organisation=self.organisation, supervisor=supervisor, supervisee=profile.user, team=profile.team,
            framework_version=self.version, held_on=day,
            case_references=[f"NB-{self.rng.randint(100000, 999999)}" for _ in range(self.rng.randint(0, 3))],
            race_identity_discussed=item["race_identity"], trauma_considered=item["trauma"],
            wider_system_considered=item["wider_system"], summary=item["summary"], feedback=item["feedback"],
            created_at=_moment(day, self.rng),
        )
        if acknowledged:
            record.acknowledged_at = _moment(min(day + timedelta(days=self.rng.randint(1, 7)), self.today), self.rng)
            if self.rng.random() < 0.25:
                record.supervisee_comment = self.rng.choice(demo_text.SUPERVISEE_COMMENTS)
        self.supervisions.append(record)
        self.supervision_tags.append((record, item["indicators"], item["lenses"]))
        return record

    def year_of(self, profile) -> None:
        team = profile.team.name
        start = self.today - timedelta(days=DAYS)
        has_supervisor = profile.line_manager is not None and profile.line_manager.user is not None
        writes = 0.15 + (0.35 if team in EARLY_ADOPTERS else 0.0) + self.rng.random() * 0.25
        day = start + timedelta(days=self.rng.randint(0, 40))
        while has_supervisor and day < self.today - timedelta(days=3):
            progress = (day - start).days / DAYS
            race = self.rng.random() < _race_share(team, progress)
            item = self.rng.choice([entry for entry in demo_text.SUPERVISIONS if entry["race_identity"] == race])
            record = self.supervision(profile, day, item, acknowledged=self.rng.random() < 0.92
                                      or day < self.today - timedelta(days=30))
            if self.rng.random() < 0.45:
                self.commitment(profile, day, self.rng.choice(demo_text.AGREED_ACTIONS), supervision=record)
            day += timedelta(days=self.rng.randint(28, 56))
        for month in range(12):
            if self.rng.random() < writes * (0.7 + 0.6 * month / 11):
                day = start + timedelta(days=30 * month + self.rng.randint(0, 29))
                item = self.rng.choice(demo_text.REFLECTIONS)
                self.reflection(profile, day, item, share_with_supervisor=0.5 if team in EARLY_ADOPTERS else 0.25)
                if self.rng.random() < 0.3:
                    self.commitment(profile, day, self.rng.choice(demo_text.COMMITMENTS))

    def demo_practitioner(self, profiles) -> None:
        """A full, recent history for the published practitioner login."""
        me = next(profile for profile in profiles if profile.user.username == "practitioner")
        me.line_manager = next(profile for profile in profiles if profile.user.username == "manager")
        for index, item in enumerate(demo_text.REFLECTIONS[:14]):
            self.reflection(me, self.today - timedelta(days=8 + 24 * index), item, share_with_supervisor=0.4)
        for index, item in enumerate(demo_text.COMMITMENTS[:6]):
            self.commitment(me, self.today - timedelta(days=10 + 30 * index), item, due_in=24 + 3 * index)
        for index in range(8):
            day = self.today - timedelta(days=1 + 42 * index)
            self.supervision(me, day, demo_text.SUPERVISIONS[index % len(demo_text.SUPERVISIONS)],
                             acknowledged=index > 0)
        self.notify = me.user

    def save(self) -> None:
        Reflection.objects.bulk_create(self.reflections, batch_size=2_000)
        SupervisionRecord.objects.bulk_create(self.supervisions, batch_size=2_000)
        for commitment in self.commitments:
            commitment.supervision_id = commitment.supervision.pk if commitment.supervision else None
        Commitment.objects.bulk_create(self.commitments, batch_size=2_000)
        self._tags(Reflection, self.reflection_tags)
        self._tags(SupervisionRecord, self.supervision_tags)
        self._tags(Commitment, [(item, keys, ()) for item, keys in self.commitment_tags])
        ReflectionShare.objects.bulk_create(
            [ReflectionShare(reflection=reflection, shared_with=user, kind=kind)
             for reflection, user, kind in self.shares], batch_size=2_000)
        if self.notify is not None:
            latest = max((record for record in self.supervisions if record.supervisee == self.notify),
                         key=lambda record: record.held_on)
            Notification.objects.create(user=self.notify, url=reverse("practice:supervision", args=[latest.pk]),
                                        message="Your supervision record is ready to read and acknowledge")

    def _tags(self, model, tagged) -> None:
        owner = f"{model._meta.model_name}_id"
        model.indicators.through.objects.bulk_create(
            [model.indicators.through(**{owner: record.pk, "indicator_id": self.indicators[key].pk})
             for record, keys, _ in tagged for key in keys], batch_size=5_000)
        if hasattr(model, "lenses"):
            model.lenses.through.objects.bulk_create(
                [model.lenses.through(**{owner: record.pk, "lens_id": self.lenses[key].pk})
                 for record, _, keys in tagged for key in keys], batch_size=5_000)


@demo_step(order=40, name="STAR practice: a year of reflections, supervision and commitments")
def build(ctx) -> None:
    organisation = ctx.organisations[0]
    builder = _Builder(ctx, organisation)
    if builder.version is None:
        return
    builder.link_demo_logins()
    profiles = builder.accounts()
    for profile in profiles:
        if profile.user.username != "practitioner" and profile.team is not None:
            builder.year_of(profile)
    builder.demo_practitioner(profiles)
    builder.save()
    ctx.stdout.write(f"    {organisation.name}: {len(builder.reflections):,} reflections, "
                     f"{len(builder.supervisions):,} supervisions, {len(builder.commitments):,} commitments\n")
