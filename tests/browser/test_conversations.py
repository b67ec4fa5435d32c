"""Torino writes to Évora from the twinning's workspace; Évora reads it under Messages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from tests.factories import CityFactory, MembershipFactory, MissionCityFactory, UserFactory
from tests.factories.selection import TwinningFactory, TwinningMemberFactory
from twinning.programme.enums import MemberRole, TwinningState

pytestmark = pytest.mark.browser


def test_a_city_writes_to_its_twin_and_the_twin_reads_it(page):
    torino = MissionCityFactory(name="Torino", name_en="Turin")
    evora = CityFactory(name="Évora", name_en="Évora", country="PT")
    marta = MembershipFactory(city=torino, user=UserFactory(email="marta@comune.torino.it")).user
    joana = MembershipFactory(city=evora, user=UserFactory(email="joana@cm-evora.pt")).user
    twinning = TwinningFactory(state=TwinningState.ACTIVE)
    TwinningMemberFactory(twinning=twinning, city=torino, role=MemberRole.MISSION)
    TwinningMemberFactory(twinning=twinning, city=evora, role=MemberRole.MISSION_MINDED)

    sign_in(page, marta.email)
    page.goto(f"/portal/twinnings/{twinning.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Write to Évora").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write to Évora")
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Please correct the highlighted fields.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your message").fill(
        "Could we visit the energy community? https://example.org"
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Your message is sent.")).to_be_visible()
    expect(page.get_by_role("link", name="https://example.org")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, joana.email)
    page.get_by_role("link", name="Messages").first.click()
    expect(page.get_by_text("1 new message")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Torino (Turin) and Évora").click()
    expect(page.get_by_text("Could we visit the energy community?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your message").fill("Yes, in the second half of the month.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Yes, in the second half of the month.")).to_be_visible()
    assert_accessible(page)
