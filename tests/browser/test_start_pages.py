"""Each demo account starts from what needs it now and reaches it through its menu."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from twinning.site.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_each_role_follows_its_first_step_and_its_menu(page):
    call_command("load_demo")

    sign_in(page, "mission-minded@demo.twinning.eu", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="What needs you now")).to_be_visible()
    menu = page.get_by_role("navigation", name="Sections")
    expect(menu.get_by_role("link", name=re.compile(r"^Matchmaking Days \d+"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "link", name=re.compile(r"meeting requests? waits? for the answer of Évora")
    ).click()
    expect(page.get_by_role("heading", name="Meeting requests")).to_be_visible()
    expect(page.get_by_role("button", name="Accept").first).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "facilitator@demo.twinning.eu", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="The twinnings you guide")).to_be_visible()
    expect(page.get_by_text("You do not represent a city yet")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name=re.compile("^Workshops")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, "organiser@demo.twinning.eu", DEMO_PASSWORD)
    page.goto("/orga/")
    expect(page.get_by_role("heading", name="Waiting for a decision")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Cost claims to check: \d+")).click()
    expect(page.get_by_role("link", name="Cost claims", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    assert_accessible(page)
