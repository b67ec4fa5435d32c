"""The joint plan on the demo data, one browser context per person.

Torino's and Évora's representatives open the same section from the same version and
both save it: the second sees the conflict with both texts and merges them, nothing
lost. Torino submits the plan, the organiser approves it, and the plan downloads as PDF.
"""

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in, sign_out
from twinning.plans.enums import PlanState
from twinning.plans.models import JointPlan, PlanSection
from twinning.site.demo import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.browser

MISSION_CITY = "mission-city@demo.twinning.eu"
MISSION_MINDED = "mission-minded@demo.twinning.eu"
ORGANISER = "organiser@demo.twinning.eu"
TWINNING = "Évora – Pécs – Torino"
TORINO_TEXT = "Heritage approval could take longer than a year."
EVORA_TEXT = "Owners of listed buildings may not trust the new guide."


@contextmanager
def _person(chromium, live_server, email):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/Rome", accept_downloads=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in(page, email, DEMO_PASSWORD)
    assert_accessible(page)
    try:
        yield page
        sign_out(page)
    finally:
        context.close()


def _click(page, locator):
    locator.click()
    assert_accessible(page)


def _open_plan(page):
    """From the start page, through the twinning's workspace, to its plan."""
    page.goto("/portal/")
    _click(
        page,
        page.get_by_role("navigation", name="Sections").get_by_role(
            "link", name=re.compile("^Programme year")
        ),
    )
    _click(page, page.get_by_role("link", name=TWINNING))
    _click(page, page.get_by_role("link", name="Open the joint Replication Plan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Replication Plan of the twinning")


def test_both_cities_write_the_plan_resolve_a_simultaneous_edit_and_it_is_approved(
    chromium, live_server, transactional_db
):
    load_demo()

    with (
        _person(chromium, live_server, MISSION_CITY) as torino,
        _person(chromium, live_server, MISSION_MINDED) as evora,
    ):
        # Both open "Risks" at the same version.
        for page in (torino, evora):
            _open_plan(page)
            _click(page, page.get_by_role("link", name="Edit “Risks”"))

        torino.get_by_role("textbox", name="Text of the section").fill(TORINO_TEXT)
        _click(torino, torino.get_by_role("button", name="Save the section"))
        expect(torino.get_by_text("“Risks” is saved as version 1.")).to_be_visible()

        # Évora saves from the same version: nothing is overwritten, both texts are shown.
        evora.get_by_role("textbox", name="Text of the section").fill(EVORA_TEXT)
        _click(evora, evora.get_by_role("button", name="Save the section"))
        expect(evora.get_by_role("alert")).to_contain_text("while you were editing it")
        theirs = evora.get_by_role("region", name="Their saved text (version 1)")
        mine = evora.get_by_role("region", name="Your text (not saved yet)")
        expect(theirs).to_contain_text(TORINO_TEXT)
        expect(mine).to_contain_text(EVORA_TEXT)
        expect(evora.get_by_role("textbox", name="Text of the section")).to_have_value(EVORA_TEXT)

        # Évora merges both by hand and saves on top of Torino's version.
        evora.get_by_role("textbox", name="Text of the section").fill(
            f"{TORINO_TEXT}\n\n{EVORA_TEXT}"
        )
        _click(evora, evora.get_by_role("button", name="Save the merged text"))
        expect(evora.get_by_text("“Risks” is saved as version 2.")).to_be_visible()
        risks = evora.get_by_role("region", name="5. Risks")
        expect(risks).to_contain_text(TORINO_TEXT)
        expect(risks).to_contain_text(EVORA_TEXT)

        # The versions page compares what each saved.
        _click(evora, risks.get_by_role("link", name="Versions of “Risks”"))
        _click(evora, evora.get_by_role("button", name="Compare"))
        expect(evora.locator("ins").filter(has_text=EVORA_TEXT)).to_be_visible()
        expect(evora.locator(".plan-diff-same").filter(has_text=TORINO_TEXT)).to_be_visible()

        # Torino sees the merged text and submits the plan.
        torino.reload()
        assert_accessible(torino)
        expect(torino.get_by_role("region", name="5. Risks")).to_contain_text(EVORA_TEXT)
        _click(torino, torino.get_by_role("button", name="Submit the plan"))
        expect(torino.get_by_text("The plan is submitted to the programme team.")).to_be_visible()

    section = PlanSection.objects.get(plan__twinning__members__city__name="Torino", kind="risks")
    assert (section.version, section.text) == (2, f"{TORINO_TEXT}\n\n{EVORA_TEXT}")

    # The organiser approves it from the list of plans, then downloads it.
    with _person(chromium, live_server, ORGANISER) as page:
        page.goto("/orga/")
        assert_accessible(page)
        _click(page, page.get_by_role("link", name="Joint plans"))
        page.get_by_label("Cohort").select_option(label="Cohort 5, 2026-2027")
        _click(page, page.get_by_role("button", name="Show"))
        row = page.get_by_role("row").filter(has_text="Torino")
        row.get_by_label("Comment for the cities").fill("A plan that Torino can carry out.")
        _click(page, row.get_by_role("button", name="Approve"))
        expect(page.get_by_text("The plan is approved.")).to_be_visible()
        _click(page, page.get_by_role("row").filter(has_text="Torino").get_by_role("link"))
        expect(page.get_by_text("A plan that Torino can carry out.")).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download as PDF").click()
        pdf = download.value
        with open(pdf.path(), "rb") as stream:
            content = stream.read()
        assert content[:5] == b"%PDF-"
        assert pdf.suggested_filename.endswith(".pdf")

    plan = JointPlan.objects.get(twinning__members__city__name="Torino", twinning__cohort__number=5)
    assert plan.state == PlanState.APPROVED


def _with_password(user):
    from tests.factories import PASSWORD

    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def test_facilitator_comments_a_member_replies_and_a_returned_plan_is_submitted_again(page):
    from tests.factories import OrganiserFactory
    from tests.factories.plans import plan_of, planning_twinning
    from twinning.plans.domain import set_plan_state

    twinning, marta, _d = planning_twinning()
    plan = plan_of(twinning)
    facilitator = _with_password(twinning.facilitator)
    _with_password(marta)
    organiser = OrganiserFactory()
    set_plan_state(plan, PlanState.SUBMITTED, by=marta)
    plan_url = f"/portal/twinnings/{twinning.pk}/plan/"

    # The organiser returns the plan from its page, saying why.
    sign_in(page, organiser.email)
    page.goto(plan_url)
    assert_accessible(page)
    page.get_by_label("Return it to the cities with comments").check()
    page.get_by_label("Comment for the cities").fill("Name the baseline year.")
    _click(page, page.get_by_role("button", name="Record the decision"))
    expect(page.get_by_text("The plan is returned to the cities.")).to_be_visible()
    sign_out(page)

    # The facilitator comments on a section.
    sign_in(page, facilitator.email)
    page.goto(plan_url)
    assert_accessible(page)
    context = page.get_by_role("region", name="1. Context and ambition")
    context.get_by_label("Your comment on “Context and ambition”").fill("Which baseline year?")
    _click(page, context.get_by_role("button", name="Post the comment"))
    expect(page.get_by_text("Your comment is posted.")).to_be_visible()
    sign_out(page)

    # The member reads the return, replies, resolves the comment and submits again.
    sign_in(page, marta.email)
    page.goto(plan_url)
    assert_accessible(page)
    expect(page.get_by_text("Name the baseline year.")).to_be_visible()
    context = page.get_by_role("region", name="1. Context and ambition")
    context.get_by_text("Reply", exact=True).click()
    context.get_by_role("textbox", name="Your reply").fill("2019, as in the contract.")
    _click(page, context.get_by_role("button", name="Send the reply"))
    context = page.get_by_role("region", name="1. Context and ambition")
    expect(context.get_by_text("2019, as in the contract.")).to_be_visible()
    _click(page, context.get_by_role("button", name="Mark as resolved"))
    expect(
        page.get_by_role("region", name="1. Context and ambition").get_by_text("Resolved")
    ).to_be_visible()
    _click(page, page.get_by_role("button", name="Submit the plan"))
    expect(page.get_by_text("The plan is submitted to the programme team.")).to_be_visible()

    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
