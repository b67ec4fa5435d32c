import datetime as dt

from django_tasks import task

from twinning.common import clock
from twinning.common.tasks import enqueue_on_commit, enqueue_unless_waiting
from twinning.nextsteps.domain.nudges import send_nudges

NUDGE_INTERVAL = dt.timedelta(hours=1)


@task()
def task_send_nudges(reschedule: bool = False) -> int:
    """Mail the reminders now due; with `reschedule`, sweep again an hour later."""
    try:
        return send_nudges()
    finally:
        if reschedule:
            enqueue_on_commit(task_send_nudges, True, run_after=clock.now() + NUDGE_INTERVAL)


def schedule_nudges() -> bool:
    """Queue the hourly sweep of reminders unless one is already waiting; True when queued.

    Called when a worker starts: each run queues its successor an hour later, so one
    chain runs however many workers there are.
    """
    return enqueue_unless_waiting(task_send_nudges, task_send_nudges.get_backend().supports_defer)
