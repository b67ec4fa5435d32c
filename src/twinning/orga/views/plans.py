"""Organiser pages: the cohort's joint plans by state, and the decision on a submitted plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cohorts.domain.queries import all_cohorts, pick_cohort
from twinning.common.permissions import requires
from twinning.plans.domain import set_plan_state
from twinning.plans.domain.queries import plan_counts, plan_with_cohort_or_404, plans_of_cohort
from twinning.plans.enums import PlanState
from twinning.plans.forms import DecisionForm


@requires("plans.list_plans")
def plan_list(request):
    cohorts = all_cohorts()
    cohort = pick_cohort(request, cohorts)
    state = request.GET.get("state", "")
    if state not in PlanState.values:
        state = ""
    plans = list(plans_of_cohort(cohort, state or None)) if cohort else []
    return render(
        request,
        "orga/plans/list.html",
        {
            "cohort": cohort,
            "cohorts": cohorts,
            "state": state,
            "states": PlanState.choices,
            "counts": plan_counts(cohort) if cohort else {},
            "plans": plans,
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def plan_decide(request, pk):
    plan = plan_with_cohort_or_404(pk)
    if not request.user.has_perm("plans.decide_plan", plan.twinning):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    back = request.POST.get("next") == "plan"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            set_plan_state(
                plan,
                form.cleaned_data["decision"],
                by=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The plan is approved.")
                if form.cleaned_data["decision"] == PlanState.APPROVED
                else _("The plan is returned to the cities."),
            )
    if back:
        return redirect("portal:plan", plan.twinning_id)
    return redirect(f"{reverse('orga:plans')}?cohort={plan.twinning.cohort.slug}")
