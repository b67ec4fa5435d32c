"""A visitor's browser adds the visitor's own time next to an event's only when the
browser's zone is at another UTC offset at that moment: Berlin reads a Paris event once,
Lisbon reads it twice, in day-month order on a 24-hour clock."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CohortFactory, WebinarFactory


def _open_programme(chromium, live_server, browser_zone: str):
    # Relative to now, as the live server cannot be given a frozen clock; the offsets
    # compared (Paris against Berlin or Lisbon) differ the same way all year.
    starts_at = (timezone.now() + dt.timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    WebinarFactory(
        cohort=CohortFactory(),
        title="How to take part",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=1),
        time_zone="Europe/Paris",
    )
    context = chromium.new_context(
        base_url=live_server.url, locale="en-US", timezone_id=browser_zone
    )
    page = context.new_page()
    page.goto("/")
    page.wait_for_load_state("load")
    return context, page, starts_at


@pytest.mark.parametrize("browser_zone", ["Europe/Berlin", "Europe/Paris"])
def test_a_visitor_at_the_events_offset_reads_its_time_once(
    chromium, live_server, transactional_db, browser_zone
):
    context, page, _starts_at = _open_programme(chromium, live_server, browser_zone)

    card = page.locator("li.card", has_text="How to take part")
    expect(card.locator("time").first).to_be_visible()
    expect(card.locator(".viewer-time")).to_have_text(["", ""])
    context.close()


def test_a_visitor_at_another_offset_reads_their_own_time_too(
    chromium, live_server, transactional_db
):
    context, page, starts_at = _open_programme(chromium, live_server, "Europe/Lisbon")
    lisbon = zoneinfo.ZoneInfo("Europe/Lisbon")
    start = starts_at.astimezone(lisbon)
    end = (starts_at + dt.timedelta(hours=1)).astimezone(lisbon)

    card = page.locator("li.card", has_text="How to take part")
    # The page is English: day before month, 24-hour clock, whatever the browser's locale.
    expect(card.locator(".viewer-time")).to_have_text(
        [
            re.compile(
                rf"^ \({start:%A} {start.day} {start:%B}(,| at) {start:%H:%M} \S+, your time\)$"
            ),
            re.compile(rf"^ \({end:%H:%M} \S+, your time\)$"),
        ]
    )
    context.close()
