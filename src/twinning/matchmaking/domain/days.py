"""Creating a Matchmaking Day and its slots; cities registering and stating availability."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.cities.enums import RegistrationState
from twinning.cities.models import Registration
from twinning.common.audit import record_action
from twinning.matchmaking.models import DayParticipation, MatchmakingDay, Slot


@dataclass(frozen=True)
class DayHours:
    date: dt.date
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class Break:
    start: dt.time
    end: dt.time


def generate_slot_times(
    days: list[DayHours],
    *,
    time_zone: str,
    slot_minutes: int,
    gap_minutes: int = 0,
    breaks: list[Break] = (),
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Slots of `slot_minutes` from each day's start, `gap_minutes` apart, none overlapping a
    break or running past the day's end. Wall-clock times in `time_zone`, so a day after a
    change of daylight saving time still starts at its local hour."""
    if slot_minutes <= 0:
        raise ValidationError(_("A slot must last at least one minute."))
    zone = zoneinfo.ZoneInfo(time_zone)
    length, gap = dt.timedelta(minutes=slot_minutes), dt.timedelta(minutes=gap_minutes)
    times = []
    for hours in sorted(days, key=lambda d: d.date):
        if hours.end <= hours.start:
            raise ValidationError(
                _("On %(date)s the end must be after the start.") % {"date": hours.date}
            )
        # Wall-clock arithmetic on naive times, made aware per slot.
        cursor = dt.datetime.combine(hours.date, hours.start)
        day_end = dt.datetime.combine(hours.date, hours.end)
        while cursor + length <= day_end:
            end = cursor + length
            clash = next(
                (
                    b
                    for b in breaks
                    if cursor < dt.datetime.combine(hours.date, b.end)
                    and dt.datetime.combine(hours.date, b.start) < end
                ),
                None,
            )
            if clash is not None:
                cursor = max(cursor, dt.datetime.combine(hours.date, clash.end))
                continue
            times.append((cursor.replace(tzinfo=zone), end.replace(tzinfo=zone)))
            cursor = end + gap
    return times


def create_matchmaking_day(
    *,
    cohort,
    name: str,
    format: str,
    time_zone: str,
    days: list[DayHours],
    slot_minutes: int,
    request_deadline: dt.datetime,
    booking_deadline: dt.datetime,
    gap_minutes: int = 0,
    breaks: list[Break] = (),
    venue: str = "",
    tables: int | None = None,
    video_rooms: int | None = None,
    video_link_base: str = "",
    request_cap: int | None = None,
    by=None,
) -> MatchmakingDay:
    """Store the day and generate its slots, each with the day's tables or video rooms."""
    times = generate_slot_times(
        days,
        time_zone=time_zone,
        slot_minutes=slot_minutes,
        gap_minutes=gap_minutes,
        breaks=breaks,
    )
    if not times:
        raise ValidationError(_("These hours leave no room for a single slot."))
    with transaction.atomic():
        day = MatchmakingDay.objects.create(
            cohort=cohort,
            name=name,
            format=format,
            venue=venue,
            time_zone=time_zone,
            days=[
                {
                    "date": d.date.isoformat(),
                    "start": d.start.strftime("%H:%M"),
                    "end": d.end.strftime("%H:%M"),
                }
                for d in days
            ],
            breaks=[
                {"start": b.start.strftime("%H:%M"), "end": b.end.strftime("%H:%M")} for b in breaks
            ],
            slot_minutes=slot_minutes,
            gap_minutes=gap_minutes,
            tables=tables,
            video_rooms=video_rooms,
            video_link_base=video_link_base,
            request_deadline=request_deadline,
            booking_deadline=booking_deadline,
            request_cap=request_cap,
        )
        Slot.objects.bulk_create(
            Slot(day=day, starts_at=start, ends_at=end, capacity=day.capacity)
            for start, end in times
        )
        record_action("matchmaking.day_created", day, by=by, slots=len(times))
    return day


def participation_kind(day: MatchmakingDay, city) -> str | None:
    """The city's kind in the day's cohort, or None when it is not an accepted participant."""
    registration = Registration.objects.filter(
        cohort_id=day.cohort_id, city=city, state=RegistrationState.ACCEPTED
    ).first()
    return registration.kind if registration else None


def booking_refusal(day: MatchmakingDay, *, at=None) -> str | None:
    if (at or timezone.now()) >= day.booking_deadline:
        return _("Registration and availability for %(day)s closed.") % {"day": day.name}
    return None


def register_participation(day: MatchmakingDay, city, *, attendees, by) -> DayParticipation:
    """Register the city (or change who comes); it starts available in every slot."""
    refusal = booking_refusal(day)
    if refusal:
        raise ValidationError(refusal)
    kind = participation_kind(day, city)
    if kind is None:
        raise ValidationError(
            _("Only cities whose registration for %(cohort)s is accepted can take part.")
            % {"cohort": day.cohort}
        )
    member_ids = set(city.memberships.values_list("user_id", flat=True))
    if not attendees or any(user.pk not in member_ids for user in attendees):
        raise ValidationError(_("Choose who comes among the city's representatives."))
    with transaction.atomic():
        participation = DayParticipation.objects.filter(day=day, city=city).first()
        created = participation is None
        if created:
            try:
                with transaction.atomic():
                    participation = DayParticipation.objects.create(day=day, city=city, kind=kind)
            except IntegrityError:  # a double submit: the other one won
                participation = DayParticipation.objects.get(day=day, city=city)
                created = False
            if created:
                participation.availability.set(day.slots.all())
        participation.attendees.set(attendees)
        record_action(
            "matchmaking.registered" if created else "matchmaking.attendees_changed",
            participation,
            by=by,
            attendees=len(attendees),
        )
    return participation


def set_availability(participation: DayParticipation, slot_ids, *, by) -> int:
    """The slots in which the city can meet; returns how many."""
    refusal = booking_refusal(participation.day)
    if refusal:
        raise ValidationError(refusal)
    slots = list(participation.day.slots.filter(pk__in=slot_ids))
    with transaction.atomic():
        participation.availability.set(slots)
        record_action("matchmaking.availability", participation, by=by, slots=len(slots))
    return len(slots)
