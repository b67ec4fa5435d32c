"""The site in French and in Polish, as readers of those languages meet it.

Each page is checked with axe and for English left on it: any sentence of the English
source (four words or more) that has a translation must not appear in its English form.
"""

import datetime as dt
import re

import polib
import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import (
    PASSWORD,
    MilestoneFactory,
    MissionCityFactory,
    UserFactory,
    WebinarFactory,
    cohort_with_three_windows,
)
from tests.factories import CohortFactory as _CohortFactory
from twinning.cities.enums import RegistrationState
from twinning.cities.models import Registration
from twinning.cohorts.enums import MilestoneKind
from twinning.themes.domain import ensure_theme_taxonomy

LOCALE = settings.LOCALE_PATHS[0]


def english_sentences(language: str) -> list[str]:
    """Source sentences that read differently in `language`, longest first."""
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in po.translated_entries():
        text = entry.msgid
        if entry.msgid_plural or re.search(r"[%{<&]", text) or len(text.split()) < 4:
            continue
        if entry.msgstr.strip() != text.strip():
            found.add(text.strip())
    return sorted(found, key=len, reverse=True)


def assert_reads_in(page, language: str) -> None:
    """The page is in `language`: its html says so, axe passes, no English sentence is left."""
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    text = " ".join(page.locator("body").inner_text().split())
    left = [sentence for sentence in english_sentences(language) if sentence in text]
    assert left == [], f"English left on {page.url}"


def t(language: str, text: str) -> str:
    """`text` as the catalogue of `language` gives it; it must have a translation."""
    with translation.override(language):
        translated = gettext(text)
    assert translated != text or language == "en", f"no {language} translation of {text!r}"
    return translated


@pytest.fixture
def reader(chromium, live_server, transactional_db, request):
    """A browser whose person reads French (or Polish) and lives in Warsaw."""
    language = request.param
    context = chromium.new_context(
        base_url=live_server.url,
        locale={"fr": "fr-FR", "pl": "pl-PL"}[language],
        timezone_id="Europe/Warsaw",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield language, page
    context.close()


@pytest.mark.parametrize("reader", ["fr", "pl"], indirect=True)
def test_the_public_page_follows_the_browser_and_the_switcher(reader):
    language, page = reader
    cohort, *_windows = cohort_with_three_windows(number=5, name="Cohort 5")
    WebinarFactory(cohort=cohort, title="How to take part")

    # The first visit follows the browser's language.
    page.goto("/")
    assert page.url.endswith(f"/{language}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cohort 5")
    current = page.locator('ol.timeline > li[aria-current="step"]')
    expect(current).to_contain_text(t(language, "Open now"))
    alternates = page.locator('link[rel="alternate"][hreflang]')
    expect(alternates).to_have_count(7)  # six languages and the default
    assert_reads_in(page, language)

    # The switcher is a form: a keyboard and no script are enough.
    other = "pl" if language == "fr" else "fr"
    page.get_by_label(t(language, "Language")).select_option(other)
    page.get_by_role("button", name=t(language, "Change language")).press("Enter")
    expect(page).to_have_url(re.compile(rf"/{other}/$"))
    assert_reads_in(page, other)

    # The choice is kept: the English address leads back to it.
    page.goto("/practices/")
    expect(page).to_have_url(re.compile(rf"/{other}/practices/$"))
    assert_reads_in(page, other)

    # Choosing English returns to the unprefixed addresses.
    page.get_by_label(t(other, "Language")).select_option("en")
    page.get_by_role("button", name=t(other, "Change language")).click()
    expect(page).to_have_url(re.compile(r"/practices/$"))
    assert "/fr/" not in page.url and "/pl/" not in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.parametrize("reader", ["fr", "pl"], indirect=True)
def test_a_mission_city_registers_in_its_own_language(reader):
    language, page = reader
    ensure_theme_taxonomy()
    cohort = _CohortFactory(number=5, name="Cohort 5")
    start = timezone.now() - dt.timedelta(hours=1)
    MilestoneFactory(
        cohort=cohort,
        kind=MilestoneKind.MISSION_REGISTRATION,
        starts_at=start,
        ends_at=start + dt.timedelta(days=20),
    )
    MissionCityFactory(name="Kraków", name_en="Krakow", country="PL")
    person = UserFactory(email="anna@krakow.pl")

    page.goto("/accounts/login/")
    assert page.url.endswith(f"/{language}/accounts/login/")
    assert_reads_in(page, language)
    page.locator("input[name=login]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()

    page.goto("/portal/register/")
    expect(page).to_have_url(re.compile(rf"/{language}/portal/register/$"))
    assert_reads_in(page, language)
    page.get_by_role("link", name=t(language, "Register a Mission city")).click()
    assert_reads_in(page, language)
    page.get_by_label(t(language, "Mission city")).select_option(label="Kraków")
    page.get_by_role("button", name=t(language, "Start the registration")).click()
    assert_reads_in(page, language)
    page.get_by_role("navigation", name=t(language, "Steps of the registration")).get_by_role(
        "link", name=t(language, "Profile")
    ).click()
    page.get_by_label(t(language, "Profile of the city")).fill("Stolica Małopolski.")
    page.get_by_role("button", name=t(language, "Save and continue")).click()
    assert_reads_in(page, language)
    page.get_by_label(t(language, "Built environment")).fill("Szybsza renowacja mieszkań.")
    page.locator("#id_action_built-environment").fill("B.2")
    page.get_by_role("button", name=t(language, "Save and continue")).click()
    assert_reads_in(page, language)
    page.get_by_label(t(language, "Working languages")).fill("polski, English")
    page.get_by_label(t(language, "Representatives")).fill("Anna Nowak")
    page.get_by_role("button", name=t(language, "Save draft")).click()
    page.get_by_role("button", name=t(language, "Submit the registration")).click()
    expect(
        page.get_by_text(t(language, "Submitted. The programme team will review it."))
    ).to_be_visible()
    assert_reads_in(page, language)

    registration = Registration.objects.get()
    assert registration.state == RegistrationState.SUBMITTED
    # The language the person signed in with is kept for their mail.
    person.refresh_from_db()
    assert person.language == language
