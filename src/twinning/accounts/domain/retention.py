"""Removal of personal data the programme no longer needs, after the periods in the settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from twinning.cities.enums import RegistrationState
from twinning.cities.models import Invitation, Registration
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.models import AuditEntry
from twinning.outreach.domain.webinars import expire_unconfirmed_webinar_registrations
from twinning.outreach.models import WebinarRegistration

REMOVED_ADDRESS = "removed@invalid"
# The defaults of the settings of the same names (see settings.py and the README).
DEFAULT_WITHDRAWN_CITY_DAYS = 365
DEFAULT_WEBINAR_REGISTRATION_DAYS = 180


def retention_days() -> tuple[int, int]:
    """Days kept: (contacts of a withdrawn city, seats at a webinar that is over)."""
    return (
        getattr(settings, "RETENTION_WITHDRAWN_CITY_DAYS", DEFAULT_WITHDRAWN_CITY_DAYS),
        getattr(settings, "RETENTION_WEBINAR_REGISTRATION_DAYS", DEFAULT_WEBINAR_REGISTRATION_DAYS),
    )


@dataclass
class RetentionReport:
    webinar_registrations: int = 0
    withdrawn_registrations: int = 0
    unconfirmed_webinar_registrations: int = 0


def withdrawn_registrations_older_than(cutoff: dt.datetime):
    """Registrations withdrawn before `cutoff`, dated by their withdrawal in the audit trail."""
    withdrawn_at = (
        AuditEntry.objects.filter(
            action=f"registration.{RegistrationState.WITHDRAWN}",
            content_type=ContentType.objects.get_for_model(Registration),
            object_id=Cast(OuterRef("pk"), CharField()),
        )
        .order_by("-timestamp")
        .values("timestamp")
    )
    return (
        Registration.objects.filter(state=RegistrationState.WITHDRAWN)
        .annotate(withdrawn_at=Subquery(withdrawn_at[:1]))
        .filter(withdrawn_at__lt=cutoff)
    )


@transaction.atomic
def remove_expired_personal_data(*, now: dt.datetime | None = None) -> RetentionReport:
    """Delete webinar seats of webinars long over, registrations never confirmed in time,
    and the contacts of cities long withdrawn."""
    now = now or clock.now()
    report = RetentionReport()
    city_days, webinar_days = retention_days()
    seats = WebinarRegistration.objects.filter(
        webinar__ends_at__lt=now - dt.timedelta(days=webinar_days)
    )
    report.webinar_registrations, _ = seats.delete()
    report.unconfirmed_webinar_registrations = expire_unconfirmed_webinar_registrations(now=now)
    cutoff = now - dt.timedelta(days=city_days)
    withdrawn = list(
        withdrawn_registrations_older_than(cutoff)
        .filter(
            Q(representatives__gt="")
            | Q(invitations__email__gt="", invitations__email__lt=REMOVED_ADDRESS)
            | Q(invitations__email__gt=REMOVED_ADDRESS)
        )
        .distinct()
    )
    for registration in withdrawn:
        Registration.objects.filter(pk=registration.pk).update(representatives="")
        Invitation.objects.filter(registration=registration).update(email=REMOVED_ADDRESS)
    report.withdrawn_registrations = len(withdrawn)
    if (
        report.webinar_registrations
        or report.withdrawn_registrations
        or report.unconfirmed_webinar_registrations
    ):
        record_action(
            "privacy.retention",
            webinar_registrations=report.webinar_registrations,
            unconfirmed_webinar_registrations=report.unconfirmed_webinar_registrations,
            withdrawn_registrations=[r.pk for r in withdrawn],
        )
    return report
