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
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db.models import F, Q
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
# A message still "sending" after this long was interrupted (a worker was killed):
# far beyond EMAIL_TIMEOUT, so no live worker is still talking to the mail server.
STALLED_AFTER = dt.timedelta(minutes=10)
INTERRUPTED = "Interrupted while sending: it may or may not have been delivered."


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

    Each recipient reads it in their own language: the one stored on their account,
    else (someone without an account, e.g. who wrote through a public form) the
    language of the page that caused it. Recipients who read different languages get
    one message per language; the first is returned. `language` forces one language.
    The message is sent once the surrounding transaction commits, so a refused
    change never mails anyone.
    """
    addresses = [to] if isinstance(to, str) else list(to)
    groups = {language: addresses} if language else recipients_by_language(addresses)
    context = {"site_url": settings.SITE_URL, **(context or {})}
    mails = []
    for group_language, group in groups.items():
        with translation.override(group_language):
            subject = render_to_string(f"mail/{template}/subject.txt", context, using="text")
            body = render_to_string(f"mail/{template}/body.txt", context, using="text")
        mails.append(
            queue_rendered_mail(
                template,
                group,
                settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
                body,
                about=about,
                attachments=attachments,
                language=group_language,
                reply_to=reply_to,
                by=by,
            )
        )
    return mails[0]


def recipients_by_language(addresses: list[str]) -> dict[str, list[str]]:
    """The addresses grouped by the language their reader chose, in the given order.

    People with an account read the language stored on it (the site's default if they
    never chose); other addresses read the language now active.
    """
    offered = dict(settings.LANGUAGES)
    stored = {}
    if addresses:
        query = Q()
        for address in addresses:
            query |= Q(email__iexact=address)
        for email, chosen in (
            get_user_model().objects.filter(query).values_list("email", "language")
        ):
            stored[email.lower()] = chosen if chosen in offered else settings.LANGUAGE_CODE
    active = translation.get_language() or settings.LANGUAGE_CODE
    active = active if active in offered else settings.LANGUAGE_CODE
    groups: dict[str, list[str]] = {}
    for address in addresses:
        groups.setdefault(stored.get(address.lower(), active), []).append(address)
    return groups or {active: []}


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
    from twinning.mail.tasks import task_send_mail  # noqa: PLC0415 - circle: the tasks module imports this module

    enqueue_on_commit(task_send_mail, mail_id, run_after=run_after)


def deliver_mail(mail_id: int) -> MailStatus | None:
    """Send one queued message, at most once; returns its new status, None if not ours.

    The message is claimed by a conditional update, so two workers that get the
    same id cannot both send it. A failure is retried after a delay, up to
    MAX_ATTEMPTS, then left failed for an organiser to resend.
    """
    claimed_at = clock.now()
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(
        status=MailStatus.SENDING, claimed_at=claimed_at, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    mail = OutgoingMail.objects.get(pk=mail_id)
    # Only this claim is settled: a message taken back meanwhile belongs to someone else.
    mine = OutgoingMail.objects.filter(pk=mail_id, claimed_at=claimed_at)
    try:
        _as_message(mail).send(fail_silently=False)
    except Exception as error:  # any transport error is recorded on the message
        logger.warning("Sending mail %s failed: %s", mail_id, error)
        retry = mail.attempts < MAX_ATTEMPTS
        mine.filter(status=MailStatus.SENDING).update(
            status=MailStatus.QUEUED if retry else MailStatus.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        if retry:
            _enqueue_on_commit(mail_id, run_after=clock.now() + RETRY_DELAYS[mail.attempts - 1])
        return MailStatus.QUEUED if retry else MailStatus.FAILED
    # Taken back but not claimed again yet: it went out after all, so it stays sent.
    mine.filter(status__in=[MailStatus.SENDING, MailStatus.QUEUED]).update(
        status=MailStatus.SENT, sent_at=clock.now(), last_error=""
    )
    return MailStatus.SENT


def reclaim_stalled_mail() -> int:
    """Take back the messages left "sending" for longer than STALLED_AFTER; returns how many
    are queued again.

    Each goes back to the queue and is sent again, or is left failed when that
    was its last attempt. Run every minute while a worker runs, and when one
    starts. A killed worker may have handed the message to the mail server
    already, so it can arrive twice; it is never lost.
    """
    queued = 0
    stalled = OutgoingMail.objects.filter(
        status=MailStatus.SENDING, claimed_at__lt=clock.now() - STALLED_AFTER
    )
    for mail_id, attempts, claimed_at in stalled.values_list("pk", "attempts", "claimed_at"):
        retry = attempts < MAX_ATTEMPTS
        # Conditional on the claim read, so two sweeps at once take a message back once.
        taken = OutgoingMail.objects.filter(
            pk=mail_id, status=MailStatus.SENDING, claimed_at=claimed_at
        ).update(status=MailStatus.QUEUED if retry else MailStatus.FAILED, last_error=INTERRUPTED)
        if taken and retry:
            logger.warning("Sending mail %s was interrupted; it is queued again.", mail_id)
            _enqueue_on_commit(mail_id)
            queued += 1
    return queued


def is_stuck(mail: OutgoingMail) -> bool:
    """Whether the message has been "sending" for longer than a send can take."""
    return (
        mail.status == MailStatus.SENDING
        and mail.claimed_at is not None
        and mail.claimed_at < clock.now() - STALLED_AFTER
    )


def can_resend(mail: OutgoingMail) -> bool:
    return mail.status in (MailStatus.FAILED, MailStatus.SENT) or is_stuck(mail)


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
    """Queue a failed, sent or stuck message again, at an organiser's request."""
    mail.refresh_from_db()
    if not can_resend(mail):
        raise ValueError("This message is already on its way.")
    # Conditional on what was read, so two organisers (or a sweep) take it back once.
    taken = OutgoingMail.objects.filter(
        pk=mail.pk, status=mail.status, claimed_at=mail.claimed_at
    ).update(status=MailStatus.QUEUED, attempts=0, last_error="")
    if not taken:
        raise ValueError("This message is already on its way.")
    record_action("mail.resent", mail, by=by, previous_status=mail.status)
    _enqueue_on_commit(mail.pk)
    mail.refresh_from_db()
    return mail


def flush_outbox() -> int:
    """Queue a sending task for every queued message, interrupted ones included.

    Run when a worker starts, so that mail queued while no task could be stored
    or run still goes out. Two tasks for one message send it once:
    `deliver_mail` claims.
    """
    queued = list(
        OutgoingMail.objects.filter(status=MailStatus.QUEUED).values_list("pk", flat=True)
    )
    for mail_id in queued:
        _enqueue_on_commit(mail_id)
    # Read before the sweep, so that an interrupted message gets one task: the sweep's.
    return len(queued) + reclaim_stalled_mail()
