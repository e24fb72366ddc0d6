"""Every write of case audits. Keyword-only, atomic, named <thing>_<verb>."""

import random
from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from star.analytics.ethnicity import ALL_CATEGORIES
from star.core.imports import FileRefused
from star.core.models import Team, User
from star.core.services import due_reminders_send, notification_send

from . import sampling
from .models import (
    Answer,
    Audit,
    AuditAction,
    AuditAddendum,
    AuditProgramme,
    CaseListEntry,
    LearningPoint,
    Moderation,
    Question,
    Standard,
    StandardsVersion,
)
from .standards import starter_spec


class EditConflict(Exception):
    """Someone else saved the audit after this person opened it."""

    def __init__(self, audit: Audit):
        who = audit.updated_by.get_full_name() if audit.updated_by else "someone else"
        when = date_format(timezone.localtime(audit.updated_at), "j F Y \\a\\t H:i")
        super().__init__(f"{who} saved this audit on {when}, after you opened it. Your answers are still "
                         "below, but were not saved: check the latest version and save again.")


# --- standards ------------------------------------------------------------------------------------

@transaction.atomic
def standards_starter_install(*, organisation, user=None, publish: bool = True) -> StandardsVersion:
    """The starter set as the council's next version (published unless told otherwise)."""
    spec = starter_spec()
    number = (StandardsVersion.objects.filter(organisation=organisation).aggregate(n=Max("number"))["n"] or 0) + 1
    with set_actor(user):
        version = StandardsVersion.objects.create(organisation=organisation, number=number, title=spec["title"],
                                                  is_starter=True)
        for order, item in enumerate(spec["standards"], start=1):
            standard = Standard.objects.create(
                version=version, key=item["key"], title=item["title"], description=item.get("description", ""),
                guidance=item.get("guidance", ""), indicator_keys=item.get("indicators", []), order=order)
            Question.objects.bulk_create(Question(standard=standard, text=text, order=position)
                                         for position, text in enumerate(item["questions"], start=1))
    return standards_version_publish(version=version, user=user) if publish else version


@transaction.atomic
def standards_version_copy(*, version: StandardsVersion, user) -> StandardsVersion:
    """A new draft with the same standards and questions, to edit and publish."""
    number = StandardsVersion.objects.filter(organisation=version.organisation).aggregate(n=Max("number"))["n"] + 1
    with set_actor(user):
        draft = StandardsVersion.objects.create(organisation=version.organisation, number=number,
                                                title=version.title, is_starter=False)
        for standard in version.standards.prefetch_related("questions"):
            copy = Standard.objects.create(version=draft, key=standard.key, title=standard.title,
                                           description=standard.description, guidance=standard.guidance,
                                           indicator_keys=standard.indicator_keys, order=standard.order)
            Question.objects.bulk_create(Question(standard=copy, text=question.text, order=question.order)
                                         for question in standard.questions.all())
    return draft


@transaction.atomic
def standard_update(*, standard: Standard, user, title: str, description: str, guidance: str,
                    indicator_keys: list[str], questions: list[str]) -> Standard:
    if standard.version.status != StandardsVersion.Status.DRAFT:
        raise ValidationError("Only a draft version can be changed: make a new draft from it first")
    if not questions:
        raise ValidationError("A standard needs at least one audit question")
    with set_actor(user):
        standard.title, standard.description, standard.guidance = title, description, guidance
        standard.indicator_keys = list(indicator_keys)
        standard.save()
        standard.questions.all().delete()
        Question.objects.bulk_create(Question(standard=standard, text=text, order=position)
                                     for position, text in enumerate(questions, start=1))
    return standard


@transaction.atomic
def standard_add(*, version: StandardsVersion, user, title: str, description: str, guidance: str,
                 indicator_keys: list[str], questions: list[str]) -> Standard:
    """A new standard at the end of a draft version (its key is made from the title and kept)."""
    from django.utils.text import slugify

    if version.status != StandardsVersion.Status.DRAFT:
        raise ValidationError("Standards can be added only to a draft version")
    if not questions:
        raise ValidationError("A standard needs at least one audit question")
    base = slugify(title)[:50] or "standard"
    key, number = base, 2
    while version.standards.filter(key=key).exists():
        key, number = f"{base}-{number}", number + 1
    order = (version.standards.aggregate(n=Max("order"))["n"] or 0) + 1
    with set_actor(user):
        standard = Standard.objects.create(version=version, key=key, title=title, description=description,
                                           guidance=guidance, indicator_keys=list(indicator_keys), order=order)
        Question.objects.bulk_create(Question(standard=standard, text=text, order=position)
                                     for position, text in enumerate(questions, start=1))
    return standard


