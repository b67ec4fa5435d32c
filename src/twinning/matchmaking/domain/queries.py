"""Reusable reads about Matchmaking Days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from twinning.accounts.models import User
from twinning.cities.enums import RegistrationState
from twinning.cities.models import City, Membership, Registration
from twinning.common import clock
from twinning.common.models import AuditEntry
from twinning.common.runs import RunStatus
from twinning.matchmaking.enums import MeetingOutcome, ReportStatus, RequestState
from twinning.matchmaking.models import (
    DayParticipation,
    MatchmakingDay,
    Meeting,
    MeetingReport,
    MeetingRequest,
    ScheduleRun,
    Slot,
)
from twinning.practices.enums import PracticeState


@dataclass(frozen=True)
class CityAtDay:
    """Where a city stands at a Matchmaking Day, and which of the day's windows are open.

    `meeting_count` is the city's meetings in the published schedule, None before the
    schedule is published or when the city is not registered.
    """

    city: City
    eligible: bool
    participation: DayParticipation | None
    meeting_count: int | None
    booking_open: bool
    requests_open: bool

    @property
    def registered(self) -> bool:
        return self.participation is not None

    @property
    def published(self) -> bool:
        return self.meeting_count is not None


def _city_at_day(day, city, participation, meeting_count, at: dt.datetime) -> CityAtDay:
    registered = participation is not None
    return CityAtDay(
        city=city,
        eligible=True,
        participation=participation,
        meeting_count=meeting_count if registered and day.published_at else None,
        booking_open=at < day.booking_deadline,
        requests_open=at < day.request_deadline,
    )


def city_at_day(day: MatchmakingDay, city, participation: DayParticipation | None) -> CityAtDay:
    """The city's standing at the day: registered or not, its published meetings, what is
    open now."""
    count = None
    if participation is not None and day.published_at:
        count = agenda_meetings(participation).count()
    status = _city_at_day(day, city, participation, count, clock.now())
    if participation is None and participation_kind(day, city) is None:
        return CityAtDay(city, False, None, None, status.booking_open, status.requests_open)
    return status


def days_for_user(user) -> list[tuple[MatchmakingDay, list[CityAtDay]]]:
    """Days of the cohorts the user's cities are registered in, each with those cities and
    where each stands at the day (registered or not, meetings in the published schedule).
    A constant number of queries however many days and cities."""
    cities = [m.city for m in Membership.objects.filter(user=user).select_related("city")]
    city_ids = {c.pk for c in cities}
    days = (
        MatchmakingDay.objects.filter(
            cohort__registrations__city_id__in=city_ids, cohort__registrations__state="accepted"
        )
        .distinct()
        .select_related("cohort")
        .order_by("-created")
    )
    days = list(days)
    registered = {}

    for registration in Registration.objects.filter(
        city_id__in=city_ids, state="accepted", cohort__in={d.cohort_id for d in days}
    ).select_related("city"):
        registered.setdefault(registration.cohort_id, []).append(registration.city)
    participations = {
        (p.day_id, p.city_id): p
        for p in DayParticipation.objects.filter(day__in=days, city_id__in=city_ids)
    }
    counts: dict[tuple[int, int], int] = {}
    published = [d for d in days if d.published_at]
    for day_id, *pair in (
        Meeting.objects.filter(_published_meetings(), day__in=published)
        .filter(Q(request__from_city_id__in=city_ids) | Q(request__to_city_id__in=city_ids))
        .values_list("day_id", "request__from_city_id", "request__to_city_id")
    ):
        for city_id in pair:
            counts[(day_id, city_id)] = counts.get((day_id, city_id), 0) + 1
    at = clock.now()
    return [
        (
            day,
            [
                _city_at_day(
                    day,
                    city,
                    participations.get((day.pk, city.pk)),
                    counts.get((day.pk, city.pk), 0),
                    at,
                )
                for city in sorted(registered.get(day.cohort_id, []), key=lambda c: c.name)
            ],
        )
        for day in days
    ]


def other_participants(day: MatchmakingDay, participation: DayParticipation) -> list:
    """Participants of the other kind, each with `request_between` (an open request or None)."""
    others = list(
        day.participations.exclude(kind=participation.kind)
        .select_related("city")
        .annotate(attendee_count=Count("attendees", distinct=True))
        .order_by("city__name")
    )
    open_requests = MeetingRequest.objects.filter(
        Q(from_city_id=participation.city_id) | Q(to_city_id=participation.city_id),
        day=day,
        state__in=[RequestState.PENDING, RequestState.ACCEPTED],
    )
    by_city = {}
    for meeting_request in open_requests:
        other = (
            meeting_request.to_city_id
            if meeting_request.from_city_id == participation.city_id
            else meeting_request.from_city_id
        )
        by_city[other] = meeting_request
    for other in others:
        other.request_between = by_city.get(other.city_id)
    return others


def requests_of(day: MatchmakingDay, city) -> dict[str, list[MeetingRequest]]:
    """The city's requests at the day, received and sent."""
    requests = MeetingRequest.objects.filter(day=day).select_related("from_city", "to_city")
    return {
        "received": list(requests.filter(to_city=city).order_by("-created", "-id")),
        "sent": list(requests.filter(from_city=city).order_by("-created", "-id")),
    }


