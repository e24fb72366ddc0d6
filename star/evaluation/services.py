"""Every write of interventions, their measures and reviews. Keyword-only, atomic, named <thing>_<verb>."""

from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.formats import date_format

from star.framework.selectors import current_version, version_indicators
from star.outcomes.stages import STAGE_IDS
from star.voice.models import Survey
from star.voice.selectors.surveys import agreement_questions

from .models import CountEntry, Intervention, Measure, Perspective, Phase, Review

PHASE_ORDER = list(Phase.values)


def _require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def _day(value: date) -> str:
    return date_format(value, "j F Y")


# --- interventions --------------------------------------------------------------------------------

def _intervention_fields(*, title: str, kind: str, purpose: str, intended_outcomes: str, indicator_keys,
                         partners: str, starts_on: date, ends_on: date | None, status: str) -> dict:
    if not title.strip():
        raise ValidationError("Enter the intervention's title")
    if kind not in Intervention.Kind.values:
        raise ValidationError("Choose the kind of intervention")
    if status not in Intervention.Status.values:
        raise ValidationError("Choose the intervention's status: planned, running or finished")
    if not purpose.strip() or not intended_outcomes.strip():
        raise ValidationError("Say what the intervention is for and the outcomes it intends")
    if ends_on and ends_on < starts_on:
        raise ValidationError("The intervention must end on or after the day it starts")
    version = current_version()
    known = set(version_indicators(version).values_list("key", flat=True)) if version else set()
    unknown = sorted(set(indicator_keys) - known)
    if unknown:
        raise ValidationError(f"These are not indicators of the current STAR framework: {', '.join(unknown)}")
    return {"title": title.strip(), "kind": kind, "purpose": purpose.strip(),
            "intended_outcomes": intended_outcomes.strip(), "indicator_keys": list(dict.fromkeys(indicator_keys)),
            "partners": partners.strip(), "starts_on": starts_on, "ends_on": ends_on, "status": status}


@transaction.atomic
def intervention_create(*, user, title: str, kind: str, purpose: str, intended_outcomes: str, starts_on: date,
                        indicator_keys=(), partners: str = "", ends_on: date | None = None,
                        status: str = Intervention.Status.PLANNED) -> Intervention:
    """A new intervention of the user's organisation, owned by them."""
    _require(user, "evaluation.add_intervention")
    fields = _intervention_fields(title=title, kind=kind, purpose=purpose, intended_outcomes=intended_outcomes,
                                  indicator_keys=indicator_keys, partners=partners, starts_on=starts_on,
                                  ends_on=ends_on, status=status)
    with set_actor(user):
        return Intervention.objects.create(organisation_id=user.organisation_id, owner=user, **fields)


@transaction.atomic
def intervention_update(*, intervention: Intervention, user, title: str, kind: str, purpose: str,
                        intended_outcomes: str, starts_on: date, indicator_keys=(), partners: str = "",
                        ends_on: date | None = None, status: str = Intervention.Status.PLANNED) -> Intervention:
    _require(user, "evaluation.change_intervention", intervention)
    fields = _intervention_fields(title=title, kind=kind, purpose=purpose, intended_outcomes=intended_outcomes,
                                  indicator_keys=indicator_keys, partners=partners, starts_on=starts_on,
                                  ends_on=ends_on, status=status)
    with set_actor(user):
        for name, value in fields.items():
            setattr(intervention, name, value)
        intervention.save()
    return intervention


# --- measures -------------------------------------------------------------------------------------

def _measure_fields(intervention: Intervention, *, kind: str, label: str, higher_is_better: bool,
                    survey: Survey | None, question_key: str, stage: str) -> dict:
    if kind not in Measure.Kind.values:
        raise ValidationError("Choose how the outcome is measured: a survey question, a count or an outcomes stage")
    if not label.strip():
        raise ValidationError("Say what the measure shows, for example ‘Families who felt listened to’")
    fields = {"kind": kind, "label": label.strip(), "higher_is_better": higher_is_better, "survey": None,
              "question_key": "", "stage": ""}
    if kind == Measure.Kind.SURVEY:
        if survey is None or survey.organisation_id != intervention.organisation_id:
            raise ValidationError("Choose a survey of your organisation")
        if survey.status == Survey.Status.DRAFT:
            raise ValidationError(f"The survey ‘{survey.title}’ is a draft: choose an open or closed survey")
        if question_key not in agreement_questions([survey]).get(survey.pk, {}):
            raise ValidationError(f"Choose an agree-or-disagree question of the survey ‘{survey.title}’")
        fields.update(survey=survey, question_key=question_key)
    elif kind == Measure.Kind.OUTCOME:
        if stage not in STAGE_IDS:
            raise ValidationError("Choose a stage of the children's social care pathway")
        fields["stage"] = stage
    return fields


@transaction.atomic
def measure_add(*, intervention: Intervention, user, kind: str, label: str, higher_is_better: bool = True,
                survey: Survey | None = None, question_key: str = "", stage: str = "") -> Measure:
    """A measure at the end of the intervention's list. A survey measure needs an open or closed survey and
    one of its agree-or-disagree questions; an outcome measure a stage id; a count only its label."""
    _require(user, "evaluation.change_intervention", intervention)
    fields = _measure_fields(intervention, kind=kind, label=label, higher_is_better=higher_is_better, survey=survey,
                             question_key=question_key, stage=stage)
    order = (intervention.measures.aggregate(n=Max("order"))["n"] or 0) + 1
    with set_actor(user):
        return Measure.objects.create(intervention=intervention, order=order, **fields)


