"""Dates, times and amounts as the reader's language writes them.

Django's named formats (DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT...) decide,
from the platform's format modules (twinning/site/formats/) or Django's own.
Django looks up only its own names there, so the project's few extra ones (an
event's weekday, date and time) are looked up here, in the same modules.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.utils import formats, timezone

# The project's own named formats, with the English pattern used when a language's
# format module does not name them.
EXTRA_FORMATS = {
    "WEEKDAY_DATE_FORMAT": "l j F Y",
    "WEEKDAY_DATETIME_FORMAT": "l j F Y, H:i",
    "SHORT_WEEKDAY_DATETIME_FORMAT": "D j M, H:i",
}


def get_format(name: str, lang: str | None = None) -> str:
    """The date pattern of a named format in `lang` (default: the active language).

    Django's names and the project's (EXTRA_FORMATS) are both understood; any
    other text is returned as it is, as Django's `get_format` does.
    """
    if name not in EXTRA_FORMATS:
        return formats.get_format(name, lang)
    for module in formats.get_format_modules(lang):
        value = getattr(module, name, None)
        if value is not None:
            return value
    return EXTRA_FORMATS[name]


def format_date(value: dt.date | dt.datetime, name: str = "DATE_FORMAT", *, zone=None) -> str:
    """`value` in the named format of the active language.

    An aware date-time is first moved to `zone` (a tzinfo or a zone name), or to
    the current time zone; a date or a naive time is written as it is.
    """
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        if isinstance(zone, str):
            zone = zoneinfo.ZoneInfo(zone)
        value = timezone.localtime(value, zone)
    return formats.date_format(value, get_format(name))


def format_in_zone(moment: dt.datetime, zone, name: str = "WEEKDAY_DATETIME_FORMAT") -> str:
    """A moment as read in `zone` (a tzinfo or a zone name), followed by the zone's
    abbreviation: “Tuesday 16 December 2025, 12:00 CET”."""
    if isinstance(zone, str):
        zone = zoneinfo.ZoneInfo(zone)
    return formats.date_format(timezone.localtime(moment, zone), get_format(name) + " T")


def format_date_range(first: dt.date, last: dt.date) -> str:
    """Two days as one stretch: “28–29 May 2026”, “28 May 2026 – 2 June 2026”, or one
    day, in the active language's DATE_FORMAT.

    The first day's number is written alone when the language writes the day first
    (“28.–29. Mai 2026” in German); otherwise both dates are written in full.
    """
    if first == last:
        return format_date(first)
    pattern = get_format("DATE_FORMAT")
    day_part = pattern.split(" ", 1)[0]
    day_first = day_part.rstrip(".") in {"j", "d"}
    if day_first and (first.year, first.month) == (last.year, last.month):
        return f"{formats.date_format(first, day_part)}–{format_date(last)}"
    return f"{format_date(first)} – {format_date(last)}"


def format_amount(value: Decimal | float | int | None) -> str:
    """A sum of money with two decimals and the language's separators: 1,234.50 in
    English, 1 234,50 in French; empty for None."""
    if value is None:
        return ""
    return formats.number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def format_number(value: float | int | None, decimal_pos: int | None = None) -> str:
    """A figure read by people, grouped with the language's separators (12,345)."""
    if value is None:
        return ""
    return formats.number_format(value, decimal_pos, use_l10n=True, force_grouping=True)
