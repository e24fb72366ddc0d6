"""Every write of practice records. Keyword-only, atomic, named <thing>_<verb>.

Services check the rules that must hold however a record arrives (form, API or demo): the author
owns what they change, tags belong to the framework version the record is made under, a due date
is not in the past, a locked supervision record only takes addenda.
"""

from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from star.core.services import due_reminders_send, notification_send
from star.framework.models import FrameworkVersion, Indicator, Lens
from star.framework.selectors import current_version

from . import selectors
from .models import Commitment, Reflection, ReflectionShare, SupervisionAddendum, SupervisionRecord


def _version() -> FrameworkVersion:
    version = current_version()
    if version is None:
        raise ValidationError("No STAR framework version is published yet. Ask a practice lead to publish one.")
    return version


def _tags(version: FrameworkVersion, indicator_keys, lens_keys=()) -> tuple[list[Indicator], list[Lens]]:
    indicators = list(Indicator.objects.filter(version=version, key__in=list(indicator_keys)))
    lenses = list(Lens.objects.filter(version=version, key__in=list(lens_keys)))
    if len(indicators) != len(set(indicator_keys)) or len(lenses) != len(set(lens_keys)):
        raise ValidationError("Choose indicators and lenses from the current STAR framework")
    return indicators, lenses


def _not_in_past(due_on: date) -> None:
    if due_on < timezone.localdate():
        raise ValidationError("The date must be today or in the future")


# --- reflections ----------------------------------------------------------------------------------

@transaction.atomic
def reflection_create(*, author, text: str, indicator_keys, lens_keys=(), prompt: str = "",
                      case_reference: str = "", learning_activity: str = "", created_at=None) -> Reflection:
    if not indicator_keys:
        raise ValidationError("Choose at least one STAR indicator")
    version = _version()
    indicators, lenses = _tags(version, indicator_keys, lens_keys)
    with set_actor(author):
        reflection = Reflection.objects.create(
            organisation_id=author.organisation_id, author=author, team=selectors.team_of(author),
            framework_version=version, text=text, prompt=prompt, case_reference=case_reference,
            learning_activity=learning_activity, created_at=created_at or timezone.now(),
        )
        reflection.indicators.set(indicators)
        reflection.lenses.set(lenses)
    return reflection


@transaction.atomic
def reflection_update(*, reflection: Reflection, user, text: str, indicator_keys, lens_keys=(), prompt: str = "",
                      case_reference: str = "", learning_activity: str = "") -> Reflection:
    """Change a reflection's words and tags; its tags stay within the version it was made under."""
    if not user.has_perm("practice.change_reflection", reflection):
        raise PermissionDenied
    if not indicator_keys:
        raise ValidationError("Choose at least one STAR indicator")
    indicators, lenses = _tags(reflection.framework_version, indicator_keys, lens_keys)
    with set_actor(user):
        reflection.text, reflection.prompt = text, prompt
        reflection.case_reference, reflection.learning_activity = case_reference, learning_activity
        reflection.save()
        reflection.indicators.set(indicators)
        reflection.lenses.set(lenses)
    return reflection


@transaction.atomic
def reflection_delete(*, reflection: Reflection, user) -> None:
    if not user.has_perm("practice.change_reflection", reflection):
        raise PermissionDenied
    with set_actor(user):
        reflection.delete()


@transaction.atomic
def reflection_share(*, reflection: Reflection, user, shared_with, kind: str) -> ReflectionShare:
    """Share with one person in the same organisation (the author's supervisor or a named colleague)."""
    if not user.has_perm("practice.change_reflection", reflection):
        raise PermissionDenied
    if shared_with is None or shared_with.pk == user.pk or shared_with.organisation_id != user.organisation_id:
        raise ValidationError("Choose someone in your organisation to share with")
    with set_actor(user):
        share, _ = ReflectionShare.objects.get_or_create(reflection=reflection, shared_with=shared_with,
                                                         defaults={"kind": kind})
    notification_send(user=shared_with, message=f"{user.get_full_name() or user.username} shared a reflection "
                      "with you", url=reverse("practice:reflection", args=[reflection.pk]))
    return share


@transaction.atomic
def reflection_unshare(*, reflection: Reflection, user, share_id: int) -> None:
    """Take a share back: the person loses access at once."""
    if not user.has_perm("practice.change_reflection", reflection):
        raise PermissionDenied
    with set_actor(user):
        for share in reflection.shares.filter(pk=share_id):
            share.delete()


# --- commitments ----------------------------------------------------------------------------------

@transaction.atomic
def commitment_create(*, owner, action: str, due_on: date, measure: str, indicator_keys,
                      supervision: SupervisionRecord | None = None, created_at=None, check_date: bool = True
                      ) -> Commitment:
    if not indicator_keys:
        raise ValidationError("Choose at least one STAR indicator")
    if check_date:
        _not_in_past(due_on)
    version = supervision.framework_version if supervision else _version()
    indicators, _ = _tags(version, indicator_keys)
    with set_actor(supervision.supervisor if supervision else owner):
        commitment = Commitment.objects.create(
            organisation_id=owner.organisation_id, owner=owner, team=selectors.team_of(owner),
            framework_version=version, action=action, due_on=due_on, measure=measure, supervision=supervision,
            created_at=created_at or timezone.now(),
        )
        commitment.indicators.set(indicators)
    return commitment


