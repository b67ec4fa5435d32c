"""Queueing helpers shared by the apps' task modules."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from twinning.common import clock

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, run_after: dt.datetime | None = None) -> None:
    """Queue `task(*args)` once the current transaction commits, at `run_after` if given.

    A backend that cannot defer (the immediate one, in tests) runs a task that
    is due now and leaves a future one out.
    """

    def enqueue():
        if run_after is None or run_after <= clock.now():
            task.enqueue(*args)
        elif task.get_backend().supports_defer:
            task.using(run_after=run_after).enqueue(*args)
        else:
            logger.info("%s not deferred: the task backend cannot defer.", task.name)

    transaction.on_commit(enqueue)
