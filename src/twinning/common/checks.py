"""System checks of the platform's own settings, run by `twinning check --deploy`."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error

SITE_URL_HINT = (
    "Set SITE_URL to the site's public https address, e.g. https://twinning.example.org."
)


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_site_url(app_configs, **kwargs) -> list[Error]:
    """In production, SITE_URL must be a public https address: mail links are built on it."""
    if settings.DEBUG:
        return []
    site_url = settings.SITE_URL.strip()
    if not site_url:
        message = "SITE_URL is not set: links in e-mails would lead nowhere."
    else:
        parts = urlsplit(site_url)
        if _is_loopback(parts.hostname or ""):
            message = (
                f"SITE_URL is {site_url}, an address of this machine only: "
                "links in e-mails would lead nowhere."
            )
        elif parts.scheme != "https" or not parts.hostname:
            message = (
                f"SITE_URL is {site_url}, not https: links in e-mails would be sent unencrypted."
            )
        else:
            return []
    return [Error(message, hint=SITE_URL_HINT, id="twinning.E001")]


PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def check_shared_cache(app_configs, **kwargs) -> list[Error]:
    """In production, the cache must be shared: limits and the workers' heartbeat live there."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            f"The cache ({backend}) is not shared between processes: each web process would "
            "count request limits on its own, and /health/ would never see a worker.",
            hint="Leave CACHE_URL unset (the database cache) or set it to redis://…",
            id="twinning.E002",
        )
    ]