def _published_meetings() -> Q:
    """Meetings in the published schedule that still stand."""
    return Q(published=True, published_slot__isnull=False, request__state=RequestState.ACCEPTED)


def agenda_meetings(participation: DayParticipation) -> QuerySet[Meeting]:
    """The city's published, placed meetings."""
    return Meeting.objects.filter(
        Q(request__from_city_id=participation.city_id)
        | Q(request__to_city_id=participation.city_id),
        _published_meetings(),
        day_id=participation.day_id,
    )


def agenda(participation: DayParticipation) -> list[Meeting]:
    """The city's published, placed meetings in time order."""
    return list(
        agenda_meetings(participation)
        .select_related("request__from_city", "request__to_city", "published_slot", "day")
        .order_by("published_slot__starts_at", "id")
    )


def draft_schedule(day: MatchmakingDay) -> list[Meeting]:
    return list(
        Meeting.objects.filter(day=day, request__state=RequestState.ACCEPTED)
        .select_related("request__from_city", "request__to_city", "slot", "published_slot")
        .order_by("slot__starts_at", "table", "id")
    )


def held_meetings(day: MatchmakingDay):
    """The published, placed meetings that still stand (not cancelled)."""
    return Meeting.objects.filter(
        day=day,
        published=True,
        published_slot__isnull=False,
        request__state=RequestState.ACCEPTED,
    )


def day_grid(day: MatchmakingDay) -> tuple[list[dict], list[dict]]:
    """The published grid: its columns (tables, then video rooms at a hybrid day; rooms
    online), and per slot a row of meetings by column."""
    slots = list(day.slots.all())
    meetings = list(
        held_meetings(day)
        .select_related("request__from_city", "request__to_city")
        .order_by("published_table", "id")
    )

    def numbers(in_room: bool, capacity: int | None) -> list[int]:
        used = {m.published_table for m in meetings if m.published_in_room == in_room}
        return sorted({n for n in used if n} | set(range(1, (capacity or 0) + 1)))

    columns = [
        {"room": day.is_online, "number": n, "key": (False, n)}
        for n in numbers(False, day.capacity)
    ]
    if day.is_hybrid:
        columns += [
            {"room": True, "number": n, "key": (True, n)} for n in numbers(True, day.video_rooms)
        ]
    by_slot = {}
    for meeting in meetings:
        key = (meeting.published_in_room, meeting.published_table)
        by_slot.setdefault(meeting.published_slot_id, {})[key] = meeting
    rows = [
        {"slot": slot, "cells": [by_slot.get(slot.pk, {}).get(c["key"]) for c in columns]}
        for slot in slots
    ]
    return columns, rows


