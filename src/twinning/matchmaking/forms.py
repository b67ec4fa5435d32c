"""Forms of Matchmaking Days: setting up a day, taking part, requests, attendance."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twinning.accounts.models import User
from twinning.common.people import display_name
from twinning.common.ranges import EARLIEST_YEAR, LATEST_YEAR, check_date_in_range, limit_dates
from twinning.matchmaking.domain.days import (
    DAY_FIELDS,
    Break,
    DayHours,
    check_day_settings,
    generate_slot_times,
)
from twinning.matchmaking.enums import MeetingOutcome
from twinning.matchmaking.models import MatchmakingDay

_HOURS = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")
_BREAK = re.compile(r"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text.zfill(5))


def _https_links(db_field, **kwargs):
    # An address typed without a scheme is taken as https, as Django 6 will do.
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class MatchmakingDayForm(forms.ModelForm):
    """Setting up or changing a day: days and breaks as lines of text, slots generated from
    them; deadlines in the day's own time zone."""

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
        fields = ["cohort", *DAY_FIELDS]
        formfield_callback = _https_links
        help_texts = {
            "tables": _("In person and hybrid: meetings at the venue. Empty for no limit."),
            "video_rooms": _(
                "Online: rooms per slot. Hybrid: a separate pool of rooms for every meeting "
                "with a city taking part online. Empty for no limit."
            ),
            "request_deadline": _("In the day's time zone."),
            "booking_deadline": _("In the day's time zone."),
        }
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in ("request_deadline", "booking_deadline")
        }

    DEADLINES = ("request_deadline", "booking_deadline")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_dates(self)
        self.fields["video_link_base"].assume_scheme = "https"
        day = self.instance
        if day.pk:
            # The cohort's cities are registered for the day: it stays in its cohort.
            self.fields["cohort"].disabled = True
            self.initial["day_hours"] = "\n".join(
                f"{d['date']} {d['start']}-{d['end']}" for d in day.days
            )
            self.initial["break_hours"] = "\n".join(f"{b['start']}-{b['end']}" for b in day.breaks)
            for name in self.DEADLINES:
                value = getattr(day, name)
                if value is not None:
                    self.initial[name] = timezone.localtime(value, day.zone).replace(tzinfo=None)

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
            try:
                check_date_in_range(hours[-1].date)
            except ValidationError:
                raise ValidationError(
                    _(
                        "“%(line)s” is out of range: give a date from the year %(earliest)d "
                        "to the year %(latest)d."
                    )
                    % {"line": line, "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
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
        zone = zoneinfo.ZoneInfo(data["time_zone"])
        for name in self.DEADLINES:
            # Typed as the day's wall-clock time, whatever the organiser's own time zone.
            data[name] = timezone.make_naive(data[name]).replace(tzinfo=zone)
        try:
            times = generate_slot_times(
                data["day_hours"],
                time_zone=data["time_zone"],
                slot_minutes=data["slot_minutes"],
                gap_minutes=data["gap_minutes"],
                breaks=data["break_hours"],
            )
            check_day_settings(
                times,
                format=data["format"],
                venue=data["venue"],
                request_deadline=data["request_deadline"],
                booking_deadline=data["booking_deadline"],
            )
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return data

    def day_settings(self) -> dict:
        """Keyword arguments for `create_matchmaking_day` / `update_matchmaking_day`."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name != "cohort"}
        return {**fields, "days": data["day_hours"], "breaks": data["break_hours"]}


class AttendeesForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who comes"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person.")},
    )

    online = forms.BooleanField(
        label=_("We take part online"),
        required=False,
        help_text=_(
            "This day is hybrid: tick if your city's people join from afar. Meetings of two "
            "cities online are in video rooms, the others at the venue's tables."
        ),
    )

    def __init__(self, *args, city, day=None, **kwargs):
        super().__init__(*args, **kwargs)

        if day is None or not day.is_hybrid:
            del self.fields["online"]

        self.fields["attendees"].queryset = User.objects.filter(memberships__city=city).order_by(
            "name", "email"
        )
        self.fields["attendees"].label_from_instance = display_name


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A short message"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to talk about (at most 600 characters)."),
    )


class MeetingReportsForm(forms.Form):
    """For each of the city's meetings that can be reported now, what happened; a meeting
    left without an answer is left as it was."""

    def __init__(self, *args, meetings, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = meetings
        for meeting in meetings:
            report = reports.get(meeting.pk)
            self.fields[self.field_name(meeting)] = forms.ChoiceField(
                label=_("What happened"),
                choices=MeetingOutcome.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=report.outcome if report else None,
            )

    @staticmethod
    def field_name(meeting) -> str:
        return f"meeting_{meeting.pk}"

    def rows(self):
        """Each meeting with its field."""
        return [(meeting, self[self.field_name(meeting)]) for meeting in self.meetings]

    def outcomes(self) -> dict[int, str]:
        """{meeting id: outcome} of the meetings given an answer."""
        return {
            meeting.pk: self.cleaned_data[self.field_name(meeting)]
            for meeting in self.meetings
            if self.cleaned_data.get(self.field_name(meeting))
        }
