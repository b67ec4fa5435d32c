"""Attendance reported by the cities after a Matchmaking Day: for each of its published
meetings, a city says whether it took place or whether the other city did not come."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinning.common import clock
from twinning.common.audit import record_action
from twinning.matchmaking.domain.queries import agenda, reports_of_city
from twinning.matchmaking.enums import MeetingOutcome
from twinning.matchmaking.models import DayParticipation, MatchmakingDay, Meeting, MeetingReport

# How long after the day's last session the cities can say (and change) what happened.
REPORTING_DAYS = 14


def reporting_closes_at(day: MatchmakingDay) -> dt.datetime | None:
    """When the cities can no longer say which meetings took place; None for a day with no
    sessions."""
    ends_at = day.ends_at
    return ends_at + dt.timedelta(days=REPORTING_DAYS) if ends_at else None


def reporting_refusal(day: MatchmakingDay, *, at=None) -> str | None:
    """Why no meeting of the day can be reported now, or None while reporting is open."""
    closes_at = reporting_closes_at(day)
    if not day.published_at or closes_at is None:
        return _("The schedule of %(day)s is not published.") % {"day": day.name}
    if (at or clock.now()) >= closes_at:
        return ngettext(
            "Reports on the meetings of %(day)s closed %(days)d day after the day.",
            "Reports on the meetings of %(day)s closed %(days)d days after the day.",
            REPORTING_DAYS,
        ) % {"day": day.name, "days": REPORTING_DAYS}
    return None


def meeting_report_refusal(meeting: Meeting, *, at=None) -> str | None:
    """Why the meeting cannot be reported now (its slot has not ended, or reporting closed),
    or None. The meeting must come with its day and published slot."""
    at = at or clock.now()
    refusal = reporting_refusal(meeting.day, at=at)
    if refusal:
        return refusal
    if meeting.published_slot is None or at < meeting.published_slot.ends_at:
        return _("A meeting can be reported once its slot has ended.")
    return None


def report_meetings(
    participation: DayParticipation, outcomes: dict[int, str], *, by
) -> list[MeetingReport]:
    """Store what the city says of its meetings, `{meeting id: outcome}`, replacing what it
    said before. Every meeting must be one of the city's published meetings whose slot has
    ended, at a day still open for reports; otherwise nothing is stored. Returns the reports
    that changed."""
    at = clock.now()
    valid = set(MeetingOutcome.values)
    if any(outcome not in valid for outcome in outcomes.values()):
        raise ValidationError(_("Choose what happened at each meeting from the list."))
    meetings = {meeting.pk: meeting for meeting in agenda(participation)}
    unknown = set(outcomes) - set(meetings)
    if unknown:
        raise ValidationError(_("A city can report only its own meetings."))
    for meeting_id in outcomes:
        refusal = meeting_report_refusal(meetings[meeting_id], at=at)
        if refusal:
            raise ValidationError(refusal)
    existing = reports_of_city(participation)
    changed = []
    with transaction.atomic():
        for meeting_id, outcome in outcomes.items():
            report = existing.get(meeting_id)
            if report is not None and report.outcome == outcome:
                continue
            if report is None:
                report = MeetingReport(meeting_id=meeting_id, city_id=participation.city_id)
            report.outcome = outcome
            report.reported_by = by
            report.at = at
            report.save()
            changed.append(report)
        if changed:
            record_action(
                "matchmaking.meetings_reported",
                participation,
                by=by,
                reports={str(r.meeting_id): r.outcome for r in changed},
            )
    return changed
