import datetime as dt

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import CityFactory
from tests.factories.matchmaking import ParticipationFactory, accepted_meeting
from twinning.cities.enums import CityKind
from twinning.common.calendar import event_uid
from twinning.mail.models import OutgoingMail
from twinning.matchmaking.domain.days import set_availability
from twinning.matchmaking.domain.schedule import (
    agenda_calendar,
    publish_schedule,
    run_schedule,
    send_day_reminder,
    set_meeting_attendance,
    set_meeting_locked,
    start_schedule_run,
)
from twinning.matchmaking.models import Meeting


def _run(day, user=None):
    run = start_schedule_run(day, by=user)
    return run_schedule(run.pk)


def _feasible(instance: dict, result: dict) -> bool:
    """The contract's feasibility, checked on the stored JSON."""
    slots = {s["id"]: s for s in instance["slots"]}
    available = {p["id"]: set(p["available"]) for p in instance["participants"]}
    meetings = {m["id"]: m for m in instance["meetings"]}
    busy, tables = set(), set()
    for item in result["scheduled"]:
        meeting = meetings[item["meeting"]]
        if meeting["fixed_slot"] not in (None, item["slot"]):
            return False
        if not 1 <= item["table"] <= slots[item["slot"]]["capacity"]:
            return False
        if (item["slot"], item["table"]) in tables:
            return False
        tables.add((item["slot"], item["table"]))
        for person in meeting["participants"]:
            if item["slot"] not in available[person] or (person, item["slot"]) in busy:
                return False
            busy.add((person, item["slot"]))
    listed = [i["meeting"] for i in result["scheduled"] + result["unscheduled"]]
    return sorted(listed) == sorted(meetings)


@pytest.fixture
def busy_day(setting):
    """Three Mission-minded cities all wanting Torino; 4 slots, Torino free in 2."""
    day = setting.day
    slots = list(day.slots.all())
    setting.mission_part.availability.set(slots[:2])
    meetings = [accepted_meeting(day, setting.mission, setting.minded, to_priority=True)]
    for _ in range(2):
        city = CityFactory()
        ParticipationFactory(day=day, city=city, kind=CityKind.MISSION_MINDED)
        meetings.append(accepted_meeting(day, city, setting.mission))
    return setting, meetings


def test_run_result_is_feasible_for_its_stored_instance(busy_day):
    setting, _meetings = busy_day

    run = _run(setting.day)

    assert run.status == "done"
    assert _feasible(run.instance, run.result)
    assert (run.total_priority, run.upper_bound, run.optimal) == (3, 3, True)
    assert len(run.result["scheduled"]) == 2
    (left_out,) = run.result["unscheduled"]
    assert (
        Meeting.objects.get(request__pk=int(left_out["meeting"][1:])).reason == (left_out["reason"])
    )


def test_priority_one_plus_one_per_side_goes_to_the_instance(busy_day):
    setting, _meetings = busy_day
    run = start_schedule_run(setting.day, by=None)
    assert sorted(m["priority"] for m in run.instance["meetings"]) == [1, 1, 2]


def test_a_second_start_while_queued_returns_the_same_run(busy_day):
    setting, _meetings = busy_day
    first = start_schedule_run(setting.day, by=None)
    assert start_schedule_run(setting.day, by=None).pk == first.pk


def test_locked_meeting_keeps_its_slot_on_rerun(busy_day):
    setting, _meetings = busy_day
    _run(setting.day)
    placed = [m for m in Meeting.objects.all() if m.slot_id]
    locked = placed[-1]
    set_meeting_locked(locked, True, by=None)

    rerun = _run(setting.day)

    assert [m["fixed_slot"] for m in rerun.instance["meetings"] if m["fixed_slot"]] == [
        locked.slot.engine_id
    ]
    assert _feasible(rerun.instance, rerun.result)
    locked_after = Meeting.objects.get(pk=locked.pk)
    assert (locked_after.slot_id, locked_after.locked) == (locked.slot_id, True)


def test_two_locked_meetings_of_a_city_in_one_slot_keep_the_more_valuable(
    busy_day, organiser_client
):
    setting, meetings = busy_day
    _run(setting.day)
    with_evora = Meeting.objects.get(pk=meetings[0].pk)
    other = Meeting.objects.exclude(pk=with_evora.pk).filter(slot__isnull=True).get()
    Meeting.objects.filter(pk__in=[with_evora.pk, other.pk]).update(
        slot=with_evora.slot, locked=True
    )

    rerun = _run(setting.day)

    assert rerun.status == "done"
    kept, left_out = Meeting.objects.get(pk=with_evora.pk), Meeting.objects.get(pk=other.pk)
    assert (kept.slot_id, kept.locked) == (with_evora.slot_id, True)
    assert (left_out.slot_id, left_out.locked) == (None, False)
    assert left_out.reason == (
        f"Torino (Turin) already has a fixed meeting in {with_evora.slot}, with Évora"
    )
    page = organiser_client.get(reverse("orga:matchmaking_day", args=[setting.day.pk]))
    assert (
        f"Torino (Turin) already has a locked meeting at {with_evora.slot}, with Évora."
        in page.content.decode()
    )


