"""Reads of the outbox."""

from __future__ import annotations

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404

from twinning.mail.enums import MailStatus
from twinning.mail.models import OutgoingMail


def outbox(status: str = "") -> QuerySet[OutgoingMail]:
    """The stored messages, in the model's order; only those in `status` if it is one."""
    mails = OutgoingMail.objects.select_related("content_type")
    if status in MailStatus.values:
        mails = mails.filter(status=status)
    return mails


def outgoing_mail_or_404(pk) -> OutgoingMail:
    return get_object_or_404(OutgoingMail, pk=pk)


def mails_to(email: str, *, limit: int = 50) -> list[OutgoingMail]:
    """The latest messages addressed to `email` (alone or with others), newest first."""
    if not email:
        return []
    candidates = (
        OutgoingMail.objects.annotate(_to_text=Cast("to", TextField()))
        .filter(_to_text__icontains=email)
        .select_related("content_type")
        .defer("body", "attachments")
        .order_by("-created", "-id")
    )
    wanted = email.lower()
    found = []
    # The text match is a first sieve; only an address equal to `email` counts.
    for mail in candidates.iterator(chunk_size=200):
        if wanted in (str(address).lower() for address in mail.to):
            found.append(mail)
            if len(found) == limit:
                break
    return found
