"""Every read of practice records that a page, the API, an export or another app uses.

Content reads check object permissions and write an ACCESS entry in the audit trail whenever
someone other than the record's author reads it. Team figures are aggregates only.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from star.core.audit import sensitive_object
from star.core.models import StaffProfile, User
from star.core.periods import day_start
from star.framework.models import FrameworkVersion, Indicator, Lens
from star.framework.selectors import current_version, overview_grid

from .models import Commitment, Reflection, ReflectionShare, SupervisionRecord
from .prompts import prompts_for

_WITH_TAGS = (
    Prefetch("indicators", queryset=Indicator.objects.select_related("stage", "level").order_by("order")),
    Prefetch("lenses", queryset=Lens.objects.order_by("order")),
)


# --- people ---------------------------------------------------------------------------------------

def supervisor_of(user) -> User | None:
    """The user account of the person's line manager, if they have one."""
    profile = StaffProfile.objects.filter(user=user).select_related("line_manager__user").first()
    manager = profile.line_manager if profile else None
    return manager.user if manager and manager.user and manager.user.is_active else None


def supervisees_of(user) -> QuerySet[User]:
    """Active accounts of the person's direct reports: the people they may record supervision for."""
    return (User.objects.filter(organisation_id=user.organisation_id, is_active=True,
                                staff_profile__line_manager__user=user)
            .order_by("first_name", "last_name"))


def team_of(user):
    profile = StaffProfile.objects.filter(user=user).select_related("team").first()
    return profile.team if profile else None


def colleague_by_email(user, email: str) -> User | None:
    """An active colleague in the same organisation with this work email address."""
    return (User.objects.filter(organisation_id=user.organisation_id, is_active=True, email__iexact=email.strip())
            .exclude(pk=user.pk).first())


# --- reflections ----------------------------------------------------------------------------------

def reflections_of(user) -> QuerySet[Reflection]:
    return (Reflection.objects.for_user(user).filter(author=user)
            .select_related("framework_version").prefetch_related(*_WITH_TAGS, "shares__shared_with"))


def reflections_shared_with(user) -> QuerySet[Reflection]:
    return (Reflection.objects.for_user(user).filter(shares__shared_with=user)
            .select_related("author", "framework_version").prefetch_related(*_WITH_TAGS).distinct())


def reflection_for(user, pk: int, *, to_change: bool = False) -> Reflection:
    """One reflection the user may read (or change); a read by anyone but the author is audit-trailed."""
    return sensitive_object(
        user, Reflection.objects.for_user(user).select_related("author", "framework_version")
        .prefetch_related(*_WITH_TAGS, "shares__shared_with"), pk,
        permission="practice.change_reflection" if to_change else "practice.view_reflection",
        author_field="author_id")


# --- commitments ----------------------------------------------------------------------------------

def commitments_of(user, *, status: str | None = None) -> QuerySet[Commitment]:
    queryset = (Commitment.objects.for_user(user).filter(owner=user)
                .select_related("supervision").prefetch_related(_WITH_TAGS[0]))
    return queryset.filter(status=status) if status else queryset


def commitment_for(user, pk: int) -> Commitment:
    commitment = get_object_or_404(
        Commitment.objects.for_user(user).select_related("supervision").prefetch_related(_WITH_TAGS[0]), pk=pk)
    if not user.has_perm("practice.change_commitment", commitment):
        raise PermissionDenied
    return commitment


def commitments_for_review(supervisor, supervisee_id: int, *, today: date | None = None) -> list[Commitment]:
    """A direct report's open commitments and those closed in the last 90 days, to review in supervision.

    Only the person's line manager (the one recording their supervision) gets them."""
    if not supervisees_of(supervisor).filter(pk=supervisee_id).exists():
        return []
    since = (today or timezone.localdate()) - timedelta(days=90)
    return list(Commitment.objects.for_user(supervisor).filter(owner_id=supervisee_id)
                .filter(Q(status=Commitment.Status.OPEN) | Q(closed_on__gte=since))
                .order_by("status", "due_on"))


def commitments_due_for_reminder(today: date) -> QuerySet[Commitment]:
    """Open commitments due today or earlier whose owner has not been reminded yet (every organisation)."""
    return (Commitment.objects.filter(status=Commitment.Status.OPEN, due_on__lte=today, reminded_at__isnull=True,
                                      owner__is_active=True)
            .select_related("owner"))


# --- supervision ----------------------------------------------------------------------------------

def supervisions_given(user) -> QuerySet[SupervisionRecord]:
    return SupervisionRecord.objects.for_user(user).filter(supervisor=user).select_related("supervisee")


