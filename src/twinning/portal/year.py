"""The twinning's workspace: its people, timeline, workshops, visits, expenses and activity.

Every object is looked up through the twinning the person may see, so that
nobody reaches another twinning's workshops, visits, claims or receipts.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from twinning.cities.domain.queries import representatives_of, represents
from twinning.cities.models import Membership
from twinning.cohorts.domain.queries import cohort_calendar
from twinning.cohorts.enums import MilestoneKind
from twinning.common import clock
from twinning.common.files import file_response
from twinning.common.forms import refuse_on_form
from twinning.common.models import AuditEntry
from twinning.common.wording import in_sentence
from twinning.portal.certificates import workspace_certificates
from twinning.programme.domain.queries import (
    member_answers_for,
    twinning_activity,
    twinnings_facilitated_by,
    workspace_twinning_or_404,
)
from twinning.programme.enums import AGREED_STATES
from twinning.programme.models import Twinning
from twinning.visits.domain import (
    CLAIMABLE_VISIT_STATES,
    LIVE_VISIT_STATES,
    done_refusal,
    plan_visit,
    planning_refusal,
    resubmit_claim,
    set_visit_state,
    submit_claim,
    update_visit,
)
from twinning.visits.domain.budget import twinning_budget, visit_budget
from twinning.visits.domain.queries import (
    claim_history,
    claim_of_twinning_or_404,
    claims_of_twinning,
    claims_of_visit,
    receipt_of_claim_or_404,
    twinning_trips,
    visit_of_twinning_or_404,
    visit_trips,
    visits_of_twinning,
)
from twinning.visits.enums import ClaimState, VisitState
from twinning.visits.forms import ClaimForm, VisitForm, VisitStateForm
from twinning.visits.models import ExpenseClaim
from twinning.workshops.domain import (
    cancel_workshop_registration,
    register_for_workshop,
    workshop_calendar,
)
from twinning.workshops.domain.queries import (
    material_file_or_404,
    own_registration_or_404,
    workshop_of_twinning_or_404,
    workshops_of_twinning,
)

FEED_LENGTH = 12
ACTIVITY = {
    "visit.planned": _lazy("visit planned"),
    "claim.submitted": _lazy("expense claim sent"),
    "visit.changed": _lazy("visit changed"),
    "workshop.scheduled": _lazy("workshop scheduled"),
    "workshop.changed": _lazy("workshop changed"),
    "workshop.material_added": _lazy("material added"),
    "workshop.registered": _lazy("registered for the workshop"),
    "workshop.unregistered": _lazy("registration cancelled"),
    "workshop.attendance": _lazy("attendance recorded"),
}
STATES = {"visit.state_changed": VisitState, "claim.state_changed": ClaimState}


def _labelled(entries) -> list[AuditEntry]:
    """Entries of the audit trail, each with a readable `label`."""
    entries = list(entries)
    for entry in entries:
        states = STATES.get(entry.action)
        new = entry.data.get("new") if isinstance(entry.data, dict) else None
        if states is not None and new in states.values:
            entry.label = states(new).label
        else:
            entry.label = ACTIVITY.get(entry.action, entry.action)
    return entries


def _twinning(request, pk) -> Twinning:
    twinning = workspace_twinning_or_404(pk)
    if not request.user.has_perm("programme.view_workspace", twinning):
        raise PermissionDenied
    return twinning


def _representatives(twinning) -> list[Membership]:
    return representatives_of([m.city_id for m in twinning.members.all()])


def _plan_url(twinning) -> str:
    try:
        return reverse("portal:plan", args=[twinning.pk])
    except NoReverseMatch:
        return ""


@login_required
def twinning_list(request):
    """The twinnings a person works in: as a city's representative or as facilitator."""
    twinnings = {a.twinning.pk: a.twinning for a in member_answers_for(request.user)}
    for twinning in twinnings_facilitated_by(request.user):
        twinnings.setdefault(twinning.pk, twinning)
    year = [t for t in twinnings.values() if t.state in AGREED_STATES]
    return render(
        request,
        "portal/year/twinnings.html",
        {"twinnings": sorted(year, key=lambda t: (-t.cohort.number, t.pk))},
    )


