"""A twinning's year on the demo data, click by click.

Évora's representative registers for a workshop and plans a visit to Torino; the
facilitator records who attended the workshop; the organiser approves the visit;
Évora claims the train with a receipt and reports the visit done; the organiser
approves and pays the claim. Every page is checked with axe-core.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from tests.factories.year import PDF_BYTES
from twinning.cities.models import City
from twinning.site.demo import DEMO_PASSWORD, load_demo
from twinning.visits.enums import ClaimState, VisitState
from twinning.visits.models import ExpenseClaim, Visit
from twinning.workshops.enums import Attendance
from twinning.workshops.models import Workshop, WorkshopRegistration

pytestmark = pytest.mark.browser

MISSION_MINDED = "mission-minded@demo.twinning.eu"
FACILITATOR = "facilitator@demo.twinning.eu"
ORGANISER = "organiser@demo.twinning.eu"
TWINNING = "Évora – Pécs – Torino"
WORKSHOP = "Financing the transition: green bonds and EU funds"


def _click(page, locator):
    locator.click()
    assert_accessible(page)


def _sign_in(page, email):
    sign_in(page, email, DEMO_PASSWORD)
    assert_accessible(page)


def _open_workspace(page):
    page.goto("/portal/")
    assert_accessible(page)
    _click(
        page,
        page.get_by_role("navigation", name="Sections").get_by_role(
            "link", name=re.compile("^Programme year")
        ),
    )
    _click(page, page.get_by_role("link", name=TWINNING))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Twinning {TWINNING}")


def test_a_twinning_year_workshop_visit_and_claim_on_the_demo_data(page, live_server):
    load_demo()
    torino = City.objects.get(name="Torino", is_mission_city=True).display_name
    today = timezone.localdate()

    # Évora registers for the coming workshop and plans the visit to Torino.
    _sign_in(page, MISSION_MINDED)
    _open_workspace(page)
    _click(page, page.get_by_role("button", name=f"Register for “{WORKSHOP}”"))
    expect(page.get_by_text("You are registered for “" + WORKSHOP)).to_be_visible()
    expect(page.get_by_role("link", name=f"Add “{WORKSHOP}” to your calendar")).to_be_visible()
    _click(page, page.get_by_role("link", name="Plan a visit"))
    page.get_by_label("Host city").select_option(label=torino)
    page.get_by_label("First day").fill(today.isoformat())
    page.get_by_label("Last day").fill((today + dt.timedelta(days=2)).isoformat())
    page.get_by_label("Agenda").fill("Day 1: the solar roofs of the centre. Day 2: the grid.")
    page.get_by_label("Miguel Silva (Évora)").check()
    _click(page, page.get_by_role("button", name="Save the visit"))
    expect(page.get_by_text("The visit is planned.")).to_be_visible()
    _click(page, page.get_by_role("button", name="Submit for approval"))
    expect(page.get_by_text("The visit is now: submitted for approval.")).to_be_visible()
    sign_out(page)

    # The workshop takes place.
    workshop = Workshop.objects.get(title=WORKSHOP)
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )

    # The facilitator records who attended.
    _sign_in(page, FACILITATOR)
    page.goto("/orga/year/workshops/")
    assert_accessible(page)
    _click(page, page.get_by_role("link", name=WORKSHOP))
    page.get_by_label("Miguel Silva attended").check()
    _click(page, page.get_by_role("button", name="Save attendance"))
    expect(page.get_by_text("Attendance saved: 1 attended.")).to_be_visible()
    sign_out(page)

    # The organiser approves the visit.
    _sign_in(page, ORGANISER)
    page.goto("/orga/")
    assert_accessible(page)
    _click(
        page,
        page.get_by_role("navigation", name="Sections").get_by_role(
            "link", name=re.compile("^Programme year")
        ),
    )
    _click(
        page,
        page.get_by_role("navigation", name="Sections").get_by_role(
            "link", name="Visits", exact=True
        ),
    )
    _click(
        page, page.get_by_role("button", name=re.compile("^Approve: Visit to " + re.escape(torino)))
    )
    expect(page.get_by_text(re.compile(r"is now: approved\."))).to_be_visible()
    sign_out(page)

    # Évora claims the train with its receipt, and reports the visit done.
    _sign_in(page, MISSION_MINDED)
    _open_workspace(page)
    _click(page, page.get_by_role("link", name=torino, exact=True).first)
    page.get_by_label("What it was").fill("Train Évora – Lisboa – Torino")
    page.get_by_label("Amount paid").fill("180.50")
    page.get_by_label("Receipt").set_input_files(
        {"name": "ticket.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    _click(page, page.get_by_role("button", name="Send the claim"))
    expect(page.get_by_text("The claim is sent to the programme team.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^ticket.*\.pdf$"))).to_be_visible()
    _click(page, page.get_by_role("link", name=re.compile("^Visit to " + re.escape(torino))))
    page.get_by_label("Short report").fill("We saw how listed roofs carry solar panels.")
    _click(page, page.get_by_role("button", name="Mark the visit as done"))
    expect(page.get_by_text("The visit is now: done.")).to_be_visible()
    sign_out(page)

    # The organiser approves and pays the claim.
    _sign_in(page, ORGANISER)
    page.goto("/orga/year/claims/")
    assert_accessible(page)
    _click(page, page.get_by_role("link", name="Travel, 180.50 EUR"))
    _click(page, page.get_by_role("button", name="Approve", exact=True))
    expect(
        page.get_by_text("The claim is now: approved; the traveller is told by e-mail.")
    ).to_be_visible()
    _click(page, page.get_by_role("button", name="Mark as paid"))
    expect(
        page.get_by_text("The claim is now: paid; the traveller is told by e-mail.")
    ).to_be_visible()
    sign_out(page)

    visit = Visit.objects.get(host__name="Torino")
    claim = ExpenseClaim.objects.get(visit=visit)
    registration = WorkshopRegistration.objects.get(workshop=workshop, person__email=MISSION_MINDED)
    assert (visit.state, visit.report) == (
        VisitState.DONE,
        "We saw how listed roofs carry solar panels.",
    )
    assert (claim.state, claim.receipts.count()) == (ClaimState.PAID, 1)
    assert registration.attendance == Attendance.ATTENDED
