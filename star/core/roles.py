"""The roles people hold in STAR. Each role is a Django group of the same name."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    name: str
    label: str
    home_heading: str
    summary: str


ROLES = (
    Role("admin", "Administrator", "Administration", "Manage people, organisations and the audit trail."),
    Role("senior_leader", "Senior leader", "Leadership overview",
         "See aggregate progress of the anti-racism programme: no personal data."),
    Role("regional_lead", "Regional lead", "Regional overview",
         "See aggregates across the councils in your regional alliance: no personal data."),
    Role("equality_analyst", "Equality analyst", "Workforce race equality",
         "Analyse workforce race equality, pay and recruitment."),
    Role("performance_analyst", "Performance analyst", "Outcomes for children",
         "Analyse ethnic disproportionality in outcomes from statutory returns."),
    Role("practice_lead", "Practice lead", "Practice standards",
         "Audit cases against the anti-racist practice standards and steward the STAR framework."),
    Role("learning_lead", "Learning lead", "Learning and development",
         "Run learning, action learning sets, leadership programmes and reverse mentoring."),
    Role("support_adviser", "Support adviser", "Support and safe reporting",
         "Respond to confidential reports of racism and offer racialised trauma support."),
    Role("manager", "Team manager", "Your team", "Supervise against STAR and see your team's practice."),
    Role("practitioner", "Practitioner", "Your practice",
         "Reflect against STAR, record commitments and learning, and give feedback."),
)
ROLE_BY_NAME = {role.name: role for role in ROLES}
ROLE_NAMES = tuple(role.name for role in ROLES)
# Roles that see figures across organisations, and only as aggregates.
CROSS_ORGANISATION_ROLES = frozenset({"regional_lead"})


def roles_of(user) -> list[Role]:
    """The user's roles, most senior first (the order of ROLES)."""
    if not getattr(user, "is_authenticated", False):
        return []
    names = user.role_names
    return [role for role in ROLES if role.name in names]


def primary_role(user) -> Role | None:
    held = roles_of(user)
    return held[0] if held else None
