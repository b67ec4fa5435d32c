"""Organiser pages of the cohorts: their settings, their windows, and extensions of a window."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cohorts.domain import (
    add_milestone,
    extend_milestone_window,
    save_cohort,
    save_milestone,
)
from twinning.cohorts.domain.partners import add_partner, change_partner, remove_partner
from twinning.cohorts.domain.queries import (
    cohort_calendar,
    cohort_history,
    cohort_or_404,
    cohorts_for_organisers,
    milestone_of_cohort_or_404,
    partner_of_cohort_or_404,
    partners_of,
)
from twinning.cohorts.forms import CohortForm, ExtensionForm, MilestoneForm, PartnerForm
from twinning.cohorts.models import Cohort, Milestone
from twinning.common.forms import refuse_on_form
from twinning.common.permissions import requires


@requires("cohorts.manage_cohort")
def cohort_list(request):
    return render(request, "orga/cohorts/list.html", {"cohorts": cohorts_for_organisers()})


@requires("cohorts.manage_cohort")
def cohort_detail(request, pk):
    cohort = cohort_or_404(pk)
    calendar = cohort_calendar(cohort)
    return render(
        request,
        "orga/cohorts/detail.html",
        {
            "cohort": cohort,
            "timeline": [(m, calendar.status_of(m)) for m in calendar.milestones],
            "history": cohort_history(cohort),
            "partners": partners_of(cohort),
        },
    )


@requires("cohorts.manage_cohort")
def cohort_form(request, pk=None):
    cohort = cohort_or_404(pk) if pk else Cohort()
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_cohort(form.save(commit=False), form.changed_data, by=request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(
                request,
                _("%(cohort)s is saved.") % {"cohort": saved.name}
                if pk
                else _("%(cohort)s is open. Now add its windows.") % {"cohort": saved.name},
            )
            return redirect("orga:cohort", saved.pk)
    return render(
        request,
        "orga/cohorts/form.html",
        {"form": form, "cohort": cohort if pk else None},
        status=400 if form.is_bound else 200,
    )


@requires("cohorts.manage_cohort")
def milestone_form(request, cohort_pk, pk=None):
    cohort = cohort_or_404(cohort_pk)
    milestone = (
        milestone_of_cohort_or_404(cohort, pk)
        if pk
        else Milestone(cohort=cohort, time_zone=cohort.time_zone)
    )
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            if pk:
                save_milestone(form.save(commit=False), form.changed_data, by=request.user)
            else:
                add_milestone(form.save(commit=False), by=request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The window is saved."))
            return redirect("orga:cohort", cohort.pk)
    return render(
        request,
        "orga/cohorts/milestone_form.html",
        {"form": form, "cohort": cohort, "milestone": milestone if pk else None},
        status=400 if form.is_bound else 200,
    )


@requires("cohorts.manage_cohort")
def milestone_extend(request, cohort_pk, pk):
    cohort = cohort_or_404(cohort_pk)
    milestone = milestone_of_cohort_or_404(cohort, pk)
    form = ExtensionForm(request.POST or None, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            extend_milestone_window(
                milestone,
                ends_at=form.cleaned_data["ends_at"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("%(window)s is extended.") % {"window": milestone.label})
            return redirect("orga:cohort", cohort.pk)
    return render(
        request,
        "orga/cohorts/milestone_extend.html",
        {"form": form, "cohort": cohort, "milestone": milestone},
        status=400 if form.is_bound else 200,
    )


@requires("cohorts.manage_cohort")
def partner_form(request, cohort_pk, pk=None):
    """Add a partner to a cohort, or change one: name, link, order and logo."""
    cohort = cohort_or_404(cohort_pk)
    partner = partner_of_cohort_or_404(cohort, pk) if pk else None
    form = PartnerForm(request.POST or None, request.FILES or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if partner:
                change_partner(
                    partner,
                    name=data["name"],
                    link=data["link"],
                    position=data["position"],
                    logo=data["logo"] or None,
                    by=request.user,
                )
            else:
                add_partner(
                    cohort,
                    name=data["name"],
                    link=data["link"],
                    position=data["position"],
                    logo=data["logo"],
                    by=request.user,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(partner)s is saved.") % {"partner": data["name"]})
            return redirect(f"{reverse('orga:cohort', args=[cohort.pk])}#partners-heading")
    return render(
        request,
        "orga/cohorts/partner_form.html",
        {"form": form, "cohort": cohort, "partner": partner},
        status=400 if form.is_bound else 200,
    )


@requires("cohorts.manage_cohort")
@require_POST
def partner_delete(request, cohort_pk, pk):
    cohort = cohort_or_404(cohort_pk)
    partner = partner_of_cohort_or_404(cohort, pk)
    remove_partner(partner, by=request.user)
    messages.success(request, _("%(partner)s is removed.") % {"partner": partner.name})
    return redirect(f"{reverse('orga:cohort', args=[cohort.pk])}#partners-heading")
