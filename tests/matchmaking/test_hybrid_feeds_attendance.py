"""Hybrid days, the meeting cap, cancelled meetings in feeds, who came, stuck runs."""

import datetime as dt

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import CityFactory, MissionCityFactory, UserFactory
from tests.factories.matchmaking import ParticipationFactory, accepted_meeting, matchmaking_day
from twinning.cities.enums import CityKind
from twinning.common.calendar import event_uid
from twinning.common.models import AuditEntry
from twinning.common.runs import STUCK_AFTER, RunStatus
from twinning.matchmaking.domain.queries import agenda, day_grid
from twinning.matchmaking.domain.requests import set_request_state
from twinning.matchmaking.domain.schedule import (
    agenda_calendar,
    build_instance,
    publish_schedule,
    requeue_schedule_run,
    run_schedule,
    set_people_present,
    solve_instance,
    start_schedule_run,
)
from twinning.matchmaking.models import Meeting, ScheduleRun


def _slots(count, capacity, rooms=None):
    return [
        {"id": f"s{i}", "capacity": capacity, **({"rooms": rooms} if rooms else {})}
        for i in range(count)
    ]


def _people(*ids, max_meetings=None):
    cap = {} if max_meetings is None else {"max_meetings": max_meetings}
    return [{"id": person, **cap} for person in ids]


def test_hybrid_solve_gives_tables_and_rooms_their_own_capacity():
    # One table and one room per slot, two slots: three meetings fit, not two.
    instance = {
        "slots": _slots(2, 1, rooms=1),
        "participants": _people("venue-m", "online-a", "online-b", "online-m"),
        "meetings": [
            {"id": "r1", "participants": ["venue-m", "online-a"], "pool": "tables"},
            {"id": "r2", "participants": ["venue-m", "online-b"], "pool": "tables"},
            {"id": "r3", "participants": ["online-a", "online-m"], "pool": "rooms"},
        ],
    }

    result = solve_instance(instance, time_limit=5)

    placed = {item["meeting"]: item for item in result["scheduled"]}
    assert sorted(placed) == ["r1", "r2", "r3"]
    assert [placed[m].get("room", False) for m in ("r1", "r2", "r3")] == [False, False, True]
    assert placed["r3"]["slot"] != placed["r1"]["slot"]
    assert (result["total_priority"], result["upper_bound"], result["optimal"]) == (3, 3, True)


def test_hybrid_solve_keeps_the_slot_of_a_locked_room_meeting():
    instance = {
        "slots": _slots(1, 1, rooms=1),
        "participants": _people("venue-m", "online-a", "online-m"),
        "meetings": [
            {"id": "r1", "participants": ["venue-m", "online-a"], "pool": "tables", "priority": 3},
            {
                "id": "r2",
                "participants": ["online-a", "online-m"],
                "pool": "rooms",
                "fixed_slot": "s0",
            },
        ],
    }

    result = solve_instance(instance, time_limit=5)

    assert [(i["meeting"], i.get("room", False)) for i in result["scheduled"]] == [("r2", True)]
    assert [i["meeting"] for i in result["unscheduled"]] == ["r1"]
    assert result["upper_bound"] == 3


def test_hybrid_solve_counts_the_meeting_cap_across_both_pools():
    instance = {
        "slots": _slots(2, 5, rooms=5),
        "participants": _people("venue-m", "online-a", "online-m", max_meetings=1),
        "meetings": [
            {"id": "r1", "participants": ["venue-m", "online-a"], "pool": "tables"},
            {"id": "r2", "participants": ["online-a", "online-m"], "pool": "rooms"},
        ],
    }

    result = solve_instance(instance, time_limit=5)

    assert [i["meeting"] for i in result["scheduled"]] == ["r1"]
    assert result["total_priority"] == 1


@pytest.fixture
def hybrid(setting):
    """Torino and Lahti at the venue; Évora and Tartu (a Mission city) online."""
    day = setting.day
    day.format, day.video_rooms = "hybrid", 1
    day.save()
    setting.minded_part.online = True
    setting.minded_part.save()
    lahti = CityFactory(name="Lahti")
    tartu = MissionCityFactory(name="Tartu")
    ParticipationFactory(day=day, city=lahti, kind=CityKind.MISSION_MINDED)
    ParticipationFactory(day=day, city=tartu, kind=CityKind.MISSION, online=True)
    rooms = accepted_meeting(day, tartu, setting.minded)
    table = accepted_meeting(day, setting.mission, lahti)
    return setting, rooms, table


def test_hybrid_instance_puts_every_meeting_with_a_city_online_in_the_room_pool(hybrid):
    setting, rooms, table = hybrid
    # Évora online meets Torino at the venue: Torino joins the video room from the venue.
    mixed = accepted_meeting(setting.day, setting.mission, setting.minded)

    instance = build_instance(setting.day)

    pools = {m["id"]: m["pool"] for m in instance["meetings"]}
    assert pools == {
        rooms.request.engine_id: "rooms",
        table.request.engine_id: "tables",
        mixed.request.engine_id: "rooms",
    }
    assert {s["rooms"] for s in instance["slots"]} == {1}


def test_hybrid_run_and_publish_show_the_room_in_the_agenda_and_feed(hybrid):
    setting, rooms, table = hybrid
    day = setting.day
    day.video_link_base = "https://meet.example.org/mm-"
    day.save()

    run_schedule(start_schedule_run(day, by=None).pk, time_limit=5)
    publish_schedule(day, by=None)

    rooms.refresh_from_db()
    table.refresh_from_db()
    assert (rooms.in_room, rooms.published_in_room, table.published_in_room) == (True, True, False)
    assert (rooms.video_link(), table.video_link()) == ("https://meet.example.org/mm-1", "")
    columns, rows = day_grid(day)
    assert [(c["room"], c["number"]) for c in columns] == [
        (False, 1),
        (False, 2),
        (False, 3),
        (True, 1),
    ]
    assert sum(cell is not None for row in rows for cell in row["cells"]) == 2
    event = icalendar.Calendar.from_ical(agenda_calendar(setting.minded_part)).walk("VEVENT")[0]
    assert str(event["location"]) == "https://meet.example.org/mm-1"


