"""Organiser pages of Matchmaking Days: runs of the scheduler, locking, publishing, the grid."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST

from twinning.cohorts.domain.queries import current_cohort
from twinning.common import l10n
from twinning.common.exports import FORMATS, export_response
from twinning.common.forms import refuse_on_form
from twinning.common.people import contact_email, display_name
from twinning.common.permissions import requires
from twinning.common.runs import STUCK_AFTER, RunStatus, is_stuck
from twinning.matchmaking.domain.days import create_matchmaking_day, update_matchmaking_day
from twinning.matchmaking.domain.queries import (
    day_attendance,
    day_grid,
    day_with_cohort_or_404,
    days_with_counts,
    draft_schedule,
    held_meetings_in_grid_order,
    latest_done_run,
    matchmaking_day_or_404,
    meeting_or_404,
    participant_count,
    participations_with_people,
    runs_of_day,
    schedule_run_or_404,
    schedule_run_with_day_or_404,
    slot_count,
    slots_of_day,
)
from twinning.matchmaking.domain.reports import reporting_closes_at, reporting_refusal
from twinning.matchmaking.domain.schedule import (
    publish_schedule,
    requeue_schedule_run,
    set_meeting_attendance,
    set_meeting_locked,
    set_people_present,
    start_schedule_run,
)
from twinning.matchmaking.enums import MeetingOutcome, ReportStatus
from twinning.matchmaking.forms import MatchmakingDayForm
from twinning.orga.views.schedule_reasons import left_out_meetings


@requires("matchmaking.manage")
def day_list(request):
    return render(request, "orga/matchmaking/days.html", {"days": days_with_counts()})


@requires("matchmaking.manage")
def day_new(request):
    """Set up a Matchmaking Day; its slots are generated from the days, hours and breaks."""
    cohort = current_cohort()
    form = MatchmakingDayForm(
        request.POST or None,
        initial={
            "cohort": cohort.pk if cohort else None,
            "time_zone": "Europe/Brussels",
            "slot_minutes": 25,
            "gap_minutes": 5,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            day = create_matchmaking_day(
                cohort=form.cleaned_data["cohort"], **form.day_settings(), by=request.user
            )
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            slots = slot_count(day)
            messages.success(
                request,
                ngettext(
                    "%(day)s is set up with %(count)d slot.",
                    "%(day)s is set up with %(count)d slots.",
                    slots,
                )
                % {"day": day.name, "count": slots},
            )
            return redirect("orga:matchmaking_day", day.pk)
    return render(
        request,
        "orga/matchmaking/day_form.html",
        {"form": form, "day": None},
        status=400 if form.is_bound else 200,
    )


@requires("matchmaking.manage")
def day_edit(request, pk):
    """Change a day's settings; slots follow, within what the schedule allows."""
    day = day_with_cohort_or_404(pk)
    form = MatchmakingDayForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        try:
            change = update_matchmaking_day(day, **form.day_settings(), by=request.user)
        except ValidationError as error:
            refuse_on_form(form, error)
        else:
            messages.success(request, _("The day is saved."))
            if change.added or change.removed:
                messages.info(
                    request,
                    ngettext(
                        "Slots: %(added)d added, %(removed)s. New slots are open to "
                        "every registered city, which can untick them.",
                        "Slots: %(added)d added, %(removed)s. New slots are open to "
                        "every registered city, which can untick them.",
                        change.added,
                    )
                    % {
                        "added": change.added,
                        "removed": ngettext(
                            "%(count)d removed", "%(count)d removed", change.removed
                        )
                        % {"count": change.removed},
                    },
                )
            if change.unplaced:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d meeting lost its slot and waits for the next run of "
                        "the scheduler.",
                        "%(count)d meetings lost their slot and wait for the next run of "
                        "the scheduler.",
                        change.unplaced,
                    )
                    % {"count": change.unplaced},
                )
            return redirect("orga:matchmaking_day", day.pk)
    day.refresh_from_db()  # the form's checks set the typed values on the object
    return render(
        request,
        "orga/matchmaking/day_form.html",
        {"form": form, "day": day},
        status=400 if form.is_bound else 200,
    )


# The day's page lists its latest runs.
RUNS_SHOWN = 10


