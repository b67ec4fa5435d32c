"""A city's practices, entered as part of its registration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.cities.domain.queries import registration_with_city_or_404
from twinning.cities.domain.registration import practice_refusal
from twinning.cities.enums import CityKind
from twinning.common.forms import refuse_on_form
from twinning.portal.registration import _refused
from twinning.practices.domain.practices import (
    add_attachment,
    delete_practice,
    remove_attachment,
    save_practice,
    submit_practice,
)
from twinning.practices.domain.queries import attachment_or_404, practice_with_city_or_404
from twinning.practices.forms import (
    AttachmentForm,
    PracticeForm,
    cleaned_results,
    result_formset,
)
from twinning.practices.models import Practice


def _practice(request, pk, perm="practices.edit_practice") -> Practice:
    practice = practice_with_city_or_404(pk)
    if not request.user.has_perm(perm, practice):
        raise PermissionDenied
    return practice


def _edit(request, registration, practice=None):
    form = PracticeForm(request.POST or None, instance=practice)
    results = result_formset(request.POST or None, practice)
    if request.method == "POST" and form.is_valid() and results.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = save_practice(
                registration,
                data,
                practice=practice,
                results=cleaned_results(results),
                by=request.user,
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The practice is saved."))
            return redirect("portal:practice_edit", saved.pk)
    return render(
        request,
        "portal/registration/practice_form.html",
        {
            "registration": registration,
            "practice": practice,
            "form": form,
            "results": results,
            "attachment_form": AttachmentForm() if practice else None,
            "attachments": list(practice.attachments.all()) if practice else [],
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def practice_new(request, pk):
    registration = registration_with_city_or_404(pk)
    if registration.kind != CityKind.MISSION_MINDED:
        return _refused(request, _("Only Mission-minded cities present tested practices."))
    if not request.user.has_perm("cities.add_practice", registration):
        raise PermissionDenied
    refusal = practice_refusal(registration)
    if refusal:
        return _refused(request, refusal, status=409)
    return _edit(request, registration)


@login_required
def practice_edit(request, pk):
    practice = _practice(request, pk, "practices.view_practice")
    if not request.user.has_perm("practices.edit_practice", practice):
        return _refused(
            request,
            _("This practice is under review or published: it cannot be changed now."),
            back="portal:home",
        )
    return _edit(request, practice.registration, practice)


@login_required
@require_POST
def practice_delete(request, pk):
    practice = _practice(request, pk)
    registration = practice.registration
    try:
        delete_practice(practice, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The practice is deleted."))
    return redirect("portal:registration", registration.pk)


@login_required
@require_POST
def attachment_add(request, pk):
    practice = _practice(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_attachment(
                practice,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            refuse_on_form(form, error, "file")
        else:
            messages.success(request, _("The file is added."))
            return redirect("portal:practice_edit", practice.pk)
    return render(
        request,
        "portal/registration/practice_form.html",
        {
            "registration": practice.registration,
            "practice": practice,
            "form": PracticeForm(instance=practice),
            "results": result_formset(None, practice),
            "attachment_form": form,
            "attachments": list(practice.attachments.all()),
        },
        status=400,
    )


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = attachment_or_404(pk)
    practice = _practice(request, attachment.practice_id)
    try:
        remove_attachment(attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("portal:practice_edit", practice.pk)


@login_required
@require_POST
def practice_submit(request, pk):
    """Send a corrected practice for review again, after the registration was accepted."""
    practice = _practice(request, pk, "practices.view_practice")
    if not request.user.has_perm("practices.edit_practice", practice):
        raise PermissionDenied
    try:
        submit_practice(practice, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The practice is sent for review."))
    return redirect("portal:registration", practice.registration_id)
