"""A hybrid day: tables at the venue and video rooms, two pools in every slot.

The solver knows one resource per slot, so a hybrid day is solved as three
one-pool instances built here:

1. the meetings at tables, in the tables; a meeting fixed in a video room
   keeps its slot free for both its cities (and counts against their caps);
2. the meetings in video rooms, in the rooms, in the slots each city still has
   free after the first pass and within what is left of its meeting cap;
3. every meeting in both pools merged into one (tables plus rooms per slot):
   any hybrid schedule is a schedule of this instance, so its proven bound is
   a bound on the hybrid day too.

`join_passes` puts the two schedules together with that bound. A meeting's
pool is the one it names, else video rooms when one of its cities is online.
"""

from __future__ import annotations

from dataclasses import replace

from twinning.engine.scheduling.model import (
    ROOMS,
    Meeting,
    Participant,
    ScheduledMeeting,
    ScheduleInstance,
    ScheduleResult,
)


def _in_pool(instance: ScheduleInstance, rooms: bool) -> tuple[Meeting, ...]:
    """The meetings of one pool, in the instance's order, as one-pool meetings."""
    return tuple(
        replace(meeting, pool=None)
        for meeting, pool in zip(instance.meetings, instance.pools(), strict=True)
        if (pool == ROOMS) == rooms
    )


def _participants(
    instance: ScheduleInstance, busy: dict[str, set[str]], used: dict[str, int]
) -> tuple[Participant, ...]:
    """The participants with `busy` slots taken out and `used` meetings off their caps."""
    every_slot = frozenset(slot.id for slot in instance.slots)
    chosen = []
    for participant in instance.participants:
        available = every_slot if participant.available is None else participant.available
        cap = participant.max_meetings
        chosen.append(
            Participant(
                participant.id,
                frozenset(available - busy.get(participant.id, set())),
                None if cap is None else max(0, cap - used.get(participant.id, 0)),
                name=participant.name,
            )
        )
    return tuple(chosen)


def tables_pass(instance: ScheduleInstance) -> ScheduleInstance:
    """The first pass: the meetings at tables, around the meetings fixed in rooms."""
    held: dict[str, set[str]] = {}  # participant -> slots kept for its fixed room meetings
    for meeting in _in_pool(instance, rooms=True):
        if meeting.fixed_slot is not None:
            for participant in meeting.participants:
                held.setdefault(participant, set()).add(meeting.fixed_slot)
    return ScheduleInstance(
        slots=tuple(replace(slot, rooms=None) for slot in instance.slots),
        participants=_participants(instance, held, {p: len(s) for p, s in held.items()}),
        meetings=_in_pool(instance, rooms=False),
    )


def rooms_pass(instance: ScheduleInstance, tables: ScheduleResult) -> ScheduleInstance:
    """The second pass: the meetings in video rooms, around the first pass's schedule."""
    pairs = {meeting.id: meeting.participants for meeting in instance.meetings}
    busy: dict[str, set[str]] = {}
    used: dict[str, int] = {}
    for item in tables.scheduled:
        for participant in pairs[item.meeting]:
            busy.setdefault(participant, set()).add(item.slot)
            used[participant] = used.get(participant, 0) + 1
    return ScheduleInstance(
        slots=tuple(replace(slot, capacity=slot.rooms, rooms=None) for slot in instance.slots),
        participants=_participants(instance, busy, used),
        meetings=_in_pool(instance, rooms=True),
    )


def merged_pools(instance: ScheduleInstance) -> ScheduleInstance:
    """Both pools as one: tables plus rooms in each slot, every meeting in it."""
    return ScheduleInstance(
        slots=tuple(
            replace(
                slot,
                capacity=None
                if slot.capacity is None or slot.rooms is None
                else slot.capacity + slot.rooms,
                rooms=None,
            )
            for slot in instance.slots
        ),
        participants=tuple(replace(p, online=False) for p in instance.participants),
        meetings=tuple(replace(meeting, pool=None) for meeting in instance.meetings),
    )


def join_passes(
    tables: ScheduleResult, rooms: ScheduleResult, merged: ScheduleResult
) -> ScheduleResult:
    """The hybrid schedule: both passes, the meetings in rooms marked, the merged bound."""
    total = tables.total_priority + rooms.total_priority
    bound = max(total, merged.upper_bound)
    seconds = sum(float(r.stats.get("seconds", 0)) for r in (tables, rooms, merged))
    return ScheduleResult(
        scheduled=(
            *tables.scheduled,
            *(ScheduledMeeting(i.meeting, i.slot, i.table, room=True) for i in rooms.scheduled),
        ),
        unscheduled=(*tables.unscheduled, *rooms.unscheduled),
        total_priority=total,
        upper_bound=bound,
        optimal=total == bound,
        stats={"seconds": round(seconds, 3)},
    )