@transaction.atomic
def commitment_close(*, commitment: Commitment, user, status: str, reason: str = "",
                     closed_on: date | None = None) -> Commitment:
    """Mark a commitment done, dropped (with a reason) or open again."""
    if not user.has_perm("practice.change_commitment", commitment):
        raise PermissionDenied
    if status not in Commitment.Status.values:
        raise ValidationError("Choose a status")
    if status == Commitment.Status.DROPPED and not reason.strip():
        raise ValidationError("Say why you are dropping this commitment")
    with set_actor(user):
        commitment.status = status
        commitment.dropped_reason = reason.strip() if status == Commitment.Status.DROPPED else ""
        commitment.closed_on = None if status == Commitment.Status.OPEN else (closed_on or timezone.localdate())
        commitment.save()
    return commitment


def commitment_reminders_send(*, today: date | None = None) -> int:
    """Remind each owner once, on or after the due date, of an open commitment (in-app and by email).

    The email says only that a commitment is due; what was committed to stays in STAR.
    """
    return due_reminders_send(
        selectors.commitments_due_for_reminder(today or timezone.localdate()), owner="owner",
        message=lambda item: f"A STAR commitment was due on {item.due_on:%-d %B %Y}: review it",
        url=lambda item: reverse("practice:commitment", args=[item.pk]))


# --- supervision ----------------------------------------------------------------------------------

def _supervision_checks(*, supervisor, supervisee, held_on: date) -> None:
    if not supervisor.has_perm("practice.record_supervision"):
        raise PermissionDenied
    if not selectors.supervisees_of(supervisor).filter(pk=supervisee.pk).exists():
        raise ValidationError("You can record supervision only for people who report to you")
    if held_on > timezone.localdate():
        raise ValidationError("The date of supervision must be today or in the past")


@transaction.atomic
def supervision_record(*, supervisor, supervisee, held_on: date, case_references: list[str],
                       race_identity_discussed: bool, trauma_considered: bool, wider_system_considered: bool,
                       summary: str, feedback: str, lens_keys=(), indicator_keys=(), actions=(),
                       created_at=None) -> SupervisionRecord:
    """Record a supervision; each agreed action ({action, due_on, measure, indicator_keys}) becomes
    one of the supervisee's commitments."""
    _supervision_checks(supervisor=supervisor, supervisee=supervisee, held_on=held_on)
    version = _version()
    indicators, lenses = _tags(version, indicator_keys, lens_keys)
    with set_actor(supervisor):
        record = SupervisionRecord.objects.create(
            organisation_id=supervisor.organisation_id, supervisor=supervisor, supervisee=supervisee,
            team=selectors.team_of(supervisee), framework_version=version, held_on=held_on,
            case_references=list(case_references), race_identity_discussed=race_identity_discussed,
            trauma_considered=trauma_considered, wider_system_considered=wider_system_considered,
            summary=summary, feedback=feedback, created_at=created_at or timezone.now(),
        )
        record.lenses.set(lenses)
        record.indicators.set(indicators)
    for action in actions:
        commitment_create(owner=supervisee, supervision=record, created_at=record.created_at,
                          check_date=created_at is None, **action)
    notification_send(user=supervisee, message="Your supervision record is ready to read and acknowledge",
                      url=reverse("practice:supervision", args=[record.pk]), email=created_at is None)
    return record


@transaction.atomic
def supervision_update(*, record: SupervisionRecord, user, held_on: date, case_references: list[str],
                       race_identity_discussed: bool, trauma_considered: bool, wider_system_considered: bool,
                       summary: str, feedback: str, lens_keys=(), indicator_keys=()) -> SupervisionRecord:
    """Change a record while it is still open for editing (its supervisor only)."""
    if not user.has_perm("practice.change_supervision", record):
        raise PermissionDenied
    if held_on > timezone.localdate():
        raise ValidationError("The date of supervision must be today or in the past")
    indicators, lenses = _tags(record.framework_version, indicator_keys, lens_keys)
    with set_actor(user):
        record.held_on, record.case_references = held_on, list(case_references)
        record.race_identity_discussed, record.trauma_considered = race_identity_discussed, trauma_considered
        record.wider_system_considered, record.summary, record.feedback = wider_system_considered, summary, feedback
        record.save()
        record.lenses.set(lenses)
        record.indicators.set(indicators)
    return record


@transaction.atomic
def supervision_acknowledge(*, record: SupervisionRecord, user, comment: str = "", at=None) -> SupervisionRecord:
    if not user.has_perm("practice.acknowledge_supervision", record):
        raise PermissionDenied
    with set_actor(user):
        record.acknowledged_at = at or timezone.now()
        record.supervisee_comment = comment.strip()
        record.save(update_fields=["acknowledged_at", "supervisee_comment", "updated_at"])
    return record


@transaction.atomic
def supervision_addendum_add(*, record: SupervisionRecord, user, text: str) -> SupervisionAddendum:
    if not user.has_perm("practice.add_addendum", record):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError("Enter the addendum")
    with set_actor(user):
        return SupervisionAddendum.objects.create(record=record, author=user, text=text.strip())
