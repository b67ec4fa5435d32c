import rules

from twinning.accounts.rules import is_organiser

rules.add_perm("outreach.manage", is_organiser)
rules.add_perm("mail.view_outbox", is_organiser)
