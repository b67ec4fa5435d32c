import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from twinning.mail.domain import queue_mail
from twinning.mail.enums import MailStatus
from twinning.mail.models import OutgoingMail

REPOSITORY = Path(__file__).resolve().parents[2]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _worker(tmp_path, *extra) -> subprocess.Popen:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": _database_url(),
        "TWINNING_DATA_DIR": str(tmp_path / "data"),
        "EMAIL_BACKEND": "tests.mail.backends.SlowFileBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "sent"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "twinning", "worker", "--interval", "0.1", *extra],
        cwd=REPOSITORY,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _sent() -> int:
    return OutgoingMail.objects.filter(status=MailStatus.SENT).count()


def _wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
def test_worker_stopped_midway_sends_every_queued_mail_exactly_once(settings, tmp_path):
    settings.TASKS = DATABASE_QUEUE
    mails = [
        queue_mail("test_message", f"person{n}@example.org", {"name": f"Person {n}"})
        for n in range(12)
    ]

    worker = _worker(tmp_path)
    started = _wait_until(lambda: _sent() >= 3, seconds=60)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)
    sent_before_restart = _sent()
    restarted = _worker(tmp_path, "--batch")
    restarted.wait(timeout=120)

    assert started is True
    assert 3 <= sent_before_restart < 12
    assert _sent() == 12
    written = "".join(p.read_text() for p in (tmp_path / "sent").iterdir())
    copies = Counter(re.findall(r"^X-Twinning-Mail: (\d+)$", written, re.M))
    assert copies == Counter({str(m.pk): 1 for m in mails})
