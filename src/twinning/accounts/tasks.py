import datetime as dt

from django_tasks import task

from twinning.accounts.domain.retention import remove_expired_personal_data
from twinning.common import clock
from twinning.common.tasks import enqueue_on_commit, enqueue_unless_waiting

RETENTION_INTERVAL = dt.timedelta(days=1)


@task()
def task_remove_expired_personal_data(reschedule: bool = False) -> dict:
    """Apply the retention periods; with `reschedule`, run again a day later."""
    report = remove_expired_personal_data()
    if reschedule:
        enqueue_on_commit(
            task_remove_expired_personal_data,
            True,
            run_after=clock.now() + RETENTION_INTERVAL,
        )
    return report


def schedule_retention() -> bool:
    """Queue the daily retention run unless one is already waiting; True when it was queued.

    Called when a worker starts: the run then queues its successor a day later,
    so one chain runs however many workers there are.
    """
    task = task_remove_expired_personal_data
    return enqueue_unless_waiting(task, task.get_backend().supports_defer)
