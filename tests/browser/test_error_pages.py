"""The error pages a person may meet: in the site's layout, accessible, with a way on."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import UserFactory


def test_visitor_meets_the_404_page_and_goes_to_the_start_page(page, live_server):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="start page").click()
    expect(page).to_have_url(live_server.url + "/")


def test_city_representative_meets_the_403_page_of_the_organiser_area(page):
    UserFactory(email="city@example.org")
    sign_in(page, "city@example.org")
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()

    response = page.goto("/orga/")

    assert response.status == 403
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text(
        "You may not open this page"
    )
    assert_accessible(page)


def test_a_form_sent_without_its_cookie_says_to_reload_it(page):
    page.goto("/contact/")
    page.locator("[name=name]").fill("Ana Novak")
    page.locator("[name=email]").fill("ana@example.org")
    page.locator("[name=subject]").fill("Visits")
    page.locator("[name=message]").fill("How many visits are there?")
    # The browser lost the site's cookies while the form was open.
    page.context.clear_cookies()

    page.get_by_role("button", name="Send the message").click()

    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text(
        "The form could not be sent"
    )
    assert_accessible(page)
