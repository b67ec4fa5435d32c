"""A twinning is completed once its joint plan is approved."""

from django.utils.translation import gettext as _

from twinning.plans.enums import PlanState
from twinning.plans.models import JointPlan
from twinning.programme.domain.lifecycle import completion_condition


@completion_condition("plan_approved")
def plan_missing(twinning) -> str | None:
    if JointPlan.objects.filter(twinning=twinning, state=PlanState.APPROVED).exists():
        return None
    return _("The %(plan)s is not approved yet.") % {"plan": twinning.joint_output_name}
