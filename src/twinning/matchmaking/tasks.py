from django_tasks import task

from twinning.matchmaking.domain.schedule import run_schedule, send_day_reminder


@task()
def task_run_schedule(run_id: int) -> str:
    run = run_schedule(run_id)
    return run.status if run else "missing"


@task()
def task_send_day_reminder(day_id: int, date: str) -> int:
    return send_day_reminder(day_id, date)
