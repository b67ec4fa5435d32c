import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.matchmaking import matchmaking_day
from twinning.cities.enums import RegistrationState
from twinning.matchmaking.domain.days import (
    Break,
    DayHours,
    generate_slot_times,
    register_participation,
    set_availability,
)

ROME = zoneinfo.ZoneInfo("Europe/Rome")


def test_slot_times_skip_breaks_and_stop_at_the_end_of_the_day():
    times = generate_slot_times(
        [DayHours(dt.date(2026, 5, 28), dt.time(9), dt.time(11))],
        time_zone="Europe/Rome",
        slot_minutes=25,
        gap_minutes=5,
        breaks=[Break(dt.time(10), dt.time(10, 15))],
    )

    assert [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in times] == [
        ("09:00", "09:25"),
        ("09:30", "09:55"),
        ("10:15", "10:40"),
    ]
    assert times[0][0] == dt.datetime(2026, 5, 28, 7, 0, tzinfo=dt.UTC)


def test_slot_times_keep_local_hours_across_a_change_of_daylight_saving_time():
    # 28 March 2026 is CET (+01:00), 29 March CEST (+02:00).
    times = generate_slot_times(
        [
            DayHours(dt.date(2026, 3, 29), dt.time(9), dt.time(10)),
            DayHours(dt.date(2026, 3, 28), dt.time(9), dt.time(10)),
        ],
        time_zone="Europe/Rome",
        slot_minutes=60,
    )

    assert [start.astimezone(dt.UTC).hour for start, _end in times] == [8, 7]
    assert [start.astimezone(ROME).hour for start, _end in times] == [9, 9]


def test_slot_times_refuse_a_day_that_ends_before_it_starts():
    with pytest.raises(ValidationError) as error:
        generate_slot_times(
            [DayHours(dt.date(2026, 5, 28), dt.time(12), dt.time(9))],
            time_zone="Europe/Rome",
            slot_minutes=25,
        )
    assert error.value.messages == ["On 28 May 2026 the end must be after the start."]


def test_create_day_generates_slots_with_the_tables_as_capacity(db):
    day = matchmaking_day(slots=4, tables=7)

    slots = list(day.slots.all())
    assert len(slots) == 4
    assert {slot.capacity for slot in slots} == {7}
    assert [s.starts_at.astimezone(ROME).strftime("%H:%M") for s in slots] == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
    ]


def test_online_day_uses_video_rooms_as_capacity(db):
    day = matchmaking_day(format="online", tables=None, video_rooms=4, slots=1)
    assert [slot.capacity for slot in day.slots.all()] == [4]


@pytest.fixture
def registered_city(db):
    cohort = CohortFactory()
    city = CityFactory()
    RegistrationFactory(cohort=cohort, city=city)
    user = UserFactory()
    MembershipFactory(user=user, city=city)
    return matchmaking_day(cohort), city, user


def test_register_participation_makes_the_city_available_in_every_slot(registered_city):
    day, city, user = registered_city

    participation = register_participation(day, city, attendees=[user], by=user)

    assert participation.kind == "mission_minded"
    assert list(participation.attendees.all()) == [user]
    assert participation.availability.count() == day.slots.count()


def test_register_participation_twice_keeps_one_participation(registered_city):
    day, city, user = registered_city
    first = register_participation(day, city, attendees=[user], by=user)
    second = register_participation(day, city, attendees=[user], by=user)
    assert (first.pk, day.participations.count()) == (second.pk, 1)


def test_register_participation_refused_after_the_booking_deadline(registered_city):
    day, city, user = registered_city
    day.booking_deadline = day.request_deadline = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    day.save()

    with pytest.raises(ValidationError) as error:
        register_participation(day, city, attendees=[user], by=user)
    assert error.value.messages == ["Registration and availability for Matchmaking Day closed."]


def test_register_participation_refused_for_a_city_not_accepted(registered_city):
    day, city, user = registered_city
    city.registrations.update(state=RegistrationState.SUBMITTED)

    with pytest.raises(ValidationError):
        register_participation(day, city, attendees=[user], by=user)
    assert day.participations.count() == 0


def test_register_participation_refuses_someone_who_is_not_a_representative(registered_city):
    day, city, user = registered_city
    with pytest.raises(ValidationError) as error:
        register_participation(day, city, attendees=[UserFactory()], by=user)
    assert error.value.messages == ["Choose who comes among the city's representatives."]


def test_set_availability_keeps_only_the_days_slots(registered_city):
    day, city, user = registered_city
    participation = register_participation(day, city, attendees=[user], by=user)
    other_day = matchmaking_day(day.cohort, name="Another day", days_ahead=40)
    first = day.slots.first()

    count = set_availability(participation, [first.pk, other_day.slots.first().pk], by=user)

    assert (count, list(participation.availability.all())) == (1, [first])
