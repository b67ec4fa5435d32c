"""Who may read, write, comment on and decide a joint plan.

The predicates take the plan's twinning, so a view checks them before it looks
anything up inside the plan.
"""

import rules

from twinning.accounts.rules import is_organiser
from twinning.programme.rules import is_twinning_facilitator, is_twinning_member

can_view_plan = is_twinning_member | is_twinning_facilitator | is_organiser
# The twinned cities write the plan; the facilitator and the programme team comment on it.
can_edit_plan = is_twinning_member
can_comment_plan = is_twinning_facilitator | is_organiser
can_reply_on_plan = can_view_plan

rules.add_perm("plans.view_plan", can_view_plan)
rules.add_perm("plans.edit_plan", can_edit_plan)
rules.add_perm("plans.comment_plan", can_comment_plan)
rules.add_perm("plans.reply_plan", can_reply_on_plan)
rules.add_perm("plans.decide_plan", is_organiser)
rules.add_perm("plans.list_plans", is_organiser)
