"""Dates, times and amounts are written as the reader's language writes them: English
day first on a 24-hour clock (never Django's American "Dec. 6, 2026, 2:30 p.m."), the
other languages in their own order, and an event's weekday, date and time too."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import CohortFactory, WebinarFactory
from twinning.common import clock, l10n

SUNDAY = dt.datetime(2026, 12, 6, 14, 30)
LANGUAGES = ["en", "fr", "de", "it", "es", "pl"]


def test_english_reads_the_day_before_the_month_on_a_24_hour_clock():
    with translation.override("en"):
        texts = [
            l10n.format_date(SUNDAY.date()),
            l10n.format_date(SUNDAY, "DATETIME_FORMAT"),
            l10n.format_date(SUNDAY, "SHORT_DATE_FORMAT"),
            l10n.format_date(SUNDAY, "SHORT_DATETIME_FORMAT"),
            l10n.format_date(SUNDAY, "TIME_FORMAT"),
            l10n.format_date(SUNDAY, "MONTH_DAY_FORMAT"),
            l10n.format_date(SUNDAY, "YEAR_MONTH_FORMAT"),
        ]

    assert texts == [
        "6 December 2026",
        "6 December 2026, 14:30",
        "06/12/2026",
        "06/12/2026 14:30",
        "14:30",
        "6 December",
        "December 2026",
    ]


def test_the_date_filter_of_templates_follows_the_same_formats():
    template = Template('{{ day|date }} · {{ day|date:"SHORT_DATE_FORMAT" }} · {{ day }}')

    with translation.override("en"):
        text = template.render(Context({"day": SUNDAY.date()}))

    assert text == "6 December 2026 · 06/12/2026 · 6 December 2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Sunday 6 December 2026, 14:30"),
        ("fr", "dimanche 6 décembre 2026 14:30"),
        ("de", "Sonntag, 6. Dezember 2026, 14:30"),
        ("it", "Domenica 6 Dicembre 2026 14:30"),
        ("es", "domingo 6 de diciembre de 2026 a las 14:30"),
        ("pl", "Niedziela, 6 grudnia 2026, 14:30"),
    ],
)
def test_an_event_reads_with_its_weekday_in_each_language(language, expected):
    with translation.override(language):
        assert l10n.format_date(SUNDAY, "WEEKDAY_DATETIME_FORMAT") == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_uses_the_24_hour_clock(language):
    with translation.override(language):
        times = [
            l10n.format_date(SUNDAY, "TIME_FORMAT"),
            l10n.format_date(SUNDAY, "DATETIME_FORMAT"),
            l10n.format_date(SUNDAY, "SHORT_DATETIME_FORMAT"),
            l10n.format_date(SUNDAY, "WEEKDAY_DATETIME_FORMAT"),
        ]

    assert [("14:30" in text, "p.m." in text, "PM" in text) for text in times] == [
        (True, False, False)
    ] * 4


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "6 December 2026"),
        ("fr", "6 décembre 2026"),
        ("de", "6. Dezember 2026"),
        ("es", "6 de diciembre de 2026"),
        ("pl", "6 grudnia 2026"),
    ],
)
def test_a_date_reads_day_first_in_each_language(language, expected):
    with translation.override(language):
        assert l10n.format_date(SUNDAY.date()) == expected


@pytest.mark.parametrize(
    ("language", "first", "last", "expected"),
    [
        ("en", dt.date(2026, 5, 28), dt.date(2026, 5, 29), "28–29 May 2026"),
        ("en", dt.date(2026, 5, 28), dt.date(2026, 6, 2), "28 May 2026 – 2 June 2026"),
        ("en", dt.date(2026, 5, 28), dt.date(2026, 5, 28), "28 May 2026"),
        ("de", dt.date(2026, 5, 28), dt.date(2026, 5, 29), "28.–29. Mai 2026"),
        ("es", dt.date(2026, 5, 28), dt.date(2026, 5, 29), "28–29 de mayo de 2026"),
        ("pl", dt.date(2026, 5, 28), dt.date(2026, 5, 29), "28–29 maja 2026"),
    ],
)
def test_a_stretch_of_days_names_the_month_once_when_it_can(language, first, last, expected):
    with translation.override(language):
        assert l10n.format_date_range(first, last) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1,234.50"), ("fr", "1\xa0234,50"), ("de", "1.234,50"), ("pl", "1\xa0234,50")],
)
def test_an_amount_has_two_decimals_and_the_languages_separators(language, expected):
    with translation.override(language):
        assert l10n.format_amount(Decimal("1234.5")) == expected


def test_a_moment_in_a_zone_is_written_there_with_its_abbreviation():
    moment = dt.datetime(2026, 12, 6, 13, 30, tzinfo=dt.UTC)

    with translation.override("en"):
        texts = [
            l10n.format_in_zone(moment, "Europe/Paris"),
            l10n.format_in_zone(moment, "Europe/Lisbon", "DATETIME_FORMAT"),
        ]

    assert texts == ["Sunday 6 December 2026, 14:30 CET", "6 December 2026, 13:30 WET"]


@pytest.mark.django_db
def test_a_french_reader_reads_a_page_in_french_order(client):
    WebinarFactory(
        cohort=CohortFactory(),
        starts_at=dt.datetime(2026, 12, 8, 13, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 12, 8, 14, 0, tzinfo=dt.UTC),
        time_zone="Europe/Paris",
    )

    with clock.frozen_at(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)):
        html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr", follow=True).content.decode()
    translation.activate("en")

    assert '<html lang="fr"' in html
    assert ">mardi 8 décembre 2026 14:00 CET</time>" in html
    assert "December 8, 2026" not in html
    assert "Dec. 8, 2026" not in html