@transaction.atomic
def standard_remove(*, standard: Standard, user) -> None:
    if standard.version.status != StandardsVersion.Status.DRAFT:
        raise ValidationError("Standards can be removed only from a draft version")
    if standard.version.standards.count() == 1:
        raise ValidationError("A version needs at least one standard")
    with set_actor(user):
        standard.delete()


@transaction.atomic
def standards_version_publish(*, version: StandardsVersion, user=None) -> StandardsVersion:
    """Publish a draft; the version published before it is retired (programmes keep theirs)."""
    if version.status != StandardsVersion.Status.DRAFT:
        raise ValidationError("Only a draft can be published")
    with set_actor(user):
        for current in StandardsVersion.objects.filter(organisation=version.organisation,
                                                       status=StandardsVersion.Status.PUBLISHED):
            current.status, current.retired_at = StandardsVersion.Status.RETIRED, timezone.now()
            current.save()
        version.status, version.published_at = StandardsVersion.Status.PUBLISHED, timezone.now()
        version.save()
    return version


# --- programmes and sampling ----------------------------------------------------------------------

@transaction.atomic
def programme_create(*, user, name: str, kind: str, theme: str, period_start: date, period_end: date,
                     auditors, moderation_share: int = 10, practitioner_can_respond: bool = True) -> AuditProgramme:
    if not user.has_perm("audits.manage_programmes"):
        raise PermissionDenied
    version = StandardsVersion.objects.filter(organisation=user.organisation_id,
                                              status=StandardsVersion.Status.PUBLISHED).first()
    if version is None:
        raise ValidationError("Publish a version of the practice standards before starting a programme")
    if period_end < period_start:
        raise ValidationError("The end of the period must be on or after its start")
    if not 0 <= moderation_share <= 100:
        raise ValidationError("The share of audits moderated must be between 0 and 100 per cent")
    with set_actor(user):
        programme = AuditProgramme.objects.create(
            organisation_id=user.organisation_id, name=name, kind=kind, theme=theme, standards_version=version,
            period_start=period_start, period_end=period_end, moderation_share=moderation_share,
            practitioner_can_respond=practitioner_can_respond, created_by=user)
        programme.auditors.set(auditors)
    return programme


@transaction.atomic
def case_list_store(*, data_import, rows, params) -> dict:
    """The import writer for case lists: all rows, or (on any problem) none."""
    programme = AuditProgramme.objects.select_for_update().get(pk=params["programme"],
                                                               organisation=data_import.organisation)
    if programme.sampled_at:
        raise FileRefused("This programme already has its sample, so its case list cannot change. Start a new "
                          "programme for a new case list.")
    teams = {team.name.casefold(): team for team in Team.objects.for_organisation(programme.organisation)}
    users = {user.email.casefold(): user for user in User.objects.filter(organisation=programme.organisation)
             if user.email}
    programme.cases.all().delete()
    CaseListEntry.objects.bulk_create(
        CaseListEntry(programme=programme, case_reference=row.case_reference, team_name=row.team,
                      team=teams.get(row.team.casefold()), worker_email=row.worker or "",
                      worker=users.get((row.worker or "").casefold()), ethnicity=row.ethnicity,
                      stage=row.stage, data_import=data_import)
        for row in rows)
    unmatched = sorted({row.team for row in rows if row.team.casefold() not in teams})
    return {"cases": len(rows), "teams not in the organisation chart": len(unmatched)}


def _broad(category_key: str) -> str:
    category = ALL_CATEGORIES.get(category_key)
    return category.broad if category else "unknown"


def _assign(cases, auditors, rng) -> list[tuple[CaseListEntry, User]]:
    """Share cases among auditors in turn; nobody audits a case allocated to them."""
    pairs, turn = [], rng.randrange(len(auditors))
    for case in cases:
        for step in range(len(auditors)):
            auditor = auditors[(turn + step) % len(auditors)]
            if auditor.pk != case.worker_id:
                pairs.append((case, auditor))
                turn = (turn + step + 1) % len(auditors)
                break
        else:
            raise ValidationError(f"Case {case.case_reference} is allocated to the only auditor: add another")
    return pairs


