"""An organiser writes a mailing to the cities that have not ranked, checks who receives
it and how it reads, and sends it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import CohortFactory, MissionCityFactory, OrganiserFactory, RegistrationFactory
from tests.factories.selection import CityMemberFactory
from twinning.cities.enums import CityKind
from twinning.mail.models import OutgoingMail
from twinning.mailings.models import Mailing

pytestmark = pytest.mark.browser


def test_an_organiser_writes_previews_and_sends_a_mailing(page):
    cohort = CohortFactory(name="Cohort 7")
    for name, person in [("Torino", "Marta Rossi"), ("Lyon", "Luc Martin")]:
        city = MissionCityFactory(name=name)
        RegistrationFactory(cohort=cohort, city=city, kind=CityKind.MISSION)
        CityMemberFactory(city=city, user__name=person, user__email=f"{name.lower()}@example.org")
    OrganiserFactory(email="team@example.org")

    sign_in(page, "team@example.org")
    page.goto(reverse("orga:home"))
    page.get_by_role("link", name="Outreach").first.click()
    page.get_by_role("link", name="Mailings").click()
    expect(page.get_by_role("heading", name="Mailings", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Write a mailing").click()
    assert_accessible(page)
    page.get_by_label("Subject").fill("The ranking closes on Friday")
    page.get_by_label("Text").fill("Dear {name},\nplease rank your preferred twins.")
    page.get_by_label("Recipients").select_option(
        label="Representatives of Mission cities that have not ranked their twins"
    )
    page.get_by_role("button", name="Save and check the recipients").click()
    # The cohort was forgotten: the form says so and keeps the text.
    expect(page.get_by_text("Choose the cohort these recipients belong to.")).to_be_visible()
    expect(page.get_by_label("Subject")).to_have_value("The ranking closes on Friday")
    assert_accessible(page)
    page.get_by_label("Cohort").select_option(label="Cohort 7")
    page.get_by_role("button", name="Save and check the recipients").click()

    expect(page.get_by_role("heading", name="2 recipients")).to_be_visible()
    expect(page.get_by_role("row", name="Luc Martin Lyon lyon@example.org")).to_be_visible()
    expect(page.get_by_text("Dear Luc Martin,")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send to 2 people").click()

    expect(page.get_by_text("The mailing is on its way to 2 people.")).to_be_visible()
    expect(page.get_by_role("heading", name="2 mails in the outbox")).to_be_visible()
    assert_accessible(page)
    assert sorted(m.to[0] for m in OutgoingMail.objects.all()) == [
        "lyon@example.org",
        "torino@example.org",
    ]
    assert Mailing.objects.get().state == "sent"
