"""Scheduling runs, locking, publishing, agendas by e-mail and as a calendar feed, reminders."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.common import clock
from twinning.common.audit import record_action
from twinning.common.calendar import CalendarEvent, build_calendar, event_uid
from twinning.common.runs import (
    RunStatus,
    claim_run,
    fail_run,
    finish_run,
    queue_run,
    requeue_run,
)
from twinning.common.tasks import enqueue_on_commit
from twinning.engine.errors import InvalidInstance
from twinning.engine.scheduling import pool_for, run_json
from twinning.mail.domain import Attachment, queue_mail
from twinning.matchmaking.domain.queries import agenda, held_meetings, participation_reminded
from twinning.matchmaking.enums import RequestState
from twinning.matchmaking.models import (
    DayParticipation,
    MatchmakingDay,
    Meeting,
    ScheduleRun,
)

logger = logging.getLogger(__name__)

REMINDER_BEFORE = dt.timedelta(days=1)

# The reason of a locked meeting the app keeps out of the engine's instance (beside the
# engine's own kinds of reason): a city took the locked slot out of its availability.
NO_LONGER_AVAILABLE = "no_longer_available"


def build_instance(day: MatchmakingDay) -> dict:
    """The scheduler's instance: slots, participants' availability and meeting cap, accepted
    meetings; locked meetings keep their slot as `fixed_slot`. Slots and cities carry the
    `name` the reasons for meetings left out use (its time, the city's name).

    Locked meetings that cannot all be kept (two of one city in one slot, more in a slot
    than it has tables) go to the engine as they are: it keeps the more valuable ones and
    the others come back unlocked, each with its reason. A locked meeting in a slot one of
    its cities took out of its availability cannot take place there, so it stays out of
    the engine's instance and is listed under `left_out` with its reason.

    At a hybrid day each slot also carries its video `rooms` and each meeting its `pool`:
    "rooms" when a city takes part online (the other joins the room from the venue, so
    nobody is left without a link), "tables" when both are at the venue; the engine
    schedules the two pools.
    """
    slots = list(day.slots.all())
    participations = list(
        day.participations.select_related("city").prefetch_related("availability")
    )
    meetings = list(
        Meeting.objects.filter(day=day, request__state=RequestState.ACCEPTED)
        .select_related("request")
        .order_by("request_id")
    )
    present = {p.city_id for p in participations}
    online = {p.city_id for p in participations if p.online}
    slot_of = {s.pk: s for s in slots}
    available = {p.city_id: {s.pk for s in p.availability.all()} for p in participations}
    names = {p.city_id: p.city.display_name for p in participations}
    sent, left_out = [], []
    for m in meetings:
        cities = (m.request.from_city_id, m.request.to_city_id)
        if not all(city in present for city in cities):
            continue
        fixed = slot_of.get(m.slot_id) if m.locked else None
        away = [city for city in cities if fixed is not None and fixed.pk not in available[city]]
        if away:
            reason = _(
                "%(city)s is no longer available at %(slot)s, where this meeting was locked."
            ) % {"city": names[away[0]], "slot": fixed}
            left_out.append(
                {
                    "meeting": m.request.engine_id,
                    "reason": reason,
                    "kind": NO_LONGER_AVAILABLE,
                    "participants": [f"c{away[0]}"],
                    "slot": fixed.engine_id,
                    "between": [f"c{cities[0]}", f"c{cities[1]}"],
                }
            )
            continue
        sent.append(
            {
                "id": m.request.engine_id,
                "participants": [f"c{cities[0]}", f"c{cities[1]}"],
                "priority": m.request.priority,
                "fixed_slot": fixed.engine_id if fixed is not None else None,
            }
        )
    instance = {
        "slots": [
            {
                "id": s.engine_id,
                "name": str(s),
                "start": s.starts_at.isoformat(),
                "end": s.ends_at.isoformat(),
                "capacity": s.capacity,
            }
            for s in slots
        ],
        "participants": [
            {
                "id": f"c{p.city_id}",
                "name": p.city.display_name,
                "available": sorted(s.engine_id for s in p.availability.all()),
                **({"max_meetings": day.max_meetings} if day.max_meetings is not None else {}),
            }
            for p in participations
        ],
        "meetings": sent,
    }
    if left_out:
        instance["left_out"] = left_out
    if day.is_hybrid:
        for slot in instance["slots"]:
            slot["rooms"] = day.video_rooms
        for meeting in instance["meetings"]:
            meeting["pool"] = pool_for(*(int(p[1:]) in online for p in meeting["participants"]))
    return instance


def solve_instance(instance: dict, *, time_limit: float | None) -> dict:
    """The contract's result for a stored instance; at a hybrid day (meetings with a
    `pool`) the engine gives tables and video rooms their own capacity and marks the
    meetings in a video room with `"room": true`."""
    return run_json(instance, time_limit=time_limit)


def start_schedule_run(day: MatchmakingDay, *, by) -> ScheduleRun:
    """Store the instance as it is now and hand the run to the task runner."""
    from twinning.matchmaking.tasks import task_run_schedule  # noqa: PLC0415 - circle: the tasks module imports this module

    with transaction.atomic():
        MatchmakingDay.objects.select_for_update().get(pk=day.pk)
        busy = day.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).first()
        if busy is not None:  # a double click: show the run already under way
            return busy
        run = ScheduleRun(day=day, instance=build_instance(day), created_by=by)
        return queue_run(run, by=by, task=task_run_schedule)


def run_schedule(run_id: int, *, time_limit: float | None = 60) -> ScheduleRun | None:
    """Solve a queued run and apply its result to the draft schedule of unlocked meetings."""
    run, claimed = claim_run(ScheduleRun, run_id)
    if not claimed:
        return run
    started = time.monotonic()
    try:
        result = solve_instance(run.instance, time_limit=time_limit)
    except InvalidInstance as error:
        # The engine's words name cities and slots by ids: the log keeps them for the
        # developers, the organisers read a sentence of their own.
        logger.warning("The scheduler refused run %s: %s", run.pk, error)
        return fail_run(run, _("The scheduler refused this run's input. Nothing was placed."))
    except Exception as error:  # the organisers see that the run failed, the log says why
        logger.exception("Scheduling run %s failed", run.pk)
        return fail_run(run, _("The scheduler stopped: %(error)s") % {"error": error})
    with transaction.atomic():
        run.total_priority = result["total_priority"]
        run.upper_bound = result["upper_bound"]
        finish_run(
            run,
            result,
            seconds=round(time.monotonic() - started, 3),
            fields=["total_priority", "upper_bound"],
            total_priority=run.total_priority,
            upper_bound=run.upper_bound,
        )
        _apply(run)
    return run


def _apply(run: ScheduleRun) -> None:
    slots = {s.engine_id: s for s in run.day.slots.all()}
    placed = {item["meeting"]: item for item in run.result["scheduled"]}
    reasons = {
        item["meeting"]: item["reason"]
        for item in [*run.instance.get("left_out", []), *run.result["unscheduled"]]
    }
    accepted = Meeting.objects.filter(day=run.day, request__state=RequestState.ACCEPTED)
    for meeting in accepted.select_related("request"):
        key = meeting.request.engine_id
        if key in placed:
            meeting.slot = slots[placed[key]["slot"]]
            meeting.table = placed[key]["table"]
            meeting.in_room = bool(placed[key].get("room"))
            meeting.reason = ""
        else:
            meeting.slot, meeting.table, meeting.in_room = None, None, False
            meeting.reason = reasons.get(key, _("Not in this run: a city is not registered."))
            meeting.locked = False
        meeting.save(update_fields=["slot", "table", "in_room", "reason", "locked"])


def requeue_schedule_run(run: ScheduleRun, *, by) -> ScheduleRun:
    """Queue a stuck run again with its stored instance."""
    from twinning.matchmaking.tasks import task_run_schedule  # noqa: PLC0415 - circle: the tasks module imports this module

    return requeue_run(run, by=by, task=task_run_schedule)


def set_meeting_locked(meeting: Meeting, locked: bool, *, by) -> Meeting:
    """Lock a placed meeting so that the next run keeps it in its slot."""
    if locked and meeting.slot_id is None:
        raise ValidationError(_("Only a meeting with a slot can be locked."))
    with transaction.atomic():
        meeting.locked = locked
        meeting.save(update_fields=["locked"])
        record_action("matchmaking.locked" if locked else "matchmaking.unlocked", meeting, by=by)
    return meeting


def publish_schedule(day: MatchmakingDay, *, by) -> int:
    """Show the draft to the cities; a moved meeting's calendar entry gets a higher SEQUENCE.
    Each city is mailed its agenda and reminders are queued. Returns the meetings placed."""
    with transaction.atomic():
        day = MatchmakingDay.objects.select_for_update().get(pk=day.pk)
        if not day.runs.filter(status=RunStatus.DONE).exists():
            raise ValidationError(_("Run the scheduler before publishing."))
        if day.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists():
            raise ValidationError(_("Wait until the run under way is done."))
        placed = 0
        # A cancelled meeting keeps its published place: calendars show it as cancelled.
        for meeting in Meeting.objects.filter(day=day, request__state=RequestState.ACCEPTED):
            now = (meeting.slot_id, meeting.table, meeting.in_room)
            changed = (
                meeting.published_slot_id,
                meeting.published_table,
                meeting.published_in_room,
            ) != now
            if meeting.published and changed:
                meeting.sequence += 1
            (
                meeting.published_slot_id,
                meeting.published_table,
                meeting.published_in_room,
            ) = now
            meeting.published = True
            meeting.save(
                update_fields=[
                    "published_slot",
                    "published_table",
                    "published_in_room",
                    "published",
                    "sequence",
                ]
            )
            placed += meeting.slot_id is not None
        day.published_at = clock.now()
        day.save(update_fields=["published_at"])
        record_action("matchmaking.published", day, by=by, meetings=placed)
        for participation in day.participations.select_related("city"):
            to = sorted(participation.attendees.values_list("email", flat=True))
            if to:
                queue_mail(
                    "matchmaking_agenda",
                    to,
                    _agenda_context(participation),
                    about=participation,
                    by=by,
                    attachments=[
                        Attachment("agenda.ics", agenda_calendar(participation), "text/calendar")
                    ],
                )
        schedule_day_reminders(day)
    return placed


def _agenda_context(participation: DayParticipation) -> dict:
    return {
        "participation": participation,
        "day": participation.day,
        "meetings": agenda(participation),
        "agenda_path": reverse_lazy(
            "portal:matchmaking_agenda", args=[participation.day_id, participation.city_id]
        ),
        "feed_path": reverse_lazy("portal:matchmaking_feed", args=[participation.feed_token]),
    }


def agenda_calendar(participation: DayParticipation) -> bytes:
    """The city's meetings as ICS: one UID per meeting for life; moved or dropped ones update."""
    day = participation.day
    events = []
    for meeting in _city_meetings(participation):
        other = meeting.request.other_city(participation.city)
        slot = meeting.published_slot
        cancelled = slot is None or meeting.request.state != RequestState.ACCEPTED
        slot = slot or meeting.slot or day.slots.first()
        if meeting.in_video_room:
            location = meeting.video_link()
        elif meeting.published_table:
            location = _("%(venue)s, table %(table)d") % {
                "venue": day.venue,
                "table": meeting.published_table,
            }
        else:
            location = day.venue
        events.append(
            CalendarEvent(
                uid=event_uid("meeting", meeting.pk),
                summary=_("Meeting with %(city)s") % {"city": other.display_name},
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                time_zone=day.time_zone,
                sequence=meeting.sequence,
                description=day.name,
                location=location,
                url=meeting.video_link(),
                cancelled=cancelled,
            )
        )
    return build_calendar(events, name=f"{day.name} – {participation.city.display_name}")