def participations_with_people(day: MatchmakingDay) -> list[DayParticipation]:
    """The day's cities with who they registered and who came."""
    people = User.objects.order_by("name", "email")
    return list(
        day.participations.select_related("city").prefetch_related(
            Prefetch("attendees", queryset=people), Prefetch("present", queryset=people)
        )
    )


def days_with_counts() -> list[MatchmakingDay]:
    """Every Matchmaking Day with its cohort, `participant_count` and `accepted_count`
    (meeting requests accepted)."""
    return list(
        MatchmakingDay.objects.select_related("cohort").annotate(
            participant_count=Count("participations", distinct=True),
            accepted_count=Count(
                "requests", filter=Q(requests__state=RequestState.ACCEPTED), distinct=True
            ),
        )
    )


def all_matchmaking_days() -> QuerySet[MatchmakingDay]:
    """Every Matchmaking Day, newest first."""
    return MatchmakingDay.objects.order_by("-created", "-id")


def matchmaking_day_or_404(pk) -> MatchmakingDay:
    return get_object_or_404(MatchmakingDay, pk=pk)


def day_with_cohort_or_404(pk) -> MatchmakingDay:
    return get_object_or_404(MatchmakingDay.objects.select_related("cohort"), pk=pk)


def slot_count(day: MatchmakingDay) -> int:
    return day.slots.count()


def slots_of_day(day: MatchmakingDay) -> list[Slot]:
    """The day's slots in time order (each knows its day: naming one costs no query)."""
    return list(day.slots.all())


def participant_count(day: MatchmakingDay) -> int:
    """How many cities are registered for the day."""
    return day.participations.count()


def runs_of_day(day: MatchmakingDay, limit: int = 10) -> list[ScheduleRun]:
    """The day's latest runs of the scheduler, newest first, with who started them."""
    return list(day.runs.select_related("created_by")[:limit])


def latest_done_run(day: MatchmakingDay) -> ScheduleRun | None:
    """The day's newest finished run: the draft schedule and its meetings' reasons are its."""
    return day.runs.filter(status=RunStatus.DONE).first()


def schedule_run_or_404(pk) -> ScheduleRun:
    return get_object_or_404(ScheduleRun, pk=pk)


def schedule_run_with_day_or_404(pk) -> ScheduleRun:
    return get_object_or_404(ScheduleRun.objects.select_related("day"), pk=pk)


def meeting_or_404(pk) -> Meeting:
    return get_object_or_404(Meeting, pk=pk)


def all_meetings() -> QuerySet[Meeting]:
    """Every meeting of every day, with its slots and cities, in schedule order."""
    return Meeting.objects.select_related(
        "day", "slot", "published_slot", "request__from_city", "request__to_city"
    ).order_by("day_id", "slot__starts_at", "table", "id")


def held_meetings_in_grid_order(day: MatchmakingDay) -> QuerySet[Meeting]:
    """The held meetings (see `held_meetings`) with their slot and cities, in the order of
    the published grid: by time, then video room, then table."""
    return (
        held_meetings(day)
        .select_related("day", "published_slot", "request__from_city", "request__to_city")
        .order_by("published_slot__starts_at", "published_in_room", "published_table", "id")
    )


def participation_of(day: MatchmakingDay, city) -> DayParticipation | None:
    """The city's participation in the day, if it registered."""
    return DayParticipation.objects.filter(day=day, city=city).first()


def participation_with_city_or_404(day: MatchmakingDay, city) -> DayParticipation:
    """A city's participation in the day (`city` a city or its id), with the city."""
    return get_object_or_404(DayParticipation.objects.select_related("city"), day=day, city=city)


def participation_by_feed_token_or_404(token) -> DayParticipation:
    """The participation whose calendar feed the secret token opens, with day and city."""
    return get_object_or_404(
        DayParticipation.objects.select_related("day", "city"), feed_token=token
    )


