from django_tasks import task

from twinning.mail.domain import deliver_mail, flush_outbox


@task()
def task_send_mail(mail_id: int) -> str | None:
    status = deliver_mail(mail_id)
    return str(status) if status else None


@task()
def task_flush_outbox() -> int:
    return flush_outbox()
