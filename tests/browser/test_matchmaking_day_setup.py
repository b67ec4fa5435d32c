"""An organiser sets up a hybrid Matchmaking Day from the organiser pages, then changes it."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import CohortFactory, OrganiserFactory
from twinning.matchmaking.models import MatchmakingDay

# A date always ahead of the clock, whatever the day the tests run.
YEAR = timezone.localdate().year + 2


pytestmark = pytest.mark.browser


def test_an_organiser_sets_up_a_hybrid_matchmaking_day_and_changes_its_hours(page):
    CohortFactory(name="Cohort 5, 2026-2027")
    OrganiserFactory(email="team@example.org")

    sign_in(page, "team@example.org")
    page.goto(reverse("orga:matchmaking_days"))
    assert_accessible(page)
    page.get_by_role("link", name="Set up a Matchmaking Day").click()
    assert_accessible(page)
    page.get_by_label("Cohort").select_option(label="Cohort 5, 2026-2027")
    page.get_by_label("Name").fill("Cities Mission Conference, Torino")
    page.get_by_label("Format").select_option(label="Hybrid")
    page.get_by_label("Venue").fill("Lingotto, Torino")
    page.get_by_label("Time zone").fill("Europe/Rome")
    page.get_by_label("Days and hours").fill(f"{YEAR}-05-28 09:00-12:00\n{YEAR}-05-29 09:00-11:00")
    page.get_by_label("Breaks").fill("10:30-11:00")
    page.get_by_label("Slot length in minutes").fill("25")
    page.get_by_label("Pause between slots in minutes").fill("5")
    page.get_by_label("Tables per slot").fill("20")
    page.get_by_label("Video rooms per slot").fill("4")
    page.get_by_label("Video room address").fill("https://meet.example.org/mm-")
    page.get_by_label("Registration and availability until").fill(f"{YEAR}-05-25T17:00")
    # A deadline after the day is refused, and nothing typed is lost.
    page.get_by_label("Meeting requests until").fill(f"{YEAR}-06-20T17:00")
    page.get_by_label("Requests per city").fill("8")
    page.get_by_label("Meetings per city at most").fill("6")
    page.get_by_role("button", name="Set up the day").click()
    expect(page.get_by_text("Meeting requests must close before the first slot.")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_label("Venue")).to_have_value("Lingotto, Torino")
    page.get_by_label("Meeting requests until").fill(f"{YEAR}-05-20T17:00")
    page.get_by_role("button", name="Set up the day").click()

    expect(
        page.get_by_text("Cities Mission Conference, Torino is set up with 8 slots.")
    ).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("8 slots of 25 minutes")).to_be_visible()
    day = MatchmakingDay.objects.get()
    assert (day.format, day.tables, day.video_rooms, day.max_meetings) == ("hybrid", 20, 4, 6)

    # The second day ends an hour later: two more slots, open to every city.
    page.get_by_role("link", name="Change the day").click()
    assert_accessible(page)
    expect(page.get_by_label("Meeting requests until")).to_have_value(f"{YEAR}-05-20T17:00")
    page.get_by_label("Days and hours").fill(f"{YEAR}-05-28 09:00-12:00\n{YEAR}-05-29 09:00-12:00")
    page.get_by_role("button", name="Save the day").click()

    expect(page.get_by_text("The day is saved.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Slots: 2 added, 0 removed\."))).to_be_visible()
    expect(page.get_by_text("10 slots of 25 minutes")).to_be_visible()
    assert_accessible(page)
    assert day.slots.count() == 10
