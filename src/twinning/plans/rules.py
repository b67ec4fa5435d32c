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


@rules.predicate
def holds_certificate(user, certificate) -> bool:
    """The certificate names the person, or is their city's own."""
    if certificate is None or not user.is_authenticated:
        return False
    if certificate.person_id is not None:
        return certificate.person_id == user.pk
    return certificate.city.memberships.filter(user=user).exists()


rules.add_perm("plans.download_certificate", holds_certificate | is_organiser)
rules.add_perm("plans.issue_certificates", is_organiser)
