import re

import icalendar
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from tests.factories import (
    CityFactory,
    CohortFactory,
    MembershipFactory,
    MissionCityFactory,
    OrganiserFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.factories.matchmaking import matchmaking_day
from twinning.cities.enums import CityKind
from twinning.common.calendar import event_uid
from twinning.matchmaking.domain.days import register_participation
from twinning.matchmaking.models import DayParticipation, Meeting


def _visit(page, url):
    page.goto(url)
    assert_accessible(page)


def _feed_event(page, participation):
    response = page.request.get(reverse("portal:matchmaking_feed", args=[participation.feed_token]))
    assert response.headers["content-type"] == "text/calendar"
    (event,) = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
    return event


def test_cities_meet_at_a_matchmaking_day_scheduled_and_published_by_the_organisers(page):
    cohort = CohortFactory()
    torino = MissionCityFactory(name="Torino", name_en="Turin")
    evora = CityFactory(name="Évora", name_en="Évora")
    RegistrationFactory(cohort=cohort, city=torino, kind=CityKind.MISSION)
    RegistrationFactory(cohort=cohort, city=evora, kind=CityKind.MISSION_MINDED)
    marta = UserFactory(email="marta@example.org", name="Marta Rossi")
    joao = UserFactory(email="joao@example.org", name="João Silva")
    MembershipFactory(user=marta, city=torino)
    MembershipFactory(user=joao, city=evora)
    OrganiserFactory(email="team@example.org")
    day = matchmaking_day(cohort, name="Cities Mission Conference")
    register_participation(day, evora, attendees=[joao], by=joao)

    # The Mission city registers and asks Évora for a meeting.
    sign_in(page, "marta@example.org")
    assert_accessible(page)
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name=re.compile("^Matchmaking Days")
    ).click()
    assert_accessible(page)
    torino_at_day = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Torino (Turin)")
    )
    expect(torino_at_day).to_contain_text("Torino (Turin): not registered")
    page.get_by_role("link", name="Torino (Turin)").click()
    assert_accessible(page)
    expect(page.get_by_text("Torino (Turin) is not registered for this day.")).to_be_visible()
    page.get_by_label("Marta Rossi").check()
    page.get_by_role("button", name="Register Torino (Turin) for this day").click()
    expect(page.get_by_text("Your city's participation is saved.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Availability").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save availability").click()
    expect(page.get_by_text(re.compile(r"Availability saved: 4 slots\."))).to_be_visible()
    page.get_by_role("link", name="Find cities to meet").click()
    assert_accessible(page)
    page.get_by_role("link", name="Ask Évora for a meeting").click()
    assert_accessible(page)
    page.get_by_label("A short message").fill("How did you finance the heat network?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent to Évora.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The Mission-minded city accepts.
    sign_in(page, "joao@example.org")
    _visit(page, reverse("portal:matchmaking_city", args=[day.pk, evora.pk]))
    expect(page.get_by_text("How did you finance the heat network?")).to_be_visible()
    page.get_by_role("button", name="Accept the meeting with Torino (Turin)").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The organiser schedules and publishes.
    sign_in(page, "team@example.org")
    _visit(page, reverse("orga:matchmaking_days"))
    page.get_by_role("link", name="Cities Mission Conference").click()
    assert_accessible(page)
    page.get_by_role("button", name="Run the scheduler").click()
    expect(page.get_by_text("Status: Done")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("1 meeting was placed.")).to_be_visible()
    expect(page.get_by_text("Proven bound")).to_be_hidden()
    page.get_by_text("Technical details").click()
    expect(page.get_by_text("Proven bound")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the draft schedule").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the schedule").click()
    expect(page.get_by_text(re.compile("The schedule is published: 1 meeting;"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Grid and attendance").click()
    assert_accessible(page)
    sign_out(page)

    meeting = Meeting.objects.get()
    for email, city, other in (("marta@example.org", torino, "Évora"),
                               ("joao@example.org", evora, "Torino (Turin)")):  # fmt: skip
        sign_in(page, email)
        _visit(page, reverse("portal:matchmaking_agenda", args=[day.pk, city.pk]))
        expect(page.get_by_role("rowheader", name=other)).to_be_visible()
        expect(page.get_by_text(f"Table {meeting.published_table}")).to_be_visible()
        event = _feed_event(page, DayParticipation.objects.get(day=day, city=city))
        assert (str(event["uid"]), str(event["summary"])) == (
            event_uid("meeting", meeting.pk),
            f"Meeting with {other}",
        )
        assert event.decoded("dtstart") == meeting.published_slot.starts_at
        sign_out(page)
