"""Demo data: the cohort-5 Matchmaking Day at the Cities Mission Conference in Torino, and
the two Matchmaking Days of the cohort in matchmaking, set around the day the demo is loaded."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import transaction

from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Registration
from twinning.cohorts.models import Cohort
from twinning.common import clock
from twinning.matchmaking.domain.days import Break, DayHours, create_matchmaking_day
from twinning.matchmaking.domain.queries import held_meetings_in_grid_order
from twinning.matchmaking.domain.requests import send_meeting_request, set_request_state
from twinning.matchmaking.domain.schedule import (
    publish_schedule,
    run_schedule,
    start_schedule_run,
)
from twinning.matchmaking.enums import DayFormat, MeetingOutcome, RequestState
from twinning.matchmaking.models import (
    DayParticipation,
    MatchmakingDay,
    Meeting,
    MeetingReport,
    MeetingRequest,
)

NAME = "Matchmaking Day at the Cities Mission Conference"
ROME = zoneinfo.ZoneInfo("Europe/Rome")


def load_demo_matchmaking() -> MatchmakingDay | None:
    """Create the day with its participants, some accepted requests and a published schedule.

    The dates are the real ones (28-29 May 2026), so the demo writes the requests
    directly rather than through the deadline-checking domain functions.
    """
    cohort = Cohort.objects.filter(number=5).first()
    if cohort is None:
        return None
    existing = MatchmakingDay.objects.filter(cohort=cohort, name=NAME).first()
    if existing is not None:
        _report_attendance(existing)
        return existing
    with transaction.atomic():
        day = create_matchmaking_day(
            cohort=cohort,
            name=NAME,
            format=DayFormat.IN_PERSON,
            venue="Lingotto Conference Centre, Torino",
            time_zone="Europe/Rome",
            days=[
                DayHours(dt.date(2026, 5, 28), dt.time(14), dt.time(17, 30)),
                DayHours(dt.date(2026, 5, 29), dt.time(9), dt.time(12, 30)),
            ],
            breaks=[Break(dt.time(15, 30), dt.time(16)), Break(dt.time(10, 30), dt.time(11))],
            slot_minutes=25,
            gap_minutes=5,
            tables=12,
            request_deadline=dt.datetime(2026, 5, 21, 17, tzinfo=ROME),
            booking_deadline=dt.datetime(2026, 5, 26, 17, tzinfo=ROME),
            request_cap=8,
        )
        registrations = Registration.objects.filter(
            cohort=cohort, state=RegistrationState.ACCEPTED
        ).select_related("city").order_by("city__name")  # fmt: skip
        slots = list(day.slots.all())
        participations = {CityKind.MISSION: [], CityKind.MISSION_MINDED: []}
        for number, registration in enumerate(registrations):
            participation = DayParticipation.objects.create(
                day=day, city=registration.city, kind=registration.kind
            )
            # Every third city leaves the first afternoon free.
            available = slots if number % 3 else [s for s in slots if s.starts_at.day == 29]
            participation.availability.set(available)
            participation.attendees.set(
                [m.user for m in registration.city.memberships.select_related("user")]
            )
            participations[registration.kind].append(participation)
        missions = participations[CityKind.MISSION]
        minded = participations[CityKind.MISSION_MINDED]
        for index, mission in enumerate(missions):
            for offset in range(3 if minded else 0):
                other = minded[(index + offset) % len(minded)]
                request, created = MeetingRequest.objects.get_or_create(
                    day=day,
                    from_city=mission.city,
                    to_city=other.city,
                    defaults={
                        "message": "We would like to learn how you financed this.",
                        "state": RequestState.ACCEPTED,
                        "from_priority": offset == 0,
                        "to_priority": offset == 0 and index % 2 == 0,
                    },
                )
                if created:
                    Meeting.objects.create(request=request, day=day)
        run = start_schedule_run(day, by=None)
    run_schedule(run.pk, time_limit=20)
    publish_schedule(day, by=None)
    _report_attendance(day)
    return day


def _report_attendance(day: MatchmakingDay) -> None:
    """What the cities said of their meetings after the day, and the programme team's
    ticks: most meetings took place, said by both cities; in one the Mission-minded city
    did not come; Torino has not yet reported its last meeting. Written directly, as the
    reporting period of the real dates may be over; existing reports are left as they are."""
    meetings = [
        m for m in held_meetings_in_grid_order(day) if m.published_slot.ends_at <= clock.now()
    ]
    if not meetings:
        return
    torino = [m for m in meetings if "Torino" in (m.request.from_city.name, m.request.to_city.name)]
    others = [m for m in meetings if m not in torino]
    no_show = others[0] if others else None
    for meeting in meetings:
        request = meeting.request
        if meeting == no_show:
            said = {request.from_city: MeetingOutcome.NO_SHOW}
        elif torino and meeting == torino[-1]:
            said = {request.other_city(_torino(meeting)): MeetingOutcome.HELD}
        else:
            said = {request.from_city: MeetingOutcome.HELD, request.to_city: MeetingOutcome.HELD}
        for city, outcome in said.items():
            member = city.memberships.order_by("id").first()
            MeetingReport.objects.get_or_create(
                meeting=meeting,
                city=city,
                defaults={
                    "outcome": outcome,
                    "reported_by": member.user if member else None,
                    "at": meeting.published_slot.ends_at + dt.timedelta(hours=2),
                },
            )
        if meeting.attended is None:
            Meeting.objects.filter(pk=meeting.pk).update(attended=meeting != no_show)


def _torino(meeting):
    request = meeting.request
    return request.from_city if request.from_city.name == "Torino" else request.to_city


BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
OPEN_DAY = "Online Matchmaking Day"
PUBLISHED_DAY = "Matchmaking Day in Bologna"
A = RequestState.ACCEPTED
D = RequestState.DECLINED
P = RequestState.PENDING

# (from, to, answer): the open day's requests; Torino has not registered yet.
OPEN_DAY_REQUESTS = [
    ("Bologna", "Évora", A), ("Bologna", "Trento", A), ("Lyon", "Évora", P),
    ("Lyon", "Alkmaar", A), ("Leuven", "Évora", D), ("Leuven", "Bilbao", A),
    ("Aarhus", "Oulu", A), ("Aarhus", "Kladno", P), ("Zagreb", "Kladno", A),
    ("Zagreb", "Limerick", D), ("Valladolid", "Pamplona", A), ("Valladolid", "Bilbao", P),
    ("Tampere", "Oulu", A), ("Alkmaar", "Aarhus", A), ("Limerick", "Tampere", P),
]  # fmt: skip

# The published day, two days ahead: Torino and Évora meet there.
PUBLISHED_DAY_REQUESTS = [
    ("Torino", "Évora", A), ("Torino", "Bilbao", A), ("Bologna", "Évora", A),
    ("Bologna", "Oulu", A), ("Lyon", "Kladno", A), ("Lyon", "Évora", A),
    ("Leuven", "Bilbao", A), ("Leuven", "Oulu", D),
]  # fmt: skip
PUBLISHED_DAY_CITIES = ["Torino", "Bologna", "Lyon", "Leuven", "Évora", "Bilbao", "Oulu", "Kladno"]


def _on(day: dt.date, offset: int, hour: int, zone=BRUSSELS) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=offset), dt.time(hour), tzinfo=zone)


def _take_part(day, registrations, names) -> None:
    for number, name in enumerate(names):
        registration = registrations[name]
        participation = DayParticipation.objects.create(
            day=day, city=registration.city, kind=registration.kind
        )
        slots = list(day.slots.all())
        # Every third city cannot stay for the last slot.
        participation.availability.set(slots if number % 3 else slots[:-1])
        participation.attendees.set([m.user for m in registration.city.memberships.all()])


def _ask(day, registrations, requests) -> None:
    for from_name, to_name, answer in requests:
        meeting_request = send_meeting_request(
            day,
            registrations[from_name].city,
            registrations[to_name].city,
            message=f"We would like to learn from {to_name}'s experience.",
            by=None,
        )
        if answer != RequestState.PENDING:
            set_request_state(meeting_request, answer, by=None)


def load_demo_open_matchmaking(cohort, today: dt.date, *, by) -> list[MatchmakingDay]:
    """Two Matchmaking Days of a cohort in matchmaking, written once when it is built.

    In two days, in Bologna: registration and requests are closed and the schedule is
    published, so both demo cities find their meeting in their agenda. In a week, online:
    open for registration and requests, with a draft schedule not yet published; Torino
    has not registered, so the demo account can.
    """
    registrations = {
        r.city.name: r
        for r in Registration.objects.filter(cohort=cohort, state=RegistrationState.ACCEPTED)
        .select_related("city")
        .prefetch_related("city__memberships__user")
    }
    rome = zoneinfo.ZoneInfo("Europe/Rome")
    published = create_matchmaking_day(
        cohort=cohort,
        name=PUBLISHED_DAY,
        format=DayFormat.IN_PERSON,
        venue="Palazzo Re Enzo, Bologna",
        time_zone="Europe/Rome",
        days=[DayHours(today + dt.timedelta(days=2), dt.time(14), dt.time(17, 30))],
        breaks=[Break(dt.time(15, 30), dt.time(16))],
        slot_minutes=25,
        gap_minutes=5,
        tables=6,
        request_deadline=_on(today, 1, 12, rome),
        booking_deadline=_on(today, 1, 17, rome),
        request_cap=6,
    )
    _take_part(published, registrations, PUBLISHED_DAY_CITIES)
    _ask(published, registrations, PUBLISHED_DAY_REQUESTS)
    run = start_schedule_run(published, by=by)
    run_schedule(run.pk, time_limit=20)
    publish_schedule(published, by=by)
    # The requests and the registration closed before the schedule was published.
    MatchmakingDay.objects.filter(pk=published.pk).update(
        request_deadline=_on(today, -5, 17, rome), booking_deadline=_on(today, -3, 17, rome)
    )

    open_day = create_matchmaking_day(
        cohort=cohort,
        name=OPEN_DAY,
        format=DayFormat.ONLINE,
        time_zone="Europe/Brussels",
        days=[DayHours(today + dt.timedelta(days=7), dt.time(10), dt.time(12, 30))],
        slot_minutes=25,
        gap_minutes=5,
        video_rooms=8,
        video_link_base="https://meet.example.org/twinning-room-",
        request_deadline=_on(today, 4, 17),
        booking_deadline=_on(today, 5, 17),
        request_cap=6,
    )
    _take_part(open_day, registrations, [n for n in registrations if n != "Torino"])
    _ask(open_day, registrations, OPEN_DAY_REQUESTS)
    run = start_schedule_run(open_day, by=by)
    run_schedule(run.pk, time_limit=20)
    return [published, open_day]
