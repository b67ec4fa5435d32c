"""Creating a Matchmaking Day and its slots; cities registering and stating availability."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.common import clock, l10n
from twinning.common.audit import record_action
from twinning.common.ranges import check_date_in_range
from twinning.matchmaking.domain.queries import participation_kind
from twinning.matchmaking.enums import DayFormat
from twinning.matchmaking.models import DayParticipation, MatchmakingDay, Meeting, Slot


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
    for hours in days:
        check_date_in_range(hours.date)
    for hours in sorted(days, key=lambda d: d.date):
        if hours.end <= hours.start:
            raise ValidationError(
                _("On %(date)s the end must be after the start.")
                % {"date": l10n.format_date(hours.date)}
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
    max_meetings: int | None = None,
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
    check_day_settings(
        times,
        format=format,
        venue=venue,
        request_deadline=request_deadline,
        booking_deadline=booking_deadline,
    )
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
            max_meetings=max_meetings,
        )
        Slot.objects.bulk_create(
            Slot(day=day, starts_at=start, ends_at=end, capacity=day.capacity)
            for start, end in times
        )
        record_action("matchmaking.day_created", day, by=by, slots=len(times))
    return day


def check_day_settings(times, *, format, venue, request_deadline, booking_deadline) -> None:
    """Refuse settings that cannot make a day: no slot, no venue to meet in, late deadlines."""
    check_date_in_range(request_deadline)
    check_date_in_range(booking_deadline)
    if not times:
        raise ValidationError(_("These hours leave no room for a single slot."))
    errors = []
    if format != DayFormat.ONLINE and not venue.strip():
        errors.append(_("A day in person or hybrid needs a venue."))
    first = times[0][0]
    if request_deadline > first:
        errors.append(_("Meeting requests must close before the first slot."))
    if booking_deadline > first:
        errors.append(_("Registration and availability must close before the first slot."))
    if errors:
        raise ValidationError(errors)


def _serial_days(days: list[DayHours]) -> list[dict]:
    return [
        {
            "date": d.date.isoformat(),
            "start": d.start.strftime("%H:%M"),
            "end": d.end.strftime("%H:%M"),
        }
        for d in sorted(days, key=lambda d: d.date)
    ]


def _serial_breaks(breaks: list[Break]) -> list[dict]:
    return [{"start": b.start.strftime("%H:%M"), "end": b.end.strftime("%H:%M")} for b in breaks]


def day_hours(day: MatchmakingDay) -> list[DayHours]:
    """The day's stored days and hours, as given when it was set up."""
    return [
        DayHours(
            dt.date.fromisoformat(d["date"]),
            dt.time.fromisoformat(d["start"]),
            dt.time.fromisoformat(d["end"]),
        )
        for d in day.days
    ]


def day_breaks(day: MatchmakingDay) -> list[Break]:
    return [
        Break(dt.time.fromisoformat(b["start"]), dt.time.fromisoformat(b["end"]))
        for b in day.breaks
    ]


@dataclass
class DayChange:
    """What an update did to the day's slots and draft schedule."""

    day: MatchmakingDay
    added: int = 0
    removed: int = 0
    unplaced: int = 0
    changed: list[str] = field(default_factory=list)


# Settings an organiser may change on an existing day, besides the days and breaks.
DAY_FIELDS = (
    "name",
    "format",
    "venue",
    "time_zone",
    "slot_minutes",
    "gap_minutes",
    "tables",
    "video_rooms",
    "video_link_base",
    "request_deadline",
    "booking_deadline",
    "request_cap",
    "max_meetings",
)


