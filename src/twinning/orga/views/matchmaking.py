"""Organiser pages of Matchmaking Days: runs of the scheduler, locking, publishing, the grid."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from twinning.common.exports import FORMATS, export_response
from twinning.matchmaking.domain.queries import day_grid, draft_schedule
from twinning.matchmaking.domain.schedule import (
    publish_schedule,
    set_meeting_attendance,
    set_meeting_locked,
    start_schedule_run,
)
from twinning.matchmaking.enums import RequestState, RunStatus
from twinning.matchmaking.models import MatchmakingDay, Meeting, ScheduleRun


def organisers_only(view):
    return login_required(permission_required("matchmaking.manage", raise_exception=True)(view))


@organisers_only
def day_list(request):
    days = MatchmakingDay.objects.select_related("cohort").annotate(
        participant_count=Count("participations", distinct=True),
        accepted_count=Count(
            "requests", filter=Q(requests__state=RequestState.ACCEPTED), distinct=True
        ),
    )
    return render(request, "orga/matchmaking/days.html", {"days": list(days)})


@organisers_only
def day_detail(request, pk):
    """The day's figures, its runs, and the draft schedule with locks."""
    day = get_object_or_404(MatchmakingDay.objects.select_related("cohort"), pk=pk)
    meetings = draft_schedule(day)
    runs = list(day.runs.select_related("created_by")[:10])
    return render(
        request,
        "orga/matchmaking/day.html",
        {
            "day": day,
            "meetings": meetings,
            "placed": [m for m in meetings if m.slot_id],
            "left_out": [m for m in meetings if not m.slot_id],
            "runs": runs,
            "latest": runs[0] if runs else None,
            "participant_count": day.participations.count(),
            "RunStatus": RunStatus,
        },
    )


@require_POST
@organisers_only
def run_start(request, pk):
    day = get_object_or_404(MatchmakingDay, pk=pk)
    run = start_schedule_run(day, by=request.user)
    return redirect("orga:matchmaking_run", run.pk)


@organisers_only
def run_detail(request, pk):
    """A run's progress; once done, its figures and the engine's reasons."""
    run = get_object_or_404(ScheduleRun.objects.select_related("day"), pk=pk)
    unscheduled = []
    if run.result:
        requests = {
            m.request.engine_id: m
            for m in Meeting.objects.filter(day=run.day).select_related(
                "request__from_city", "request__to_city"
            )
        }
        unscheduled = [
            {"meeting": requests.get(item["meeting"]), "reason": item["reason"]}
            for item in run.result["unscheduled"]
        ]
    return render(
        request,
        "orga/matchmaking/run.html",
        {
            "run": run,
            "day": run.day,
            "in_progress": run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
            "placed_count": len(run.result["scheduled"]) if run.result else 0,
            "unscheduled": unscheduled,
        },
    )


@require_POST
@organisers_only
def meeting_lock(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        set_meeting_locked(meeting, request.POST.get("locked") == "1", by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("orga:matchmaking_day", meeting.day_id)


@require_POST
@organisers_only
def publish(request, pk):
    day = get_object_or_404(MatchmakingDay, pk=pk)
    try:
        placed = publish_schedule(day, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The schedule is published: %(count)d meetings; each city is mailed its agenda.")
            % {"count": placed},
        )
    return redirect("orga:matchmaking_day", day.pk)


@organisers_only
def grid(request, pk):
    """The published grid per slot and table, printable; attendance is ticked here."""
    day = get_object_or_404(MatchmakingDay, pk=pk)
    if request.method == "POST":
        held = {int(v) for v in request.POST.getlist("held") if v.isdigit()}
        count = set_meeting_attendance(day, held, by=request.user)
        messages.success(
            request, _("Attendance saved: %(count)d meetings held.") % {"count": count}
        )
        return redirect("orga:matchmaking_grid", day.pk)
    tables, rows = day_grid(day)
    for row in rows:
        row["local"] = timezone.localtime(row["slot"].starts_at, day.zone)
    return render(
        request, "orga/matchmaking/grid.html", {"day": day, "tables": tables, "rows": rows}
    )


@organisers_only
def grid_export(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404
    day = get_object_or_404(MatchmakingDay, pk=pk)
    headers = [_("Start"), _("End"), _("Table or room"), _("City"), _("City"), _("Held")]
    meetings = (
        Meeting.objects.filter(day=day, published=True, published_slot__isnull=False)
        .select_related("published_slot", "request__from_city", "request__to_city")
        .order_by("published_slot__starts_at", "published_table", "id")
    )
    rows = (
        [
            timezone.localtime(m.published_slot.starts_at, day.zone).replace(tzinfo=None),
            timezone.localtime(m.published_slot.ends_at, day.zone).replace(tzinfo=None),
            m.published_table,
            m.request.from_city.display_name,
            m.request.to_city.display_name,
            m.attended,
        ]
        for m in meetings
    )
    return export_response(fmt, f"matchmaking-{day.pk}-grid", headers, rows)
