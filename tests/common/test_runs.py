"""The lifecycle every engine run shares: queued, claimed once, done or failed, stuck."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories.matchmaking import matchmaking_day
from tests.factories.selection import selection_cohort
from twinning.common import clock
from twinning.common.models import AuditEntry
from twinning.common.runs import (
    STUCK_AFTER,
    RunStatus,
    claim_run,
    fail_run,
    finish_run,
    is_stuck,
    queue_run,
    requeue_run,
)
from twinning.matchmaking.models import ScheduleRun
from twinning.selection.models import SelectionRun

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with clock.frozen_at(NOW):
        yield


class _Task:
    """Stands for a task: remembers what was queued."""

    def __init__(self):
        self.queued = []

    def enqueue(self, *args):
        self.queued.append(args)


def _selection_run(**fields):
    return SelectionRun(cohort=selection_cohort()[0], **fields)


def _schedule_run(**fields):
    return ScheduleRun(day=matchmaking_day(), **fields)


@pytest.fixture(params=[_selection_run, _schedule_run], ids=["selection", "schedule"])
def new_run(request):
    return request.param


def test_a_queued_run_is_stored_audited_and_handed_to_its_task(
    new_run, django_capture_on_commit_callbacks
):
    task = _Task()

    with django_capture_on_commit_callbacks(execute=True):
        run = queue_run(new_run(), by=None, task=task, note="first")

    assert (run.status, task.queued) == (RunStatus.QUEUED, [(run.pk,)])
    entry = AuditEntry.objects.get(action=f"{run.audit_prefix}.run_started")
    assert entry.data == {"note": "first"}


def test_a_run_refused_before_it_starts_is_stored_but_not_queued(
    new_run, django_capture_on_commit_callbacks
):
    task = _Task()

    with django_capture_on_commit_callbacks(execute=True):
        run = queue_run(new_run(status=RunStatus.FAILED, error="no slots"), by=None, task=task)

    assert (run.status, task.queued) == (RunStatus.FAILED, [])


def test_a_queued_run_is_claimed_once(new_run):
    run = new_run()
    run.save()

    first, claimed = claim_run(type(run), run.pk)
    again, claimed_again = claim_run(type(run), run.pk)

    assert (first.status, first.started, claimed) == (RunStatus.RUNNING, clock.now(), True)
    assert (again.status, claimed_again) == (RunStatus.RUNNING, False)


def test_a_run_that_is_gone_is_not_claimed(new_run):
    assert claim_run(type(new_run()), 999_999) == (None, False)


def test_a_finished_run_keeps_its_result_and_is_audited(new_run):
    run = new_run()
    run.save()
    run, _claimed = claim_run(type(run), run.pk)

    finish_run(run, {"optimal": True, "stats": {}}, seconds=1.5, figure=3)

    run.refresh_from_db()
    assert (run.status, run.result, run.optimal, run.seconds, run.finished) == (
        RunStatus.DONE,
        {"optimal": True, "stats": {}},
        True,
        1.5,
        clock.now(),
    )
    assert AuditEntry.objects.get(action=f"{run.audit_prefix}.run_done").data == {"figure": 3}


def test_a_failed_run_says_why(new_run):
    run = new_run()
    run.save()
    run, _claimed = claim_run(type(run), run.pk)

    fail_run(run, "slot s1 is unknown")

    run.refresh_from_db()
    assert (run.status, run.error, run.finished) == (
        RunStatus.FAILED,
        "slot s1 is unknown",
        clock.now(),
    )
    entry = AuditEntry.objects.get(action=f"{run.audit_prefix}.run_failed")
    assert entry.data == {"error": "slot s1 is unknown"}


def test_a_run_is_stuck_from_ten_minutes_after_it_started(new_run):
    now = clock.now()
    running = new_run(status=RunStatus.RUNNING, started=now - STUCK_AFTER)

    assert is_stuck(running, at=now) is True
    assert is_stuck(running, at=now - dt.timedelta(seconds=1)) is False
    assert is_stuck(new_run(status=RunStatus.QUEUED), at=now) is False


def test_a_stuck_run_is_queued_again(new_run, django_capture_on_commit_callbacks):
    task = _Task()
    run = new_run(status=RunStatus.RUNNING, started=clock.now() - STUCK_AFTER)
    run.save()
    stuck_since = run.started

    with django_capture_on_commit_callbacks(execute=True):
        run = requeue_run(run, by=None, task=task)

    assert (run.status, run.started, task.queued) == (RunStatus.QUEUED, None, [(run.pk,)])
    entry = AuditEntry.objects.get(action=f"{run.audit_prefix}.run_requeued")
    assert entry.data == {"stuck_since": stuck_since.isoformat()}


def test_a_finished_run_is_not_queued_again(new_run):
    run = new_run(status=RunStatus.DONE, started=clock.now() - STUCK_AFTER)
    run.save()

    with pytest.raises(ValidationError) as error:
        requeue_run(run, by=None, task=_Task())

    assert error.value.messages == [
        "Only a run still running 10 minutes after it started can be queued again; "
        "this one is “Done”."
    ]
    assert type(run).objects.get(pk=run.pk).status == RunStatus.DONE
