import datetime as dt

from django_tasks import task

from twinning.common import clock
from twinning.common.tasks import enqueue_on_commit, enqueue_unless_waiting, fail_abandoned_runs
from twinning.mail.domain import STALLED_AFTER, deliver_mail, flush_outbox, reclaim_stalled_mail

SWEEP_INTERVAL = dt.timedelta(minutes=1)


@task()
def task_send_mail(mail_id: int) -> str | None:
    status = deliver_mail(mail_id)
    return str(status) if status else None


@task()
def task_flush_outbox() -> int:
    return flush_outbox()


@task()
def task_reclaim_stalled_mail(reschedule: bool = False) -> int:
    """Send again what a killed worker left "sending"; with `reschedule`, again a minute later."""
    try:
        # Sending one message takes seconds: a run this old lost its worker.
        started_before = clock.now() - STALLED_AFTER
        for stale in (task_send_mail, task_reclaim_stalled_mail):
            fail_abandoned_runs(stale, started_before=started_before)
        return reclaim_stalled_mail()
    finally:
        if reschedule:
            enqueue_on_commit(
                task_reclaim_stalled_mail, True, run_after=clock.now() + SWEEP_INTERVAL
            )


def schedule_outbox_sweep() -> bool:
    """Queue the sweep of the outbox unless one is already waiting; True when it was queued.

    Called when a worker starts: each run queues its successor a minute later,
    so one chain runs however many workers there are.
    """
    return enqueue_unless_waiting(
        task_reclaim_stalled_mail, task_reclaim_stalled_mail.get_backend().supports_defer
    )
