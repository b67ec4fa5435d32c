"""Who defines surveys and reads their results: the programme team."""

import rules

from twinning.accounts.rules import is_organiser

rules.add_perm("feedback.manage_surveys", is_organiser)
