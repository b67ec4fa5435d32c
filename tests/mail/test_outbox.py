import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from twinning.mail.domain import (
    MAX_ATTEMPTS,
    Attachment,
    deliver_mail,
    flush_outbox,
    queue_mail,
    resend_mail,
)
from twinning.mail.enums import MailStatus
from twinning.mail.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_queue_mail_stores_the_rendered_message_and_sends_it_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_mail(
            "test_message",
            "anna@example.org",
            {"name": "Anna"},
            attachments=[Attachment("a.txt", b"hello", "text/plain")],
        )

    stored.refresh_from_db()
    assert (stored.subject, stored.body) == (
        "[Twinning] Hello Anna",
        "This is a message for Anna.\n",
    )
    assert stored.status == MailStatus.SENT
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    assert mail.outbox[0].attachments == [("a.txt", "hello", "text/plain")]
    assert mail.outbox[0].extra_headers["X-Twinning-Mail"] == str(stored.pk)


def test_queue_mail_in_a_refused_change_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                queue_mail("test_message", "anna@example.org", {"name": "Anna"})
                raise RuntimeError("refused")
        except RuntimeError:
            pass

    assert (callbacks, mail.outbox, OutgoingMail.objects.count()) == ([], [], 0)


def test_deliver_mail_sends_a_message_once_only():
    stored = queue_mail("test_message", "anna@example.org", {"name": "Anna"})

    first, second = deliver_mail(stored.pk), deliver_mail(stored.pk)

    assert (first, second) == (MailStatus.SENT, None)
    assert len(mail.outbox) == 1


def test_deliver_mail_failure_is_recorded_and_retried(settings):
    settings.EMAIL_BACKEND = "tests.mail.backends.RefusingBackend"
    stored = queue_mail("test_message", "anna@example.org", {"name": "Anna"})

    statuses = [deliver_mail(stored.pk) for _ in range(MAX_ATTEMPTS)]

    stored.refresh_from_db()
    assert statuses == [MailStatus.QUEUED, MailStatus.QUEUED, MailStatus.FAILED]
    assert (stored.status, stored.attempts) == (MailStatus.FAILED, MAX_ATTEMPTS)
    assert stored.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"


def test_resend_mail_sends_a_failed_message_again(
    settings, organiser, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail.backends.RefusingBackend"
    stored = queue_mail("test_message", "anna@example.org", {"name": "Anna"})
    for _ in range(MAX_ATTEMPTS):
        deliver_mail(stored.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        resend_mail(stored, by=organiser)

    stored.refresh_from_db()
    assert (stored.status, stored.last_error) == (MailStatus.SENT, "")
    assert len(mail.outbox) == 1


def test_resend_mail_refuses_a_message_on_its_way(organiser):
    stored = queue_mail("test_message", "anna@example.org", {"name": "Anna"})

    with pytest.raises(ValueError, match=r"^This message is already on its way\.$"):
        resend_mail(stored, by=organiser)


def test_flush_outbox_queues_waiting_mail_and_fails_interrupted_mail(
    django_capture_on_commit_callbacks,
):
    waiting = queue_mail("test_message", "anna@example.org", {"name": "Anna"})
    interrupted = queue_mail("test_message", "ben@example.org", {"name": "Ben"})
    OutgoingMail.objects.filter(pk=interrupted.pk).update(
        status=MailStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert flush_outbox() == 1

    waiting.refresh_from_db()
    interrupted.refresh_from_db()
    assert (waiting.status, interrupted.status) == (MailStatus.SENT, MailStatus.FAILED)
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
