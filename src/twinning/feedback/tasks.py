import datetime as dt

from django_tasks import task

from twinning.common import clock
from twinning.common.tasks import enqueue_on_commit, enqueue_unless_waiting
from twinning.feedback.domain import send_survey_invitations

SWEEP_INTERVAL = dt.timedelta(hours=1)


@task()
def task_send_survey_invitations(reschedule: bool = False) -> int:
    """Invite the people of the events that ended; with `reschedule`, again an hour later."""
    try:
        return send_survey_invitations()
    finally:
        if reschedule:
            enqueue_on_commit(
                task_send_survey_invitations, True, run_after=clock.now() + SWEEP_INTERVAL
            )


def schedule_survey_invitations() -> bool:
    """Queue the hourly sweep unless one is already waiting; True when it was queued.

    Called when a worker starts: each run queues its successor, so one chain runs
    however many workers there are.
    """
    task = task_send_survey_invitations
    return enqueue_unless_waiting(task, task.get_backend().supports_defer)
