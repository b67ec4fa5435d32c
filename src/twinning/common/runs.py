"""A run of an engine (the selection, the meeting scheduler): its record and its lifecycle.

A run is stored with the engine's input when an organiser starts it, claimed by
one worker, and finished with the engine's result or failed with a reason. A
run whose worker is gone stays "running" until an organiser queues it again.
The apps keep what is their own (the cohort or the day, what a result means,
the task that runs it); the states, the audit trail and the stuck-run rule
live here, once.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy, ngettext

from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.tasks import enqueue_on_commit

# A run still "running" this long after it started lost its worker (the engines stop
# themselves after their time limit, a minute).
STUCK_AFTER = dt.timedelta(minutes=10)


class RunStatus(models.TextChoices):
    QUEUED = "queued", gettext_lazy("Queued")
    RUNNING = "running", gettext_lazy("Running")
    DONE = "done", gettext_lazy("Done")
    FAILED = "failed", gettext_lazy("Failed")


class EngineRun(models.Model):
    """What every engine run keeps: who started it, its input, its state, its result."""

    # Prefix of the run's actions in the audit trail: "<prefix>.run_started", ...
    audit_prefix: ClassVar[str]

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(gettext_lazy("started"), auto_now_add=True)
    status = models.CharField(
        gettext_lazy("status"),
        max_length=20,
        choices=RunStatus.choices,
        default=RunStatus.QUEUED,
    )
    instance = models.JSONField(gettext_lazy("engine input"), default=dict)
    result = models.JSONField(gettext_lazy("engine result"), null=True, blank=True)
    optimal = models.BooleanField(gettext_lazy("proven optimal"), null=True, blank=True)
    seconds = models.FloatField(gettext_lazy("seconds"), null=True, blank=True)
    error = models.TextField(gettext_lazy("error"), blank=True)
    started = models.DateTimeField(gettext_lazy("engine started"), null=True, blank=True)
    finished = models.DateTimeField(gettext_lazy("engine finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created", "-id"]


Run = TypeVar("Run", bound=EngineRun)


def queue_run(run: Run, *, by, task, **details) -> Run:
    """Store a new run and, unless it already failed (input the engine refuses), queue
    `task(run id)` once the transaction commits."""
    run.save()
    record_action(f"{run.audit_prefix}.run_started", run, by=by, **details)
    if run.status == RunStatus.QUEUED:
        enqueue_on_commit(task, run.pk)
    return run


def claim_run(model: type[Run], run_id: int) -> tuple[Run | None, bool]:
    """Mark a queued run as running, for one worker only.

    Returns the run (None if it is gone) and whether this call claimed it; a run
    already claimed, finished or failed is returned as it is.
    """
    with transaction.atomic():
        run = model.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != RunStatus.QUEUED:
            return run, False
        run.status = RunStatus.RUNNING
        run.started = clock.now()
        run.save(update_fields=["status", "started"])
    return run, True


def finish_run(run: Run, result: dict, *, seconds: float, fields=(), **details) -> Run:
    """Store the engine's result on a claimed run; `fields` names the app's own fields the
    caller set from the result, `details` go to the audit trail."""
    run.status = RunStatus.DONE
    run.result = result
    run.optimal = bool(result.get("optimal"))
    run.seconds = seconds
    run.finished = clock.now()
    run.save(update_fields=["status", "result", "optimal", "seconds", "finished", *fields])
    record_action(f"{run.audit_prefix}.run_done", run, **details)
    return run


def fail_run(run: Run, error: str) -> Run:
    """Mark a claimed run as failed with a reason the organisers can read."""
    run.status, run.error = RunStatus.FAILED, str(error)
    run.finished = clock.now()
    run.save(update_fields=["status", "error", "finished"])
    record_action(f"{run.audit_prefix}.run_failed", run, error=run.error)
    return run


def is_stuck(run: EngineRun, *, at: dt.datetime | None = None) -> bool:
    """A run whose worker is gone: still running long after it started."""
    return (
        run.status == RunStatus.RUNNING
        and run.started is not None
        and run.started <= (at or clock.now()) - STUCK_AFTER
    )


def requeue_run(run: Run, *, by, task) -> Run:
    """Queue a stuck run again with its stored input; refused for any other run."""
    with transaction.atomic():
        run = type(run).objects.select_for_update().get(pk=run.pk)
        if not is_stuck(run):
            raise ValidationError(
                ngettext(
                    "Only a run still running %(minutes)d minute after it started can be "
                    "queued again; this one is “%(status)s”.",
                    "Only a run still running %(minutes)d minutes after it started can be "
                    "queued again; this one is “%(status)s”.",
                    int(STUCK_AFTER.total_seconds() // 60),
                )
                % {
                    "minutes": STUCK_AFTER.total_seconds() // 60,
                    "status": run.get_status_display(),
                }
            )
        started = run.started
        run.status, run.started = RunStatus.QUEUED, None
        run.save(update_fields=["status", "started"])
        record_action(
            f"{run.audit_prefix}.run_requeued", run, by=by, stuck_since=started.isoformat()
        )
        enqueue_on_commit(task, run.pk)
    return run
