"""Demo data: the cohort-5 Matchmaking Day at the Cities Mission Conference in Torino."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import transaction

from twinning.cities.enums import CityKind, RegistrationState
from twinning.cities.models import Registration
from twinning.cohorts.models import Cohort
from twinning.matchmaking.domain.days import Break, DayHours, create_matchmaking_day
from twinning.matchmaking.domain.schedule import (
    publish_schedule,
    run_schedule,
    start_schedule_run,
)
from twinning.matchmaking.enums import DayFormat, RequestState
from twinning.matchmaking.models import DayParticipation, MatchmakingDay, Meeting, MeetingRequest

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
    return day
