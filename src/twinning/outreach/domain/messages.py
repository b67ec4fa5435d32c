"""The expression-of-interest survey and the contact form."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from twinning.cities.domain.invitations import create_invitation
from twinning.cohorts.domain.queries import current_cohort
from twinning.common import clock
from twinning.common.audit import record_action
from twinning.mail.domain import queue_mail
from twinning.outreach.models import ContactMessage, InterestExpression


def sender_key(ip_address: str) -> str:
    """A keyed hash of the sender's address: enough to tell senders apart, not to identify."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip_address}".encode()).hexdigest()


@transaction.atomic
def receive_contact_message(*, name, email, subject, message, ip_address) -> ContactMessage:
    """Store the message, mail it to the programme team and confirm to the sender.

    How often one sender may write is checked before, with the other public
    forms (twinning.common.limits); `ip_address` is the trusted client address.
    """
    contact = ContactMessage.objects.create(
        name=name, email=email, subject=subject, message=message, sender_key=sender_key(ip_address)
    )
    context = {"contact": contact}
    queue_mail(
        "contact_received",
        settings.PROGRAMME_CONTACT_EMAIL,
        context,
        about=contact,
        # The programme team reads its own mail in the site's language.
        language=settings.LANGUAGE_CODE,
        reply_to=[email],
    )
    queue_mail("contact_confirmation", email, context, about=contact)
    return contact


@transaction.atomic
def mark_contact_message_handled(contact: ContactMessage, *, by, handled: bool = True):
    contact.handled_at = clock.now() if handled else None
    contact.handled_by = by if handled else None
    contact.save(update_fields=["handled_at", "handled_by"])
    record_action("contact.handled" if handled else "contact.reopened", contact, by=by)
    return contact


@transaction.atomic
def receive_interest(*, themes=(), **answers) -> InterestExpression:
    """Store a survey answer and confirm it to the contact person."""
    interest = InterestExpression.objects.create(**answers)
    interest.themes.set(themes)
    queue_mail("interest_confirmation", interest.email, {"interest": interest}, about=interest)
    return interest


def invite_from_interest(interest: InterestExpression, *, by):
    """Invite the city of a survey answer to register, and note it on the answer.

    Raises ValidationError (from the invitation) when the city cannot be invited.
    """

    cohort = current_cohort()
    if cohort is None:
        raise ValidationError("No cohort is open for registration.")
    with transaction.atomic():
        invitation = create_invitation(
            cohort,
            email=interest.email,
            city_name=interest.city_name,
            country=interest.country,
            partner_project=interest.partner_project,
            by=by,
        )
        interest.invited_at = clock.now()
        interest.save(update_fields=["invited_at"])
        record_action("interest.invited", interest, by=by, invitation=invitation.pk)
    return invitation