def _city_meetings(participation):
    return list(
        Meeting.objects.filter(day_id=participation.day_id, published=True)
        .filter(
            Q(request__from_city_id=participation.city_id)
            | Q(request__to_city_id=participation.city_id)
        )
        .select_related("request__from_city", "request__to_city", "published_slot", "slot", "day")
        .order_by("published_slot__starts_at", "id")
    )


def schedule_day_reminders(day: MatchmakingDay) -> None:
    """Queue a reminder a day before each calendar day with slots; idempotent when sent."""
    from twinning.matchmaking.tasks import task_send_day_reminder  # noqa: PLC0415 - circle: the tasks module imports this module

    seen = set()
    for slot in day.slots.all():
        local_date = timezone.localtime(slot.starts_at, day.zone).date()
        if local_date in seen or slot.starts_at <= clock.now():
            continue
        seen.add(local_date)
        enqueue_on_commit(
            task_send_day_reminder,
            day.pk,
            local_date.isoformat(),
            run_after=slot.starts_at - REMINDER_BEFORE,
        )


def send_day_reminder(day_id: int, date: str) -> int:
    """Mail each city with meetings on `date` its agenda once; returns how many mails."""
    with transaction.atomic():
        day = MatchmakingDay.objects.select_for_update().filter(pk=day_id).first()
        if day is None or day.published_at is None:
            return 0
        sent = 0
        for participation in day.participations.select_related("city", "day"):
            meetings = [
                m
                for m in agenda(participation)
                if timezone.localtime(m.published_slot.starts_at, day.zone).date().isoformat()
                == date
            ]
            if not meetings:
                continue
            marker = f"matchmaking.reminder:{date}"
            if participation_reminded(participation, marker):
                continue
            to = sorted(participation.attendees.values_list("email", flat=True))
            if not to:
                continue
            queue_mail(
                "matchmaking_reminder",
                to,
                {**_agenda_context(participation), "meetings": meetings, "date": date},
                about=participation,
            )
            record_action(marker, participation)
            sent += 1
    return sent


