"""Public pages in the reader's language: a cohort's texts in it, else in English marked
lang="en"; practices marked with the language they are written in."""

import re

import pytest

from tests.factories import CohortFactory, MilestoneFactory
from twinning.cohorts.enums import MilestoneKind

pytestmark = pytest.mark.django_db


def _section(html: str, heading_id: str) -> str:
    """The text block under a heading of the programme page."""
    return re.search(rf'<h2 id="{heading_id}">.*?</h2>\s*(<div[^>]*>.*?</div>)', html, re.S)[1]


def _milestones(html: str) -> list[tuple[str, str]]:
    """(title, description) of each milestone, with their markup."""
    items = re.findall(
        r'<h3 class="milestone-title">(.*?)\n.*?</h3>\s*(<p[^>]*>.*?</p>)', html, re.S
    )
    return [(title.strip(), description) for title, description in items]


@pytest.fixture
def cohort():
    cohort = CohortFactory(
        introduction="Cities learn from cities.",
        whats_new="Matchmaking Days in Torino.",
        why_join="Learn from a city that did it.",
        translations={
            "fr": {
                "introduction": "Les villes apprennent des villes.",
                "why_join": "Apprenez avec une ville qui a réussi.",
            },
        },
    )
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_MINDED_REGISTRATION,
        title="Registration of partner cities",
        description="By invitation.",
        translations={"fr": {"description": "Sur invitation."}},
    )
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MATCHMAKING,
        title="Matchmaking Days",
        description="Online and in Torino.",
        translations={"fr": {"title": "Journées de rencontre"}},
    )
    return cohort


def test_a_french_reader_reads_the_cohorts_french_texts(client, site_languages, cohort):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert '<html lang="fr">' in html
    assert '<div class="lead"><p>Les villes apprennent des villes.</p></div>' in html
    assert (
        _section(html, "why-heading") == "<div><p>Apprenez avec une ville qui a réussi.</p></div>"
    )


def test_a_text_without_french_is_shown_in_english_marked_as_english(
    client, site_languages, cohort
):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert (
        _section(html, "new-heading") == '<div lang="en"><p>Matchmaking Days in Torino.</p></div>'
    )
    assert _milestones(html) == [
        ('<span lang="en">Registration of partner cities</span>', "<p>Sur invitation.</p>"),
        ("Journées de rencontre", '<p lang="en">Online and in Torino.</p>'),
    ]


def test_the_language_chosen_by_cookie_gives_its_texts(client, site_languages, cohort):
    client.cookies["django_language"] = "fr"

    html = client.get("/").content.decode()

    assert '<div class="lead"><p>Les villes apprennent des villes.</p></div>' in html


def test_a_reader_of_a_language_without_texts_reads_english_marked(client, site_languages, cohort):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()

    assert '<html lang="pl">' in html
    assert '<div class="lead" lang="en"><p>Cities learn from cities.</p></div>' in html
    assert (
        _section(html, "why-heading")
        == '<div lang="en"><p>Learn from a city that did it.</p></div>'
    )


def test_an_english_reader_reads_english_unmarked(client, site_languages, cohort):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<div class="lead"><p>Cities learn from cities.</p></div>' in html
    assert _milestones(html) == [
        ("Registration of partner cities", "<p>By invitation.</p>"),
        ("Matchmaking Days", "<p>Online and in Torino.</p>"),
    ]
