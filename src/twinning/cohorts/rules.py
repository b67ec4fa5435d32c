import rules

from twinning.accounts.rules import is_organiser

rules.add_perm("cohorts.view_dashboard", is_organiser)
# Open a cohort, change its settings and windows, extend a window.
rules.add_perm("cohorts.manage_cohort", is_organiser)
