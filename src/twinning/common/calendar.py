"""Calendar files (ICS) for webinars, meetings and workshops.

Each event keeps one UID for life and a SEQUENCE that grows with every change,
so a calendar that imports the file again replaces the entry instead of
adding a second one.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
from django.conf import settings

from twinning.common import clock


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def event_uid(kind: str, pk: int) -> str:
    """A UID that stays the same for the object's whole life."""
    host = urlsplit(settings.SITE_URL).hostname or "twinning"
    return f"{kind}-{pk}@{host}"


def build_calendar(events: list[CalendarEvent], *, name: str = "") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Twinning Learning Programme//twinning//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("summary", item.summary)
        event.add("dtstamp", clock.now())
        zone = dt.UTC if not item.time_zone else _zone(item.time_zone)
        event.add("dtstart", item.starts_at.astimezone(zone))
        event.add("dtend", item.ends_at.astimezone(zone))
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _zone(name: str):

    return zoneinfo.ZoneInfo(name)
