"""A cohort's public texts in the reader's language, English when there is none."""

import pytest
from django.utils import translation

from tests.factories import CohortFactory, MilestoneFactory
from twinning.cohorts.enums import MilestoneKind
from twinning.common.languages import LocalText

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(
        why_join="Learn from a city that did it.",
        whats_new="Matchmaking Days in Torino.",
        translations={"fr": {"why_join": "Apprenez d'une ville qui l'a fait."}},
    )


def test_a_cohort_text_is_read_in_the_readers_language(cohort):
    with translation.override("fr"):
        assert cohort.local_text("why_join") == LocalText(
            "Apprenez d'une ville qui l'a fait.", "fr"
        )


def test_a_cohort_text_missing_in_the_readers_language_is_read_in_english(cohort):
    with translation.override("fr"):
        assert cohort.local_text("whats_new") == LocalText("Matchmaking Days in Torino.", "en")
    with translation.override("de"):
        assert cohort.local_text("why_join") == LocalText("Learn from a city that did it.", "en")


def test_a_regional_variant_reads_its_languages_text(cohort):
    with translation.override("fr-be"):
        assert cohort.local.why_join == LocalText("Apprenez d'une ville qui l'a fait.", "fr")


def test_a_translation_of_blanks_only_counts_as_none():
    cohort = CohortFactory(why_join="Learn.", translations={"de": {"why_join": "  "}})

    with translation.override("de"):
        assert cohort.local.why_join == LocalText("Learn.", "en")


def test_an_empty_text_removes_its_translation(cohort):
    cohort.set_text("why_join", "it", "Imparate da una città.")
    cohort.set_text("why_join", "fr", "")

    assert cohort.translations == {"it": {"why_join": "Imparate da una città."}}
    assert cohort.translated_languages == ["it"]


def test_english_is_the_models_own_field(cohort):
    cohort.set_text("why_join", "en", "Learn together.")

    assert cohort.why_join == "Learn together."
    assert cohort.text_in("why_join", "en") == "Learn together."
    assert cohort.text_in("why_join", "pl") == ""


def test_a_milestone_title_falls_back_to_english_then_to_its_kinds_name():
    titled = MilestoneFactory(
        kind=MilestoneKind.MATCHMAKING,
        title="Matchmaking Days in Torino",
        translations={"it": {"title": "Giornate di matchmaking a Torino"}},
    )
    untitled = MilestoneFactory(kind=MilestoneKind.MATCHMAKING, title="")

    with translation.override("it"):
        assert titled.local_label == LocalText("Giornate di matchmaking a Torino", "it")
        assert untitled.local_label.language == "it"
    with translation.override("pl"):
        assert titled.local_label == LocalText("Matchmaking Days in Torino", "en")
    assert titled.label == "Matchmaking Days in Torino"
