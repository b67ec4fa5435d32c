import datetime as dt

import factory
from django.utils import timezone

from tests.factories import CohortFactory
from twinning.cities.enums import CityKind
from twinning.matchmaking.domain.days import DayHours, create_matchmaking_day
from twinning.matchmaking.enums import DayFormat
from twinning.matchmaking.models import DayParticipation, Meeting, MeetingRequest


def matchmaking_day(cohort=None, *, days_ahead=30, slots=4, tables=3, **fields):
    """A Matchmaking Day `days_ahead` days from now, 09:00 local, `slots` slots of 25 minutes."""
    date = (timezone.now() + dt.timedelta(days=days_ahead)).date()
    values = {
        "cohort": cohort or CohortFactory(),
        "name": "Matchmaking Day",
        "format": DayFormat.IN_PERSON,
        "venue": "Lingotto, Torino",
        "time_zone": "Europe/Rome",
        "days": [DayHours(date, dt.time(9), dt.time(9 + (slots * 30) // 60, (slots * 30) % 60))],
        "slot_minutes": 25,
        "gap_minutes": 5,
        "tables": tables,
        "request_deadline": timezone.now() + dt.timedelta(days=days_ahead - 5),
        "booking_deadline": timezone.now() + dt.timedelta(days=days_ahead - 2),
    }
    values.update(fields)
    return create_matchmaking_day(**values)


class ParticipationFactory(factory.django.DjangoModelFactory):
    """A city at a day (available in every slot); pass `day` and `city`."""

    class Meta:
        model = DayParticipation
        skip_postgeneration_save = True

    kind = CityKind.MISSION_MINDED

    @factory.post_generation
    def available(self, create, extracted, **kwargs):
        if create:
            self.availability.set(self.day.slots.all() if extracted is None else extracted)


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    message = "Let us talk about district heating."


def accepted_meeting(day, from_city, to_city, **request_fields) -> Meeting:
    request = MeetingRequestFactory(
        day=day, from_city=from_city, to_city=to_city, state="accepted", **request_fields
    )
    return Meeting.objects.create(request=request, day=day)
