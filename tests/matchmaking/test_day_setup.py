"""Setting up and changing a Matchmaking Day: slots follow, within what the schedule allows."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories.matchmaking import accepted_meeting, matchmaking_day
from twinning.common.models import AuditEntry
from twinning.matchmaking.domain.days import (
    Break,
    DayHours,
    day_breaks,
    day_hours,
    update_matchmaking_day,
)
from twinning.matchmaking.domain.schedule import publish_schedule, run_schedule, start_schedule_run
from twinning.matchmaking.models import Meeting

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def _starts(day) -> list[str]:
    return [s.starts_at.astimezone(ROME).strftime("%H:%M") for s in day.slots.all()]


def _hours(day, start=9, end=11) -> list[DayHours]:
    (hours,) = day_hours(day)
    return [DayHours(hours.date, dt.time(start), dt.time(end))]


def _scheduled(setting):
    meeting = accepted_meeting(setting.day, setting.mission, setting.minded)
    run_schedule(start_schedule_run(setting.day, by=None).pk)
    return Meeting.objects.get(pk=meeting.pk)


def test_create_refuses_an_in_person_day_without_venue_and_late_deadlines(db):
    with pytest.raises(ValidationError) as error:
        matchmaking_day(
            venue="",
            request_deadline=timezone.now() + dt.timedelta(days=60),
            booking_deadline=timezone.now() + dt.timedelta(days=60),
        )

    assert error.value.messages == [
        "A day in person or hybrid needs a venue.",
        "Meeting requests must close before the first slot.",
        "Registration and availability must close before the first slot.",
    ]


def test_create_keeps_the_meeting_cap(db):
    day = matchmaking_day(max_meetings=6)
    assert day.max_meetings == 6


def test_update_adds_slots_open_to_every_registered_city(setting):
    day = setting.day

    change = update_matchmaking_day(day, days=_hours(day, 9, 12), by=None)

    day.refresh_from_db()
    assert (change.added, change.removed, change.unplaced) == (2, 0, 0)
    assert _starts(day) == ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    assert change.changed == ["days"]
    assert setting.mission_part.availability.count() == 6


def test_update_with_a_longer_day_and_a_break_keeps_the_slots_that_stay(setting):
    day = setting.day
    kept = day.slots.first()

    change = update_matchmaking_day(
        day,
        days=_hours(day, 9, 12),
        breaks=[Break(dt.time(10), dt.time(10, 30))],
        max_meetings=3,
        by=None,
    )

    day.refresh_from_db()
    assert _starts(day) == ["09:00", "09:30", "10:30", "11:00", "11:30"]
    assert (change.added, change.removed) == (2, 1)
    assert day.slots.first().pk == kept.pk
    assert day.max_meetings == 3
    assert day_breaks(day) == [Break(dt.time(10), dt.time(10, 30))]
    assert setting.minded_part.availability.count() == 5
    entry = AuditEntry.objects.filter(action="matchmaking.day_changed").get()
    assert entry.data["slots_added"] == 2


def test_update_takes_draft_meetings_out_of_a_removed_slot(setting):
    meeting = _scheduled(setting)
    assert meeting.slot is not None
    day = setting.day
    (hours,) = day_hours(day)

    change = update_matchmaking_day(
        day, days=[DayHours(hours.date, dt.time(14), dt.time(16))], by=None
    )

    meeting.refresh_from_db()
    assert change.unplaced == 1
    assert (meeting.slot, meeting.table) == (None, None)
    assert meeting.reason == (
        "Its slot was removed when the day's hours changed; run the scheduler again."
    )
    assert _starts(day) == ["14:00", "14:30", "15:00", "15:30"]


def test_update_refuses_to_remove_the_slot_of_a_locked_meeting(setting):
    meeting = _scheduled(setting)
    Meeting.objects.filter(pk=meeting.pk).update(locked=True)
    day = setting.day
    (hours,) = day_hours(day)

    with pytest.raises(ValidationError) as error:
        update_matchmaking_day(day, days=[DayHours(hours.date, dt.time(14), dt.time(16))], by=None)

    assert error.value.messages == [
        "Locked meetings are in slots that these hours would remove. "
        "Unlock them first, or keep their slots."
    ]
    assert _starts(day) == ["09:00", "09:30", "10:00", "10:30"]


def test_update_refuses_new_slots_once_the_schedule_is_published(setting):
    _scheduled(setting)
    publish_schedule(setting.day, by=None)
    day = setting.day

    with pytest.raises(ValidationError) as error:
        update_matchmaking_day(day, days=_hours(day, 9, 12), by=None)

    assert error.value.messages[0].startswith(
        "The schedule is published, so the slots cannot change any more"
    )
    assert day.slots.count() == 4


def test_update_of_the_name_and_deadline_is_allowed_once_published(setting):
    _scheduled(setting)
    publish_schedule(setting.day, by=None)
    day = setting.day
    later = day.request_deadline + dt.timedelta(days=1)

    change = update_matchmaking_day(
        day, days=day_hours(day), name="Torino Matchmaking", request_deadline=later, by=None
    )

    day.refresh_from_db()
    assert (day.name, day.request_deadline) == ("Torino Matchmaking", later)
    assert change.changed == ["name", "request_deadline"]


def test_update_refuses_a_new_format_once_meetings_are_scheduled(setting):
    _scheduled(setting)
    day = setting.day

    with pytest.raises(ValidationError) as error:
        update_matchmaking_day(
            day, days=day_hours(day), format="online", video_rooms=5, venue="", by=None
        )

    assert error.value.messages == [
        "Meetings are already scheduled, so the format cannot change. "
        "Set up another Matchmaking Day instead."
    ]


def test_update_refuses_fewer_tables_than_the_published_schedule_uses(setting):
    _scheduled(setting)
    publish_schedule(setting.day, by=None)
    Meeting.objects.update(published_table=3)
    day = setting.day

    with pytest.raises(ValidationError) as error:
        update_matchmaking_day(day, days=day_hours(day), tables=2, by=None)

    assert error.value.messages == [
        "The published schedule uses more than 2 tables or rooms in a slot; keep at least as "
        "many as it uses."
    ]


def test_update_of_the_tables_changes_every_slots_capacity(setting):
    day = setting.day

    update_matchmaking_day(day, days=day_hours(day), tables=9, by=None)

    assert set(day.slots.values_list("capacity", flat=True)) == {9}


def test_update_refuses_unknown_settings(setting):
    with pytest.raises(TypeError):
        update_matchmaking_day(setting.day, days=day_hours(setting.day), cohort=None, by=None)
