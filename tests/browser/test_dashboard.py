"""The organisers' dashboard: walk its sections, switch cohorts, download a list and the report."""

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


# (link in the sections' menu, what the section shows)
SECTIONS = [
    ("Registrations", ("img", "Registrations per week")),
    ("Matchmaking", ("table", "Matchmaking Days")),
    ("Selection", ("table", "Twinnings")),
    ("Programme year", ("table", "Visit budget")),
    ("Map", ("link", "Cities of the cohort as CSV")),
    ("All cohorts", ("table", "Returning cities")),
    ("Downloads and report", ("link", "Report of Cohort 5 (PDF)")),
    ("Overview", ("table", "Funnel of the Mission cities")),
]


def test_organiser_walks_the_dashboards_sections_switches_cohort_and_downloads(page):
    known_cohort()
    OrganiserFactory(email="olivia@programme.eu")

    sign_in(page, "olivia@programme.eu")
    page.get_by_role("link", name="Programme team").click()
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard: Cohort 5", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Overview", level=2)).to_be_visible()
    minded = page.get_by_role("table", name="Funnel of the Mission-minded cities")
    expect(minded.get_by_role("row", name="Invited 6 5")).to_be_visible()
    expect(page.get_by_role("img", name="Funnel of the Mission cities")).to_be_visible()
    assert_accessible(page)

    menu = page.get_by_role("navigation", name="Sections of the dashboard")
    for name, (role, shown) in SECTIONS:
        menu.get_by_role("link", name=name, exact=True).click()
        expect(page.get_by_role("heading", name=name, level=2)).to_be_visible()
        expect(menu.get_by_role("link", name=name, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        expect(page.get_by_role(role, name=shown).first).to_be_visible()
        assert_accessible(page)

    # The menu answers the keyboard: Tab reaches the sections, Enter opens one.
    menu.get_by_role("link", name="Registrations", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Registrations", level=2)).to_be_visible()
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

    menu.get_by_role("link", name="Downloads and report").click()
    filename, content = _download(page, "Report of Cohort 5 (PDF)")
    assert (filename, content[:5]) == ("cohort-5-report.pdf", b"%PDF-")

    # Another cohort, and the section stays the one being read.
    menu.get_by_role("link", name="All cohorts").click()
    page.get_by_label("Cohort", exact=True).select_option(label="Cohort 4")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Dashboard: Cohort 4", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="All cohorts", level=2)).to_be_visible()
    expect(page.get_by_role("table", name="Returning cities")).to_contain_text("Pécs")
    menu.get_by_role("link", name="Matchmaking", exact=True).click()
    expect(page.get_by_role("heading", name="Dashboard: Cohort 4", level=1)).to_be_visible()
    assert_accessible(page)