@requires("matchmaking.manage")
def day_detail(request, pk):
    """The day's figures, its runs, and the draft schedule with locks."""
    day = day_with_cohort_or_404(pk)
    meetings = draft_schedule(day)
    runs = runs_of_day(day, limit=RUNS_SHOWN)
    for run in runs:
        run.stuck = is_stuck(run)
    done = next((run for run in runs if run.status == RunStatus.DONE), None)
    if done is None and len(runs) == RUNS_SHOWN:
        # The meetings' reasons are the last finished run's, even one older than those shown.
        done = latest_done_run(day)
    reasons = {}
    if done is not None:
        done.day = day
        reasons = {
            item["meeting"]: item["why"] for item in left_out_meetings(done, slots_of_day(day))
        }
    left_out = [m for m in meetings if not m.slot_id]
    for meeting in left_out:
        meeting.why = reasons.get(meeting.request.engine_id) or meeting.reason
    return render(
        request,
        "orga/matchmaking/day.html",
        {
            "day": day,
            "meetings": meetings,
            "placed": [m for m in meetings if m.slot_id],
            "left_out": left_out,
            "runs": runs,
            "latest": runs[0] if runs else None,
            "slot_count": slot_count(day),
            "participant_count": participant_count(day),
            "RunStatus": RunStatus,
        },
    )


@require_POST
@requires("matchmaking.manage")
def run_start(request, pk):
    day = matchmaking_day_or_404(pk)
    run = start_schedule_run(day, by=request.user)
    return redirect("orga:matchmaking_run", run.pk)


@requires("matchmaking.manage")
def run_detail(request, pk):
    """A run's progress; once done, its figures and the engine's reasons."""
    run = schedule_run_with_day_or_404(pk)
    unscheduled = left_out_meetings(run, slots_of_day(run.day)) if run.result else []
    stuck = is_stuck(run)
    return render(
        request,
        "orga/matchmaking/run.html",
        {
            "run": run,
            "day": run.day,
            "in_progress": run.status in (RunStatus.QUEUED, RunStatus.RUNNING) and not stuck,
            "stuck": stuck,
            "stuck_minutes": int(STUCK_AFTER.total_seconds() // 60),
            "placed_count": len(run.result["scheduled"]) if run.result else 0,
            "unscheduled": unscheduled,
            "gap": run.upper_bound - run.total_priority if run.result else None,
        },
    )


@require_POST
@requires("matchmaking.manage")
def run_requeue(request, pk):
    run = schedule_run_or_404(pk)
    try:
        requeue_schedule_run(run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The run is queued again."))
    return redirect("orga:matchmaking_run", run.pk)


@require_POST
@requires("matchmaking.manage")
def meeting_lock(request, pk):
    meeting = meeting_or_404(pk)
    try:
        set_meeting_locked(meeting, request.POST.get("locked") == "1", by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("orga:matchmaking_day", meeting.day_id)


@require_POST
@requires("matchmaking.manage")
def publish(request, pk):
    day = matchmaking_day_or_404(pk)
    try:
        placed = publish_schedule(day, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The schedule is published: %(count)d meeting; each city is mailed its agenda.",
                "The schedule is published: %(count)d meetings; each city is mailed its agenda.",
                placed,
            )
            % {"count": placed},
        )
    return redirect("orga:matchmaking_day", day.pk)


@requires("matchmaking.manage")
def grid(request, pk):
    """The published grid per slot and table, printable; attendance is ticked here: the
    meetings held, and who of each city's registered people came."""
    day = matchmaking_day_or_404(pk)
    if request.method == "POST":
        held = {int(v) for v in request.POST.getlist("held") if v.isdigit()}
        count = set_meeting_attendance(day, held, by=request.user)
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)d meeting held.",
                "Attendance saved: %(count)d meetings held.",
                count,
            )
            % {"count": count},
        )
        return redirect("orga:matchmaking_grid", day.pk)
    columns, rows = day_grid(day)
    for row in rows:
        # In the day's own zone, which the caption names, whatever the reader's zone.
        row["label"] = l10n.format_date(
            row["slot"].starts_at, "SHORT_WEEKDAY_DATETIME_FORMAT", zone=day.zone
        )
    return render(
        request,
        "orga/matchmaking/grid.html",
        {
            "day": day,
            "columns": columns,
            "rows": rows,
            "participations": participations_with_people(day),
        },
    )


@require_POST
@requires("matchmaking.manage")
def people_present(request, pk):
    """Who of each city's registered people came to the day."""
    day = matchmaking_day_or_404(pk)
    present = set()
    for value in request.POST.getlist("present"):
        participation, _sep, person = value.partition("-")
        if participation.isdigit() and person.isdigit():
            present.add((int(participation), int(person)))
    try:
        count = set_people_present(day, present, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)d person came.",
                "Attendance saved: %(count)d people came.",
                count,
            )
            % {"count": count},
        )
    return redirect(f"{reverse('orga:matchmaking_grid', args=[day.pk])}#people-heading")


