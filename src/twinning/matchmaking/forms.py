"""Forms of Matchmaking Days: creating a day (admin), taking part, requests."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from twinning.matchmaking.domain.days import Break, DayHours, generate_slot_times
from twinning.matchmaking.models import MatchmakingDay

_HOURS = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")
_BREAK = re.compile(r"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text.zfill(5))


class MatchmakingDayForm(forms.ModelForm):
    """The admin's form: days and breaks as lines of text; slots are generated on saving."""

    day_hours = forms.CharField(
        label=_("Days and hours"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One day per line: 2026-05-28 09:00-17:30 (local time of the day)."),
    )
    break_hours = forms.CharField(
        label=_("Breaks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, every day: 12:30-13:30."),
    )

    class Meta:
        model = MatchmakingDay
        fields = [
            "cohort",
            "name",
            "format",
            "venue",
            "time_zone",
            "slot_minutes",
            "gap_minutes",
            "tables",
            "video_rooms",
            "video_link_base",
            "request_deadline",
            "booking_deadline",
            "request_cap",
        ]

    def clean_day_hours(self) -> list[DayHours]:
        hours = []
        for line in filter(str.strip, self.cleaned_data["day_hours"].splitlines()):
            match = _HOURS.match(line)
            try:
                hours.append(
                    DayHours(dt.date.fromisoformat(match[1]), _time(match[2]), _time(match[3]))
                )
            except (TypeError, ValueError):
                raise ValidationError(
                    _("“%(line)s” is not like 2026-05-28 09:00-17:30.") % {"line": line}
                ) from None
        if not hours:
            raise ValidationError(_("Give at least one day."))
        return hours

    def clean_break_hours(self) -> list[Break]:
        breaks = []
        for line in filter(str.strip, self.cleaned_data["break_hours"].splitlines()):
            match = _BREAK.match(line)
            try:
                breaks.append(Break(_time(match[1]), _time(match[2])))
            except (TypeError, ValueError):
                raise ValidationError(
                    _("“%(line)s” is not like 12:30-13:30.") % {"line": line}
                ) from None
        return breaks

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        times = generate_slot_times(
            data["day_hours"],
            time_zone=data["time_zone"],
            slot_minutes=data["slot_minutes"],
            gap_minutes=data["gap_minutes"],
            breaks=data["break_hours"],
        )
        if not times:
            raise ValidationError(_("These hours leave no room for a single slot."))
        return data


class AttendeesForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who comes"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person.")},
    )

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        from twinning.accounts.models import User

        self.fields["attendees"].queryset = User.objects.filter(memberships__city=city).order_by(
            "name", "email"
        )
        self.fields["attendees"].label_from_instance = lambda user: user.name or user.email


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A short message"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to talk about (at most 600 characters)."),
    )
