"""Organiser pages: their own API tokens, created (the key shown once) and revoked."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinning.accounts.domain.api_tokens import issue_token, revoke_token
from twinning.accounts.domain.queries import api_token_or_404, tokens_of
from twinning.accounts.forms import ApiTokenForm
from twinning.common.forms import refuse_on_form
from twinning.common.permissions import requires


@requires("api.manage_tokens")
def token_list(request):
    """The person's tokens and the form for a new one; a new key is shown on this page once."""
    form = ApiTokenForm()
    new_key = None
    status = 200
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                _token, new_key = issue_token(
                    request.user, name=form.cleaned_data["name"], by=request.user
                )
            except ValidationError as error:
                refuse_on_form(form, error, "name")
            else:
                form = ApiTokenForm()
        if new_key is None:
            status = 400
    response = render(
        request,
        "orga/api_tokens.html",
        {"form": form, "new_key": new_key, "tokens": tokens_of(request.user)},
        status=status,
    )
    # The key is in this page only: no copy of it may be kept by a cache.
    response["Cache-Control"] = "no-store"
    return response


@requires("api.manage_tokens")
@require_POST
def token_revoke(request, pk):
    token = api_token_or_404(pk)
    if not request.user.has_perm("api.revoke_token", token):
        raise PermissionDenied
    try:
        revoke_token(token, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name},
        )
    return redirect("orga:api_tokens")
