"""Who may see and change practice records.

Content is for its people only: an author sees their own reflections and commitments; a reflection
is also readable by the people it is shared with; a supervision record by its supervisor and
supervisee. Nobody else sees content, admins included: they and leaders see team aggregates.
"""

import rules

from star.core.permissions import has_role, in_same_organisation, is_signed_in
from star.core.roles import ROLE_NAMES


@rules.predicate
def has_organisation(user):
    return user.is_authenticated and user.organisation_id is not None


@rules.predicate
def is_author(user, reflection):
    return reflection is not None and reflection.author_id == user.pk


@rules.predicate
def is_shared_with(user, reflection):
    return reflection is not None and reflection.shares.filter(shared_with=user).exists()


@rules.predicate
def is_owner(user, commitment):
    return commitment is not None and commitment.owner_id == user.pk


@rules.predicate
def is_supervisor(user, record):
    return record is not None and record.supervisor_id == user.pk


@rules.predicate
def is_supervisee(user, record):
    return record is not None and record.supervisee_id == user.pk


@rules.predicate
def is_locked(user, record):
    return record is not None and record.is_locked


@rules.predicate
def is_acknowledged(user, record):
    return record is not None and record.acknowledged_at is not None


# Everyone on the staff reflects, whatever their role; an account with no role yet cannot.
rules.add_perm("practice.use_my_star", is_signed_in & has_organisation & has_role(*ROLE_NAMES))
rules.add_perm("practice.view_reflection", in_same_organisation & (is_author | is_shared_with))
rules.add_perm("practice.change_reflection", in_same_organisation & is_author)
rules.add_perm("practice.change_commitment", in_same_organisation & is_owner)
rules.add_perm("practice.record_supervision", has_organisation & has_role("manager", "practice_lead"))
rules.add_perm("practice.view_supervision", in_same_organisation & (is_supervisor | is_supervisee))
rules.add_perm("practice.change_supervision", in_same_organisation & is_supervisor & ~is_locked)
rules.add_perm("practice.acknowledge_supervision", in_same_organisation & is_supervisee & ~is_acknowledged)
rules.add_perm("practice.add_addendum", in_same_organisation & (is_supervisor | is_supervisee) & is_locked)
rules.add_perm("practice.view_team",
               has_organisation & has_role("manager", "practice_lead", "senior_leader", "admin"))
