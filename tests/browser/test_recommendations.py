"""A Mission city's representative finds recommended twins, with the reasons they fit."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import CohortFactory, MembershipFactory, UserFactory
from tests.factories.recommendations import minded_city, mission_city
from twinning.themes.domain import ensure_theme_taxonomy

pytestmark = pytest.mark.browser


def test_a_mission_city_sees_recommended_twins_with_their_reasons(page):
    ensure_theme_taxonomy()  # a browser test's database starts empty
    cohort = CohortFactory(number=5, name="Cohort 5")
    torino = mission_city(
        cohort,
        "Torino",
        [
            ("built-environment", "Renovate our public housing faster, with tenants on board."),
            ("finance-funding", "Combine EU funds and private investment for district heating."),
        ],
        population=850_000,
    )
    minded_city(
        cohort,
        "Pamplona",
        [
            (
                "District heating for a retrofitted district",
                "A district heating network paid with EU funds and private investment.",
                ["energy-systems", "finance-funding"],
            )
        ],
        population=500_000,
        country="ES",
    )
    minded_city(
        cohort,
        "Kladno",
        [("Smart street lighting", "LED street lamps.", ["technology-infrastructure"])],
        country="CZ",
    )
    marta = MembershipFactory(city=torino, user=UserFactory(email="marta@comune.torino.it")).user

    sign_in(page, marta.email)
    assert_accessible(page)
    page.get_by_role("link", name="Recommended twins for Torino").click()

    expect(page.get_by_role("heading", name="Recommended twins for Torino")).to_be_visible()
    recommendation = page.get_by_role("article", name="Pamplona")
    expect(recommendation.get_by_text("Good fit")).to_be_visible()
    expect(recommendation.get_by_role("listitem")).to_have_text(
        [
            "Practice “District heating for a retrofitted district” answers your challenge "
            "“Combine EU funds and private investment for district heating.” "
            "(“district heating”, “eu funds”, “private investment”)",
            "Shared lever: Finance and funding",
            "Similar size: 500,000 inhabitants, and 850,000 in your city",
            "District heating for a retrofitted district",
        ]
    )
    expect(page.get_by_role("article", name="Kladno")).to_have_count(0)
    assert_accessible(page)

    recommendation.get_by_role("link", name="District heating for a retrofitted district").click()
    expect(
        page.get_by_role("heading", name="District heating for a retrofitted district")
    ).to_be_visible()
    assert_accessible(page)
