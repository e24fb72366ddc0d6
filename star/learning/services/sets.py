"""Writes for action learning sets. Keyword-only, atomic, named <thing>_<verb>.

The rules hold however a write arrives (form, API or demo):

* learning leads create sets and manage membership: 4 to 8 active members (``SET_MIN_MEMBERS``,
  ``SET_MAX_MEMBERS``) and a facilitator who is not a member, all from the set's organisation; a set
  starts running only with at least 4 members, and never takes a ninth;
* the facilitator writes the set's content: ground rules and meetings (attendance, who presented, notes,
  new commitments and the review of earlier ones);
* follow-through: a commitment stays on the review list of every later meeting until it is reviewed
  as done or changed. "In progress" keeps it on the list. Each review is added to the commitment's
  ``review_reflection`` as a dated line ("Meeting 2 (In progress): ..."), so the history is kept;
* notifications say that something needs attention, never what was said in the set;
* the audit trail records who changed what and when; the words (ground rules, notes, commitments,
  reflections) are excluded from it in ``apps.py``.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from star.core.models import User
from star.core.services import notification_send

from ..models import (
    SET_MAX_MEMBERS,
    SET_MIN_MEMBERS,
    TEXT_LIMIT,
    LearningSet,
    SetAttendance,
    SetCommitment,
    SetMeeting,
    SetMembership,
)
from ..selectors.sets import active_memberships, can_finish, commitment_editable, review_list

ACTION_LIMIT = 1_000
CADENCE_WEEKS = (4, 12)
COMMITTED_MEETINGS = (1, 24)
WORDS_NOT_KEPT = "(words not kept in the audit trail)"
REVIEW_OUTCOMES = (SetCommitment.Review.DONE, SetCommitment.Review.IN_PROGRESS, SetCommitment.Review.CHANGED)

EVALUATION_QUESTIONS = (
    ("likert", "The set helped me change my practice"),
    ("likert", "I felt safe to be honest in the set"),
    ("likert", "I followed through on the actions I committed to"),
    ("text", "What would make the next set better?"),
)


def _name(person) -> str:
    return person.get_full_name() or person.username


def _set_url(learning_set) -> str:
    return reverse("learning:set", args=[learning_set.pk])


def _require_manager(user) -> None:
    if not user.has_perm("learning.manage_sets"):
        raise PermissionDenied


def _require_facilitator(user, learning_set) -> None:
    if learning_set.facilitator_id is None or learning_set.facilitator_id != user.pk:
        raise PermissionDenied


def _colleague(user, person, *, what: str) -> User:
    """``person`` must be an active account in the acting user's organisation."""
    if person is None or person.organisation_id != user.organisation_id or not person.is_active:
        raise ValidationError(f"Choose the {what} from the people in your organisation")
    return person


def _check_schedule(*, cadence_weeks: int, committed_meetings: int) -> None:
    low, high = CADENCE_WEEKS
    if not low <= cadence_weeks <= high:
        raise ValidationError(f"A set meets every {low} to {high} weeks: choose a number of weeks from {low} to {high}")
    low, high = COMMITTED_MEETINGS
    if not low <= committed_meetings <= high:
        raise ValidationError(f"The committed number of meetings must be from {low} to {high}")


def _words_changed(instance, user, *fields: str) -> None:
    """Say in the audit trail that private words changed (who, when), never what they are. The words are
    excluded from the trail in ``apps.py``, so auditlog alone writes nothing when only they change."""
    with set_actor(user):
        LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE, force_log=True,
                                    changes={name: [WORDS_NOT_KEPT, "changed"] for name in fields})


def _locked(learning_set) -> LearningSet:
    return LearningSet.objects.select_for_update().get(pk=learning_set.pk)


# --- the set --------------------------------------------------------------------------------------

