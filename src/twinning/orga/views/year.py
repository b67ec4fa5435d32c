"""Organiser pages of the programme year: workshops and attendance, visits to approve,
the claims queue, and the progress of every twinning."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cohorts.domain.queries import cohort_in_programme, current_cohort
from twinning.common.exports import FORMATS, export_response
from twinning.common.files import file_response
from twinning.common.forms import refuse_on_form
from twinning.common.people import contact_email, display_name
from twinning.common.permissions import requires
from twinning.common.wording import in_sentence
from twinning.orga.views import attendance_saved
from twinning.programme.domain.queries import twinnings_to_schedule_for
from twinning.visits.domain import set_claim_state, set_visit_state
from twinning.visits.domain.budget import (
    budget_warnings_for,
    claim_budget_warnings,
    visit_budget,
)
from twinning.visits.domain.progress import FIRST_VISIT_PLANNED_BY, programme_progress
from twinning.visits.domain.queries import (
    claim_in_queue_or_404,
    claims_in_queue,
    receipt_of_claim_or_404,
    visit_or_404,
    visits_for_approval,
)
from twinning.visits.enums import ClaimState, VisitState
from twinning.visits.forms import ClaimDecisionForm
from twinning.workshops.domain import (
    add_material,
    attendance_refusal,
    save_workshop,
    set_workshop_attendance,
)
from twinning.workshops.domain.queries import (
    registrations_of_workshop,
    workshop_for_attendance_or_404,
    workshop_or_404,
    workshops_with_counts,
    workshops_with_counts_for_facilitator,
)
from twinning.workshops.enums import Attendance
from twinning.workshops.forms import MaterialForm, WorkshopForm
from twinning.workshops.models import Workshop


@requires("workshops.schedule")
def workshop_list(request):
    workshops = (
        workshops_with_counts()
        if request.user.has_perm("visits.manage_claims")
        else workshops_with_counts_for_facilitator(request.user)
    )
    return render(request, "orga/year/workshops.html", {"workshops": list(workshops)})


def _workshop_form(request, workshop):
    twinnings = twinnings_to_schedule_for(request.user)
    initial = None
    if workshop.pk is None:
        initial = {"cohort": cohort_in_programme() or current_cohort()}
        # "Schedule a workshop of this twinning", from a start page or a workspace.
        wanted = request.GET.get("twinning", "")
        twinning = twinnings.filter(pk=wanted).first() if wanted.isdigit() else None
        if twinning is not None:
            initial.update(twinning=twinning.pk, cohort=twinning.cohort_id)
    form = WorkshopForm(
        request.POST or None, instance=workshop, twinnings=twinnings, initial=initial
    )
    if not request.user.has_perm("visits.manage_claims"):
        # Facilitators schedule workshops of the twinnings they guide.
        form.fields["twinning"].required = True
    return form


@requires("workshops.schedule")
def workshop_form(request, pk=None):
    workshop = workshop_or_404(pk) if pk else Workshop()
    if pk and not request.user.has_perm("workshops.manage_workshop", workshop):
        raise PermissionDenied
    form = _workshop_form(request, workshop)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_workshop(form.save(commit=False), form.changed_data, by=request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The workshop is saved."))
            return redirect("orga:year_workshop", saved.pk)
    return render(
        request,
        "orga/year/workshop_form.html",
        {"form": form, "workshop": workshop if pk else None},
        status=400 if form.is_bound else 200,
    )


@requires("workshops.schedule")
def workshop_detail(request, pk):
    workshop = workshop_for_attendance_or_404(pk)
    if not request.user.has_perm("workshops.manage_workshop", workshop):
        raise PermissionDenied
    material_form = MaterialForm()
    if request.method == "POST" and request.POST.get("action") == "attendance":
        attended = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
        try:
            count = set_workshop_attendance(workshop, attended, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, attendance_saved(count))
        return redirect("orga:year_workshop", workshop.pk)
    if request.method == "POST":
        material_form = MaterialForm(request.POST, request.FILES)
        if material_form.is_valid():
            try:
                add_material(
                    workshop,
                    title=material_form.cleaned_data["title"],
                    url=material_form.cleaned_data["url"],
                    upload=material_form.cleaned_data["file"],
                    by=request.user,
                )
            except ValidationError as error:
                refuse_on_form(material_form, error, "file")
            else:
                messages.success(request, _("The material is added."))
                return redirect("orga:year_workshop", workshop.pk)
    return render(
        request,
        "orga/year/workshop_detail.html",
        {
            "workshop": workshop,
            "registrations": registrations_of_workshop(workshop),
            "attendance_refusal": attendance_refusal(workshop),
            "material_form": material_form,
            "Attendance": Attendance,
        },
        status=400 if material_form.is_bound else 200,
    )


@requires("visits.approve_visit")
def visit_list(request):
    state = request.GET.get("state", VisitState.SUBMITTED)
    visits = visits_for_approval(state)
    return render(
        request,
        "orga/year/visits.html",
        {"visits": list(visits), "state": state, "states": VisitState.choices},
    )


# What the programme team does with a submitted visit: approve it, or send it back.
ORGA_VISIT_STATES = {VisitState.APPROVED, VisitState.PLANNED, VisitState.CANCELLED}


@requires("visits.approve_visit")
@require_POST
def visit_decide(request, pk):
    visit = visit_or_404(pk)
    new_state = request.POST.get("state", "")
    if new_state not in ORGA_VISIT_STATES:
        raise Http404
    try:
        set_visit_state(visit, new_state, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(visit)s is now: %(state)s.")
            % {"visit": visit, "state": in_sentence(VisitState(new_state).label)},
        )
    return redirect("orga:year_visits")


@requires("visits.manage_claims")
def claim_list(request):
    state = request.GET.get("state", ClaimState.SUBMITTED)
    claims = list(claims_in_queue(state))
    # The flag shown before approval: what approving would take beyond the budget.
    warnings = budget_warnings_for([c for c in claims if c.state == ClaimState.SUBMITTED])
    for claim in claims:
        claim.warnings = warnings.get(claim.pk, [])
    return render(
        request,
        "orga/year/claims.html",
        {"claims": claims, "state": state, "states": ClaimState.choices},
    )


@requires("visits.manage_claims")
def claim_detail(request, pk):
    claim = claim_in_queue_or_404(pk)
    form = ClaimDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_state = request.POST.get("state", "")
        if new_state not in ClaimState.values:
            raise Http404
        try:
            set_claim_state(
                claim,
                new_state,
                by=request.user,
                comment=form.cleaned_data["comment"],
                confirm_over_budget=form.cleaned_data["confirm_over_budget"],
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(
                request,
                _("The claim is now: %(state)s; the traveller is told by e-mail.")
                % {"state": in_sentence(ClaimState(new_state).label)},
            )
            return redirect("orga:year_claim", claim.pk)
    return render(
        request,
        "orga/year/claim_detail.html",
        {
            "claim": claim,
            "form": form,
            "warnings": claim_budget_warnings(claim) if claim.state == ClaimState.SUBMITTED else [],
            "visit_budget": visit_budget(claim.visit.twinning.cohort),
            "ClaimState": ClaimState,
        },
        status=400 if form.is_bound else 200,
    )


@requires("visits.manage_claims")
def claim_receipt(request, pk, receipt_pk):
    receipt = receipt_of_claim_or_404(pk, receipt_pk)
    return file_response(receipt.file, receipt.content_type)


@requires("visits.manage_claims")
def claim_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    headers = [
        _("Claim"), _("Twinning"), _("Visit"), _("Traveller"), _("E-mail"), _("Category"),
        _("What it was"), _("Amount"), _("Currency"), _("Amount in euro"), _("State"),
        _("Submitted"), _("State changed"),
    ]  # fmt: skip
    rows = (
        [
            claim.pk,
            str(claim.visit.twinning),
            str(claim.visit),
            display_name(claim.traveller),
            contact_email(claim.traveller),
            claim.get_category_display(),
            claim.description,
            claim.amount,
            claim.currency,
            claim.amount_eur,
            claim.get_state_display(),
            claim.created,
            claim.state_changed_at,
        ]
        for claim in claims_in_queue()
    )
    return export_response(fmt, "expense-claims", headers, rows)


@requires("visits.manage_claims")
def progress(request):
    return render(
        request,
        "orga/year/progress.html",
        {
            "rows": programme_progress(),
            "first_visit_share": int(FIRST_VISIT_PLANNED_BY * 100),
        },
    )