def _due_next(twinning, calendar, workshops, visits, moment) -> list[dict]:
    """What comes next for the twinning, soonest first."""
    items = []
    upcoming = next((w for w in workshops if w.starts_at > moment), None)
    if upcoming:
        items.append(
            {"what": _("Workshop: %(title)s") % {"title": upcoming.title}, "when": upcoming}
        )
    live = [v for v in visits if v.state in LIVE_VISIT_STATES]
    for visit in live:
        if visit.state in (VisitState.PLANNED, VisitState.SUBMITTED, VisitState.APPROVED):
            items.append({"what": str(visit), "state": visit.get_state_display()})
    missing = twinning.cohort.visits_per_twinning - len(live)
    if missing > 0:
        what = ngettext(
            "%(count)d city visit still to plan", "%(count)d city visits still to plan", missing
        )
        items.append({"what": what % {"count": missing}})
    window = calendar.window(MilestoneKind.PROGRAMME)
    if window:
        items.append(
            {
                "what": _("%(output)s due by the end of the programme")
                % {"output": twinning.joint_output_name},
                "milestone": window,
            }
        )
    return items


@login_required
def workspace(request, pk):
    twinning = _twinning(request, pk)
    moment = clock.now()
    calendar = cohort_calendar(twinning.cohort, at=moment)
    workshops = list(workshops_of_twinning(twinning, request.user))
    visits = list(visits_of_twinning(twinning))
    sees_all_claims = request.user.has_perm("visits.manage_claims") or (
        twinning.facilitator_id == request.user.pk
    )
    claims = claims_of_twinning(twinning, traveller=None if sees_all_claims else request.user)
    representatives = _representatives(twinning)
    return render(
        request,
        "portal/year/workspace.html",
        {
            "twinning": twinning,
            "members": list(twinning.members.all()),
            "representatives": representatives,
            # The cities the person writes for; the others are offered "Write to …".
            "own_city_ids": {m.city_id for m in representatives if m.user_id == request.user.pk},
            "can_write": request.user.has_perm("conversations.start_in_twinning", twinning),
            "calendar": calendar,
            "programme_window": calendar.window(MilestoneKind.PROGRAMME),
            "due_next": _due_next(twinning, calendar, workshops, visits, moment),
            "workshops": workshops,
            "now": moment,
            "visits": visits,
            "planning_refusal": planning_refusal(
                twinning, len([v for v in visits if v.state in LIVE_VISIT_STATES])
            ),
            "trips": twinning_trips(twinning),
            "budget": twinning_budget(twinning),
            "visit_budget": visit_budget(twinning.cohort),
            "claims": list(claims),
            "sees_all_claims": sees_all_claims,
            "plan_url": _plan_url(twinning),
            "feed": _labelled(twinning_activity(twinning, FEED_LENGTH)),
            **workspace_certificates(request, twinning),
        },
    )


def _workshop(twinning, workshop_pk):
    return workshop_of_twinning_or_404(twinning, workshop_pk)


@login_required
@require_POST
def workshop_register(request, pk, workshop_pk):
    twinning = _twinning(request, pk)
    workshop = _workshop(twinning, workshop_pk)
    try:
        register_for_workshop(workshop, request.user, twinning=twinning)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You are registered for “%(title)s”; the calendar entry is on its way by e-mail.")
            % {"title": workshop.title},
        )
    return redirect(reverse("portal:workspace", args=[twinning.pk]) + "#workshops")