@transaction.atomic
def set_create(*, user, name: str, theme: str, facilitator, cadence_weeks: int, committed_meetings: int,
               starts_on: date) -> LearningSet:
    """A new set, forming: add its members next. The facilitator is told (without any content)."""
    _require_manager(user)
    _colleague(user, facilitator, what="facilitator")
    _check_schedule(cadence_weeks=cadence_weeks, committed_meetings=committed_meetings)
    if not name.strip() or not theme.strip():
        raise ValidationError("Give the set a name and a theme")
    with set_actor(user):
        learning_set = LearningSet.objects.create(
            organisation_id=user.organisation_id, name=name.strip(), theme=theme.strip(), facilitator=facilitator,
            cadence_weeks=cadence_weeks, committed_meetings=committed_meetings, starts_on=starts_on)
    if facilitator.pk != user.pk:
        notification_send(user=facilitator, message="You have been asked to facilitate an action learning set",
                          url=_set_url(learning_set))
    return learning_set


@transaction.atomic
def set_update(*, learning_set: LearningSet, user, name: str, theme: str, facilitator, cadence_weeks: int,
               committed_meetings: int, starts_on: date) -> LearningSet:
    """Change a set's details. Its committed meetings never fall below those already held."""
    _require_manager(user)
    learning_set = _locked(learning_set)
    if learning_set.status == LearningSet.Status.FINISHED:
        raise ValidationError("This set has finished, so its details cannot change")
    _colleague(user, facilitator, what="facilitator")
    _check_schedule(cadence_weeks=cadence_weeks, committed_meetings=committed_meetings)
    if not name.strip() or not theme.strip():
        raise ValidationError("Give the set a name and a theme")
    held = learning_set.meetings.count()
    if committed_meetings < held:
        raise ValidationError(f"This set has already held {held} meetings: commit to at least {held}")
    first = learning_set.meetings.order_by("number").first()
    if first is not None and starts_on > first.held_on:
        raise ValidationError(f"The set's first meeting was on {first.held_on:%-d %B %Y}: it cannot start after it")
    if active_memberships(learning_set).filter(user=facilitator).exists():
        raise ValidationError(f"{_name(facilitator)} is a member of this set: remove them before they facilitate it")
    new_facilitator = facilitator.pk != learning_set.facilitator_id
    with set_actor(user):
        learning_set.name, learning_set.theme, learning_set.facilitator = name.strip(), theme.strip(), facilitator
        learning_set.cadence_weeks, learning_set.committed_meetings = cadence_weeks, committed_meetings
        learning_set.starts_on = starts_on
        learning_set.save()
    if new_facilitator and facilitator.pk != user.pk:
        notification_send(user=facilitator, message="You have been asked to facilitate an action learning set",
                          url=_set_url(learning_set))
    return learning_set


@transaction.atomic
def set_member_add(*, learning_set: LearningSet, user, member) -> SetMembership:
    """Add a colleague to a set that has not finished; never more than ``SET_MAX_MEMBERS`` at once."""
    _require_manager(user)
    learning_set = _locked(learning_set)
    if learning_set.status == LearningSet.Status.FINISHED:
        raise ValidationError("This set has finished, so nobody can join it")
    _colleague(user, member, what="member")
    if member.pk == learning_set.facilitator_id:
        raise ValidationError(f"{_name(member)} facilitates this set, so cannot also be a member")
    active = active_memberships(learning_set)
    if active.filter(user=member).exists():
        raise ValidationError(f"{_name(member)} is already a member of this set")
    if active.count() >= SET_MAX_MEMBERS:
        raise ValidationError(f"A set has at most {SET_MAX_MEMBERS} members: remove someone before adding another")
    today = timezone.localdate()
    with set_actor(user):
        membership = SetMembership.objects.filter(learning_set=learning_set, user=member).first()
        if membership is None:
            membership = SetMembership.objects.create(learning_set=learning_set, user=member, joined_on=today)
        else:  # rejoining after leaving: one membership per person and set
            membership.joined_on, membership.left_on = today, None
            membership.save()
    notification_send(user=member, message="You have been added to an action learning set",
                      url=_set_url(learning_set))
    return membership


