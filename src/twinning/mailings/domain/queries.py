"""Reads of the mailings and of what the outbox holds for them."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from twinning.mail.models import OutgoingMail
from twinning.mailings.models import Mailing


def mailings() -> QuerySet[Mailing]:
    """Every mailing, drafts and sent ones, newest first."""
    return Mailing.objects.select_related("cohort", "day", "created_by", "sent_by").order_by(
        "-created", "-id"
    )


def with_mail_counts(page) -> list[Mailing]:
    """The mailings of a page, each with `mail_counts`: how many of its mails are in each
    outbox status (one query for the whole page)."""
    page = list(page)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        OutgoingMail.objects.filter(
            content_type=ContentType.objects.get_for_model(Mailing),
            object_id__in=[str(m.pk) for m in page],
        )
        .values("object_id", "status")
        .annotate(count=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["object_id"]][row["status"]] = row["count"]
    for mailing in page:
        mailing.mail_counts = counts[str(mailing.pk)]
    return page


def mails_of(mailing: Mailing) -> QuerySet[OutgoingMail]:
    """The mails the mailing put in the outbox, by address."""
    return OutgoingMail.objects.filter(
        content_type=ContentType.objects.get_for_model(Mailing), object_id=str(mailing.pk)
    ).order_by("to", "id")


def mailing_or_404(pk) -> Mailing:
    return get_object_or_404(mailings(), pk=pk)
