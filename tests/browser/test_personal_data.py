"""A person's data: consent, a download of everything, deleting the account; the same by an
organiser on request, and the audit trail."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from tests.factories import MembershipFactory, OrganiserFactory, UserFactory

pytestmark = pytest.mark.browser


def _download(page, link_name: str) -> tuple[str, dict]:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    with open(download.value.path(), "rb") as stream:
        return download.value.suggested_filename, json.loads(stream.read())


def test_person_agrees_to_the_newsletter_downloads_their_data_and_deletes_the_account(page):
    person = UserFactory(email="anna.berg@pecs.example.hu", name="Anna Berg")
    MembershipFactory(user=person)
    sign_in(page, "anna.berg@pecs.example.hu")
    page.get_by_role("link", name="Your data and consents", exact=True).click()
    expect(page.get_by_role("heading", name="Your account and your data")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="I agree Send me the programme's newsletter").click()
    expect(page.get_by_text("Thank you: your consent is recorded.")).to_be_visible()
    filename, data = _download(page, "Download my data")
    assert filename.startswith(f"personal-data-{person.pk}-")
    assert data["person"]["email"] == "anna.berg@pecs.example.hu"
    assert [c["purpose"] for c in data["records"]["accounts.Consent"]] == ["newsletter"]

    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", name="What is kept, without your name")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("This is not your password.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your password").fill("a-long-test-password")
    page.get_by_role("button", name="Delete my account").click()

    expect(page.get_by_text("Your account is deleted. Thank you for taking part.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert_accessible(page)
    sign_in(page, "anna.berg@pecs.example.hu")
    expect(page.get_by_text("The email address and/or password you specified")).to_be_visible()


def test_organiser_deletes_an_account_on_request_and_finds_it_in_the_audit_trail(page):
    OrganiserFactory(email="team@example.org")
    UserFactory(email="bo.lind@lund.example.se", name="Bo Lind")
    sign_in(page, "team@example.org")
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Data").click()
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="People and their data"
    ).click()
    assert_accessible(page)
    page.get_by_label("Name or e-mail address").fill("lind")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Bo Lind").click()
    expect(page.get_by_role("heading", name="Bo Lind")).to_be_visible()
    assert_accessible(page)

    _, data = _download(page, "Download the data")
    assert data["person"]["name"] == "Bo Lind"
    page.get_by_label("Why").fill("Asked by e-mail on 3 November.")
    page.get_by_label("The person's e-mail address, to confirm").fill("bo.lind@lund.example.se")
    page.get_by_role("button", name="Delete the account").click()

    expect(page.get_by_text("The account is deleted")).to_be_visible()
    expect(page.get_by_role("link", name="Bo Lind")).to_be_hidden()
    page.get_by_role("link", name="Audit trail").click()
    page.get_by_label("Action").fill("person.")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("cell", name="person.deleted")).to_be_visible()
    expect(page.get_by_role("cell", name="person.exported")).to_be_visible()
    assert_accessible(page)
    sign_out(page)
