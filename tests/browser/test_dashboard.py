"""The organisers' dashboard: open it, switch cohorts, download a list and the report."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OrganiserFactory
from tests.factories.dashboard import known_cohort

pytestmark = pytest.mark.browser


def _download(page, link_name: str) -> tuple[str, bytes]:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    with open(download.value.path(), "rb") as stream:
        return download.value.suggested_filename, stream.read()


def test_organiser_opens_the_dashboard_switches_cohort_and_downloads_a_list_and_the_report(
    page,
):
    known_cohort()
    OrganiserFactory(email="olivia@programme.eu")

    sign_in(page, "olivia@programme.eu")
    page.get_by_role("link", name="Organisers").click()
    page.get_by_role("navigation", name="Programme team").get_by_role(
        "link", name="Dashboard"
    ).click()
    expect(page.get_by_role("heading", name="Dashboard: Cohort 5", level=1)).to_be_visible()
    funnel = page.get_by_role("table", name="Funnel")
    expect(funnel.get_by_role("row", name="Accepted 4 3 7 2 2 4")).to_be_visible()
    expect(page.get_by_role("img", name="Funnel of the cohort")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Registrations per week as a table").click()
    expect(page.get_by_role("table", name="Registrations per week")).to_be_visible()

    filename, content = _download(page, "Cities by country as XLSX")
    sheet = load_workbook(io.BytesIO(content)).active
    assert filename == "cohort-5-countries.xlsx"
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Finland",
        "Italy",
        "Portugal",
        "Slovakia",
    ]

    filename, content = _download(page, "Report of Cohort 5 (PDF)")
    assert (filename, content[:5]) == ("cohort-5-report.pdf", b"%PDF-")

    page.get_by_label("Cohort", exact=True).select_option(label="Cohort 4")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Dashboard: Cohort 4", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="Returning cities")).to_contain_text("Pécs")
    assert_accessible(page)
