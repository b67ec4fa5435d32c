"""The outbox: every e-mail is stored and rendered here first, then sent by a task.

`queue_mail` is the only way the platform writes to someone; `deliver_mail`
sends one stored message at most once.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import translation

from twinning.common import clock
from twinning.common.audit import record_action, signed_in
from twinning.common.tasks import enqueue_on_commit
from twinning.mail.enums import MailStatus
from twinning.mail.models import OutgoingMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Waits before the second and third attempt.
RETRY_DELAYS = [dt.timedelta(minutes=1), dt.timedelta(minutes=10)]
# A message still "sending" after this long was interrupted (a worker was killed).
STALLED_AFTER = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str

    def to_json(self) -> dict:
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content": base64.b64encode(self.content).decode("ascii"),
        }


def queue_mail(
    template: str,
    to: list[str] | str,
    context: dict | None = None,
    *,
    about=None,
    attachments: list[Attachment] | None = None,
    language: str | None = None,
    reply_to: list[str] | None = None,
    by=None,
) -> OutgoingMail:
    """Render `mail/<template>/subject.txt` and `body.txt`, store the message, queue sending.

    The message is sent once the surrounding transaction commits, so a refused
    change never mails anyone.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    context = {"site_url": settings.SITE_URL, **(context or {})}
    with translation.override(language):
        subject = render_to_string(f"mail/{template}/subject.txt", context)
        body = render_to_string(f"mail/{template}/body.txt", context)
    return queue_rendered_mail(
        template,
        to,
        settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body,
        about=about,
        attachments=attachments,
        language=language,
        reply_to=reply_to,
        by=by,
    )


def queue_rendered_mail(
    template: str,
    to: list[str] | str,
    subject: str,
    body: str,
    *,
    about=None,
    attachments: list[Attachment] | None = None,
    language: str | None = None,
    reply_to: list[str] | None = None,
    by=None,
) -> OutgoingMail:
    """Store a message rendered elsewhere (e.g. by django-allauth) and queue sending."""
    mail = OutgoingMail.objects.create(
        template=template,
        to=[to] if isinstance(to, str) else list(to),
        reply_to=reply_to or [],
        subject=" ".join(subject.split())[:300],
        body=body.strip() + "\n",
        attachments=[a.to_json() for a in attachments or []],
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        created_by=signed_in(by),
        content_type=ContentType.objects.get_for_model(about) if about is not None else None,
        object_id=str(about.pk) if about is not None else "",
    )
    _enqueue_on_commit(mail.pk)
    return mail


def _enqueue_on_commit(mail_id: int, *, run_after: dt.datetime | None = None) -> None:
    from twinning.mail.tasks import task_send_mail

    enqueue_on_commit(task_send_mail, mail_id, run_after=run_after)


def deliver_mail(mail_id: int) -> MailStatus | None:
    """Send one queued message, at most once; returns its new status, None if not ours.

    The message is claimed by a conditional update, so two workers that get the
    same id cannot both send it. A failure is retried after a delay, up to
    MAX_ATTEMPTS, then left failed for an organiser to resend.
    """
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(
        status=MailStatus.SENDING, claimed_at=clock.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        _as_message(mail).send(fail_silently=False)
    except Exception as error:  # any transport error is recorded on the message
        logger.warning("Sending mail %s failed: %s", mail_id, error)
        retry = mail.attempts < MAX_ATTEMPTS
        OutgoingMail.objects.filter(pk=mail_id).update(
            status=MailStatus.QUEUED if retry else MailStatus.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        if retry:
            _enqueue_on_commit(mail_id, run_after=clock.now() + RETRY_DELAYS[mail.attempts - 1])
        return MailStatus.QUEUED if retry else MailStatus.FAILED
    OutgoingMail.objects.filter(pk=mail_id).update(
        status=MailStatus.SENT, sent_at=clock.now(), last_error=""
    )
    return MailStatus.SENT


def _as_message(mail: OutgoingMail) -> EmailMessage:
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        reply_to=mail.reply_to or None,
        headers={"X-Twinning-Mail": str(mail.pk)},
    )
    for attachment in mail.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


def resend_mail(mail: OutgoingMail, *, by) -> OutgoingMail:
    """Queue a failed (or sent) message again, at an organiser's request."""
    mail.refresh_from_db()
    if mail.status in (MailStatus.QUEUED, MailStatus.SENDING):
        raise ValueError("This message is already on its way.")
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.QUEUED, attempts=0, last_error=""
    )
    record_action("mail.resent", mail, by=by, previous_status=mail.status)
    _enqueue_on_commit(mail.pk)
    mail.refresh_from_db()
    return mail


def flush_outbox() -> int:
    """Queue a sending task for every queued message; mark interrupted ones failed.

    Run when a worker starts, so that mail queued while no task could be stored
    or run still goes out. Sending twice is impossible: `deliver_mail` claims.
    A message left "sending" by a killed worker may or may not have reached the
    mail server, so it is not sent again automatically: an organiser decides.
    """
    stalled = clock.now() - STALLED_AFTER
    OutgoingMail.objects.filter(status=MailStatus.SENDING, claimed_at__lt=stalled).update(
        status=MailStatus.FAILED,
        last_error="Interrupted while sending: it may or may not have been delivered.",
    )
    queued = list(
        OutgoingMail.objects.filter(status=MailStatus.QUEUED).values_list("pk", flat=True)
    )
    for mail_id in queued:
        _enqueue_on_commit(mail_id)
    return len(queued)
