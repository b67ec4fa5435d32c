import datetime as dt

from django_tasks import task

from twinning.accounts.domain.retention import remove_expired_personal_data
from twinning.common import clock
from twinning.common.tasks import enqueue_on_commit

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
    return {
        "webinar_registrations": report.webinar_registrations,
        "withdrawn_registrations": report.withdrawn_registrations,
        "unconfirmed_webinar_registrations": report.unconfirmed_webinar_registrations,
    }


def schedule_retention() -> bool:
    """Queue the daily retention run unless one is already waiting; True when it was queued.

    Called when a worker starts: the run then queues its successor a day later,
    so one chain runs however many workers there are.
    """
    from django_tasks.base import TaskResultStatus  # noqa: PLC0415 - not a circle: the task backend's models need the app registry
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - not a circle: the task backend's models need the app registry

    task = task_remove_expired_personal_data
    if task.get_backend().supports_defer:
        waiting = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=task.module_path
        )
        if waiting.exists():
            return False
    task.enqueue(task.get_backend().supports_defer)
    return True
