import datetime as dt

from django_tasks import task

from twinning.common import clock
from twinning.common.tasks import enqueue_on_commit, enqueue_unless_waiting
from twinning.conversations.domain.notifications import notify_new_messages

SWEEP_INTERVAL = dt.timedelta(minutes=5)


@task()
def task_notify_new_messages(reschedule: bool = False) -> int:
    """Mail people about new messages; with `reschedule`, again a few minutes later."""
    try:
        return notify_new_messages()
    finally:
        if reschedule:
            enqueue_on_commit(
                task_notify_new_messages, True, run_after=clock.now() + SWEEP_INTERVAL
            )


def schedule_message_notifications() -> bool:
    """Queue the sweep unless one is already waiting (called when a worker starts)."""
    return enqueue_unless_waiting(
        task_notify_new_messages, task_notify_new_messages.get_backend().supports_defer
    )
