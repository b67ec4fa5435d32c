"""Feedback: a workshop's participant answers from the mailed link without signing in,
and the organiser sees the results through the menu. Every page is checked with axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import CohortFactory, OrganiserFactory
from tests.factories.feedback import answered, invitation, survey_with_questions

pytestmark = pytest.mark.browser


def test_a_participant_answers_from_the_link_and_the_organiser_sees_the_results(page):
    survey = survey_with_questions(CohortFactory(name="Cohort 5, 2026-2027"))
    answered(survey, scale=3, choice="Too long")
    invited = invitation(survey)
    OrganiserFactory(email="olivia@programme.eu")

    page.goto(f"/feedback/{invited.token}/")
    expect(page.get_by_role("heading", name="How was it?", level=1)).to_be_visible()
    assert_accessible(page)
    # A required question left out: the page says so and keeps what was typed.
    page.get_by_role("group", name="What would you change?").get_by_label("Your answer").fill(
        "More time for questions"
    )
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_label("Your answer")).to_have_value("More time for questions")
    page.get_by_role("group", name="How useful was it? (required)").get_by_label(
        "5 (excellent)"
    ).check()
    page.get_by_role("group", name="Was it the right length?").get_by_label("Right").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are received.")).to_be_visible()
    assert_accessible(page)

    sign_in(page, "olivia@programme.eu")
    page.goto("/orga/")
    sections = page.get_by_role("navigation", name="Sections")
    sections.get_by_role("link", name="Programme year").click()
    sections.get_by_role("link", name="Feedback").click()
    expect(page.get_by_role("heading", name="Feedback surveys", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Results of How was it?").click()
    expect(page.get_by_text("Average 4.0 of 5, from 2 answers.")).to_be_visible()
    expect(page.get_by_text("More time for questions")).to_be_visible()
    assert_accessible(page)
