"""The range every date typed into the platform must fall in, and its one refusal.

A date outside it is a slip of the keyboard or a probe; year 1 or 9999 cannot
even be moved across time zones by Python, so stored, it would break every page
that shows it. Forms refuse it through `limit_dates`, the domain through
`check_date_in_range`, so the API cannot store it either.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

# What the browser's date pickers are told, so they offer no other years.
_PICKER_BOUNDS = {
    "date": (f"{EARLIEST_YEAR}-01-01", f"{LATEST_YEAR}-12-31"),
    "datetime-local": (f"{EARLIEST_YEAR}-01-01T00:00", f"{LATEST_YEAR}-12-31T23:59"),
}
_DATE_FIELDS = (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)


def check_date_in_range(value: dt.date | None) -> None:
    """ValidationError unless `value` (a date or a datetime) falls in the years
    EARLIEST_YEAR to LATEST_YEAR; None passes (a field left empty)."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Give a date from the year %(earliest)d to the year %(latest)d."),
            code="date_out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


def limit_date_field(field: forms.Field) -> forms.Field:
    """Make a date or date-time form field refuse dates out of range; other fields pass."""
    if isinstance(field, _DATE_FIELDS) and check_date_in_range not in field.validators:
        field.validators.append(check_date_in_range)
        widget = field.widget
        bounds = _PICKER_BOUNDS.get(widget.attrs.get("type") or getattr(widget, "input_type", ""))
        if bounds is not None:
            widget.attrs.setdefault("min", bounds[0])
            widget.attrs.setdefault("max", bounds[1])
    return field


def limit_dates(form: forms.BaseForm) -> None:
    """Make every date and date-time field of `form` refuse dates out of range."""
    for field in form.fields.values():
        limit_date_field(field)
