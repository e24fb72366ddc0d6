"""Who may do what with interventions and their reviews.

The people who run interventions (practice, learning and support leads, equality analysts) record
them and their reviews; senior leaders and team managers read them. Reviews hold no personal data
by design, but every object check still confirms the organisation.
"""

import rules

from star.core.permissions import has_role, in_same_organisation

RUNNERS = ("practice_lead", "learning_lead", "support_adviser", "equality_analyst")
runs_interventions = has_role(*RUNNERS)
reads_interventions = has_role(*RUNNERS, "senior_leader", "manager")

rules.add_perm("evaluation.use_evaluation", reads_interventions)
rules.add_perm("evaluation.add_intervention", runs_interventions)
rules.add_perm("evaluation.view_intervention", in_same_organisation & reads_interventions)
rules.add_perm("evaluation.change_intervention", in_same_organisation & runs_interventions)
