"""How often one client may do something: its address, and counts kept in the shared cache.

The counts live in the default cache (the database unless CACHE_URL names
another, e.g. Redis), so that every web process and worker sees the same ones.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

from twinning.common import clock

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def client_address(request) -> str:
    """The client's address: the connection's, or the one the trusted proxies saw.

    Behind `TRUSTED_PROXIES` proxies, each appends the address it saw to
    X-Forwarded-For, so the client is that many entries from the right; anything
    further left was written by the client itself and is not believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded.strip():
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    return hops[-min(proxies, len(hops))] or remote


@dataclass(frozen=True)
class Rate:
    """`count` times per `seconds`, read from text such as "10/hour" or "3/h"."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str | None) -> Rate | None:
        if not text:
            return None
        count, _, period = text.partition("/")
        return cls(int(count), PERIODS[period.strip()[0].lower()])


class LimitReached(Exception):
    """Too many attempts; `wait` is the number of seconds until the next is accepted."""

    def __init__(self, wait: int):
        super().__init__(wait)
        self.wait = wait

    @property
    def message(self) -> str:
        minutes = max(math.ceil(self.wait / 60), 1)
        return ngettext(
            "This form was sent too often from your connection or for this e-mail address. "
            "Please try again in %(minutes)d minute.",
            "This form was sent too often from your connection or for this e-mail address. "
            "Please try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


def _digest(value: str) -> str:
    """A keyed hash: the cache holds no address in clear."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def count_attempt(scope: str, value: str, rate: str | None) -> int | None:
    """Count one attempt of `value` in `scope`; the seconds to wait when over the rate, else None.

    Attempts are counted in fixed windows of the rate's period (an hour starts on
    the hour), with the cache's atomic increment where it has one (Redis).
    """
    parsed = Rate.parse(rate)
    if parsed is None:
        return None
    moment = clock.now().timestamp()
    window = int(moment // parsed.seconds)
    key = f"limit:{scope}:{_digest(value)}:{window}"
    cache.add(key, 0, timeout=parsed.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between the two calls
        cache.set(key, 1, timeout=parsed.seconds)
        count = 1
    if count <= parsed.count:
        return None
    return max(math.ceil((window + 1) * parsed.seconds - moment), 1)


def check_form_limits(request, form: str, email: str) -> None:
    """Count a public form sent; raise LimitReached when its sender or address sent too many.

    Each form counts apart, per client address (`FORM_RATE_PER_ADDRESS`) and
    per e-mail address typed (`FORM_RATE_PER_EMAIL`).
    """
    for kind, value, rate in (
        ("address", client_address(request), settings.FORM_RATE_PER_ADDRESS),
        ("email", email.strip().lower(), settings.FORM_RATE_PER_EMAIL),
    ):
        wait = count_attempt(f"form:{form}:{kind}", value, rate)
        if wait is not None:
            raise LimitReached(wait)
