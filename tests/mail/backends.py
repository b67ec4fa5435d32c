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