def set_meeting_attendance(day: MatchmakingDay, held_ids: set[int], *, by) -> int:
    """Record which meetings took place on the day; returns how many."""
    with transaction.atomic():
        placed = held_meetings(day)
        placed.filter(pk__in=held_ids).update(attended=True)
        placed.exclude(pk__in=held_ids).update(attended=False)
        record_action("matchmaking.attendance", day, by=by, held=len(held_ids))
    return placed.filter(attended=True).count()


def set_people_present(day: MatchmakingDay, present: set[tuple[int, int]], *, by) -> int:
    """Record who of each city's registered people came: `present` holds (participation id,
    person id) pairs; everyone else registered is marked absent. Returns how many came."""
    with transaction.atomic():
        participations = list(day.participations.prefetch_related("attendees"))
        registered = {(p.pk, user.pk) for p in participations for user in p.attendees.all()}
        strangers = present - registered
        if strangers:
            raise ValidationError(
                _("Only the people a city registered for %(day)s can be marked as present.")
                % {"day": day.name}
            )
        for participation in participations:
            participation.present.set(
                [
                    user
                    for user in participation.attendees.all()
                    if (participation.pk, user.pk) in present
                ]
            )
        record_action("matchmaking.people_present", day, by=by, present=len(present))
    return len(present)