@login_required
@require_POST
def workshop_unregister(request, pk, workshop_pk):
    twinning = _twinning(request, pk)
    workshop = _workshop(twinning, workshop_pk)
    registration = own_registration_or_404(workshop, request.user)
    try:
        cancel_workshop_registration(registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(reverse("portal:workspace", args=[twinning.pk]) + "#workshops")


@login_required
def workshop_ics(request, pk, workshop_pk):
    workshop = _workshop(_twinning(request, pk), workshop_pk)
    response = HttpResponse(workshop_calendar(workshop), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.pk}.ics"'
    return response


@login_required
def workshop_material(request, pk, workshop_pk, material_pk):
    workshop = _workshop(_twinning(request, pk), workshop_pk)
    material = material_file_or_404(workshop, material_pk)
    return file_response(material.file, material.content_type)


def _visit_form(request, twinning):
    memberships = [m for m in _representatives(twinning) if m.user.is_active]
    return VisitForm(request.POST or None, twinning=twinning, memberships=memberships)


@login_required
def visit_new(request, pk):
    twinning = _twinning(request, pk)
    live = [v for v in visits_of_twinning(twinning) if v.state in LIVE_VISIT_STATES]
    refusal = planning_refusal(twinning, len(live))
    if refusal:
        # Offered only while another visit can be planned; planning refuses it too.
        return render(
            request,
            "portal/year/visit_form.html",
            {"twinning": twinning, "refusal": refusal},
            status=409,
        )
    form = _visit_form(request, twinning)
    if request.method == "POST" and form.is_valid():
        try:
            visit = plan_visit(twinning, by=request.user, **form.visit_data())
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The visit is planned."))
            return redirect("portal:visit", twinning.pk, visit.pk)
    return render(
        request,
        "portal/year/visit_form.html",
        {"twinning": twinning, "form": form, "trips": twinning_trips(twinning)},
        status=400 if form.is_bound else 200,
    )


@login_required
def visit_edit(request, pk, visit_pk):
    twinning = _twinning(request, pk)
    visit = _visit(twinning, visit_pk)
    memberships = [m for m in _representatives(twinning) if m.user.is_active]
    travelling = {(d.person_id, d.city_id) for d in visit.delegates.all()}
    form = VisitForm(
        request.POST or None,
        twinning=twinning,
        memberships=memberships,
        initial={
            "host": visit.host_id,
            "starts_on": visit.starts_on,
            "ends_on": visit.ends_on,
            "agenda": visit.agenda,
            "delegates": [m.pk for m in memberships if (m.user_id, m.city_id) in travelling],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_visit(visit, by=request.user, **form.visit_data())
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The visit is saved."))
            return redirect("portal:visit", twinning.pk, visit.pk)
    return render(
        request,
        "portal/year/visit_form.html",
        {"twinning": twinning, "form": form, "visit": visit, "trips": twinning_trips(twinning)},
        status=400 if form.is_bound else 200,
    )


def _visit(twinning, visit_pk):
    return visit_of_twinning_or_404(twinning, visit_pk)


def _may_claim(user, visit) -> bool:
    if visit.state not in CLAIMABLE_VISIT_STATES:
        return False
    return any(d.person_id == user.pk for d in visit.delegates.all()) or (
        represents(user, visit.host)
    )


def _render_visit(request, twinning, visit, *, claim_form=None, state_form=None, status=200):
    sees_all = request.user.has_perm("visits.manage_claims") or (
        twinning.facilitator_id == request.user.pk
    )
    claims = claims_of_visit(visit, traveller=None if sees_all else request.user)
    may_claim = _may_claim(request.user, visit)
    return render(
        request,
        "portal/year/visit.html",
        {
            "twinning": twinning,
            "visit": visit,
            "trips": visit_trips(visit),
            "claims": list(claims),
            "may_claim": may_claim,
            "claim_form": claim_form or (ClaimForm() if may_claim else None),
            "state_form": state_form or VisitStateForm(),
            "done_refusal": done_refusal(visit),
            "visit_budget": visit_budget(twinning.cohort),
            "VisitState": VisitState,
        },
        status=status,
    )


@login_required
def visit_detail(request, pk, visit_pk):
    twinning = _twinning(request, pk)
    return _render_visit(request, twinning, _visit(twinning, visit_pk))


# The states people of the workspace may set; approval belongs to the programme team.
WORKSPACE_VISIT_STATES = {
    VisitState.SUBMITTED,
    VisitState.PLANNED,
    VisitState.DONE,
    VisitState.CANCELLED,
}


@login_required
@require_POST
def visit_state(request, pk, visit_pk):
    twinning = _twinning(request, pk)
    visit = _visit(twinning, visit_pk)
    new_state = request.POST.get("state", "")
    if new_state not in WORKSPACE_VISIT_STATES:
        raise PermissionDenied
    form = VisitStateForm(request.POST)
    form.is_valid()
    try:
        set_visit_state(
            visit, new_state, by=request.user, report=form.cleaned_data.get("report", "")
        )
    except ValidationError as error:
        refuse_on_form(form, error, None if new_state != VisitState.DONE else "report")
        return _render_visit(request, twinning, visit, state_form=form, status=400)
    messages.success(
        request,
        _("The visit is now: %(state)s.") % {"state": in_sentence(VisitState(new_state).label)},
    )
    return redirect("portal:visit", twinning.pk, visit.pk)


@login_required
@require_POST
def claim_new(request, pk, visit_pk):
    twinning = _twinning(request, pk)
    visit = _visit(twinning, visit_pk)
    if not _may_claim(request.user, visit):
        raise PermissionDenied
    form = ClaimForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            claim = submit_claim(
                visit,
                traveller=request.user,
                receipts=[form.cleaned_data["receipt"]],
                by=request.user,
                **form.claim_data(),
            )
        except ValidationError as error:
            refuse_on_form(form, error, "receipt")
        else:
            messages.success(request, _("The claim is sent to the programme team."))
            return redirect("portal:claim", twinning.pk, claim.pk)
    return _render_visit(request, twinning, visit, claim_form=form, status=400)


def _claim(request, twinning, claim_pk) -> ExpenseClaim:
    claim = claim_of_twinning_or_404(twinning, claim_pk)
    if not request.user.has_perm("visits.view_claim_of_twinning", claim):
        raise PermissionDenied
    return claim


@login_required
def claim_detail(request, pk, claim_pk):
    twinning = _twinning(request, pk)
    claim = _claim(request, twinning, claim_pk)
    may_correct = claim.state == ClaimState.RETURNED and claim.traveller_id == request.user.pk
    form = None
    if may_correct:
        form = ClaimForm(
            request.POST or None,
            request.FILES or None,
            receipt_required=False,
            initial={
                name: getattr(claim, name)
                for name in ("category", "description", "amount", "currency", "amount_eur")
            },
        )
        if request.method == "POST" and form.is_valid():
            receipt = form.cleaned_data.get("receipt")
            try:
                resubmit_claim(
                    claim,
                    data=form.claim_data(),
                    receipts=[receipt] if receipt else [],
                    by=request.user,
                )
            except ValidationError as error:
                refuse_on_form(form, error)
            else:
                messages.success(request, _("The corrected claim is sent again."))
                return redirect("portal:claim", twinning.pk, claim.pk)
    elif request.method == "POST":
        raise PermissionDenied
    history = claim_history(claim)
    return render(
        request,
        "portal/year/claim.html",
        {
            "twinning": twinning,
            "claim": claim,
            "receipts": list(claim.receipts.all()),
            "form": form,
            "history": _labelled(history),
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
def receipt_download(request, pk, claim_pk, receipt_pk):
    twinning = _twinning(request, pk)
    claim = _claim(request, twinning, claim_pk)
    receipt = receipt_of_claim_or_404(claim.pk, receipt_pk)
    return file_response(receipt.file, receipt.content_type)