@transaction.atomic
def measure_update(*, measure: Measure, user, kind: str, label: str, higher_is_better: bool = True,
                   survey: Survey | None = None, question_key: str = "", stage: str = "") -> Measure:
    """Change a measure; a measure that stops being a count loses its recorded counts."""
    _require(user, "evaluation.change_intervention", measure.intervention)
    fields = _measure_fields(measure.intervention, kind=kind, label=label, higher_is_better=higher_is_better,
                             survey=survey, question_key=question_key, stage=stage)
    with set_actor(user):
        if kind != Measure.Kind.COUNT:
            measure.counts.all().delete()
        for name, value in fields.items():
            setattr(measure, name, value)
        measure.save()
    return measure


@transaction.atomic
def measure_remove(*, measure: Measure, user) -> None:
    _require(user, "evaluation.change_intervention", measure.intervention)
    with set_actor(user):
        measure.delete()


# --- reviews --------------------------------------------------------------------------------------

def _check_period(intervention: Intervention, phase: str, start: date, end: date, exclude: int | None) -> None:
    """The period is in order, and the phases' periods follow each other without overlapping: before and
    after are compared as separate groups of answers."""
    if end < start:
        raise ValidationError("The end of the review period must be on or after its start")
    position = PHASE_ORDER.index(phase)
    for other in intervention.reviews.exclude(pk=exclude):
        earlier = PHASE_ORDER.index(other.phase) < position
        if earlier and other.period_end >= start:
            raise ValidationError(f"The {Phase(phase).label.lower()} review's period must start after the "
                                  f"{other.get_phase_display().lower()} review's period ends "
                                  f"({_day(other.period_end)}), so the phases do not overlap")
        if not earlier and other.period_start <= end:
            raise ValidationError(f"The {Phase(phase).label.lower()} review's period must end before the "
                                  f"{other.get_phase_display().lower()} review's period starts "
                                  f"({_day(other.period_start)}), so the phases do not overlap")


def _review_fields(*, expected: str, happened: str, evidence: str, perspectives, perspectives_missing: str,
                   changes: str) -> dict:
    if not expected.strip():
        raise ValidationError("Say what you expected")
    if not happened.strip():
        raise ValidationError("Say what happened")
    unknown = set(perspectives) - set(Perspective.values)
    if unknown:
        raise ValidationError(f"Unknown perspectives: {', '.join(sorted(unknown))}")
    return {"expected": expected.strip(), "happened": happened.strip(), "evidence": evidence.strip(),
            "perspectives": [key for key in Perspective.values if key in set(perspectives)],
            "perspectives_missing": perspectives_missing.strip(), "changes": changes.strip()}


def _counts_set(intervention: Intervention, phase: str, counts: dict[int, tuple[int | None, int | None]]) -> None:
    """Record x of n for each count measure ({measure id: (x, n)}); (None, None) clears the phase's entry."""
    measures = {measure.pk: measure for measure in intervention.measures.filter(kind=Measure.Kind.COUNT)}
    for measure_id, (numerator, denominator) in counts.items():
        measure = measures.get(measure_id)
        if measure is None:
            raise ValidationError("A count is for a measure that is not a count of this intervention")
        if numerator is None and denominator is None:
            measure.counts.filter(phase=phase).delete()
            continue
        if numerator is None or denominator is None:
            raise ValidationError(f"{measure.label}: enter both the number and the total, or leave both blank")
        if denominator < 1:
            raise ValidationError(f"{measure.label}: the total must be at least 1")
        if numerator < 0:
            raise ValidationError(f"{measure.label}: the number cannot be negative")
        if numerator > denominator:
            raise ValidationError(f"{measure.label}: the number ({numerator}) cannot be more than the total "
                                  f"({denominator})")
        CountEntry.objects.update_or_create(measure=measure, phase=phase,
                                            defaults={"numerator": numerator, "denominator": denominator})


@transaction.atomic
def review_create(*, intervention: Intervention, user, phase: str, period_start: date, period_end: date,
                  expected: str, happened: str, evidence: str = "", perspectives=(), perspectives_missing: str = "",
                  changes: str = "", counts: dict | None = None) -> Review:
    """The review of one phase (one per phase), with the counts recorded for that phase."""
    _require(user, "evaluation.change_intervention", intervention)
    if phase not in Phase.values:
        raise ValidationError("Choose the phase: before, during or after")
    intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
    if intervention.reviews.filter(phase=phase).exists():
        raise ValidationError(f"There is already a {Phase(phase).label.lower()} review of this intervention: "
                              "change that one instead")
    _check_period(intervention, phase, period_start, period_end, exclude=None)
    fields = _review_fields(expected=expected, happened=happened, evidence=evidence, perspectives=perspectives,
                            perspectives_missing=perspectives_missing, changes=changes)
    with set_actor(user):
        review = Review.objects.create(intervention=intervention, phase=phase, period_start=period_start,
                                       period_end=period_end, author=user, **fields)
        _counts_set(intervention, phase, counts or {})
    return review


@transaction.atomic
def review_update(*, review: Review, user, period_start: date, period_end: date, expected: str, happened: str,
                  evidence: str = "", perspectives=(), perspectives_missing: str = "", changes: str = "",
                  counts: dict | None = None) -> Review:
    _require(user, "evaluation.change_intervention", review.intervention)
    _check_period(review.intervention, review.phase, period_start, period_end, exclude=review.pk)
    fields = _review_fields(expected=expected, happened=happened, evidence=evidence, perspectives=perspectives,
                            perspectives_missing=perspectives_missing, changes=changes)
    with set_actor(user):
        review.period_start, review.period_end = period_start, period_end
        for name, value in fields.items():
            setattr(review, name, value)
        review.save()
        _counts_set(review.intervention, review.phase, counts or {})
    return review
