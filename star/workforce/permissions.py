"""Who sees workforce race equality figures: aggregates for leaders, rows for the equality analyst only."""

import rules

from star.core.permissions import has_role, in_same_organisation

can_see_aggregates = has_role("equality_analyst", "senior_leader", "admin")
is_equality_analyst = has_role("equality_analyst")

rules.add_perm("workforce.view_dashboard", can_see_aggregates)
rules.add_perm("workforce.view_staff_records", is_equality_analyst)
rules.add_perm("workforce.view_staffsnapshot", is_equality_analyst & in_same_organisation)
