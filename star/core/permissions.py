"""Who may do what in core (rules predicates). Object checks also confirm the organisation."""

import rules

from .roles import ROLE_NAMES


def has_role(*names):
    unknown = set(names) - set(ROLE_NAMES)
    if unknown:
        raise ValueError(f"Unknown role(s): {sorted(unknown)}")

    @rules.predicate(name=f"has_role({', '.join(names)})")
    def predicate(user):
        return user.is_authenticated and user.has_role(*names)

    return predicate


@rules.predicate
def is_signed_in(user):
    return user.is_authenticated


@rules.predicate
def in_same_organisation(user, obj):
    if obj is None or not user.is_authenticated:
        return False
    organisation_id = getattr(obj, "organisation_id", None)
    if organisation_id is None and hasattr(obj, "service"):
        organisation_id = obj.service.organisation_id
    return organisation_id is not None and organisation_id == user.organisation_id


@rules.predicate
def is_own_profile(user, profile):
    return profile is not None and profile.user_id == user.pk


@rules.predicate
def manages_profile(user, profile):
    """The user is the profile's line manager (direct reports only)."""
    own = getattr(user, "staff_profile", None)
    return profile is not None and own is not None and profile.line_manager_id == own.pk


is_admin = has_role("admin")

rules.add_perm("core.view_audit_log", is_admin)
rules.add_perm("core.view_people", has_role("admin", "manager"))
rules.add_perm(
    "core.view_staffprofile",
    in_same_organisation & (is_own_profile | manages_profile | is_admin),
)
rules.add_perm("core.edit_site_pages", is_admin)
rules.add_perm("core.manage_users", is_admin)
rules.add_perm("core.use_api_tokens", is_signed_in)
rules.add_perm("core.view_organisation_overview", has_role("admin", "senior_leader", "regional_lead"))
rules.add_perm("core.manage_imports",
               has_role("equality_analyst", "performance_analyst", "practice_lead", "admin"))
