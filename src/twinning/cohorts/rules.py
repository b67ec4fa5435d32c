import rules

from twinning.accounts.rules import is_organiser

rules.add_perm("cohorts.view_dashboard", is_organiser)
