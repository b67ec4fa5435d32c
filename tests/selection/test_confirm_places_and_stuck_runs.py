"""Confirming a run within each Mission-minded city's capacity and the cohort's cap;
selection runs whose worker stopped, and the run page's progress."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories.selection import CityMemberFactory, rank, selection_cohort
from twinning.common.models import AuditEntry
from twinning.common.runs import RunStatus
from twinning.programme.enums import MemberRole, TwinningState
from twinning.programme.models import Twinning
from twinning.selection.domain.runs import (
    confirm_selection_run,
    execute_run,
    requeue_selection_run,
    start_selection_run,
)
from twinning.selection.models import SelectionRun

pytestmark = pytest.mark.django_db


def _run(cohort, by, capture, **options):
    with capture(execute=True):
        run = start_selection_run(cohort, options=options, by=by)
    run.refresh_from_db()
    return run


def test_confirming_a_run_that_overfills_a_mission_minded_city_is_refused(
    organiser, django_capture_on_commit_callbacks
):
    cohort, mission, minded = selection_cohort(missions=2, minded=1, twins_per_mission_minded=1)
    rank(cohort, mission[0], [minded[0]])
    first = _run(cohort, organiser, django_capture_on_commit_callbacks)
    (held,) = confirm_selection_run(first, by=organiser)
    rank(cohort, mission[1], [minded[0]])
    # The held pair unticked and forbidden: the engine gives its place to the other city.
    second = _run(
        cohort,
        organiser,
        django_capture_on_commit_callbacks,
        forbidden=[[mission[0].pk, minded[0].pk]],
    )

    with pytest.raises(ValidationError) as error:
        confirm_selection_run(second, by=organiser)

    assert error.value.messages == [
        f"{minded[0].display_name} would twin with 2 Mission cities (1 already held), but a "
        f"Mission-minded city twins with at most 1 in {cohort.name}.",
        "Nothing was confirmed. Start a run that keeps the twinnings held, then confirm it.",
    ]
    second.refresh_from_db()
    assert second.confirmed_at is None
    assert [m.city for m in held.members.order_by("-role")] == [minded[0], mission[0]]


def test_confirming_a_run_beyond_the_cohorts_cap_is_refused(
    organiser, django_capture_on_commit_callbacks
):
    cohort, mission, minded = selection_cohort(missions=2, minded=2, selection_cap=1)
    rank(cohort, mission[0], [minded[0]])
    confirm_selection_run(_run(cohort, organiser, django_capture_on_commit_callbacks), by=organiser)
    rank(cohort, mission[1], [minded[1]])
    wider = _run(cohort, organiser, django_capture_on_commit_callbacks, cap=2)

    with pytest.raises(ValidationError) as error:
        confirm_selection_run(wider, by=organiser)

    assert error.value.messages[0] == (
        f"2 Mission-minded cities would be selected (counting the twinnings held), but "
        f"{cohort.name} selects at most 1."
    )
    assert Twinning.objects.count() == 1


def test_a_freed_place_in_a_trio_is_filled_within_the_capacity(
    organiser, django_capture_on_commit_callbacks
):
    cohort, mission, minded = selection_cohort(missions=2, minded=1, twins_per_mission_minded=2)
    rank(cohort, mission[0], [minded[0]])
    (trio,) = confirm_selection_run(
        _run(cohort, organiser, django_capture_on_commit_callbacks), by=organiser
    )
    rank(cohort, mission[1], [minded[0]])

    confirm_selection_run(
        _run(
            cohort,
            organiser,
            django_capture_on_commit_callbacks,
            pinned=[[mission[0].pk, minded[0].pk]],
        ),
        by=organiser,
    )

    assert Twinning.objects.get() == trio
    assert sorted(m.city_id for m in trio.members.all() if m.role == MemberRole.MISSION) == sorted(
        [mission[0].pk, mission[1].pk]
    )
    trio.refresh_from_db()
    assert trio.state == TwinningState.CONFIRMED


def _stuck(cohort, organiser, *, minutes):
    run = SelectionRun.objects.create(
        cohort=cohort,
        created_by=organiser,
        status=RunStatus.RUNNING,
        started=timezone.now() - dt.timedelta(minutes=minutes),
    )
    return run


def test_a_stuck_selection_run_is_queued_again_and_then_runs(
    organiser, django_capture_on_commit_callbacks
):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    template = _run(cohort, organiser, django_capture_on_commit_callbacks)
    run = _stuck(cohort, organiser, minutes=11)
    SelectionRun.objects.filter(pk=run.pk).update(
        instance=template.instance, options=template.options
    )

    with django_capture_on_commit_callbacks(execute=True):
        requeue_selection_run(run, by=organiser)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.result == template.result | {"stats": run.result["stats"]}
    assert AuditEntry.objects.filter(action="selection.run_requeued").count() == 1


def test_a_selection_run_running_for_a_minute_is_not_queued_again(organiser):
    cohort, _mission, _minded = selection_cohort()
    run = _stuck(cohort, organiser, minutes=1)

    with pytest.raises(ValidationError) as error:
        requeue_selection_run(run, by=organiser)

    assert error.value.messages == [
        "Only a run still running 10 minutes after it started can be queued again; "
        "this one is “Running”."
    ]
    assert execute_run(run.pk).status == RunStatus.RUNNING


def test_the_run_page_of_a_queued_run_refreshes_itself(client, organiser):
    cohort, _mission, _minded = selection_cohort()
    run = SelectionRun.objects.create(cohort=cohort, created_by=organiser)
    client.force_login(organiser)

    response = client.get(reverse("orga:selection_run", args=[run.pk]))

    assert (response.context["in_progress"], response.context["stuck"]) == (True, False)
    assert b'data-poll="1"' in response.content
    assert b"twinning/js/run-progress.js" in response.content


def test_the_run_page_of_a_stuck_run_offers_to_queue_it_again(client, organiser):
    cohort, _mission, _minded = selection_cohort()
    run = _stuck(cohort, organiser, minutes=30)
    client.force_login(organiser)

    page = client.get(reverse("orga:selection_run", args=[run.pk]))
    response = client.post(reverse("orga:selection_run_requeue", args=[run.pk]))

    assert (page.context["in_progress"], page.context["stuck"]) == (False, True)
    assert b"twinning/js/run-progress.js" not in page.content
    assert response.status_code == 302
    assert SelectionRun.objects.get(pk=run.pk).status == RunStatus.QUEUED


def test_only_organisers_queue_a_selection_run_again(client, organiser):
    cohort, _mission, _minded = selection_cohort()
    run = _stuck(cohort, organiser, minutes=30)
    url = reverse("orga:selection_run_requeue", args=[run.pk])

    anonymous = client.post(url)
    client.force_login(CityMemberFactory().user)
    representative = client.post(url)

    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))
    assert representative.status_code == 403
    assert SelectionRun.objects.get(pk=run.pk).status == RunStatus.RUNNING
