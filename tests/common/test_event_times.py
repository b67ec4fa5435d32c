"""An event's time is shown in its own zone; the reader's own time is added only when the
reader's zone is at another UTC offset at that moment. A reader in Berlin reads an event in
Paris without a second, identical time; one in Lisbon reads both."""

import datetime as dt
import re

import pytest

from tests.factories import CohortFactory, UserFactory, WebinarFactory
from twinning.common import clock

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
WINTER = dt.datetime(2026, 12, 8, 13, 0, tzinfo=dt.UTC)  # Tuesday
SUMMER = dt.datetime(2027, 7, 6, 13, 0, tzinfo=dt.UTC)  # Tuesday


def _webinar_line(client, *, zone: str, starts_at: dt.datetime, reader_zone: str | None):
    """The webinar's time on the programme page, as its reader sees it (tags removed)."""
    WebinarFactory(
        cohort=CohortFactory(),
        title="How to take part",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=1),
        time_zone=zone,
    )
    if reader_zone is not None:
        client.force_login(UserFactory(time_zone=reader_zone))
    with clock.frozen_at(NOW):
        html = client.get("/").content.decode()
    line = re.search(r"<p>(<time.*?)</p>", html, re.S)[1]
    return " ".join(re.sub(r"<[^>]+>", "", line).split())


@pytest.mark.parametrize(
    ("event_zone", "reader_zone"),
    [
        ("Europe/Paris", "Europe/Berlin"),
        ("Europe/Paris", "Europe/Paris"),
        ("Europe/Lisbon", "Europe/London"),
    ],
)
def test_a_reader_at_the_same_offset_reads_the_time_once(client, event_zone, reader_zone):
    line = _webinar_line(client, zone=event_zone, starts_at=WINTER, reader_zone=reader_zone)

    assert "your time" not in line


def test_a_reader_at_another_offset_reads_their_own_time_too(client):
    line = _webinar_line(client, zone="Europe/Paris", starts_at=WINTER, reader_zone="Europe/Lisbon")

    assert line == (
        "Tuesday 8 December 2026, 14:00 CET "
        "(Tuesday 8 December 2026, 13:00 WET your time) – "
        "15:00 CET (14:00 WET your time)"
    )


@pytest.mark.parametrize(
    ("starts_at", "expected"),
    [
        (WINTER, "Tuesday 8 December 2026, 13:00 GMT – 14:00 GMT"),
        (
            SUMMER,
            "Tuesday 6 July 2027, 14:00 BST (Tuesday 6 July 2027, 13:00 GMT your time) – "
            "15:00 BST (14:00 GMT your time)",
        ),
    ],
)
def test_the_offset_is_compared_at_the_events_moment(client, starts_at, expected):
    # Abidjan keeps UTC all year; London matches it only in winter.
    line = _webinar_line(
        client, zone="Europe/London", starts_at=starts_at, reader_zone="Africa/Abidjan"
    )

    assert line == expected


@pytest.mark.parametrize(("starts_at", "offset"), [(WINTER, "60"), (SUMMER, "120")])
def test_a_visitors_browser_is_told_the_events_offset_at_that_moment(client, starts_at, offset):
    WebinarFactory(
        cohort=CohortFactory(),
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=1),
        time_zone="Europe/Paris",
    )

    with clock.frozen_at(NOW):
        html = client.get("/").content.decode()

    # The script compares it with the browser's own offset then (tests/browser).
    assert re.findall(r'data-event-offset="(-?\d+)"', html) == [offset, offset]
    assert re.findall(r'data-local-format="(\w+)"', html) == ["time"]