@transaction.atomic
def programme_sample(*, programme: AuditProgramme, user, quota: int, stratify: bool,
                     seed: int | None = None) -> list[Audit]:
    """Draw the sample (recording the seed), share it among the auditors and mark the moderated share."""
    if not user.has_perm("audits.manage_programmes"):
        raise PermissionDenied
    programme = AuditProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.sampled_at:
        raise ValidationError("This programme already has its sample")
    cases = list(programme.cases.all())
    if not cases:
        raise ValidationError("Import the case list before drawing the sample")
    auditors = list(programme.auditors.order_by("pk"))
    if not auditors:
        raise ValidationError("Add at least one auditor to the programme before drawing the sample")
    seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
    chosen = set(sampling.draw_sample(
        [sampling.Case(case.case_reference, case.team_name, _broad(case.ethnicity)) for case in cases],
        quota=quota, seed=seed, stratify=stratify))
    rng = random.Random(seed)
    sampled = [case for case in cases if case.case_reference in chosen]
    moderated = set(rng.sample(range(len(sampled)), round(len(sampled) * programme.moderation_share / 100)))
    with set_actor(user):
        audits = Audit.objects.bulk_create(
            Audit(organisation=programme.organisation, programme=programme, case=case, auditor=auditor,
                  needs_moderation=index in moderated)
            for index, (case, auditor) in enumerate(_assign(sampled, auditors, rng)))
        programme.sample_seed, programme.sample_quota, programme.sample_stratified = seed, quota, stratify
        programme.sampled_at = timezone.now()
        programme.save()
    return audits


@transaction.atomic
def programme_auditors_set(*, programme: AuditProgramme, user, auditors) -> None:
    """Change who audits for a programme; someone with audits still to submit cannot be removed."""
    if not user.has_perm("audits.manage_programmes"):
        raise PermissionDenied
    if not auditors:
        raise ValidationError("Choose at least one auditor")
    keep = {person.pk for person in auditors}
    busy = (programme.audits.exclude(status=Audit.Status.SUBMITTED).exclude(auditor_id__in=keep)
            .select_related("auditor").first())
    if busy is not None:
        raise ValidationError(f"{busy.auditor.get_full_name() or busy.auditor.username} still has audits to submit "
                              "in this programme: reassign them first")
    with set_actor(user):
        programme.auditors.set(auditors)


@transaction.atomic
def audit_reassign(*, audit: Audit, user, auditor: User) -> Audit:
    """Give an unsubmitted audit to another of the programme's auditors (not the case's own worker)."""
    if not user.has_perm("audits.manage_programmes") or audit.is_submitted:
        raise PermissionDenied
    if not audit.programme.auditors.filter(pk=auditor.pk).exists():
        raise ValidationError("Choose one of this programme's auditors")
    if auditor.pk == audit.case.worker_id:
        raise ValidationError("The case's own worker cannot audit it")
    if audit.moderation_of_id and auditor.pk == audit.moderation_of.auditor_id:
        raise ValidationError("A moderation must be done by someone other than the first auditor")
    with set_actor(user):
        audit.auditor = auditor
        audit.save(update_fields=["auditor", "updated_at"])
    notification_send(user=auditor, url=reverse("audits:audit", args=[audit.pk]),
                      message="A case audit has been given to you")
    return audit


@transaction.atomic
def programme_close(*, programme: AuditProgramme, user) -> int:
    """Close a programme whose audits are all submitted; the cases that were not sampled are deleted
    (data minimisation: the child's ethnicity is kept only for audited cases). Returns how many."""
    if not user.has_perm("audits.manage_programmes"):
        raise PermissionDenied
    programme = AuditProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.closed_at:
        raise ValidationError("This programme is already closed")
    if not programme.sampled_at or programme.audits.exclude(status=Audit.Status.SUBMITTED).exists():
        raise ValidationError("Close the programme when every audit in its sample is submitted")
    removed, _ = programme.cases.filter(audits__isnull=True).delete()
    with set_actor(user):
        programme.closed_at = timezone.now()
        programme.save()
    return removed


