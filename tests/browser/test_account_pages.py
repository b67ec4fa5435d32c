import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, OrganiserFactory


def test_visitor_signs_up_and_is_asked_to_verify_the_address(page):
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Email").fill("new.person@example.org")
    page.get_by_label("Password:", exact=True).fill("green-city-2030!")
    page.get_by_label("Password (again)").fill("green-city-2030!")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert_accessible(page)
    assert [m.to for m in mail.outbox] == [["new.person@example.org"]]


def test_password_reset_page_is_accessible_and_mails_a_link(page):
    OrganiserFactory(email="team@example.org")
    page.goto("/accounts/password/reset/")
    assert_accessible(page)
    page.get_by_label("Email").fill("team@example.org")
    page.get_by_role("button", name="Reset My Password").click()

    expect(page.get_by_role("heading", name="Password Reset")).to_be_visible()
    assert_accessible(page)
    assert re.search(r"/accounts/password/reset/key/\S+", mail.outbox[0].body)


def test_organiser_opens_two_factor_set_up(page):
    OrganiserFactory(email="team@example.org")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("team@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Programme team")).to_be_visible()
    assert_accessible(page)

    page.goto("/accounts/2fa/totp/activate/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_label("Authenticator code")).to_be_visible()
    assert_accessible(page)
