import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from twinning.mail.domain import (
    MAX_ATTEMPTS,
    STALLED_AFTER,
    Attachment,
    deliver_mail,
    flush_outbox,
    queue_mail,
    reclaim_stalled_mail,
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


def test_flush_outbox_queues_waiting_mail_and_sends_interrupted_mail_again(
    django_capture_on_commit_callbacks,
):
    waiting = queue_mail("test_message", "anna@example.org", {"name": "Anna"})
    interrupted = queue_mail("test_message", "ben@example.org", {"name": "Ben"})
    OutgoingMail.objects.filter(pk=interrupted.pk).update(
        status=MailStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1), attempts=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert flush_outbox() == 2

    waiting.refresh_from_db()
    interrupted.refresh_from_db()
    assert (waiting.status, interrupted.status) == (MailStatus.SENT, MailStatus.SENT)
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ben@example.org"]


def _killed_while_sending(settings, stored):
    """Claim the message and kill the worker mid-send, as `kill -9` would."""
    settings.EMAIL_BACKEND = "tests.mail.backends.KilledBackend"
    with pytest.raises(SystemExit):
        deliver_mail(stored.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    stored.refresh_from_db()
    return stored


def test_a_message_interrupted_mid_send_is_sent_exactly_once_after_the_reclaim(
    settings, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(timezone.now(), tick=False)
    stored = _killed_while_sending(settings, queue_mail("test_message", "anna@example.org"))
    time_machine.shift(STALLED_AFTER + dt.timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        reclaimed = reclaim_stalled_mail()
    with django_capture_on_commit_callbacks(execute=True):
        again = reclaim_stalled_mail()
    late = deliver_mail(stored.pk)

    stored.refresh_from_db()
    assert (reclaimed, again, late) == (1, 0, None)
    assert (stored.status, stored.attempts) == (MailStatus.SENT, 2)
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


def test_a_fresh_claim_is_not_reclaimed(settings, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(timezone.now(), tick=False)
    stored = _killed_while_sending(settings, queue_mail("test_message", "anna@example.org"))
    time_machine.shift(STALLED_AFTER - dt.timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reclaimed = reclaim_stalled_mail()

    stored.refresh_from_db()
    assert (reclaimed, callbacks, stored.status, mail.outbox) == (0, [], MailStatus.SENDING, [])


def test_a_message_interrupted_on_its_last_attempt_is_left_failed(
    settings, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(timezone.now(), tick=False)
    stored = queue_mail("test_message", "anna@example.org")
    OutgoingMail.objects.filter(pk=stored.pk).update(attempts=MAX_ATTEMPTS - 1)
    _killed_while_sending(settings, stored)
    time_machine.shift(STALLED_AFTER + dt.timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        reclaimed = reclaim_stalled_mail()

    stored.refresh_from_db()
    assert (reclaimed, stored.status, stored.attempts, mail.outbox) == (
        0, MailStatus.FAILED, MAX_ATTEMPTS, [],
    )  # fmt: skip
    assert stored.last_error == (
        "Interrupted while sending: it may or may not have been delivered."
    )


def test_a_worker_answering_after_the_reclaim_marks_the_message_sent_once(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail.backends.LateBackend"
    stored = queue_mail("test_message", "anna@example.org")

    first = deliver_mail(stored.pk)
    second = deliver_mail(stored.pk)

    stored.refresh_from_db()
    assert (first, second, stored.status, stored.attempts) == (
        MailStatus.SENT, None, MailStatus.SENT, 1,
    )  # fmt: skip
    assert len(mail.outbox) == 1


def test_resend_mail_takes_back_a_message_stuck_sending(
    settings, organiser, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(timezone.now(), tick=False)
    stored = _killed_while_sending(settings, queue_mail("test_message", "anna@example.org"))
    time_machine.shift(STALLED_AFTER - dt.timedelta(seconds=1))
    with pytest.raises(ValueError, match=r"^This message is already on its way\.$"):
        resend_mail(stored, by=organiser)
    time_machine.shift(dt.timedelta(seconds=2))

    with django_capture_on_commit_callbacks(execute=True):
        resend_mail(stored, by=organiser)

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (MailStatus.SENT, 1)
    assert len(mail.outbox) == 1


def test_the_outbox_offers_to_resend_a_message_stuck_sending(
    settings, client, organiser, time_machine
):
    from django.urls import reverse

    time_machine.move_to(timezone.now(), tick=False)
    stuck = _killed_while_sending(settings, queue_mail("test_message", "anna@example.org"))
    fresh = _killed_while_sending(settings, queue_mail("test_message", "ben@example.org"))
    OutgoingMail.objects.filter(pk=stuck.pk).update(
        claimed_at=timezone.now() - STALLED_AFTER - dt.timedelta(seconds=1)
    )
    client.force_login(organiser)

    page = client.get(reverse("orga:outbox")).content.decode()

    assert page.count('action="/orga/outbox/') == 1
    assert reverse("orga:outbox_resend", args=[stuck.pk]) in page
    assert reverse("orga:outbox_resend", args=[fresh.pk]) not in page


def test_the_sweep_fails_send_tasks_left_running_by_a_dead_worker(time_machine):
    from django_tasks_db.models import DBTaskResult

    from twinning.mail.tasks import task_flush_outbox, task_reclaim_stalled_mail, task_send_mail

    time_machine.move_to(timezone.now(), tick=False)

    def running(task, minutes_ago):
        return DBTaskResult.objects.create(
            task_path=task.module_path,
            args_kwargs={"args": [1], "kwargs": {}},
            backend_name="default",
            run_after=timezone.now(),
            status="RUNNING",
            started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        )

    dead = running(task_send_mail, 11)
    alive = running(task_send_mail, 9)
    # Only sending a message is known to be short: other tasks are left alone.
    long_run = running(task_flush_outbox, 60)

    task_reclaim_stalled_mail.call()

    statuses = {
        row.pk: (row.status, row.exception_class_path) for row in DBTaskResult.objects.all()
    }
    assert statuses[dead.pk] == ("FAILED", "twinning.common.tasks.WorkerLost")
    assert (statuses[alive.pk], statuses[long_run.pk]) == (("RUNNING", ""), ("RUNNING", ""))


def test_the_worker_queues_one_outbox_sweep_only(settings):
    from django_tasks_db.models import DBTaskResult

    from twinning.mail.tasks import schedule_outbox_sweep

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    first, second = schedule_outbox_sweep(), schedule_outbox_sweep()

    assert (first, second) == (True, False)
    assert DBTaskResult.objects.filter(task_path__endswith="task_reclaim_stalled_mail").count() == 1


def test_a_mail_writes_names_as_they_are_not_html_escaped():
    queue_mail(
        "test_message",
        ["a@example.org"],
        {"name": "Reggio nell'Emilia & Forlì <3"},
    )

    mail = OutgoingMail.objects.get()
    assert mail.body.strip() == "This is a message for Reggio nell'Emilia & Forlì <3."
