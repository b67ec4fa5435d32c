"""Public pages in the reader's language: a cohort's texts in it, else in English marked
lang="en"; practices marked with the language they are written in."""

import re

import pytest

from tests.factories import CohortFactory, MilestoneFactory, RegistrationFactory
from tests.factories.practices import PracticeFactory
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


def test_a_french_reader_reads_the_cohorts_french_texts(client, cohort):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr", follow=True).content.decode()

    assert '<html lang="fr">' in html
    assert '<div class="lead"><p>Les villes apprennent des villes.</p></div>' in html
    assert (
        _section(html, "why-heading") == "<div><p>Apprenez avec une ville qui a réussi.</p></div>"
    )


def test_a_text_without_french_is_shown_in_english_marked_as_english(client, cohort):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr", follow=True).content.decode()

    assert (
        _section(html, "new-heading") == '<div lang="en"><p>Matchmaking Days in Torino.</p></div>'
    )
    assert _milestones(html) == [
        ('<span lang="en">Registration of partner cities</span>', "<p>Sur invitation.</p>"),
        ("Journées de rencontre", '<p lang="en">Online and in Torino.</p>'),
    ]


def test_the_language_chosen_by_cookie_gives_its_texts(client, cohort):
    client.cookies["django_language"] = "fr"

    html = client.get("/", follow=True).content.decode()

    assert '<div class="lead"><p>Les villes apprennent des villes.</p></div>' in html


def test_a_reader_of_a_language_without_texts_reads_english_marked(client, cohort):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="pl", follow=True).content.decode()

    assert '<html lang="pl">' in html
    assert '<div class="lead" lang="en"><p>Cities learn from cities.</p></div>' in html
    assert (
        _section(html, "why-heading")
        == '<div lang="en"><p>Learn from a city that did it.</p></div>'
    )


def test_an_english_reader_reads_english_unmarked(client, cohort):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<div class="lead"><p>Cities learn from cities.</p></div>' in html
    assert _milestones(html) == [
        ("Registration of partner cities", "<p>By invitation.</p>"),
        ("Matchmaking Days", "<p>Online and in Torino.</p>"),
    ]


# ---- practices keep their own language ----


@pytest.fixture
def italian():
    return PracticeFactory(
        registration=RegistrationFactory(cohort=CohortFactory()),
        language="it",
        title="Piattaforma urbana di dati",
        summary="Dati aperti su energia e traffico.",
        description="Trento ha raccolto i dati.",
        replication_needs="Una università partner.",
    )


def test_a_practice_page_marks_its_texts_with_their_language(client, italian):
    html = client.get(f"/practices/{italian.slug}/").content.decode()

    assert '<h1 lang="it">Piattaforma urbana di dati</h1>' in html
    assert '<p class="lead" lang="it">Dati aperti su energia e traffico.</p>' in html
    assert '<div class="prose" lang="it"><p>Trento ha raccolto i dati.</p></div>' in html
    assert '<dd lang="it">Una università partner.</dd>' in html
    assert "<dt>Written in</dt><dd>Italian</dd>" in html


def test_the_catalogue_marks_each_practice_with_its_language(client, italian):
    english = PracticeFactory(registration=italian.registration, title="Solar schools")
    unknown = PracticeFactory(
        registration=italian.registration, title="Zelené střechy", language=""
    )

    html = client.get("/practices/").content.decode()

    titles = re.findall(r'<h2 class="h3"><a href="/practices/([^"]+)/"([^>]*)>', html)
    assert sorted(titles) == sorted(
        [(italian.slug, ' lang="it"'), (english.slug, ""), (unknown.slug, ' lang=""')]
    )
    assert '<p lang="it">Dati aperti su energia e traffico.</p>' in html


def test_a_practice_in_the_readers_language_needs_no_mark(client, italian):
    html = client.get(
        f"/practices/{italian.slug}/", HTTP_ACCEPT_LANGUAGE="it", follow=True
    ).content.decode()

    assert "<h1>Piattaforma urbana di dati</h1>" in html


def test_the_city_page_marks_its_practices(client, italian):
    city = italian.registration.city

    html = client.get(f"/cities/{city.slug}/").content.decode()

    assert f'<a href="/practices/{italian.slug}/" lang="it">Piattaforma urbana di dati</a>' in html
    assert '<p lang="it">Dati aperti su energia e traffico.</p>' in html