def update_matchmaking_day(
    day: MatchmakingDay, *, days: list[DayHours], breaks: list[Break] = (), by, **fields
) -> DayChange:
    """Change a day's settings; slots follow the days, hours, breaks and slot length.

    Once the schedule is published its slots, format and tables or rooms in use cannot
    change (cities have it in their calendars). Before that, a slot that disappears
    takes its draft meetings out of the schedule (they wait for the next run), a new
    slot is open to every registered city, and a locked meeting is never moved.
    """
    unknown = set(fields) - set(DAY_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        day = MatchmakingDay.objects.select_for_update().get(pk=day.pk)
        new = {name: fields.get(name, getattr(day, name)) for name in DAY_FIELDS}
        times = generate_slot_times(
            days,
            time_zone=new["time_zone"],
            slot_minutes=new["slot_minutes"],
            gap_minutes=new["gap_minutes"],
            breaks=breaks,
        )
        check_day_settings(
            times,
            format=new["format"],
            venue=new["venue"],
            request_deadline=new["request_deadline"],
            booking_deadline=new["booking_deadline"],
        )
        slots = list(day.slots.all())
        existing = {(s.starts_at, s.ends_at): s for s in slots}
        wanted = set(times)
        removed = [s for key, s in existing.items() if key not in wanted]
        added = [t for t in times if t not in existing]
        meetings = Meeting.objects.filter(day=day)
        placed = meetings.filter(slot__isnull=False)
        published = meetings.filter(published=True, published_slot__isnull=False)
        if day.published_at is not None and (removed or added):
            raise ValidationError(
                _(
                    "The schedule is published, so the slots cannot change any more: the "
                    "cities have their meetings in their calendars. Keep the days, hours, "
                    "breaks and slot length as they are."
                )
            )
        if new["format"] != day.format and (placed.exists() or published.exists()):
            raise ValidationError(
                _(
                    "Meetings are already scheduled, so the format cannot change. "
                    "Set up another Matchmaking Day instead."
                )
            )
        if placed.filter(locked=True, slot__in=removed).exists():
            raise ValidationError(
                _(
                    "Locked meetings are in slots that these hours would remove. "
                    "Unlock them first, or keep their slots."
                )
            )
        _check_tables_in_use(new, published)
        changed = [name for name in DAY_FIELDS if getattr(day, name) != new[name]]
        if _serial_days(days) != day.days:
            changed.append("days")
        if _serial_breaks(breaks) != day.breaks:
            changed.append("breaks")
        for name, value in new.items():
            setattr(day, name, value)
        day.days, day.breaks = _serial_days(days), _serial_breaks(breaks)
        day.save()
        unplaced = placed.filter(slot__in=removed).update(
            slot=None,
            table=None,
            reason=_("Its slot was removed when the day's hours changed; run the scheduler again."),
        )
        Slot.objects.filter(pk__in=[s.pk for s in removed]).delete()
        new_slots = Slot.objects.bulk_create(
            Slot(day=day, starts_at=start, ends_at=end, capacity=day.capacity)
            for start, end in added
        )
        if {"tables", "video_rooms", "format"} & set(changed):
            day.slots.update(capacity=day.capacity)
        if new_slots:
            through = DayParticipation.availability.through
            through.objects.bulk_create(
                through(dayparticipation_id=participation_id, slot_id=slot.pk)
                for participation_id in day.participations.values_list("pk", flat=True)
                for slot in new_slots
            )
        change = DayChange(day, len(new_slots), len(removed), unplaced, changed)
        record_action(
            "matchmaking.day_changed",
            day,
            by=by,
            changed=changed,
            slots_added=change.added,
            slots_removed=change.removed,
            unplaced=unplaced,
        )
    return change


def _check_tables_in_use(new, published) -> None:
    """Refuse fewer tables or rooms than the published schedule uses; a draft is re-seated
    by the next run."""
    probe = MatchmakingDay(
        format=new["format"], tables=new["tables"], video_rooms=new["video_rooms"]
    )
    pools = [(False, probe.capacity)]
    if probe.is_hybrid:
        pools.append((True, new["video_rooms"]))
    for in_room, capacity in pools:
        if capacity is None:
            continue
        if published.filter(published_in_room=in_room, published_table__gt=capacity).exists():
            raise ValidationError(
                ngettext(
                    "The published schedule uses more than %(count)d table or room in a "
                    "slot; keep at least as many as it uses.",
                    "The published schedule uses more than %(count)d tables or rooms in a "
                    "slot; keep at least as many as it uses.",
                    capacity,
                )
                % {"count": capacity}
            )


def booking_refusal(day: MatchmakingDay, *, at=None) -> str | None:
    if (at or clock.now()) >= day.booking_deadline:
        return _("Registration and availability for %(day)s closed.") % {"day": day.name}
    return None


def register_participation(
    day: MatchmakingDay, city, *, attendees, by, online: bool = False
) -> DayParticipation:
    """Register the city (or change who comes, and at a hybrid day whether it takes part
    online); it starts available in every slot."""
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
        online = bool(online) and day.is_hybrid
        if participation.online != online:
            participation.online = online
            participation.save(update_fields=["online"])
        record_action(
            "matchmaking.registered" if created else "matchmaking.attendees_changed",
            participation,
            by=by,
            attendees=len(attendees),
            online=online,
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
