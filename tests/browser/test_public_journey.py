from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import CohortFactory, WebinarFactory, cohort_with_three_windows
from twinning.site.demo import DEMO_PASSWORD


def test_visitor_sees_the_milestones_with_the_open_one_marked(page):
    cohort, *_windows = cohort_with_three_windows(number=5, name="Cohort 5, 2026-2027")
    WebinarFactory(cohort=cohort, title="How to take part")

    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Cohort 5, 2026-2027")
    timeline = page.locator("ol.timeline > li")
    expect(timeline).to_have_count(3)
    current = page.locator('ol.timeline > li[aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current.get_by_role("heading")).to_contain_text("Registration of Mission cities")
    expect(current).to_contain_text("Open now")
    expect(timeline.nth(0)).to_contain_text("Closed")
    expect(timeline.nth(2)).to_contain_text("Coming")
    # The visitor's browser is in Rome, the window in Brussels: same zone offset, no repeat.
    expect(page.get_by_role("heading", name="How to take part")).to_be_visible()
    assert_accessible(page)


def test_visitor_on_a_phone_sees_the_whole_page(chromium, live_server, transactional_db):
    CohortFactory()
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()

    page.goto("/")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width == 390
    assert_accessible(page)
    context.close()


def test_demo_user_signs_in_and_out(page):
    call_command("load_demo")

    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(f"{page.url.split('/accounts')[0]}/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill("mission-city@demo.twinning.eu")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Marta")
    expect(page.get_by_role("heading", name="Torino (Turin)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Sign out").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign Out").click()

    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("link", name="My cities")).to_have_count(0)
