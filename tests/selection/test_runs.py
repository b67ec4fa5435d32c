import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tests.factories.selection import rank, selection_cohort
from twinning.common.runs import RunStatus
from twinning.engine.selection import run_json
from twinning.programme.enums import Acceptance, MemberRole, TwinningState
from twinning.programme.models import Twinning
from twinning.selection.domain.runs import (
    build_instance,
    confirm_selection_run,
    execute_run,
    normalise_options,
    start_selection_run,
)
from twinning.selection.models import SelectionRun

pytestmark = pytest.mark.django_db


def _without_stats(result):
    return {key: value for key, value in result.items() if key != "stats"}


def _run(cohort, by, capture, **options):
    with capture(execute=True):
        run = start_selection_run(cohort, options=options, by=by)
    run.refresh_from_db()
    return run


def test_instance_has_providers_with_capacity_and_seekers_with_their_ranking():
    cohort, mission, minded = selection_cohort(missions=2, minded=2, twins_per_mission_minded=2)
    rank(cohort, mission[0], [minded[1], minded[0]])

    instance = build_instance(cohort, normalise_options(cohort, {}))

    assert instance["select"] == 10
    assert instance["providers"] == [
        {"id": f"city-{c.pk}", "country": "FI", "capacity": 2}
        for c in sorted(minded, key=lambda c: c.name)
    ]
    assert instance["seekers"] == [
        {
            "id": f"city-{mission[0].pk}",
            "country": "IT",
            "preferences": [f"city-{minded[1].pk}", f"city-{minded[0].pk}"],
        }
    ]


def test_run_stores_the_engines_result_for_its_stored_instance(
    organiser, django_capture_on_commit_callbacks
):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0], minded[1]])
    rank(cohort, mission[1], [minded[0]])
    rank(cohort, mission[2], [minded[0], minded[2]])

    run = _run(cohort, organiser, django_capture_on_commit_callbacks, cap=2)

    assert run.status == RunStatus.DONE
    assert _without_stats(run.result) == _without_stats(run_json(run.instance))
    assert run.optimal is True
    assert run.matched == 2
    assert run.result["unmatched"] == [f"city-{mission[1].pk}"] or run.matched == 2


def test_a_double_submit_starts_one_run(organiser, django_capture_on_commit_callbacks):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])

    first = _run(cohort, organiser, django_capture_on_commit_callbacks, cap=3)
    second = _run(cohort, organiser, django_capture_on_commit_callbacks, cap=3)

    assert first.pk == second.pk
    assert SelectionRun.objects.count() == 1


def test_pins_that_cannot_all_hold_are_refused_naming_the_cities(organiser):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    rank(cohort, mission[1], [minded[0], minded[1]])
    rank(cohort, mission[2], [minded[2]])
    options = {
        "cap": 1,
        "allow_same_country": True,
        "max_selected_per_country": None,
        # Two pins on a provider of capacity 1, one Mission city pinned twice, a pair no
        # ranking holds, and two providers pinned where one may be selected.
        "pinned": [
            [mission[0].pk, minded[0].pk],
            [mission[1].pk, minded[0].pk],
            [mission[1].pk, minded[1].pk],
            [mission[2].pk, minded[0].pk],
        ],
    }

    with pytest.raises(ValidationError) as error:
        start_selection_run(cohort, options=options, by=organiser)

    two, three = mission[1].display_name, mission[2].display_name
    lahti = minded[0].display_name
    assert error.value.messages == [
        f"{two} is pinned to more than one Mission-minded city.",
        f"{three} cannot be pinned to {lahti}: the pair is not among the rankings of the "
        f"cities accepted in {cohort.name}.",
        f"{lahti} is pinned to 2 Mission cities, but twins with at most 1.",
        "The pins select 2 Mission-minded cities, but this run selects at most 1.",
    ]
    assert all("city-" not in message for message in error.value.messages)
    assert SelectionRun.objects.count() == 0


def test_pins_across_one_country_or_over_its_cap_are_refused(organiser):
    cohort, mission, minded = selection_cohort()
    for city, other in zip(mission, minded, strict=True):
        rank(cohort, city, [other])
    options = {
        "cap": 3,
        "allow_same_country": True,
        "max_selected_per_country": 1,
        "pinned": [[mission[0].pk, minded[0].pk], [mission[1].pk, minded[1].pk]],
    }

    with pytest.raises(ValidationError) as error:
        start_selection_run(cohort, options=options, by=organiser)

    assert error.value.messages == [
        "The pins select 2 Mission-minded cities in Finland, but this run selects at most 1 "
        "per country."
    ]