@transaction.atomic
def set_member_remove(*, learning_set: LearningSet, user, member) -> None:
    """Take someone out of a set. Before any meeting the membership is deleted (they never took part);
    after, it is ended (``left_on``) so attendance stays true. Their open commitments leave the review list."""
    _require_manager(user)
    learning_set = _locked(learning_set)
    if learning_set.status == LearningSet.Status.FINISHED:
        raise ValidationError("This set has finished, so its membership cannot change")
    membership = active_memberships(learning_set).filter(user=member).first()
    if membership is None:
        raise ValidationError(f"{_name(member)} is not a member of this set")
    with set_actor(user):
        if learning_set.meetings.exists():
            membership.left_on = timezone.localdate()
            membership.save()
        else:
            membership.delete()
    notification_send(user=member, message="You are no longer a member of an action learning set",
                      url=reverse("learning:sets"))


@transaction.atomic
def set_start(*, learning_set: LearningSet, user) -> LearningSet:
    """A forming set starts running once it has ``SET_MIN_MEMBERS`` to ``SET_MAX_MEMBERS`` members."""
    if not (user.has_perm("learning.manage_sets") or user.pk == learning_set.facilitator_id):
        raise PermissionDenied
    learning_set = _locked(learning_set)
    if learning_set.status != LearningSet.Status.FORMING:
        raise ValidationError("This set has already started")
    if learning_set.facilitator_id is None:
        raise ValidationError("Choose a facilitator before the set starts")
    members = list(active_memberships(learning_set).select_related("user"))
    if len(members) < SET_MIN_MEMBERS:
        raise ValidationError(f"A set needs at least {SET_MIN_MEMBERS} members to start: it has {len(members)}")
    if len(members) > SET_MAX_MEMBERS:
        raise ValidationError(f"A set has at most {SET_MAX_MEMBERS} members: it has {len(members)}")
    with set_actor(user):
        learning_set.status = LearningSet.Status.RUNNING
        learning_set.save()
    for person in [membership.user for membership in members] + [learning_set.facilitator]:
        if person.pk != user.pk:
            notification_send(user=person, message="Your action learning set has started",
                              url=_set_url(learning_set))
    return learning_set


@transaction.atomic
def ground_rules_save(*, learning_set: LearningSet, user, text: str) -> LearningSet:
    """The facilitator records the ground rules the set agreed (at its first meeting) and any changes."""
    _require_facilitator(user, learning_set)
    learning_set = _locked(learning_set)
    if learning_set.status == LearningSet.Status.FINISHED:
        raise ValidationError("This set has finished, so its ground rules cannot change")
    if len(text) > TEXT_LIMIT:
        raise ValidationError(f"The ground rules must be {TEXT_LIMIT:,} characters or fewer")
    text = text.strip()
    if text != learning_set.ground_rules:
        with set_actor(user):
            learning_set.ground_rules = text
            learning_set.save()
        _words_changed(learning_set, user, "ground_rules")
    return learning_set


# --- meetings and follow-through ------------------------------------------------------------------

def review_history(commitment: SetCommitment, number: int, outcome: str, reflection: str) -> str:
    """The commitment's reviews so far with this one added: one line per review, oldest first."""
    label = SetCommitment.Review(outcome).label
    line = f"Meeting {number} ({label}): {reflection.strip()}" if reflection.strip() else f"Meeting {number} ({label})."
    return f"{commitment.review_reflection}\n\n{line}" if commitment.review_reflection else line


