"""The selection journey: a Mission city ranks its twins; the organiser runs the selection,
pins a pair, re-runs and confirms; both cities accept; the twinning is announced."""

import re

from django.core import mail
from django.utils.text import slugify
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
from tests.factories.selection import preferences_window, rank
from twinning.cities.enums import CityKind


def _answer_link(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to and "please accept" in m.subject][-1]
    url = re.search(r"https?://\S+", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def _accept(page, email):
    sign_in(page, email)
    page.goto(_answer_link(email))
    assert_accessible(page)
    page.get_by_label("We accept this twinning").check()
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Your answer is recorded. Thank you.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)


def test_mission_city_ranks_twins_organiser_selects_and_confirms_and_the_twinning_is_public(
    page,
):
    cohort = CohortFactory(number=5, name="Cohort 5")
    preferences_window(cohort)
    torino = MissionCityFactory(name="Torino", name_en="Turin", slug="torino", country="IT")
    kosice = MissionCityFactory(name="Košice", name_en="Kosice", slug="kosice", country="SK")
    minded = {
        name: CityFactory(name=name, name_en=name, slug=slugify(name), country=country)
        for name, country in [("Évora", "PT"), ("Oulu", "FI"), ("Bilbao", "ES"), ("Kladno", "CZ")]
    }
    for city in (torino, kosice):
        RegistrationFactory(cohort=cohort, city=city, kind=CityKind.MISSION)
    for city in minded.values():
        RegistrationFactory(cohort=cohort, city=city, kind=CityKind.MISSION_MINDED)
    rank(cohort, kosice, [minded["Évora"], minded["Kladno"]])
    marta = MembershipFactory(city=torino, user=UserFactory(email="marta@comune.torino.it")).user
    miguel = MembershipFactory(city=minded["Évora"], user=UserFactory(email="miguel@cm-evora.pt"))
    OrganiserFactory(email="olivia@programme.eu")

    # The Mission city ranks three twins.
    sign_in(page, marta.email)
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name=re.compile("^Twins and twinnings")
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Rank the preferred twins of Torino (Turin)").click()
    assert_accessible(page)
    for number, (name, why) in enumerate(
        [("Évora", "Solar in a historic centre."), ("Oulu", "District heating."),
         ("Bilbao", "Positive energy districts.")], start=1,
    ):  # fmt: skip
        choice = page.get_by_role("group", name=f"Choice {number}")
        choice.get_by_label("Mission-minded city").select_option(label=name)
        choice.get_by_label("Why this city").fill(why)
    page.get_by_role("button", name="Save the ranking").click()
    expect(page.get_by_text("Your ranking is saved.")).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="Solar in a historic centre.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The organiser runs the selection, pins a pair, re-runs and confirms.
    sign_in(page, "olivia@programme.eu")
    page.goto("/orga/")
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="Selection", exact=True
    ).click()
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="Selection runs"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a selection run").click()
    assert_accessible(page)
    page.get_by_label("Note").fill("First try")
    page.get_by_role("button", name="Run the selection").click()
    expect(page.get_by_text("Mission cities matched")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Start another run").click()
    page.get_by_role("group", name="Pairs that must be in the result").get_by_label(
        "Torino (Turin) → Évora (choice 1)"
    ).check()
    page.get_by_label("Note").fill("Torino with Évora")
    page.get_by_role("button", name="Run the selection").click()
    proposed = page.get_by_role("list").filter(has_text="Torino (Turin) (choice 1)")
    expect(proposed.first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("table", name="Who gains, who loses")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("button", name="Confirm this run").click()
    expect(page.get_by_text("The run is confirmed")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Both cities accept.
    _accept(page, marta.email)
    _accept(page, miguel.user.email)

    # The organiser publishes; the twinning appears on the public page.
    sign_in(page, "olivia@programme.eu")
    page.goto("/orga/twinnings/")
    page.get_by_role("button", name="Publish 1 accepted twinning").click()
    expect(page.get_by_text("1 twinning is published.")).to_be_visible()
    assert_accessible(page)
    page.goto("/twinnings/")
    twinning = page.get_by_role("listitem").filter(has_text="Torino (Turin)")
    expect(twinning.first).to_contain_text("Évora")
    expect(page.get_by_text("Košice")).to_have_count(0)
    assert_accessible(page)
