"""Who may do what in learning.

* Everyone with a role keeps their own learning record; their line manager may read it.
* Learning leads run the catalogue, sessions and attendance, action learning sets (membership and
  dates), communities and events, and see aggregates by team, lens and indicator.
* A set's content (ground rules, meeting notes, presenters, commitments and reviews) is for its
  members and facilitator only: not learning leads, not administrators. They see metadata.
* Community meetings and resources are for the community's members (from any organisation) and the
  host council's learning leads.
* Senior leaders follow the action log and the dashboard's aggregates.
"""

import rules

from star.core.permissions import has_role, in_same_organisation, is_signed_in

is_learning_lead = has_role("learning_lead")
any_role = has_role("admin", "senior_leader", "regional_lead", "equality_analyst", "performance_analyst",
                    "practice_lead", "learning_lead", "support_adviser", "manager", "practitioner")


@rules.predicate
def is_own_record(user, record):
    return record is not None and record.user_id == user.pk


@rules.predicate
def manages_record_owner(user, record):
    own = getattr(user, "staff_profile", None)
    theirs = getattr(record.user, "staff_profile", None) if record is not None else None
    return own is not None and theirs is not None and theirs.line_manager_id == own.pk


@rules.predicate
def is_set_insider(user, learning_set):
    """A current member of the set, or its facilitator (someone who has left no longer reads its content)."""
    if learning_set is None:
        return False
    return (learning_set.facilitator_id == user.pk
            or learning_set.memberships.filter(user=user, left_on__isnull=True).exists())


@rules.predicate
def is_community_member(user, community):
    return community is not None and community.memberships.filter(user=user).exists()


@rules.predicate
def coordinates_community(user, community):
    return community is not None and community.memberships.filter(user=user, is_coordinator=True).exists()


@rules.predicate
def owns_action(user, action):
    return action is not None and action.owner_id == user.pk


rules.add_perm("learning.use_learning", any_role)
rules.add_perm("learning.manage_catalogue", is_learning_lead)
rules.add_perm("learning.view_dashboard", has_role("learning_lead", "senior_leader"))
rules.add_perm("learning.view_record", in_same_organisation & (is_own_record | manages_record_owner))
rules.add_perm("learning.change_record", in_same_organisation & is_own_record)
rules.add_perm("learning.manage_sets", is_learning_lead)
rules.add_perm("learning.view_set", in_same_organisation & (is_set_insider | has_role("learning_lead", "admin")))
rules.add_perm("learning.view_set_content", is_signed_in & is_set_insider)
rules.add_perm("learning.manage_communities", is_learning_lead)
rules.add_perm("learning.view_community", is_community_member | (in_same_organisation & is_learning_lead))
rules.add_perm("learning.change_community", coordinates_community | (in_same_organisation & is_learning_lead))
rules.add_perm("learning.manage_events", is_learning_lead)
rules.add_perm("learning.view_action_log", has_role("learning_lead", "senior_leader", "practice_lead", "admin"))
rules.add_perm("learning.update_action", in_same_organisation & (owns_action | is_learning_lead))