def test_input_the_engine_refuses_is_stored_as_a_failed_run_in_plain_words(
    organiser, django_capture_on_commit_callbacks
):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    run = _run(cohort, organiser, django_capture_on_commit_callbacks)
    # A stored input the engine refuses (here a preference twice), run again.
    run.instance["seekers"][0]["preferences"] *= 2
    run.status, run.result = RunStatus.QUEUED, None
    run.save(update_fields=["instance", "status", "result"])

    failed = execute_run(run.pk)

    assert failed.status == RunStatus.FAILED
    assert failed.error == "The selection engine refused this run's input. Nothing was selected."
    assert failed.result is None


def test_confirming_a_run_creates_twinnings_grouped_by_mission_minded_city_and_asks_to_accept(
    organiser, django_capture_on_commit_callbacks
):
    cohort, mission, minded = selection_cohort(missions=3, minded=2, twins_per_mission_minded=2)
    rank(cohort, mission[0], [minded[0]])
    rank(cohort, mission[1], [minded[0]])
    rank(cohort, mission[2], [minded[1]])
    run = _run(cohort, organiser, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        twinnings = confirm_selection_run(run, by=organiser)

    groups = sorted(
        sorted(m.city_id for m in t.members.all() if m.role == MemberRole.MISSION)
        for t in twinnings
    )
    assert groups == sorted([sorted([mission[0].pk, mission[1].pk]), [mission[2].pk]])
    assert {t.state for t in twinnings} == {TwinningState.CONFIRMED}
    assert len(mail.outbox) == 5  # one per city, each with one coordinator
    assert all("please accept" in m.subject for m in mail.outbox)


def test_a_run_cannot_be_confirmed_twice(organiser, django_capture_on_commit_callbacks):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    run = _run(cohort, organiser, django_capture_on_commit_callbacks)
    confirm_selection_run(run, by=organiser)

    with pytest.raises(ValidationError, match="already confirmed"):
        confirm_selection_run(run, by=organiser)

    assert Twinning.objects.count() == 1


def test_a_failed_run_cannot_be_confirmed(organiser, django_capture_on_commit_callbacks):
    cohort, mission, minded = selection_cohort()
    rank(cohort, mission[0], [minded[0]])
    run = _run(cohort, organiser, django_capture_on_commit_callbacks)
    run.status = RunStatus.FAILED
    run.save(update_fields=["status"])

    with pytest.raises(ValidationError, match="finished run"):
        confirm_selection_run(run, by=organiser)


def test_a_rerun_fills_a_freed_place_without_touching_accepted_twinnings(
    organiser, django_capture_on_commit_callbacks
):
    from twinning.programme.domain import set_member_acceptance
    from twinning.programme.domain.queries import held_pairs

    cohort, mission, minded = selection_cohort(missions=2, minded=3)
    rank(cohort, mission[0], [minded[0], minded[1]])
    rank(cohort, mission[1], [minded[1], minded[2]])
    first = _run(cohort, organiser, django_capture_on_commit_callbacks)
    twinnings = confirm_selection_run(first, by=organiser)
    kept = next(t for t in twinnings if mission[0] in [m.city for m in t.members.all()])
    for member in kept.members.all():
        set_member_acceptance(member, True, by=organiser)
    other = next(t for t in twinnings if t.pk != kept.pk)
    declining = other.members.get(role=MemberRole.MISSION_MINDED)
    set_member_acceptance(declining, False, by=organiser, reason="No capacity this year.")
    held, declined = held_pairs(cohort)

    second = _run(
        cohort,
        organiser,
        django_capture_on_commit_callbacks,
        pinned=held,
        forbidden=declined,
        cap=5,
    )
    confirm_selection_run(second, by=organiser)

    assert held == [(mission[0].pk, minded[0].pk)]
    assert declined == [(mission[1].pk, minded[1].pk)]
    kept.refresh_from_db()
    assert kept.state == TwinningState.ACCEPTED
    assert [m.acceptance for m in kept.members.all()] == [Acceptance.ACCEPTED] * 2
    new = Twinning.objects.exclude(pk__in=[kept.pk, other.pk]).get()
    assert sorted(m.city_id for m in new.members.all()) == sorted([mission[1].pk, minded[2].pk])
    assert new.state == TwinningState.CONFIRMED
