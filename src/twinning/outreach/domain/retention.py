"""Retention: webinar seats are removed once the webinar is long over or never confirmed."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from twinning.common.retention import retention_rule
from twinning.outreach.domain.webinars import expire_unconfirmed_webinar_registrations
from twinning.outreach.models import WebinarRegistration


@retention_rule("webinar_registrations")
def remove_seats_of_past_webinars(now: dt.datetime) -> int:
    """Delete the registrations of webinars that ended more than the period ago."""
    cutoff = now - dt.timedelta(days=settings.RETENTION_WEBINAR_REGISTRATION_DAYS)
    _, removed = WebinarRegistration.objects.filter(webinar__ends_at__lt=cutoff).delete()
    return removed.get(WebinarRegistration._meta.label, 0)


@retention_rule("unconfirmed_webinar_registrations")
def remove_unconfirmed_seats(now: dt.datetime) -> int:
    """Delete the registrations never confirmed in time (no seat was held for them)."""
    return expire_unconfirmed_webinar_registrations(now=now)
