"""Reads of the outbox."""

from __future__ import annotations

from django.db.models import QuerySet
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
