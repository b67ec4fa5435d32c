"""E-mail backends for tests of the outbox."""

import smtplib
import time

from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend


class RefusingBackend(MemoryBackend):
    """A mail server that refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class SlowFileBackend(FileBackend):
    """Writes each message to a file, a quarter of a second each, like a slow server."""

    def send_messages(self, messages):
        time.sleep(0.25)
        return super().send_messages(messages)


class KilledBackend(MemoryBackend):
    """The worker is killed while the message is with the mail server."""

    def send_messages(self, messages):
        raise SystemExit(1)


class LateBackend(MemoryBackend):
    """A server so slow that the outbox takes the message back before it answers."""

    def send_messages(self, messages):
        import time_machine

        from twinning.common import clock
        from twinning.mail.domain import STALLED_AFTER, reclaim_stalled_mail

        with time_machine.travel(clock.now() + STALLED_AFTER * 2, tick=False):
            reclaim_stalled_mail()
        return super().send_messages(messages)
