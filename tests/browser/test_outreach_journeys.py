import re

import icalendar
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, CohortFactory, OrganiserFactory, WebinarFactory
from twinning.outreach.models import WebinarRegistration
from twinning.themes.domain import ensure_theme_taxonomy


def _register(page, webinar, name, email):
    page.goto("/")
    page.get_by_role("link", name=re.compile(rf"– {webinar.title}$")).first.click()
    assert_accessible(page)
    page.get_by_label("Name").fill(name)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Organisation").fill("Grad Zagreb")
    page.get_by_label("City").fill("Zagreb")
    page.get_by_label("Country").select_option("HR")
    page.get_by_label("Role").select_option("civil_servant")
    page.get_by_label("I have read and accept the privacy notice").check()
    page.get_by_role("button", name=re.compile("Register|Join the waiting list")).click()
    expect(page.get_by_text("Please confirm your registration with the link")).to_be_visible()
    assert_accessible(page)


def _confirm_from_the_mail(page, email):
    """Follow the link of the last confirmation request mailed to `email`."""
    (message,) = [m for m in mail.outbox if m.to == [email] and "Please confirm" in m.subject]
    path = re.search(r"https?://[^/\s]+(/webinars/seat/[^/\s]+/confirm/)", message.body).group(1)
    page.goto(path)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my registration").click()
    assert_accessible(page)


def test_visitor_registers_for_a_webinar_and_receives_a_valid_calendar_file(page):
    webinar = WebinarFactory(
        cohort=CohortFactory(), title="How twinning works", meeting_url="https://meet.example.org/x"
    )

    _register(page, webinar, "Iva Horvat", "iva@example.org")
    assert WebinarRegistration.objects.get().status == "pending"
    _confirm_from_the_mail(page, "iva@example.org")

    expect(page.get_by_text("Your seat is confirmed.")).to_be_visible()
    (request, message) = mail.outbox
    assert request.attachments == []
    assert message.to == ["iva@example.org"]
    (name, content, mimetype) = message.attachments[0]
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert (name, mimetype, str(event["summary"])) == (
        "webinar.ics",
        "text/calendar",
        "How twinning works",
    )
    assert event.decoded("dtstart") == webinar.starts_at.replace(microsecond=0)
    assert str(event["url"]) == "https://meet.example.org/x"


def test_full_webinar_waiting_list_moves_up_on_a_cancellation(page):
    webinar = WebinarFactory(cohort=CohortFactory(), title="Ask us anything", capacity=1)
    _register(page, webinar, "First Person", "first@example.org")
    _confirm_from_the_mail(page, "first@example.org")
    _register(page, webinar, "Second Person", "second@example.org")
    _confirm_from_the_mail(page, "second@example.org")
    expect(page.get_by_text("you are on the waiting list")).to_be_visible()

    first = WebinarRegistration.objects.get(email="first@example.org")
    page.goto(f"/webinars/seat/{first.token}/cancel/")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel it").click()
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()

    second = WebinarRegistration.objects.get(email="second@example.org")
    assert second.status == "confirmed"
    assert mail.outbox[-1].to == ["second@example.org"]
    assert mail.outbox[-1].subject == "[Twinning] A seat is free for you: Ask us anything"


def test_survey_and_contact_message_arrive_in_the_organiser_lists(page):
    CohortFactory()
    ensure_theme_taxonomy()  # a browser test's database starts empty
    OrganiserFactory(email="team@example.org")

    page.goto("/interest/")
    assert_accessible(page)
    page.get_by_label("City", exact=True).fill("Sønderborg")
    page.get_by_label("Country").select_option("DK")
    page.get_by_label("Mission city", exact=True).check()
    page.get_by_label("Contact person").fill("Lars Jensen")
    page.get_by_label("E-mail address").fill("lars@example.org")
    page.get_by_label("Finance and funding").check()
    page.get_by_label("I have read and accept the privacy notice").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you for your interest")).to_be_visible()

    page.goto("/contact/")
    assert_accessible(page)
    page.get_by_label("Name").fill("Lars Jensen")
    page.get_by_label("E-mail address").fill("lars@example.org")
    page.get_by_label("Subject").fill("City visits")
    page.get_by_label("Message").fill("Can two people travel on one visit?")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_role("heading", name="Message sent")).to_be_visible()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("team@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name=re.compile("^Outreach")
    ).click()
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="Expressions of interest"
    ).click()
    expect(page.get_by_role("row", name=re.compile("Sønderborg"))).to_contain_text("Lars Jensen")
    assert_accessible(page)
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("heading", name="City visits")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as handled").click()
    expect(page.get_by_text("No message.")).to_be_visible()
