"""A person's own data: what is held, consents, a download of everything, deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.accounts.domain.consents import give_consent, withdraw_consent
from twinning.accounts.domain.personal_data import (
    delete_personal_data,
    export_filename,
    export_personal_data,
    kept_records,
)
from twinning.accounts.domain.preferences import set_message_notifications
from twinning.accounts.domain.queries import active_consents
from twinning.accounts.forms import ConsentForm, DeleteAccountForm, MessageNotificationsForm
from twinning.accounts.models import CONSENT_TEXT_VERSION, ConsentPurpose
from twinning.common.audit import record_action
from twinning.common.exports import json_download


@login_required
def account(request):
    consents = active_consents(request.user)
    purposes = [
        {"value": value, "label": label, "consent": consents.get(value)}
        for value, label in ConsentPurpose.choices
    ]
    return render(
        request,
        "portal/account/account.html",
        {"purposes": purposes, "text_version": CONSENT_TEXT_VERSION},
    )


@login_required
@require_POST
def account_notifications(request):
    form = MessageNotificationsForm(request.POST)
    if form.is_valid():
        on = form.cleaned_data["on"]
        set_message_notifications(request.user, on, by=request.user)
        messages.success(
            request,
            _("New messages will be mailed to you.")
            if on
            else _("New messages will no longer be mailed to you."),
        )
    return redirect("portal:account")


@login_required
@require_POST
def account_consent(request):
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to agree to or withdraw."))
        return redirect("portal:account")
    purpose, given = form.cleaned_data["purpose"], form.cleaned_data["given"]
    try:
        if given:
            give_consent(request.user, purpose, by=request.user)
        else:
            withdraw_consent(request.user, purpose, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Thank you: your consent is recorded.") if given else _("Consent withdrawn.")
        )
    return redirect("portal:account")


@login_required
def account_export(request):
    data = export_personal_data(request.user)
    record_action("person.exported", request.user, by=request.user)
    return json_download(data, export_filename(request.user))


@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_personal_data(request.user, by=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("public:home")
    return render(request, "portal/account/delete.html", {"form": form, "kept": kept_records()})
