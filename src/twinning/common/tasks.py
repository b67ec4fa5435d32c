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


def enqueue_unless_waiting(task, *args) -> bool:
    """Queue `task(*args)` unless a run of it is already waiting; True when it was queued.

    For the chains a worker starts (a run queues its successor): however many
    workers start, one chain runs.
    """
    from django_tasks.base import TaskResultStatus  # noqa: PLC0415 - not a circle: the task backend's models need the app registry
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - not a circle: the task backend's models need the app registry

    if task.get_backend().supports_defer:
        waiting = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=task.module_path
        )
        if waiting.exists():
            return False
    task.enqueue(*args)
    return True


class WorkerLost(Exception):
    """The worker running the task stopped before it finished (it was killed)."""


def fail_abandoned_runs(task, *, started_before: dt.datetime) -> int:
    """Mark the runs of `task` still "running" since before `started_before` as failed.

    Only for a task known to finish well within that time: its worker is gone,
    and the run would otherwise show as running until someone deletes it.
    """
    from django_tasks.base import TaskResultStatus  # noqa: PLC0415 - not a circle: the task backend's models need the app registry
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - not a circle: the task backend's models need the app registry

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        task_path=task.module_path,
        started_at__lt=started_before,
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=clock.now(),
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=f"{WorkerLost.__qualname__}: {WorkerLost.__doc__}\n",
    )