def meeting_request_or_404(pk) -> MeetingRequest:
    """A meeting request with its day and its two cities."""
    return get_object_or_404(
        MeetingRequest.objects.select_related("day", "from_city", "to_city"), pk=pk
    )


def has_recommendation_input(registration: Registration, *, is_mission: bool) -> bool:
    """Whether the city gave what recommendations are drawn from: a Mission city its
    ambitions, a Mission-minded city a published practice."""
    if is_mission:
        return registration.ambitions.exists()
    return registration.practices.filter(state=PracticeState.PUBLISHED).exists()


def participation_kind(day: MatchmakingDay, city) -> str | None:
    """The city's kind in the day's cohort, or None when it is not an accepted participant."""
    registration = Registration.objects.filter(
        cohort_id=day.cohort_id, city=city, state=RegistrationState.ACCEPTED
    ).first()
    return registration.kind if registration else None


def participation_reminded(participation: DayParticipation, marker: str) -> bool:
    """Whether the audit trail holds the reminder `marker` for the participation."""
    return AuditEntry.objects.filter(
        action=marker,
        content_type=ContentType.objects.get_for_model(DayParticipation),
        object_id=str(participation.pk),
    ).exists()


# --- Attendance reported by the cities after the day ------------------------------------


def reports_of_city(participation: DayParticipation) -> dict[int, MeetingReport]:
    """What the city said of its meetings at the day, by meeting id."""
    return {
        report.meeting_id: report
        for report in MeetingReport.objects.filter(
            city_id=participation.city_id, meeting__day_id=participation.day_id
        )
    }


def report_status(from_outcome: str | None, to_outcome: str | None) -> str:
    outcomes = {from_outcome, to_outcome} - {None}
    if not outcomes:
        return ReportStatus.UNREPORTED
    if outcomes == {MeetingOutcome.HELD}:
        both = from_outcome is not None and to_outcome is not None
        return ReportStatus.HELD_BOTH if both else ReportStatus.HELD_ONE
    if outcomes == {MeetingOutcome.NO_SHOW}:
        return ReportStatus.NO_SHOW
    return ReportStatus.DIFFER


@dataclass
class MeetingAttendance:
    """A published meeting with what each city said of it and the organisers' tick."""

    meeting: Meeting
    from_outcome: str | None
    to_outcome: str | None

    @property
    def status(self) -> str:
        return report_status(self.from_outcome, self.to_outcome)

    @property
    def status_label(self) -> str:
        return ReportStatus(self.status).label

    @property
    def absent_cities(self) -> list[City]:
        """The cities that did not come, per the other city."""
        request = self.meeting.request
        absent = []
        if self.to_outcome == MeetingOutcome.NO_SHOW:
            absent.append(request.from_city)
        if self.from_outcome == MeetingOutcome.NO_SHOW:
            absent.append(request.to_city)
        return absent


@dataclass
class CityAttendance:
    """One city's meetings at the day: what the cities reported, what organisers ticked."""

    participation: DayParticipation
    scheduled: int = 0
    held_both: int = 0
    held_one: int = 0
    # the other city says this city did not come
    absent: int = 0
    # this city says the other did not come
    other_absent: int = 0
    # this city has not said anything yet
    unreported: int = 0
    ticked_held: int = 0
    ticked_missed: int = 0

    @property
    def city(self) -> City:
        return self.participation.city


@dataclass
class DayAttendance:
    """The post-day report: per meeting, per city, and the day's totals by status."""

    day: MatchmakingDay
    meetings: list[MeetingAttendance]
    cities: list[CityAttendance]

    @property
    def totals(self) -> dict[str, int]:
        counts = dict.fromkeys(ReportStatus.values, 0)
        for item in self.meetings:
            counts[item.status] += 1
        counts["scheduled"] = len(self.meetings)
        counts["ticked_held"] = sum(1 for m in self.meetings if m.meeting.attended is True)
        counts["ticked_missed"] = sum(1 for m in self.meetings if m.meeting.attended is False)
        return counts