@transaction.atomic
def meeting_record(*, learning_set: LearningSet, user, held_on: date, attended: Iterable[int],
                   presenters: Iterable[int], notes: str, commitments: Mapping[int, str],
                   reviews: Mapping[int, tuple[str, str]]) -> SetMeeting:
    """The facilitator records the next meeting of a running set.

    ``attended`` and ``presenters`` are member ids; ``commitments`` maps a present member's id to their
    new action; ``reviews`` maps the id of a commitment on the review list to (outcome, reflection),
    outcome one of done / in_progress / changed. A present member's commitments on the list must be
    reviewed; an absent member's may be (for example from an update they sent), or stay on the list.
    """
    _require_facilitator(user, learning_set)
    learning_set = _locked(learning_set)
    if learning_set.status == LearningSet.Status.FORMING:
        raise ValidationError("Start the set before recording its first meeting")
    if learning_set.status == LearningSet.Status.FINISHED:
        raise ValidationError("This set has finished")
    last = learning_set.meetings.order_by("-number").first()
    number = (last.number if last else 0) + 1
    if number > learning_set.committed_meetings:
        raise ValidationError(f"This set has held all {learning_set.committed_meetings} of its committed meetings. "
                              "Finish the set, or ask a learning lead to commit to more meetings.")
    problems = []
    if held_on > timezone.localdate():
        problems.append("The meeting date must be today or in the past")
    if held_on < learning_set.starts_on:
        problems.append(f"The meeting date must be on or after the set's start, {learning_set.starts_on:%-d %B %Y}")
    if last is not None and held_on <= last.held_on:
        problems.append(f"The meeting date must be after the last meeting, on {last.held_on:%-d %B %Y}")
    members = {membership.user_id: membership.user
               for membership in active_memberships(learning_set).select_related("user")}
    attended, presenters = set(attended), set(presenters)
    if not attended:
        problems.append("Tick at least one member who was at the meeting")
    if attended - members.keys():
        problems.append("Only the set's members can be recorded as attending")
    if presenters - attended:
        problems.append("Only members who were at the meeting can have presented")
    if len(notes) > TEXT_LIMIT:
        problems.append(f"The notes must be {TEXT_LIMIT:,} characters or fewer")
    new_actions = {member_id: text.strip() for member_id, text in commitments.items() if text and text.strip()}
    for member_id, text in new_actions.items():
        if member_id not in attended:
            problems.append(f"{_name(members[member_id]) if member_id in members else 'Someone'} was not at the "
                            "meeting, so cannot make a commitment at it")
        if len(text) > ACTION_LIMIT:
            problems.append(f"A commitment must be {ACTION_LIMIT:,} characters or fewer")
    to_review = {commitment.pk: commitment for commitment in review_list(learning_set)}
    if set(reviews) - to_review.keys():
        problems.append("Only open commitments of this set's members can be reviewed")
    for pk, commitment in to_review.items():
        outcome, reflection = reviews.get(pk, ("", ""))
        who = _name(commitment.member)
        if not outcome:
            if commitment.member_id in attended:
                problems.append(f"Review {who}'s commitment from meeting {commitment.meeting.number}: "
                                "done, in progress or changed")
            continue
        if outcome not in REVIEW_OUTCOMES:
            problems.append(f"Review {who}'s commitment as done, in progress or changed")
        elif outcome == SetCommitment.Review.CHANGED and not reflection.strip():
            problems.append(f"Say how {who}'s commitment changed")
        elif len(review_history(commitment, number, outcome, reflection)) > TEXT_LIMIT:
            problems.append(f"The reflection on {who}'s commitment is too long")
    if problems:
        raise ValidationError(problems)
    with set_actor(user):
        meeting = SetMeeting.objects.create(learning_set=learning_set, number=number, held_on=held_on,
                                            notes=notes.strip())
        SetAttendance.objects.bulk_create(SetAttendance(meeting=meeting, user_id=member_id,
                                                        attended=member_id in attended)
                                          for member_id in sorted(members))
        if presenters:
            meeting.presenters.set(sorted(presenters))
        for member_id in sorted(new_actions):
            SetCommitment.objects.create(meeting=meeting, member_id=member_id, action=new_actions[member_id])
        for pk, (outcome, reflection) in sorted(reviews.items()):
            if not outcome:
                continue
            commitment = to_review[pk]
            commitment.review_reflection = review_history(commitment, number, outcome, reflection)
            commitment.review, commitment.reviewed_at = outcome, meeting
            commitment.save()
    url = reverse("learning:set_meeting", args=[learning_set.pk, number])
    for member_id, member in members.items():
        if member_id != user.pk:
            notification_send(user=member, message="A meeting of your action learning set has been recorded", url=url)
    return meeting


