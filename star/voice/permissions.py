"""Who may do what with surveys and feedback.

Practice leads, learning leads and equality analysts build surveys, read comments and code them.
Senior leaders and team managers see results, always through the anonymity threshold; they do not
read individual comments. Respondents never sign in. Every object check confirms the organisation.
"""

import rules

from star.core.permissions import has_role, in_same_organisation

SURVEY_OWNERS = ("practice_lead", "learning_lead", "equality_analyst")
is_survey_owner = has_role(*SURVEY_OWNERS)
sees_results = has_role(*SURVEY_OWNERS, "senior_leader", "manager")

rules.add_perm("voice.use_voice", sees_results)
rules.add_perm("voice.manage_surveys", is_survey_owner)
rules.add_perm("voice.change_survey", in_same_organisation & is_survey_owner)
rules.add_perm("voice.view_results", in_same_organisation & sees_results)
rules.add_perm("voice.read_comments", in_same_organisation & is_survey_owner)
rules.add_perm("voice.manage_actions", is_survey_owner)
