"""Token authentication: `Authorization: Bearer <key>`, with keys stored as hashes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from twinning.accounts.domain.api_tokens import token_for_key

SCHEMES = ("bearer", "token")


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates a request by an API token; no header means an anonymous request."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode("latin-1") not in SCHEMES:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key as “Authorization: Bearer <key>”.")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This API key is not valid.")) from None
        token = token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This API key is not valid or was revoked."))
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