def test_a_locked_meeting_in_a_slot_its_city_left_is_left_out_with_the_reason(busy_day):
    setting, meetings = busy_day
    _run(setting.day)
    with_evora = Meeting.objects.get(pk=meetings[0].pk)
    set_meeting_locked(with_evora, True, by=None)
    slots = set(setting.day.slots.all()) - {with_evora.slot}
    set_availability(setting.minded_part, [s.pk for s in slots], by=None)

    rerun = _run(setting.day)

    assert rerun.status == "done"
    left_out = Meeting.objects.get(pk=with_evora.pk)
    assert (left_out.slot_id, left_out.locked) == (None, False)
    assert left_out.reason == (
        f"Évora is no longer available at {with_evora.slot}, where this meeting was locked."
    )


def test_lock_a_meeting_without_slot_is_refused(busy_day):
    _setting, meetings = busy_day
    with pytest.raises(ValidationError) as error:
        set_meeting_locked(meetings[0], True, by=None)
    assert error.value.messages == ["Only a meeting with a slot can be locked."]


def test_publish_before_any_run_is_refused(busy_day):
    setting, _meetings = busy_day
    with pytest.raises(ValidationError) as error:
        publish_schedule(setting.day, by=None)
    assert error.value.messages == ["Run the scheduler before publishing."]


def test_publish_shows_the_schedule_and_mails_each_city_its_agenda(busy_day):
    setting, _meetings = busy_day
    _run(setting.day)

    placed = publish_schedule(setting.day, by=None)

    assert placed == 2
    agendas = OutgoingMail.objects.filter(template="matchmaking_agenda").order_by("id")
    assert sorted(m.to for m in agendas) == [["joao@example.org"], ["marta@example.org"]]
    assert Meeting.objects.filter(published=True).count() == 3
    assert Meeting.objects.filter(published_slot__isnull=False).count() == 2


def _events(participation):
    calendar = icalendar.Calendar.from_ical(agenda_calendar(participation))
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_ics_feed_keeps_the_uid_of_a_moved_meeting_with_a_higher_sequence(setting):
    day = setting.day
    meeting = accepted_meeting(day, setting.mission, setting.minded)
    _run(day)
    publish_schedule(day, by=None)
    before = _events(setting.mission_part)[event_uid("meeting", meeting.pk)]
    first_slot = Meeting.objects.get(pk=meeting.pk).slot
    setting.mission_part.availability.set(day.slots.exclude(pk=first_slot.pk))

    _run(day)
    publish_schedule(day, by=None)

    after = _events(setting.mission_part)[event_uid("meeting", meeting.pk)]
    assert (int(before["sequence"]), int(after["sequence"])) == (0, 1)
    assert before.decoded("dtstart") == first_slot.starts_at
    assert after.decoded("dtstart") == Meeting.objects.get(pk=meeting.pk).slot.starts_at
    assert after.decoded("dtstart") != before.decoded("dtstart")
    assert str(after["location"]) == "Lingotto, Torino, table 1"


def test_day_reminder_is_sent_once(setting):
    day = setting.day
    accepted_meeting(day, setting.mission, setting.minded)
    _run(day)
    publish_schedule(day, by=None)
    date = timezone.localtime(day.slots.first().starts_at, day.zone).date().isoformat()

    assert send_day_reminder(day.pk, date) == 2
    assert send_day_reminder(day.pk, date) == 0
    assert OutgoingMail.objects.filter(template="matchmaking_reminder").count() == 2


def test_day_reminder_for_a_day_without_meetings_sends_nothing(setting):
    accepted_meeting(setting.day, setting.mission, setting.minded)
    _run(setting.day)
    publish_schedule(setting.day, by=None)
    other = (timezone.now() + dt.timedelta(days=90)).date().isoformat()
    assert send_day_reminder(setting.day.pk, other) == 0


def test_attendance_marks_held_and_missed_meetings(busy_day):
    setting, _meetings = busy_day
    _run(setting.day)
    publish_schedule(setting.day, by=None)
    held, missed = Meeting.objects.filter(published_slot__isnull=False)

    assert set_meeting_attendance(setting.day, {held.pk}, by=None) == 1
    held.refresh_from_db()
    missed.refresh_from_db()
    assert (held.attended, missed.attended) == (True, False)
