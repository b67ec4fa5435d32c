"""Organisers open the organiser area and the admin only with two-factor authentication."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from twinning.accounts.rules import is_organiser

# Pages where an organiser's account can change the programme's data. The API is
# left out: its keys are issued from the organiser area, so after a second factor.
ORGANISER_PATHS = ("/orga/", "/admin/")
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


class OrganiserTwoFactorMiddleware:
    """With ORGANISER_REQUIRE_MFA, sends an organiser without an authenticator to set one up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.ORGANISER_REQUIRE_MFA
            and request.path.startswith(ORGANISER_PATHS)
            and is_organiser(request.user)
            and not is_mfa_enabled(request.user, SECOND_FACTORS)
        ):
            messages.warning(
                request,
                _(
                    "Organisers sign in with two-factor authentication. Set up an "
                    "authenticator app to open the organiser area."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