def supervisions_received(user) -> QuerySet[SupervisionRecord]:
    return SupervisionRecord.objects.for_user(user).filter(supervisee=user).select_related("supervisor")


def supervision_for(user, pk: int) -> SupervisionRecord:
    """One supervision record for its supervisor or supervisee; reads by the supervisee are audit-trailed."""
    return sensitive_object(
        user, SupervisionRecord.objects.for_user(user).select_related("supervisor", "supervisee", "framework_version")
        .prefetch_related(*_WITH_TAGS, "addenda__author", "agreed_actions"), pk,
        permission="practice.view_supervision", author_field="supervisor_id")


# --- My STAR --------------------------------------------------------------------------------------

@dataclass
class IndicatorCard:
    indicator: Indicator
    prompts: tuple[str, ...]
    last_reflected: date | None
    recent: int
    quiet: bool


@dataclass
class Section:
    """One practice stage, with a list of cards per level (one unnamed level when it spans them all)."""

    stage: object
    levels: list[tuple[object, list[IndicatorCard]]]


@dataclass
class MyStar:
    version: FrameworkVersion | None
    sections: list[Section] = field(default_factory=list)
    quiet: list[IndicatorCard] = field(default_factory=list)
    recent: list[Reflection] = field(default_factory=list)
    open_commitments: list[Commitment] = field(default_factory=list)
    to_acknowledge: list[SupervisionRecord] = field(default_factory=list)
    shared_with_me: int = 0
    quiet_days: int = 90


def my_star(user, *, today: date | None = None) -> MyStar:
    """The practitioner's home: the framework grid with what they have reflected on, and what is waiting."""
    today = today or timezone.localdate()
    quiet_days = settings.STAR["INDICATOR_QUIET_DAYS"]
    version = current_version()
    if version is None:
        return MyStar(version=None, quiet_days=quiet_days)
    grid = overview_grid(version)
    # Indicators are matched by key, so reflections made under an earlier version still count.
    mine = Reflection.indicators.through.objects.filter(reflection__author=user)
    last = dict(mine.values_list("indicator__key").annotate(last=Max("reflection__created_at")))
    since = timezone.now() - timedelta(days=quiet_days)
    recent_counts: dict[str, int] = {}
    for key in mine.filter(reflection__created_at__gte=since).values_list("indicator__key", flat=True):
        recent_counts[key] = recent_counts.get(key, 0) + 1

    def card(indicator: Indicator) -> IndicatorCard:
        when = last.get(indicator.key)
        return IndicatorCard(indicator=indicator, prompts=prompts_for(indicator.key),
                             last_reflected=timezone.localdate(when) if when else None,
                             recent=recent_counts.get(indicator.key, 0), quiet=when is None or when < since)

    sections = []
    for row in grid.rows:
        levels = [None] if row.spans_levels else grid.levels
        sections.append(Section(stage=row.stage, levels=[(level, [card(item) for item in cell])
                                                         for level, cell in zip(levels, row.cells, strict=True)]))
    cards = [card for section in sections for _, cell in section.levels for card in cell]
    quiet = sorted((card for card in cards if card.quiet),
                   key=lambda card: (card.last_reflected or date.min, card.indicator.order))
    return MyStar(
        version=version, sections=sections, quiet=quiet, quiet_days=quiet_days,
        recent=list(reflections_of(user)[:5]),
        open_commitments=list(commitments_of(user, status=Commitment.Status.OPEN)[:10]),
        to_acknowledge=list(supervisions_received(user).filter(acknowledged_at__isnull=True)),
        shared_with_me=ReflectionShare.objects.filter(shared_with=user, reflection__organisation=user.organisation_id)
        .count(),
    )


# --- the personal record (timeline, printable and PDF) --------------------------------------------

@dataclass(frozen=True)
class TimelineEntry:
    on: date
    kind: str  # reflection | commitment | supervision
    record: object


def timeline(user, *, start: date, end: date) -> list[TimelineEntry]:
    """The person's own reflections, commitments and supervisions received between two dates, newest first."""
    period = {"created_at__gte": day_start(start), "created_at__lt": day_start(end + timedelta(days=1))}
    entries = [TimelineEntry(timezone.localdate(item.created_at), "reflection", item)
               for item in reflections_of(user).filter(**period)]
    entries += [TimelineEntry(timezone.localdate(item.created_at), "commitment", item)
                for item in commitments_of(user).filter(**period)]
    entries += [TimelineEntry(item.held_on, "supervision", item)
                for item in supervisions_received(user).filter(held_on__gte=start, held_on__lte=end)
                .prefetch_related(*_WITH_TAGS, "addenda__author")]
    return sorted(entries, key=lambda entry: (entry.on, entry.kind), reverse=True)
