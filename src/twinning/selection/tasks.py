from django_tasks import task

from twinning.selection.domain.runs import execute_run


@task()
def task_run_selection(run_id: int) -> str:
    return execute_run(run_id).status
