import datetime as dt

from django_tasks import task

from twinning.common import clock
from twinning.common.tasks import enqueue_on_commit, enqueue_unless_waiting
from twinning.programme.domain.lifecycle import activate_due_twinnings

LIFECYCLE_INTERVAL = dt.timedelta(hours=1)


@task()
def task_activate_twinnings(reschedule: bool = False) -> int:
    """Start the twinnings whose programme window opened; with `reschedule`, again an hour later."""
    try:
        return activate_due_twinnings()
    finally:
        if reschedule:
            enqueue_on_commit(
                task_activate_twinnings, True, run_after=clock.now() + LIFECYCLE_INTERVAL
            )


def schedule_lifecycle_sweep() -> bool:
    """Queue the hourly sweep of twinnings unless one is already waiting; True when queued.

    Called when a worker starts: each run queues its successor an hour later,
    so one chain runs however many workers there are.
    """
    task = task_activate_twinnings
    return enqueue_unless_waiting(task, task.get_backend().supports_defer)
