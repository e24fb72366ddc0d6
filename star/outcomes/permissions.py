"""Who sees outcomes for children: disclosure-controlled aggregates only, so leaders and analysts alike."""

import rules

from star.core.permissions import has_role

can_see_outcomes = has_role("performance_analyst", "equality_analyst", "practice_lead", "senior_leader",
                            "regional_lead", "admin")
can_import_returns = has_role("performance_analyst", "admin")

rules.add_perm("outcomes.view_dashboard", can_see_outcomes)
rules.add_perm("outcomes.import_returns", can_import_returns)
