"""Who may do what with case audits.

Practice leads run programmes and see every audit of their council. Administrators see the report
(aggregates) but no audit: findings about a child's case are for the people doing the work. An auditor
sees the audits assigned to them; a moderator does not see the first auditor's grades until they have
submitted their own. A practitioner sees submitted audits of their own cases when the programme lets
them respond. A team manager sees an audit that flagged a safeguarding concern about a case in their
team. Senior leaders see aggregates only.
"""

import rules

from star.core.permissions import has_role, in_same_organisation

is_practice_lead = has_role("practice_lead")


@rules.predicate
def is_auditor(user, audit):
    return audit is not None and audit.auditor_id == user.pk


@rules.predicate
def is_submitted(user, audit):
    return audit is not None and audit.is_submitted


@rules.predicate
def is_their_case(user, audit):
    return (audit is not None and audit.case.worker_id == user.pk and audit.moderation_of_id is None
            and audit.programme.practitioner_can_respond)


@rules.predicate
def manages_flagged_case(user, audit):
    if audit is None or not audit.safeguarding_concern or not user.has_role("manager"):
        return False
    profile = getattr(user, "staff_profile", None)
    return profile is not None and profile.team_id is not None and profile.team_id == audit.case.team_id


@rules.predicate
def is_programme_auditor(user, programme):
    return programme is not None and programme.auditors.filter(pk=user.pk).exists()


rules.add_perm("audits.use_audits", has_role("practice_lead", "admin", "practitioner", "manager", "senior_leader"))
rules.add_perm("audits.manage_programmes", is_practice_lead)
rules.add_perm("audits.manage_standards", is_practice_lead)
rules.add_perm("audits.view_programme", in_same_organisation & (is_practice_lead | is_programme_auditor))
rules.add_perm("audits.view_aggregates", has_role("practice_lead", "admin", "senior_leader"))
rules.add_perm("audits.view_audit", in_same_organisation & (
    is_practice_lead | is_auditor | (is_submitted & is_their_case) | manages_flagged_case))
rules.add_perm("audits.edit_audit", in_same_organisation & is_auditor & ~is_submitted)
rules.add_perm("audits.add_addendum", in_same_organisation & (is_auditor | is_practice_lead) & is_submitted)
rules.add_perm("audits.respond", in_same_organisation & is_submitted & is_their_case)
rules.add_perm("audits.resolve_moderation", in_same_organisation & is_practice_lead)
