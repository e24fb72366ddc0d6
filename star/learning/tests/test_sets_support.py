"""Builders shared by the action learning set tests (no tests here)."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from star.core.models import User
from star.learning.models import LearningSet
from star.learning.services import sets as services

NAMES = ["Alice", "Bola", "Chen", "Dara", "Efua", "Farah", "Gita", "Hamza", "Imani", "Jonah"]


@dataclass
class ASet:
    lead: User
    facilitator: User
    members: list[User]
    learning_set: LearningSet


def weeks_ago(weeks: int):
    return timezone.localdate() - timedelta(weeks=weeks)


def build_set(make_user, *, members: int = 4, start: bool = True, name: str = "Frontline set", prefix: str = "",
              cadence_weeks: int = 6, committed_meetings: int = 6) -> ASet:
    lead = make_user("learning_lead", username=f"{prefix}lead", first_name="Lena", last_name="Lead")
    facilitator = make_user("practice_lead", username=f"{prefix}facilitator", first_name="Femi", last_name="Adeyemi")
    people = [make_user("practitioner", username=f"{prefix}{first.lower()}", first_name=first, last_name="Member")
              for first in NAMES[:members]]
    learning_set = services.set_create(user=lead, name=name, theme="Anti-racist practice in assessments",
                                       facilitator=facilitator, cadence_weeks=cadence_weeks,
                                       committed_meetings=committed_meetings, starts_on=weeks_ago(30))
    for person in people:
        services.set_member_add(learning_set=learning_set, user=lead, member=person)
    if start:
        services.set_start(learning_set=learning_set, user=lead)
    learning_set.refresh_from_db()
    return ASet(lead, facilitator, people, learning_set)


def record(a_set: ASet, *, weeks: int, attended=None, presenters=(), notes: str = "", commitments=None,
           reviews=None):
    """Record the next meeting ``weeks`` ago; everyone attends unless told otherwise."""
    attended = [person.pk for person in (a_set.members if attended is None else attended)]
    return services.meeting_record(
        learning_set=a_set.learning_set, user=a_set.facilitator, held_on=weeks_ago(weeks), attended=attended,
        presenters=[person.pk for person in presenters], notes=notes,
        commitments={person.pk: text for person, text in (commitments or {}).items()},
        reviews={commitment.pk: value for commitment, value in (reviews or {}).items()})
