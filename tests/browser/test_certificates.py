import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories.plans import planning_twinning
from twinning.plans.models import Certificate
from twinning.programme.enums import TwinningState


def test_visitor_checks_a_certificate_and_an_unknown_code(page):
    twinning, mission_person, _minded = planning_twinning()
    twinning.state = TwinningState.COMPLETED
    twinning.save()
    city = twinning.members.get(role="mission").city
    Certificate.objects.create(
        code="Xq3-verified-code",
        twinning=twinning,
        city=city,
        person=mission_person,
        person_name="Marta Rossi",
        plan_kind="Replication Plan",
        plan_approved_on=dt.date(2027, 3, 1),
        workshops=["Funding the transition"],
        visits=["Évora, 2026-10-01"],
        issued_at=dt.datetime(2027, 10, 1, 9, tzinfo=dt.UTC),
    )

    page.goto("/certificates/Xq3-verified-code/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate of participation")
    expect(page.get_by_text("is genuine")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Marta Rossi")
    expect(page.locator("dl.facts")).to_contain_text("Funding the transition")
    assert_accessible(page)

    page.goto("/certificates/made-up/")

    expect(page.get_by_text("No certificate has the code “made-up”")).to_be_visible()
    assert_accessible(page)
