"""An organiser moves and extends a cohort's window, then creates a webinar and cancels it,
all on the organiser pages."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import CohortFactory, MilestoneFactory, OrganiserFactory
from twinning.cohorts.enums import MilestoneKind
from twinning.cohorts.models import Webinar
from twinning.common.models import AuditEntry
from twinning.mail.models import OutgoingMail

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
ROME = zoneinfo.ZoneInfo("Europe/Rome")


@pytest.fixture
def frozen_clock(time_machine):
    # The clock runs on from this morning, so sessions and pages behave as on any day.
    time_machine.move_to(NOW, tick=True)


def test_an_organiser_extends_a_window_and_cancels_a_webinar(frozen_clock, page):
    cohort = CohortFactory(name="Cohort 5, 2026-2027", time_zone="Europe/Rome")
    window = MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=dt.datetime(2026, 2, 2, 9, tzinfo=ROME),
        ends_at=dt.datetime(2026, 3, 31, 17, tzinfo=ROME),
        time_zone="Europe/Rome",
    )
    OrganiserFactory(email="team@example.org")

    sign_in(page, "team@example.org")
    page.goto(reverse("orga:home"))
    assert_accessible(page)
    page.get_by_role("link", name="Edit the cohort and extend its windows").click()
    expect(page.get_by_role("heading", name="Cohort 5, 2026-2027", level=1)).to_be_visible()
    assert_accessible(page)

    # A close before the opening is refused; what was typed stays.
    page.get_by_role("link", name="Change – Registration of Mission cities").click()
    assert_accessible(page)
    expect(page.get_by_label("Closes")).to_have_value("2026-03-31T17:00")
    page.get_by_label("Title:", exact=True).fill("Mission cities register")
    # The French reader gets a description of their own.
    page.locator("summary", has_text="French").click()
    page.get_by_label("Description (French)").fill("Les villes de la Mission s’inscrivent.")
    page.get_by_label("Closes").fill("2026-01-31T17:00")
    page.get_by_role("button", name="Save the window").click()
    expect(page.get_by_text("A window must close after it opens.")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Mission cities register")
    expect(page.get_by_label("Description (French)")).to_have_value(
        "Les villes de la Mission s’inscrivent."
    )
    page.get_by_label("Closes").fill("2026-04-03T17:00")
    page.get_by_role("button", name="Save the window").click()
    expect(page.get_by_text("The window is saved.")).to_be_visible()
    assert_accessible(page)

    # The extension is its own action, with a reason, and must close later.
    page.get_by_role("link", name="Extend – Mission cities register").click()
    assert_accessible(page)
    page.get_by_label("New closing time").fill("2026-04-01T17:00")
    page.get_by_label("Reason").fill("Easter holidays in many countries.")
    page.get_by_role("button", name="Extend the window").click()
    expect(
        page.get_by_text("An extension must close the window later than it closes now.")
    ).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_label("Reason")).to_have_value("Easter holidays in many countries.")
    page.get_by_label("New closing time").fill("2026-04-17T17:00")
    page.get_by_role("button", name="Extend the window").click()
    expect(page.get_by_text("Mission cities register is extended.")).to_be_visible()
    expect(page.get_by_text("reason: Easter holidays in many countries.")).to_be_visible()
    assert_accessible(page)
    window.refresh_from_db()
    assert (window.ends_at, window.was_extended, window.translations) == (
        dt.datetime(2026, 4, 17, 17, tzinfo=ROME),
        True,
        {"fr": {"description": "Les villes de la Mission s’inscrivent."}},
    )

    # A webinar, created and then called off.
    page.goto(reverse("orga:webinars"))
    assert_accessible(page)
    page.get_by_role("link", name="Create a webinar").click()
    assert_accessible(page)
    page.get_by_label("Cohort").select_option(label="Cohort 5, 2026-2027")
    page.get_by_label("Title").fill("How twinning works")
    page.get_by_label("Starts").fill("2026-02-10T11:00")
    page.get_by_label("Ends").fill("2026-02-10T12:00")
    page.get_by_label("Time zone").fill("Europe/Rome")
    page.get_by_label("Places").fill("50")
    page.get_by_role("button", name="Save the webinar").click()
    expect(page.get_by_text("The webinar is saved.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Cancel the webinar").click()
    assert_accessible(page)
    page.get_by_label("Reason, told to the people registered").fill("The speaker is ill.")
    page.get_by_role("button", name="Cancel the webinar").click()
    expect(
        page.get_by_text("How twinning works is cancelled; the people registered are told")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Edit the webinar")).to_have_count(0)
    assert_accessible(page)

    webinar = Webinar.objects.get()
    page.goto(reverse("public:webinar_register", args=[webinar.pk]))
    expect(page.get_by_text("This webinar is cancelled; registration is closed.")).to_be_visible()
    assert_accessible(page)

    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "milestone.window_changed",
        "milestone.changed",
        "milestone.extended",
        "webinar.created",
        "webinar.called_off",
    ]
    assert OutgoingMail.objects.filter(template="webinar_called_off").count() == 0
