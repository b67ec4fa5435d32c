"""Retention: the contacts of a city that withdrew are removed after the settings' period."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from twinning.accounts.domain.retention import REMOVED_ADDRESS
from twinning.cities.enums import RegistrationState
from twinning.cities.models import Invitation, Registration
from twinning.common.models import AuditEntry
from twinning.common.retention import retention_rule


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


@retention_rule("withdrawn_registrations")
def remove_contacts_of_withdrawn_cities(now: dt.datetime) -> list[int]:
    """Empty the representatives and invitation addresses of registrations withdrawn long ago."""
    cutoff = now - dt.timedelta(days=settings.RETENTION_WITHDRAWN_CITY_DAYS)
    withdrawn = list(
        withdrawn_registrations_older_than(cutoff)
        .filter(
            Q(representatives__gt="")
            | Q(invitations__email__gt="", invitations__email__lt=REMOVED_ADDRESS)
            | Q(invitations__email__gt=REMOVED_ADDRESS)
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    Registration.objects.filter(pk__in=withdrawn).update(representatives="")
    Invitation.objects.filter(registration__in=withdrawn).update(email=REMOVED_ADDRESS)
    return withdrawn
