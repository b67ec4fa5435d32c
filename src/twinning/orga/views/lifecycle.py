"""Organiser actions on a twinning's programme year: its plan's kind, closing, certificates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from twinning.common import clock
from twinning.common.permissions import requires
from twinning.plans.domain import set_plan_kind
from twinning.plans.domain.certificates import issue_certificates
from twinning.plans.domain.queries import certificates_of_twinnings
from twinning.plans.enums import PlanKind
from twinning.programme.domain.lifecycle import close_twinning, programme_window
from twinning.programme.domain.queries import twinning_with_cohort_or_404


def lifecycle_context(cohort, twinnings) -> dict:
    """What the twinnings list needs for these actions, in a fixed number of queries."""
    window = programme_window(cohort)
    window_closed = window is None or window[1] <= clock.now()
    counts = certificates_of_twinnings([t.pk for t in twinnings])
    for twinning in twinnings:
        twinning.certificate_count = counts.get(twinning.pk, 0)
    return {"programme_window": window, "closable": window_closed, "plan_kinds": PlanKind.choices}


def _back(twinning):
    return redirect(
        f"{reverse('orga:twinnings')}?cohort={twinning.cohort.slug}#twinning-{twinning.pk}"
    )


@requires("programme.manage_twinnings")
@require_POST
def twinning_close(request, pk):
    twinning = twinning_with_cohort_or_404(pk)
    outcome = request.POST.get("outcome", "")
    if outcome not in ("completed", "not_completed"):
        messages.error(request, _("Say whether the twinning is completed or not."))
        return _back(twinning)
    try:
        close_twinning(
            twinning,
            completed=outcome == "completed",
            reason=request.POST.get("reason", ""),
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The twinning is closed; its cities and facilitator are told."))
    return _back(twinning)


@requires("programme.manage_twinnings")
@require_POST
def twinning_plan_kind(request, pk):
    twinning = twinning_with_cohort_or_404(pk)
    try:
        set_plan_kind(twinning, request.POST.get("kind", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        twinning.refresh_from_db(fields=["plan_kind_name"])
        messages.success(
            request,
            _("The twinning writes a %(kind)s.") % {"kind": twinning.joint_output_name},
        )
    return _back(twinning)


@requires("plans.issue_certificates")
@require_POST
def twinning_certificates_issue(request, pk):
    twinning = twinning_with_cohort_or_404(pk)
    try:
        issued = issue_certificates(twinning, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if issued:
            messages.success(
                request,
                ngettext(
                    "%(count)s certificate is issued.",
                    "%(count)s certificates are issued.",
                    len(issued),
                )
                % {"count": len(issued)},
            )
        else:
            messages.info(request, _("Every city and representative already has a certificate."))
    return _back(twinning)