def day_attendance(day: MatchmakingDay) -> DayAttendance:
    """The day's published meetings with the cities' reports and the organisers' ticks,
    and per registered city its figures and its people registered and present
    (`registered_count`, `present_count`). Three queries whatever the size of the day."""
    meetings = list(
        held_meetings_in_grid_order(day).prefetch_related(
            Prefetch("reports", queryset=MeetingReport.objects.order_by())
        )
    )
    participations = list(
        day.participations.select_related("city").annotate(
            registered_count=Count("attendees", distinct=True),
            present_count=Count("present", distinct=True),
        )
    )
    cities = {p.city_id: CityAttendance(p) for p in participations}
    items = []
    for meeting in meetings:
        request = meeting.request
        said = {report.city_id: report.outcome for report in meeting.reports.all()}
        item = MeetingAttendance(
            meeting, said.get(request.from_city_id), said.get(request.to_city_id)
        )
        items.append(item)
        status = item.status
        for own, other in (
            (request.from_city_id, request.to_city_id),
            (request.to_city_id, request.from_city_id),
        ):
            row = cities.get(own)
            if row is None:
                continue
            row.scheduled += 1
            row.held_both += status == ReportStatus.HELD_BOTH
            row.held_one += status == ReportStatus.HELD_ONE
            row.absent += said.get(other) == MeetingOutcome.NO_SHOW
            row.other_absent += said.get(own) == MeetingOutcome.NO_SHOW
            row.unreported += own not in said
            row.ticked_held += meeting.attended is True
            row.ticked_missed += meeting.attended is False
    return DayAttendance(day, items, list(cities.values()))


def report_totals_by_day(days) -> dict[int, dict[str, int]]:
    """For each day, its published meetings by report status (`ReportStatus` values), with
    `scheduled`, `ticked_held` and `ticked_missed`. Two queries whatever the number of days."""
    meetings = list(
        Meeting.objects.filter(_published_meetings(), day__in=days).values_list(
            "pk", "day_id", "request__from_city_id", "request__to_city_id", "attended"
        )
    )
    said: dict[int, dict[int, str]] = {}
    for meeting_id, city_id, outcome in MeetingReport.objects.filter(
        meeting__in=[m[0] for m in meetings]
    ).values_list("meeting_id", "city_id", "outcome"):
        said.setdefault(meeting_id, {})[city_id] = outcome
    totals: dict[int, dict[str, int]] = {}
    for meeting_id, day_id, from_city, to_city, attended in meetings:
        counts = totals.setdefault(
            day_id,
            dict.fromkeys((*ReportStatus.values, "scheduled", "ticked_held", "ticked_missed"), 0),
        )
        outcomes = said.get(meeting_id, {})
        counts[report_status(outcomes.get(from_city), outcomes.get(to_city))] += 1
        counts["scheduled"] += 1
        counts["ticked_held"] += attended is True
        counts["ticked_missed"] += attended is False
    return totals


def unreported_meetings(days, city_ids, *, at: dt.datetime) -> dict[tuple[int, int], int]:
    """How many published meetings of each city whose slot has ended by `at` the city has
    not reported yet, by (day id, city id). Two queries whatever the number of days."""
    meetings = list(
        Meeting.objects.filter(_published_meetings(), day__in=days, published_slot__ends_at__lte=at)
        .filter(Q(request__from_city_id__in=city_ids) | Q(request__to_city_id__in=city_ids))
        .values_list("pk", "day_id", "request__from_city_id", "request__to_city_id")
    )
    reported = set(
        MeetingReport.objects.filter(
            meeting__in=[m[0] for m in meetings], city_id__in=city_ids
        ).values_list("meeting_id", "city_id")
    )
    counts: dict[tuple[int, int], int] = {}
    for meeting_id, day_id, *pair in meetings:
        for city_id in pair:
            if city_id in city_ids and (meeting_id, city_id) not in reported:
                counts[(day_id, city_id)] = counts.get((day_id, city_id), 0) + 1
    return counts
