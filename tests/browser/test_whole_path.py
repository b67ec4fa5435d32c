"""The whole path of matchmaking on the demo data, one browser context per person.

The Mission city (Torino) sees recommendations with reasons, registers for the open
Matchmaking Day and asks Évora for a meeting, which Évora accepts; the organiser
schedules and publishes; both find the meeting in their agenda and calendar feed; Torino
ranks three twins; the organiser runs the selection, pins a pair, re-runs and confirms;
both cities accept, and the twinning appears publicly once the organiser publishes it.
"""

import re
import time
from contextlib import contextmanager

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from twinning.cohorts.models import Cohort
from twinning.matchmaking.models import Meeting
from twinning.site.demo import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.browser

MISSION_CITY = "mission-city@demo.twinning.eu"
MISSION_MINDED = "mission-minded@demo.twinning.eu"
ORGANISER = "organiser@demo.twinning.eu"
OPEN_DAY = "Online Matchmaking Day"


@contextmanager
def _person(chromium, live_server, email):
    """A fresh browser context for one person, signed in with the demo password."""
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/Rome"
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in(page, email, DEMO_PASSWORD)
    assert_accessible(page)
    try:
        yield page
        sign_out(page)
    finally:
        context.close()


def _click(page, locator):
    locator.click()
    assert_accessible(page)


def _open_day(page, city):
    """From the start page to the city's page of the open Matchmaking Day."""
    page.goto("/portal/")
    _click(
        page,
        page.get_by_role("navigation", name="Sections").get_by_role(
            "link", name=re.compile("^Matchmaking Days")
        ),
    )
    day = page.get_by_role("region", name=OPEN_DAY)
    _click(page, day.get_by_role("link", name=city))


def _calendar_event(page, summary):
    """The event of that summary in the feed linked from the agenda page."""
    href = page.get_by_role("link", name="Calendar feed (ICS)").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"] == "text/calendar"
    events = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    (event,) = [e for e in events if str(e["summary"]) == summary]
    return event


def _accept_twinning(page, cohort_name):
    page.goto("/portal/")
    _click(
        page,
        page.get_by_role("navigation", name="Sections").get_by_role(
            "link", name=re.compile("^Twins and twinnings")
        ),
    )
    place = page.get_by_role("listitem").filter(has_text=cohort_name)
    _click(page, place.get_by_role("link"))
    page.get_by_label("We accept this twinning").check()
    _click(page, page.get_by_role("button", name="Send the answer"))
    expect(page.get_by_text("Your answer is recorded. Thank you.")).to_be_visible()


