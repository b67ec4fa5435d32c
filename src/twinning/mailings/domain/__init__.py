"""Mailings: written as drafts, checked against their recipients, sent once through the outbox."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.common import clock
from twinning.common.audit import record_action
from twinning.mail.domain import queue_mail
from twinning.mailings.domain.segments import SEGMENTS, Recipient, recipients
from twinning.mailings.enums import MailingState
from twinning.mailings.models import Mailing

NAME_PLACEHOLDER = "{name}"
TEMPLATE = "mailing"


def recipients_of(mailing: Mailing) -> list[Recipient]:
    """The people the mailing goes to now (or would go to, for a draft)."""
    segment = SEGMENTS.get(mailing.segment)
    parameter = {"cohort": mailing.cohort, "day": mailing.day}.get(segment.needs if segment else "")
    return recipients(mailing.segment, parameter)


def _context(mailing: Mailing, recipient: Recipient) -> dict:
    segment = SEGMENTS[mailing.segment]
    return {
        "subject": mailing.subject,
        "text": mailing.text.replace(NAME_PLACEHOLDER, recipient.name),
        "kind": segment.kind,
        "site_url": settings.SITE_URL,
    }


def preview_mail(mailing: Mailing, recipient: Recipient) -> tuple[str, str]:
    """The subject and text as `recipient` will receive them."""
    language = recipient.person.language or translation.get_language() or settings.LANGUAGE_CODE
    context = _context(mailing, recipient)
    with translation.override(language):
        subject = render_to_string(f"mail/{TEMPLATE}/subject.txt", context, using="text")
        body = render_to_string(f"mail/{TEMPLATE}/body.txt", context, using="text")
    return settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body.strip()


def _check_parameter(mailing: Mailing) -> None:
    segment = SEGMENTS.get(mailing.segment)
    if segment is None:
        raise ValidationError({"segment": _("Choose who the mailing goes to.")})
    if segment.needs == "cohort" and mailing.cohort_id is None:
        raise ValidationError({"cohort": _("Choose the cohort these recipients belong to.")})
    if segment.needs == "day" and mailing.day_id is None:
        raise ValidationError({"day": _("Choose the Matchmaking Day.")})


@transaction.atomic
def save_mailing(mailing: Mailing, *, by) -> Mailing:
    """Write a new draft or change one; a mailing that was sent is not changed."""
    is_new = mailing.pk is None
    if not is_new and Mailing.objects.filter(pk=mailing.pk, state=MailingState.SENT).exists():
        raise ValidationError(_("This mailing was sent: it can no longer be changed."))
    _check_parameter(mailing)
    segment = SEGMENTS[mailing.segment]
    # Only the parameter the segment takes is kept.
    if segment.needs != "cohort":
        mailing.cohort = None
    if segment.needs != "day":
        mailing.day = None
    if is_new:
        mailing.created_by = by
    mailing.save()
    record_action(
        "mailing.written" if is_new else "mailing.changed",
        mailing,
        by=by,
        segment=mailing.segment,
    )
    return mailing


def send_mailing(mailing: Mailing, *, by, expected: int | None = None) -> int:
    """Queue one mail per recipient, once: a second request for the same mailing is refused.

    `expected` is the number of recipients the organiser saw on the preview; when the
    segment has changed since, nothing is sent and the organiser checks the list again.
    Returns the number of mails queued.
    """
    people = recipients_of(mailing)
    if not people:
        raise ValidationError(
            _("Nobody is in this group at the moment: there is no one to send to.")
        )
    if expected is not None and expected != len(people):
        raise ValidationError(
            ngettext(
                "The list of recipients changed since you checked it: %(count)d person now. "
                "Check it again before sending.",
                "The list of recipients changed since you checked it: %(count)d people now. "
                "Check it again before sending.",
                len(people),
            )
            % {"count": len(people)}
        )
    with transaction.atomic():
        # The state changes only from draft: of two requests, one takes the mailing.
        taken = Mailing.objects.filter(pk=mailing.pk, state=MailingState.DRAFT).update(
            state=MailingState.SENT,
            sent_at=clock.now(),
            sent_by=by,
            recipient_count=len(people),
        )
        if not taken:
            raise ValidationError(_("This mailing was already sent."))
        mailing.refresh_from_db()
        for recipient in people:
            queue_mail(
                TEMPLATE,
                recipient.email,
                _context(mailing, recipient),
                about=mailing,
                language=recipient.person.language or None,
                reply_to=[settings.PROGRAMME_CONTACT_EMAIL],
                by=by,
            )
        record_action(
            "mailing.sent", mailing, by=by, segment=mailing.segment, recipients=len(people)
        )
    return len(people)


@transaction.atomic
def delete_mailing(mailing: Mailing, *, by) -> None:
    """Throw away a draft; a sent mailing stays in the records."""
    if Mailing.objects.filter(pk=mailing.pk, state=MailingState.SENT).exists():
        raise ValidationError(_("This mailing was sent: it stays in the records."))
    record_action("mailing.deleted", mailing, by=by, subject=mailing.subject)
    mailing.delete()
