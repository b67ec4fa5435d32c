from django_tasks import task

from twinning.workshops.domain import send_workshop_reminder


@task()
def task_send_workshop_reminder(workshop_id: int, kind: str, starts_at: str) -> int:
    return send_workshop_reminder(workshop_id, kind, starts_at)
