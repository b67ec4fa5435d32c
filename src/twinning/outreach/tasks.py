from django_tasks import task

from twinning.outreach.domain.webinars import send_webinar_reminder


@task()
def task_send_webinar_reminder(webinar_id: int, kind: str, starts_at: str) -> int:
    return send_webinar_reminder(webinar_id, kind, starts_at)