@transaction.atomic
def audit_add_manual(*, programme: AuditProgramme, user, case_reference: str, reason: str) -> Audit:
    """Add a case from the list to the sample by hand, with the reason recorded."""
    if not user.has_perm("audits.manage_programmes"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError("Say why this case is added to the sample")
    programme = AuditProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.closed_at:
        raise ValidationError("This programme is closed")
    case = programme.cases.filter(case_reference=case_reference.strip().upper()).first()
    if case is None:
        raise ValidationError(f"There is no case {case_reference} on this programme's case list")
    if programme.audits.filter(case=case).exists():
        raise ValidationError(f"Case {case.case_reference} is already in the sample")
    auditors = list(programme.auditors.order_by("pk"))
    if not auditors:
        raise ValidationError("Add at least one auditor to the programme first")
    (_, auditor), = _assign([case], auditors, random.Random(case.case_reference))
    with set_actor(user):
        return Audit.objects.create(organisation=programme.organisation, programme=programme, case=case,
                                    auditor=auditor, manual_reason=reason.strip())


# --- the audit form -------------------------------------------------------------------------------

def _claim(audit: Audit, user, revision: int) -> None:
    """Bump the revision only if nobody else saved since `revision` (no lost update)."""
    updated = Audit.objects.filter(pk=audit.pk, revision=revision).update(
        revision=revision + 1, updated_by=user, updated_at=timezone.now())
    if not updated:
        raise EditConflict(Audit.objects.select_related("updated_by").get(pk=audit.pk))
    audit.revision = revision + 1


def _alert_safeguarding(audit: Audit) -> None:
    """Tell the case's team managers and the practice leads at once (no details in the message)."""
    managers = User.objects.filter(staff_profile__team_id=audit.case.team_id, groups__name="manager",
                                   is_active=True) if audit.case.team_id else User.objects.none()
    leads = User.objects.filter(organisation_id=audit.organisation_id, groups__name="practice_lead", is_active=True)
    url = reverse("audits:audit", args=[audit.pk])
    for person in {*managers, *leads}:
        notification_send(user=person, url=url,
                          message=f"Safeguarding concern flagged in a case audit (case {audit.case.case_reference})")


@transaction.atomic
def audit_save(*, audit: Audit, user, revision: int, answers: dict[int, tuple[str, str]], grade: str = "",
               grade_rationale: str = "", safeguarding_concern: bool = False, safeguarding_note: str = "",
               submit: bool = False) -> Audit:
    """Save the auditor's answers ({question id: (value, evidence)}); with `submit`, every question, the
    grade and its rationale are required and the audit is then locked."""
    if not user.has_perm("audits.edit_audit", audit):
        raise PermissionDenied
    questions = set(Question.objects.filter(standard__version=audit.programme.standards_version)
                    .values_list("pk", flat=True))
    if set(answers) - questions:
        raise ValidationError("An answer is for a question that is not in this programme's standards")
    if submit:
        missing = [pk for pk in questions if not answers.get(pk, ("", ""))[0]]
        if missing:
            raise ValidationError(f"Answer every question before submitting ({len(missing)} not answered)")
        if not grade or not grade_rationale.strip():
            raise ValidationError("Give an overall grade and its rationale before submitting")
    _claim(audit, user, revision)
    now = timezone.now()
    existing = {answer.question_id: answer for answer in audit.answers.all()}
    with set_actor(user):
        for question_id, (value, evidence) in answers.items():
            answer = existing.get(question_id) or Answer(audit=audit, question_id=question_id)
            if answer.pk and (answer.value, answer.evidence) == (value, evidence):
                continue
            answer.value, answer.evidence, answer.answered_by, answer.answered_at = value, evidence, user, now
            answer.save()
        newly_flagged = safeguarding_concern and not audit.safeguarding_concern
        audit.grade, audit.grade_rationale = grade, grade_rationale.strip()
        audit.safeguarding_concern, audit.safeguarding_note = safeguarding_concern, safeguarding_note.strip()
        audit.status = Audit.Status.SUBMITTED if submit else Audit.Status.IN_PROGRESS
        audit.submitted_at = now if submit else None
        audit.updated_by = user
        audit.save()
    if newly_flagged:
        _alert_safeguarding(audit)
    if submit and audit.needs_moderation and audit.moderation_of_id is None:
        _moderation_start(audit)
    return audit


def _moderation_start(audit: Audit) -> Audit | None:
    """A second, independent audit of the same case by another of the programme's auditors."""
    others = [person for person in audit.programme.auditors.order_by("pk")
              if person.pk not in (audit.auditor_id, audit.case.worker_id)]
    if not others:
        return None
    moderator = others[audit.pk % len(others)]
    moderation = Audit.objects.create(organisation_id=audit.organisation_id, programme=audit.programme,
                                      case=audit.case, auditor=moderator, moderation_of=audit)
    notification_send(user=moderator, url=reverse("audits:audit", args=[moderation.pk]),
                      message="A case audit is waiting for you to moderate")
    return moderation


@transaction.atomic
def audit_addendum_add(*, audit: Audit, user, text: str) -> AuditAddendum:
    if not user.has_perm("audits.add_addendum", audit):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError("Enter the addendum")
    with set_actor(user):
        return AuditAddendum.objects.create(audit=audit, author=user, text=text.strip())


@transaction.atomic
def audit_respond(*, audit: Audit, user, response: str) -> Audit:
    """The practitioner whose case it is responds to the findings."""
    if not user.has_perm("audits.respond", audit):
        raise PermissionDenied
    if not response.strip():
        raise ValidationError("Enter your response")
    with set_actor(user):
        audit.practitioner_response, audit.practitioner_responded_at = response.strip(), timezone.now()
        audit.save(update_fields=["practitioner_response", "practitioner_responded_at", "updated_at"])
    return audit


@transaction.atomic
def learning_point_add(*, audit: Audit, user, text: str, tags: list[str], action: str = "",
                       action_owner: User | None = None, action_due: date | None = None) -> LearningPoint:
    if not (user.has_perm("audits.edit_audit", audit) or user.has_perm("audits.add_addendum", audit)):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError("Enter the learning point")
    if action and (action_owner is None or action_due is None):
        raise ValidationError("An action needs an owner and a date")
    with set_actor(user):
        point = LearningPoint.objects.create(audit=audit, text=text.strip(),
                                             tags=sorted({tag.strip().lower() for tag in tags if tag.strip()}))
        if action:
            AuditAction.objects.create(learning_point=point, text=action.strip(), owner=action_owner,
                                       due_on=action_due)
    if action and action_owner != user:
        notification_send(user=action_owner, url=reverse("audits:home"),
                          message=f"You have an action from a case audit, due {action_due:%-d %B %Y}")
    return point


def audit_action_reminders_send(*, today: date | None = None) -> int:
    """Remind each owner once, on or after the due date, of an open action from a case audit."""
    due = (AuditAction.objects.filter(status=AuditAction.Status.OPEN, due_on__lte=today or timezone.localdate(),
                                      reminded_at__isnull=True, owner__is_active=True).select_related("owner"))
    return due_reminders_send(due, owner="owner", url=lambda item: reverse("audits:home"),
                              message=lambda item: f"An action from a case audit was due on {item.due_on:%-d %B %Y}")


@transaction.atomic
def audit_action_update(*, action: AuditAction, user, status: str) -> AuditAction:
    """Its owner (or a practice lead) marks an action done, or open again."""
    if action.owner_id != user.pk and not user.has_perm("audits.manage_programmes"):
        raise PermissionDenied
    if status not in AuditAction.Status.values:
        raise ValidationError("Choose open or done")
    with set_actor(user):
        action.status = status
        action.save(update_fields=["status"])
    return action


@transaction.atomic
def moderation_resolve(*, audit: Audit, user, agreed_grade: str, notes: str) -> Moderation:
    """Record how the first audit and its moderation were reconciled."""
    if not user.has_perm("audits.resolve_moderation", audit):
        raise PermissionDenied
    moderation = getattr(audit, "moderation", None)
    if moderation is None or not (audit.is_submitted and moderation.is_submitted):
        raise ValidationError("Both the audit and its moderation must be submitted first")
    if not notes.strip():
        raise ValidationError("Record how the differences were resolved")
    with set_actor(user):
        return Moderation.objects.update_or_create(audit=audit, defaults={
            "agreed_grade": agreed_grade, "notes": notes.strip(), "resolved_by": user})[0]
