"""Reusable reads about Matchmaking Days."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from twinning.accounts.models import User
from twinning.cities.models import Membership, Registration
from twinning.matchmaking.enums import RequestState
from twinning.matchmaking.models import DayParticipation, MatchmakingDay, Meeting, MeetingRequest


def days_for_user(user) -> list[tuple[MatchmakingDay, list]]:
    """Days of the cohorts the user's cities are registered in, each with those cities."""
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
    return [(day, sorted(registered.get(day.cohort_id, []), key=lambda c: c.name)) for day in days]


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


def agenda(participation: DayParticipation) -> list[Meeting]:
    """The city's published, placed meetings in time order."""
    return list(
        Meeting.objects.filter(
            Q(request__from_city_id=participation.city_id)
            | Q(request__to_city_id=participation.city_id),
            day_id=participation.day_id,
            published=True,
            published_slot__isnull=False,
            request__state=RequestState.ACCEPTED,
        )
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
