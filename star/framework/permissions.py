"""Who may do what with the framework (rules predicates)."""

import rules

from star.core.permissions import has_role, is_signed_in

# Anyone signed in may read the framework; admins and practice leads steward its versions.
rules.add_perm("framework.view_framework", is_signed_in)
rules.add_perm("framework.manage_framework", has_role("admin", "practice_lead"))