def test_whole_path_from_recommendations_to_a_public_twinning_on_the_demo_data(
    chromium, live_server, transactional_db
):
    started = time.perf_counter()
    load_demo()
    print(f"load_demo: {time.perf_counter() - started:.1f} s")  # shown with pytest -s
    cohort = Cohort.objects.get(number=7)

    # The Mission city sees its recommended twins with their reasons, registers for
    # the open Matchmaking Day and asks Évora for a meeting.
    with _person(chromium, live_server, MISSION_CITY) as page:
        _click(page, page.get_by_role("link", name="Recommended twins for Torino (Turin)"))
        trento = page.get_by_role("article", name="Trento")
        expect(
            trento.get_by_role("listitem").filter(has_text="Same country: Italy")
        ).to_be_visible()
        evora = page.get_by_role("article", name="Évora")
        expect(evora.get_by_text("Shared field of action: Built environment")).to_be_visible()
        _click(
            page,
            evora.get_by_role(
                "link", name=f"Évora takes part in {OPEN_DAY}: take part to meet them"
            ),
        )
        page.get_by_label("Marta Rossi").check()
        _click(page, page.get_by_role("button", name="Register Torino (Turin) for this day"))
        expect(page.get_by_text("Your city's participation is saved.")).to_be_visible()
        _click(page, page.get_by_role("link", name="Availability"))
        _click(page, page.get_by_role("button", name="Save availability"))
        expect(page.get_by_text(re.compile(r"Availability saved: 5 slots\."))).to_be_visible()
        _click(page, page.get_by_role("link", name="Find cities to meet"))
        _click(page, page.get_by_role("link", name="Ask Évora for a meeting"))
        page.get_by_label("A short message").fill("How did you put solar panels on listed roofs?")
        _click(page, page.get_by_role("button", name="Send the request"))
        expect(page.get_by_text("Your request is sent to Évora.")).to_be_visible()

    # The Mission-minded city accepts.
    with _person(chromium, live_server, MISSION_MINDED) as page:
        _open_day(page, "Évora")
        expect(page.get_by_text("How did you put solar panels on listed roofs?")).to_be_visible()
        _click(page, page.get_by_role("button", name="Accept the meeting with Torino (Turin)"))
        expect(page.get_by_text("Saved.")).to_be_visible()

    # The organiser runs the scheduler (in the task queue) and publishes.
    with _person(chromium, live_server, ORGANISER) as page:
        page.goto("/orga/matchmaking/")
        assert_accessible(page)
        _click(page, page.get_by_role("link", name=OPEN_DAY))
        _click(page, page.get_by_role("button", name="Run the scheduler"))
        expect(page.get_by_text("Status: Done")).to_be_visible()
        _click(page, page.get_by_role("link", name="Back to the draft schedule"))
        _click(page, page.get_by_role("button", name="Publish the schedule"))
        expect(
            page.get_by_text(re.compile(r"The schedule is published: \d+ meetings?;"))
        ).to_be_visible()

    # Both see the meeting in their agenda and in their calendar feed.
    meeting = Meeting.objects.select_related("published_slot").get(
        day__name=OPEN_DAY, request__from_city__name="Torino", request__to_city__name="Évora"
    )
    assert meeting.published_slot is not None
    for email, city, other in ((MISSION_CITY, "Torino (Turin)", "Évora"),
                               (MISSION_MINDED, "Évora", "Torino (Turin)")):  # fmt: skip
        with _person(chromium, live_server, email) as page:
            _open_day(page, city)
            _click(page, page.get_by_role("link", name="Agenda", exact=True))
            expect(page.get_by_role("rowheader", name=other)).to_be_visible()
            event = _calendar_event(page, f"Meeting with {other}")
            assert event.decoded("dtstart") == meeting.published_slot.starts_at

    # The Mission city ranks three twins.
    with _person(chromium, live_server, MISSION_CITY) as page:
        _click(
            page,
            page.get_by_role("navigation", name="Sections").get_by_role(
                "link", name=re.compile("^Twins and twinnings")
            ),
        )
        _click(page, page.get_by_role("link", name="Rank the preferred twins of Torino (Turin)"))
        for number, (name, why) in enumerate(
            [("Évora", "Solar power in a protected historic centre."),
             ("Oulu", "District heating in a growing city."),
             ("Bilbao", "A positive energy district on former industrial land.")], start=1,
        ):  # fmt: skip
            choice = page.get_by_role("group", name=f"Choice {number}")
            choice.get_by_label("Mission-minded city").select_option(label=name)
            choice.get_by_label("Why this city").fill(why)
        _click(page, page.get_by_role("button", name="Save the ranking"))
        expect(page.get_by_text("Your ranking is saved.")).to_be_visible()

    # The organiser runs the selection, pins Torino with Évora, re-runs and confirms.
    with _person(chromium, live_server, ORGANISER) as page:
        page.goto("/orga/")
        _click(
            page,
            page.get_by_role("navigation", name="Sections").get_by_role(
                "link", name="Selection", exact=True
            ),
        )
        _click(
            page,
            page.get_by_role("navigation", name="Sections").get_by_role(
                "link", name="Selection runs"
            ),
        )
        expect(page.get_by_role("heading", level=1)).to_contain_text(cohort.name)
        _click(page, page.get_by_role("link", name="Start a selection run"))
        page.get_by_label("Note").fill("First try")
        _click(page, page.get_by_role("button", name="Run the selection"))
        expect(page.get_by_text("Mission cities matched")).to_be_visible()
        _click(page, page.get_by_role("link", name="Start another run"))
        page.get_by_role("group", name="Pairs that must be in the result").get_by_label(
            "Torino (Turin) → Évora (choice 1)"
        ).check()
        page.get_by_label("Note").fill("Torino with Évora")
        _click(page, page.get_by_role("button", name="Run the selection"))
        expect(
            page.get_by_role("list").filter(has_text="Torino (Turin) (choice 1)").first
        ).to_be_visible()
        _click(page, page.get_by_role("button", name="Compare"))
        expect(page.get_by_role("table", name="Who gains, who loses")).to_be_visible()
        page.go_back()
        _click(page, page.get_by_role("button", name="Confirm this run"))
        expect(page.get_by_text("The run is confirmed")).to_be_visible()

    # Both cities accept.
    for email in (MISSION_CITY, MISSION_MINDED):
        with _person(chromium, live_server, email) as page:
            _accept_twinning(page, cohort.name)

    # The organiser publishes; the twinning appears on the public page.
    with _person(chromium, live_server, ORGANISER) as page:
        page.goto("/orga/twinnings/")
        assert_accessible(page)
        _click(page, page.get_by_role("button", name="Publish 1 accepted twinning"))
        expect(page.get_by_text("1 twinning is published.")).to_be_visible()
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.goto("/twinnings/")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Twinnings of {cohort.name}")
    twinning = (
        page.get_by_role("listitem")
        .filter(has=page.get_by_role("link", name="Torino (Turin)"))
        .filter(has=page.get_by_role("link", name="Évora"))
    )
    expect(twinning).to_have_count(1)
    context.close()