def test_the_meeting_cap_goes_to_the_scheduler(setting):
    day = setting.day
    day.max_meetings = 1
    day.save()
    accepted_meeting(day, setting.mission, setting.minded)
    other = CityFactory()
    ParticipationFactory(day=day, city=other, kind=CityKind.MISSION_MINDED)
    accepted_meeting(day, setting.mission, other)

    run = run_schedule(start_schedule_run(day, by=None).pk, time_limit=5)

    assert {p["max_meetings"] for p in run.instance["participants"]} == {1}
    assert (len(run.result["scheduled"]), len(run.result["unscheduled"])) == (1, 1)


def _event(participation, meeting):
    calendar = icalendar.Calendar.from_ical(agenda_calendar(participation))
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}[event_uid("meeting", meeting.pk)]


def test_a_published_meeting_cancelled_stays_in_the_feed_as_cancelled(setting):
    day = setting.day
    meeting = accepted_meeting(day, setting.mission, setting.minded)
    run_schedule(start_schedule_run(day, by=None).pk, time_limit=5)
    publish_schedule(day, by=None)
    before = _event(setting.mission_part, meeting)

    set_request_state(meeting.request, "cancelled", by=setting.mission_user)

    after = _event(setting.mission_part, meeting)
    assert (str(before["status"]), str(after["status"])) == ("CONFIRMED", "CANCELLED")
    assert (int(before["sequence"]), int(after["sequence"])) == (0, 1)
    assert after.decoded("dtstart") == before.decoded("dtstart")
    assert agenda(setting.mission_part) == []
    assert day_grid(day)[1][0]["cells"] == [None, None, None]


def test_a_cancelled_meeting_stays_cancelled_after_the_next_publication(setting):
    day = setting.day
    meeting = accepted_meeting(day, setting.mission, setting.minded)
    run_schedule(start_schedule_run(day, by=None).pk, time_limit=5)
    publish_schedule(day, by=None)
    set_request_state(meeting.request, "cancelled", by=setting.mission_user)

    run_schedule(start_schedule_run(day, by=None).pk, time_limit=5)
    publish_schedule(day, by=None)

    after = _event(setting.minded_part, meeting)
    assert (str(after["status"]), int(after["sequence"])) == ("CANCELLED", 1)


def test_an_unpublished_meeting_cancelled_is_gone(setting):
    meeting = accepted_meeting(setting.day, setting.mission, setting.minded)

    set_request_state(meeting.request, "cancelled", by=setting.mission_user)

    assert Meeting.objects.filter(pk=meeting.pk).exists() is False


def test_who_came_is_recorded_per_registered_person(setting):
    colleague = UserFactory(email="luca@example.org")
    setting.mission_part.attendees.add(colleague)
    parts = (setting.mission_part, setting.minded_part)

    count = set_people_present(
        setting.day,
        {(setting.mission_part.pk, colleague.pk), (setting.minded_part.pk, setting.minded_user.pk)},
        by=None,
    )

    assert count == 2
    assert [list(p.present.all()) for p in parts] == [[colleague], [setting.minded_user]]
    assert AuditEntry.objects.filter(action="matchmaking.people_present").count() == 1


def test_who_came_refuses_someone_the_city_did_not_register(setting):
    with pytest.raises(ValidationError) as error:
        set_people_present(
            setting.day, {(setting.mission_part.pk, setting.minded_user.pk)}, by=None
        )

    assert error.value.messages == [
        "Only the people a city registered for Matchmaking Day can be marked as present."
    ]
    assert setting.mission_part.present.count() == 0


def _stuck_run(day, *, minutes):
    run = start_schedule_run(day, by=None)
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started=timezone.now() - dt.timedelta(minutes=minutes)
    )
    run.refresh_from_db()
    return run


def test_a_stuck_run_is_queued_again_and_then_runs(setting, organiser):
    accepted_meeting(setting.day, setting.mission, setting.minded)
    run = _stuck_run(setting.day, minutes=STUCK_AFTER.total_seconds() // 60 + 1)

    requeue_schedule_run(run, by=organiser)

    run.refresh_from_db()
    assert (run.status, run.started) == (RunStatus.QUEUED, None)
    assert AuditEntry.objects.filter(action="matchmaking.run_requeued").count() == 1
    assert run_schedule(run.pk, time_limit=5).status == RunStatus.DONE


def test_a_run_running_for_a_short_while_is_not_queued_again(setting, organiser):
    run = _stuck_run(setting.day, minutes=1)

    with pytest.raises(ValidationError) as error:
        requeue_schedule_run(run, by=organiser)

    assert error.value.messages == [
        "Only a run still running 10 minutes after it started can be queued again; "
        "this one is “Running”."
    ]


def test_a_finished_run_is_not_queued_again(setting, organiser):
    run = run_schedule(start_schedule_run(setting.day, by=None).pk, time_limit=5)

    with pytest.raises(ValidationError):
        requeue_schedule_run(run, by=organiser)

    assert ScheduleRun.objects.get(pk=run.pk).status == RunStatus.DONE


def test_a_hybrid_day_has_two_pools_the_online_day_one(db):
    day = matchmaking_day(format="online", tables=None, video_rooms=4, venue="", slots=1)
    assert (day.is_hybrid, day.capacity) == (False, 4)
