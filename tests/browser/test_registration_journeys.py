"""Journeys of registration, review and the catalogue, click by click."""

import datetime as dt
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from tests.factories import (
    PASSWORD,
    CohortFactory,
    MilestoneFactory,
    MissionCityFactory,
    OrganiserFactory,
    PartnerProjectFactory,
    UserFactory,
)
from twinning.cities.domain.geonames import search_cities
from twinning.cities.domain.invitations import create_invitation
from twinning.cities.enums import RegistrationState
from twinning.cities.models import Registration
from twinning.cohorts.domain import change_milestone_window
from twinning.cohorts.enums import MilestoneKind
from twinning.practices.enums import PracticeState
from twinning.practices.models import Practice
from twinning.themes.domain import ensure_theme_taxonomy


def _open_window(cohort, kind, *, days_from_now=-5):
    start = timezone.now() + dt.timedelta(days=days_from_now)
    return MilestoneFactory(
        cohort=cohort, kind=kind, starts_at=start, ends_at=start + dt.timedelta(days=25)
    )


def _link_in_last_mail(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    return re.search(r"https?://\S+", message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_invited_city_registers_is_reviewed_and_its_practice_is_found(page):
    ensure_theme_taxonomy()
    cohort = CohortFactory(number=5, name="Cohort 5")
    _open_window(cohort, MilestoneKind.MISSION_MINDED_REGISTRATION)
    organiser = OrganiserFactory(email="olivia@programme.eu")
    PartnerProjectFactory(acronym="POCITYF", title="Positive energy city")
    create_invitation(
        cohort, email="ana@cm-evora.pt", city_name="Évora", country="PT",
        partner_project="POCITYF", by=organiser,
    )  # fmt: skip

    # The invited person opens the link, creates an account and confirms the address.
    page.goto(_path(_link_in_last_mail("ana@cm-evora.pt")))
    invitation_path = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Register Évora")
    assert_accessible(page)
    page.get_by_role("link", name="Create an account").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("ana@cm-evora.pt")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    assert_accessible(page)
    page.goto(_path(_link_in_last_mail("ana@cm-evora.pt")))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    if page.get_by_role("link", name="Sign in").count():
        sign_in(page, "ana@cm-evora.pt")
    page.goto(invitation_path)
    assert_accessible(page)
    page.get_by_role("button", name="Start the registration").click()

    # The guided registration, step by step, saved as a draft.
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration of Évora")
    assert_accessible(page)
    page.get_by_role("navigation", name="Steps of the registration").get_by_role(
        "link", name="City"
    ).click()
    expect(page.get_by_label("City")).to_have_value("Évora")
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue").click()
    assert_accessible(page)
    page.get_by_label("A local authority", exact=True).check()
    page.get_by_label("Climate-neutrality commitment").fill("Council decision of 2021.")
    page.get_by_label("Hours per month the city commits").fill("12")
    page.get_by_label("Representatives the city commits").fill("2")
    page.get_by_role("button", name="Save and continue").click()
    assert_accessible(page)
    page.get_by_label("Profile of the city").fill("A historic city in the Alentejo.")
    page.get_by_role("button", name="Save and continue").click()
    assert_accessible(page)
    expect(page.get_by_label("POCITYF")).to_be_checked()
    page.get_by_role("button", name="Save and continue").click()

    # One tested practice.
    assert_accessible(page)
    page.get_by_label("Title").fill("Positive energy blocks")
    page.get_by_label("Summary").fill("Solar panels and storage on municipal buildings.")
    page.get_by_label("Description").fill(
        "Panels hidden from the streets of the **heritage** centre."
    )
    page.get_by_label("Energy systems").check()
    page.get_by_label("Governance and policy").check()
    page.get_by_label("Stage").select_option("demonstrated")
    page.get_by_label("Result 1").select_option("energy")
    page.get_by_label("Value 1").fill("350")
    page.get_by_role("button", name="Save the practice").click()
    expect(page.get_by_text("The practice is saved.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the registration").click()
    assert_accessible(page)
    page.get_by_role("button", name="Submit the registration").click()
    expect(page.get_by_text("Submitted. The programme team will review it.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The organiser returns it with a comment.
    sign_in(page, "olivia@programme.eu")
    page.goto("/orga/registrations/?state=submitted")
    assert_accessible(page)
    page.get_by_role("link", name="Évora").click()
    expect(page.get_by_text("Council decision of 2021.")).to_be_visible()
    assert_accessible(page)
    decision = page.get_by_role("region", name="Decision on the registration")
    decision.get_by_label("Return to the city for changes").check()
    decision.get_by_label("Comment to the city").fill("Please say how many people work on it.")
    decision.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("is now returned for changes")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The city fixes it and submits again.
    sign_in(page, "ana@cm-evora.pt")
    page.get_by_role("link", name="Évora, Cohort 5").click()
    expect(page.get_by_text("Please say how many people work on it.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Steps of the registration").get_by_role(
        "link", name="Eligibility"
    ).click()
    page.get_by_label("Representatives the city commits").fill("3")
    page.get_by_role("button", name="Save draft").click()
    assert_accessible(page)
    page.get_by_role("button", name="Submit the registration").click()
    expect(page.get_by_text("Submitted. The programme team will review it.")).to_be_visible()
    sign_out(page)

    # The organiser accepts it and publishes the practice.
    sign_in(page, "olivia@programme.eu")
    page.goto("/orga/registrations/")
    page.get_by_role("link", name="Évora").click()
    decision = page.get_by_role("region", name="Decision on the registration")
    decision.get_by_label("Accept").check()
    decision.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("is now accepted")).to_be_visible()
    practice = page.get_by_role("article", name=re.compile("Positive energy blocks"))
    practice.get_by_label("Publish").check()
    practice.get_by_role("button", name=re.compile("Record the decision")).click()
    expect(page.get_by_text("“Positive energy blocks” is now published.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)
    assert Registration.objects.get().state == RegistrationState.ACCEPTED
    assert Practice.objects.get().state == PracticeState.PUBLISHED

    # A visitor finds it by a word of its description, and by a filter.
    page.goto("/")
    page.get_by_role("link", name="Practices", exact=True).click()
    assert_accessible(page)
    page.get_by_role("searchbox", name="Search").fill("heritage")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_text("1 practice", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=heritage"))
    assert_accessible(page)
    page.get_by_role("searchbox", name="Search").fill("")
    page.get_by_label("Field of action").select_option(label="Mobility and transport")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("0 practices", exact=True)).to_be_visible()
    page.get_by_label("Field of action").select_option(label="Energy systems")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"field=energy-systems"))
    assert_accessible(page)
    page.get_by_role("link", name="Positive energy blocks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Positive energy blocks")
    expect(page.locator(".prose strong")).to_have_text("heritage")
    assert_accessible(page)
    page.get_by_role("link", name="Évora", exact=False).first.click()
    expect(page.get_by_text("A historic city in the Alentejo.")).to_be_visible()
    assert_accessible(page)


def test_mission_city_is_refused_outside_its_window_and_registers_in_it(page):
    ensure_theme_taxonomy()
    cohort = CohortFactory(number=5, name="Cohort 5")
    window = _open_window(cohort, MilestoneKind.MISSION_REGISTRATION, days_from_now=3)
    MissionCityFactory(name="Torino", name_en="Turin", country="IT")
    UserFactory(email="marta@comune.torino.it")
    sign_in(page, "marta@comune.torino.it")

    # Before the window opens: a clear refusal, on the start page and at the address.
    page.goto("/portal/register/")
    expect(page.get_by_text(re.compile("Registration of Mission cities opens on"))).to_be_visible()
    expect(page.get_by_role("link", name="Register a Mission city")).to_have_count(0)
    assert_accessible(page)
    page.goto("/portal/register/mission/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Not possible now")
    assert_accessible(page)

    # The organisers open the window; the city registers.
    change_milestone_window(
        window,
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(days=20),
    )
    page.goto("/portal/register/")
    page.get_by_role("link", name="Register a Mission city").click()
    assert_accessible(page)
    page.get_by_label("Mission city").select_option(label="Torino")
    page.get_by_role("button", name="Start the registration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration of Torino (Turin)")
    assert_accessible(page)
    page.get_by_role("navigation", name="Steps of the registration").get_by_role(
        "link", name="Profile"
    ).click()
    page.get_by_label("Profile of the city").fill("The capital of Piedmont.")
    page.get_by_role("button", name="Save and continue").click()
    assert_accessible(page)
    page.get_by_label("Built environment").fill("Renovate public housing faster.")
    page.locator("#id_action_built-environment").fill("B.2")
    page.get_by_role("button", name="Save and continue").click()
    assert_accessible(page)
    page.get_by_label("Working languages").fill("Italian, English")
    page.get_by_label("Representatives").fill("Marta Rossi, climate office")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Renovate public housing faster.")).to_be_visible()
    page.get_by_role("button", name="Submit the registration").click()
    expect(page.get_by_text("Submitted. The programme team will review it.")).to_be_visible()
    assert_accessible(page)
    registration = Registration.objects.get()
    assert (registration.state, registration.working_languages) == (
        RegistrationState.SUBMITTED,
        "Italian, English",
    )
    assert [(a.theme.code, a.contract_action) for a in registration.ambitions.all()] == [
        ("built-environment", "B.2")
    ]


def test_organiser_invites_one_city_and_many_from_a_csv_file(page, tmp_path):
    cohort = CohortFactory(number=5, name="Cohort 5")
    _open_window(cohort, MilestoneKind.MISSION_MINDED_REGISTRATION)
    PartnerProjectFactory(acronym="SPARCS", title="Sustainable energy positive communities")
    OrganiserFactory(email="olivia@programme.eu")
    # The live server runs in this process: load the GeoNames index once, before typing.
    search_cities("Kladno")
    sign_in(page, "olivia@programme.eu")

    page.goto("/orga/invitations/")
    assert_accessible(page)
    one = page.get_by_role("region", name="Invite one city")
    one.get_by_label("E-mail address of the person invited").fill("jan@kladno.cz")
    one.get_by_label("City").press_sequentially("Kladn")
    expect(page.locator('#city-suggestions option[value="Kladno"]')).to_have_count(1)
    one.get_by_label("City").fill("Kladno")
    one.get_by_label("Country").select_option("CZ")
    one.get_by_label("Partner project").select_option(label="SPARCS")
    one.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text("Kladno is invited: the link was sent to jan@kladno.cz.")
    ).to_be_visible()
    assert_accessible(page)

    csv_file = tmp_path / "cities.csv"
    csv_file.write_text(
        "email,city,country,partner_project\n"
        "ana@cm-maia.pt,Maia,PT,SPARCS\n"
        "jan@kladno.cz,Kladno,CZ,SPARCS\n"
        "someone@boston.gov,Boston,US,\n",
        encoding="utf-8",
    )
    page.locator("#id_csv-file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Upload and send").click()
    errors = page.locator(".upload-errors li")
    expect(errors).to_have_text(
        [
            "Line 3: jan@kladno.cz already has an open invitation for Cohort 5 (for Kladno).",
            "Line 4: “US” is not an EU country or a country associated to Horizon Europe.",
        ]
    )
    expect(page.get_by_role("cell", name="ana@cm-maia.pt")).to_be_visible()
    assert_accessible(page)


def test_visitor_without_invitation_learns_how_to_ask_and_sees_the_map(page):
    cohort = CohortFactory(number=5, name="Cohort 5")
    _open_window(cohort, MilestoneKind.MISSION_MINDED_REGISTRATION)
    from tests.factories import CityFactory, RegistrationFactory

    RegistrationFactory(
        cohort=cohort,
        city=CityFactory(name="Oulu", name_en="Oulu", country="FI", latitude=65, longitude=25.5),
    )
    UserFactory(email="someone@city.eu")

    page.goto("/cities/")
    expect(page.locator("svg .map-city")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Oulu").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oulu")
    assert_accessible(page)

    sign_in(page, "someone@city.eu")
    page.goto("/portal/register/")
    # Invitation only: the page says how to ask for one, and offers no form that would refuse.
    expect(page.get_by_text(re.compile("^Registration is by invitation"))).to_be_visible()
    expect(page.get_by_role("link", name="Register a Mission-minded city")).to_have_count(0)
    assert_accessible(page)
