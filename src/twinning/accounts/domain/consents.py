"""Consents a person gives beyond what the programme needs to run, and their withdrawal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinning.accounts.models import CONSENT_TEXT_VERSION, Consent, ConsentPurpose
from twinning.common import clock
from twinning.common.audit import record_action


@transaction.atomic
def give_consent(user, purpose: str, *, by) -> Consent:
    """Record that `user` agrees to `purpose`, in the current wording of its text."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("There is no such purpose."))
    if Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).exists():
        raise ValidationError(_("You have already agreed to this."))
    consent = Consent.objects.create(user=user, purpose=purpose, text_version=CONSENT_TEXT_VERSION)
    record_action("consent.given", user, by=by, purpose=purpose, version=CONSENT_TEXT_VERSION)
    return consent


@transaction.atomic
def withdraw_consent(user, purpose: str, *, by) -> Consent:
    """End the consent of `user` to `purpose`; the record of it stays, with its end date."""
    consent = (
        Consent.objects.select_for_update()
        .filter(user=user, purpose=purpose, withdrawn_at__isnull=True)
        .first()
    )
    if consent is None:
        raise ValidationError(_("You had not agreed to this."))
    consent.withdrawn_at = clock.now()
    consent.save(update_fields=["withdrawn_at"])
    record_action("consent.withdrawn", user, by=by, purpose=purpose)
    return consent