@transaction.atomic
def commitment_update(*, commitment: SetCommitment, user, action: str) -> SetCommitment:
    """The member rewords their own commitment before the next meeting."""
    if commitment.member_id != user.pk:
        raise PermissionDenied
    commitment = SetCommitment.objects.select_for_update().select_related("meeting__learning_set").get(
        pk=commitment.pk)
    if not commitment_editable(commitment):
        raise ValidationError("This commitment can no longer be changed: it is reviewed at the next meeting")
    action = action.strip()
    if not action:
        raise ValidationError("Enter your commitment")
    if len(action) > ACTION_LIMIT:
        raise ValidationError(f"Your commitment must be {ACTION_LIMIT:,} characters or fewer")
    if action != commitment.action:
        with set_actor(user):
            commitment.action = action
            commitment.save()
        _words_changed(commitment, user, "action")
    return commitment


# --- end of cycle ---------------------------------------------------------------------------------

@transaction.atomic
def set_finish(*, learning_set: LearningSet, user, send_evaluation: bool = True) -> LearningSet:
    """Finish a set once its committed meetings are held (its facilitator or a learning lead), and offer
    the end-of-cycle evaluation to its members."""
    if not (user.has_perm("learning.manage_sets") or user.pk == learning_set.facilitator_id):
        raise PermissionDenied
    learning_set = _locked(learning_set)
    if learning_set.status == LearningSet.Status.FINISHED:
        raise ValidationError("This set has already finished")
    if not can_finish(learning_set):
        held = learning_set.meetings.count()
        raise ValidationError(f"A set can finish once its {learning_set.committed_meetings} committed meetings "
                              f"are recorded: {held} so far")
    with set_actor(user):
        learning_set.status = LearningSet.Status.FINISHED
        learning_set.save()
    if send_evaluation and evaluation_available():
        set_evaluation_create(learning_set=learning_set, user=user)
    return learning_set


def evaluation_available() -> bool:
    """The evaluation is a survey in the feedback (voice) module, when it is installed."""
    return apps.is_installed("star.voice")


@transaction.atomic
def set_evaluation_create(*, learning_set: LearningSet, user):
    """The end-of-cycle evaluation: a short anonymous staff survey in the feedback module, linked to the
    set; every member (current or past) and the facilitator get its public link. Results are seen
    only through the feedback module, with its anonymity threshold and protection against differencing."""
    from star.analytics.disclosure import MIN_THRESHOLD
    from star.voice.models import Audience
    from star.voice.services import surveys as builder

    if not (user.has_perm("learning.manage_sets") or user.pk == learning_set.facilitator_id):
        raise PermissionDenied
    learning_set = _locked(learning_set)
    if learning_set.status != LearningSet.Status.FINISHED:
        raise ValidationError("Finish the set before sending its evaluation")
    if learning_set.evaluation_survey_id is not None:
        raise ValidationError("This set already has its evaluation")
    survey = builder.survey_create(
        organisation=learning_set.organisation, user=user, template_key="",
        title=f"{learning_set.name}: end-of-cycle evaluation"[:200], audience=Audience.STAFF,
        purpose="You were in this action learning set. These four questions ask how it went, so the next set "
                "can be better. Your answers are anonymous: nobody can see who gave them, and results are "
                "shown only when enough people have answered.",
        # A set has 4 to 8 members: the lowest threshold the feedback module allows, so results can show.
        anonymity_threshold=MIN_THRESHOLD)
    version = survey.draft_version
    section = version.sections.get()
    for kind, text in EVALUATION_QUESTIONS:
        builder.question_save(section=section, user=user, kind=kind, text=text, hint="", options=[],
                              required=False, shown_if_question="", shown_if_answer="")
    builder.version_publish(version=version, user=user, change_note="End-of-cycle evaluation of an action "
                                                                     "learning set")
    with set_actor(user):
        learning_set.evaluation_survey = survey
        learning_set.save()
    link = survey.links.order_by("pk").first()
    url = reverse("respond:survey", args=[link.token])
    people = {membership.user for membership in learning_set.memberships.select_related("user")}
    if learning_set.facilitator is not None:
        people.add(learning_set.facilitator)
    for person in sorted(people, key=lambda item: item.pk):
        if person.is_active:
            notification_send(user=person, message="Your action learning set has finished: tell us how it went "
                                                   "(anonymous, 2 minutes)", url=url)
    return survey


def next_meeting_number(learning_set: LearningSet) -> int:
    return (learning_set.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
