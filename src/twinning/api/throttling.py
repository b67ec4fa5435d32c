"""Request limits per client; rates are read at each request, so settings may change them."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from twinning.common.limits import client_address


class ClientAddressMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        """The client's address as the rest of the site sees it (TRUSTED_PROXIES)."""
        return client_address(request)


class AnonymousThrottle(ClientAddressMixin, AnonRateThrottle):
    pass


class TokenThrottle(ClientAddressMixin, UserRateThrottle):
    def get_cache_key(self, request, view):
        # Requests without a key are the anonymous limit's alone: one count each, not two.
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
