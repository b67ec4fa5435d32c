"""Organiser pages that plan information webinars: create, change, cancel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from twinning.cohorts.domain.queries import current_cohort, webinar_or_404
from twinning.cohorts.models import Webinar
from twinning.common.forms import refuse_on_form
from twinning.common.permissions import requires
from twinning.outreach.domain.webinars import can_cancel_webinar, cancel_webinar, update_webinar
from twinning.outreach.forms import WebinarCancellationForm, WebinarForm


@requires("outreach.manage")
def webinar_form(request, pk=None):
    webinar = webinar_or_404(pk) if pk else Webinar()
    if webinar.is_cancelled:
        # Nothing to change any more: the page says so instead of offering a form.
        return render(
            request,
            "orga/webinar_form.html",
            {"webinar": webinar, "form": None},
            status=409 if request.method == "POST" else 200,
        )
    cohort = current_cohort()
    form = WebinarForm(
        request.POST or None,
        instance=webinar,
        initial={"cohort": cohort, "time_zone": cohort.time_zone} if cohort and not pk else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = update_webinar(
                form.save(commit=False), form.changed_data if pk else [], by=request.user
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The webinar is saved."))
            return redirect("orga:webinar_detail", saved.pk)
    return render(
        request,
        "orga/webinar_form.html",
        {"form": form, "webinar": webinar if pk else None},
        status=400 if form.is_bound else 200,
    )


@requires("outreach.manage")
def webinar_cancel(request, pk):
    webinar = webinar_or_404(pk)
    if not can_cancel_webinar(webinar):
        # Cancelled already, or started: the page says so instead of offering the form.
        return render(
            request,
            "orga/webinar_cancel.html",
            {"webinar": webinar, "can_cancel": False},
            status=409 if request.method == "POST" else 200,
        )
    form = WebinarCancellationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_webinar(webinar, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(
                request,
                _("%(title)s is cancelled; the people registered are told by e-mail.")
                % {"title": webinar.title},
            )
            return redirect("orga:webinar_detail", webinar.pk)
    return render(
        request,
        "orga/webinar_cancel.html",
        {"webinar": webinar, "form": form, "can_cancel": True},
        status=400 if form.is_bound else 200,
    )