@requires("matchmaking.manage")
def grid_export(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404
    day = matchmaking_day_or_404(pk)
    headers = [
        pgettext("time a meeting begins", "Start"),
        _("End"),
        _("Place"),
        _("Table or room"),
        _("City"),
        _("City"),
        _("Held"),
    ]
    meetings = held_meetings_in_grid_order(day)
    rows = (
        [
            timezone.localtime(m.published_slot.starts_at, day.zone).replace(tzinfo=None),
            timezone.localtime(m.published_slot.ends_at, day.zone).replace(tzinfo=None),
            str(_("video room") if m.in_video_room else _("table")),
            m.published_table,
            m.request.from_city.display_name,
            m.request.to_city.display_name,
            m.attended,
        ]
        for m in meetings
    )
    return export_response(fmt, f"matchmaking-{day.pk}-grid", headers, rows)


@requires("matchmaking.manage")
def people_export(request, pk, fmt):
    """Who each city registered for the day, and who came."""
    if fmt not in FORMATS:
        raise Http404
    day = matchmaking_day_or_404(pk)
    headers = [_("City"), _("Taking part as"), _("Online"), _("Name"), _("E-mail"), _("Came")]
    rows = []
    for participation in participations_with_people(day):
        came = {user.pk for user in participation.present.all()}
        for person in participation.attendees.all():
            rows.append(
                [
                    participation.city.display_name,
                    participation.get_kind_display(),
                    participation.online,
                    display_name(person),
                    contact_email(person),
                    person.pk in came,
                ]
            )
    return export_response(fmt, f"matchmaking-{day.pk}-people", headers, rows)


def _city_report_rows(attendance):
    headers = [
        _("City"),
        _("Taking part as"),
        _("Meetings in the schedule"),
        _("Took place, say both cities"),
        _("Took place, says one city"),
        _("Did not come, says the other city"),
        _("Says the other city did not come"),
        _("Not reported by this city"),
        _("Ticked as held by the programme team"),
        _("Ticked as missed by the programme team"),
        _("People registered"),
        _("People who came, ticked by the programme team"),
    ]
    rows = [
        [
            row.city.display_name,
            row.participation.get_kind_display(),
            row.scheduled,
            row.held_both,
            row.held_one,
            row.absent,
            row.other_absent,
            row.unreported,
            row.ticked_held,
            row.ticked_missed,
            row.participation.registered_count,
            row.participation.present_count,
        ]
        for row in attendance.cities
    ]
    return headers, rows


def _meeting_report_rows(attendance):
    day = attendance.day
    headers = [
        pgettext("time a meeting begins", "Start"),
        _("City"),
        _("What it said"),
        _("City"),
        _("What it said"),
        _("Together"),
        _("Did not come, says the other city"),
        _("Held, ticked by the programme team"),
    ]
    rows = [
        [
            timezone.localtime(item.meeting.published_slot.starts_at, day.zone).replace(
                tzinfo=None
            ),
            item.meeting.request.from_city.display_name,
            MeetingOutcome(item.from_outcome).label if item.from_outcome else "",
            item.meeting.request.to_city.display_name,
            MeetingOutcome(item.to_outcome).label if item.to_outcome else "",
            item.status_label,
            ", ".join(city.display_name for city in item.absent_cities),
            item.meeting.attended,
        ]
        for item in attendance.meetings
    ]
    return headers, rows


REPORT_TABLES = {"cities": _city_report_rows, "meetings": _meeting_report_rows}


@requires("matchmaking.manage")
def report(request, pk):
    """The post-day report: per city and per meeting, what the cities reported, next to
    the programme team's own ticks."""
    day = day_with_cohort_or_404(pk)
    attendance = day_attendance(day)
    totals = attendance.totals
    return render(
        request,
        "orga/matchmaking/report.html",
        {
            "day": day,
            "attendance": attendance,
            "totals": totals,
            "statuses": [(status.label, totals[status.value]) for status in ReportStatus],
            "closes_at": reporting_closes_at(day),
            "open": reporting_refusal(day) is None,
        },
    )


@requires("matchmaking.manage")
def report_export(request, pk, table, fmt):
    """The post-day report per city or per meeting, as CSV or XLSX."""
    if fmt not in FORMATS or table not in REPORT_TABLES:
        raise Http404
    day = matchmaking_day_or_404(pk)
    headers, rows = REPORT_TABLES[table](day_attendance(day))
    return export_response(fmt, f"matchmaking-{day.pk}-report-{table}", headers, rows)
