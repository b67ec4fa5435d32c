"""Why a meeting was left out, in a sentence a participant understands.

The reason is read off the final schedule, which is maximal (no left-out
meeting fits without moving another), so for every slot the two share,
something blocks it: one of them is in another meeting, no table is free,
or one of them reached its limit of meetings.

Each reason is also given as a `kind` with the participants and slot it
names, so that an app can say it in its readers' own words and language.
"""

from __future__ import annotations

from twinning.engine.scheduling.model import UnscheduledMeeting
from twinning.engine.scheduling.problem import Problem

# The kinds of reason, each with the facts it names.
FIXED_ELSEWHERE = "fixed_elsewhere"  # participants[0] has a fixed meeting in `slot`
NO_COMMON_SLOT = "no_common_slot"  # the two have no available slot in common
NO_MEETINGS = "no_meetings"  # participants[0] takes no meetings (limit 0)
BOTH_FULL = "both_full"  # both reached their limits (`limits`)
ONE_FULL = "one_full"  # participants[0] reached its limit (`limits`)
DISPLACED = "displaced"  # fitting it in `slot` would leave out a more valuable meeting
NO_TABLE = "no_table"  # no table free in any slot the two share
BUSY_OR_NO_TABLE = "busy_or_no_table"  # each shared slot: one of them busy, or no table
ONE_BUSY = "one_busy"  # participants[0] busy in every slot it shares with participants[1]
BOTH_BUSY = "both_busy"  # both busy in every slot they share
EITHER_BUSY = "either_busy"  # each shared slot: one or the other busy
FIXED_CLASH = "fixed_clash"  # participants[0] has another fixed meeting in `slot`, with [1]
FIXED_BOTH_BUSY = "fixed_both_busy"  # in its fixed `slot`, both in other meetings
FIXED_ONE_BUSY = "fixed_one_busy"  # in its fixed `slot`, participants[0] in another meeting
FIXED_TABLES_FULL = "fixed_tables_full"  # `slot`'s `capacity` tables hold fixed meetings
FIXED_NO_TABLE = "fixed_no_table"  # in its fixed `slot`, no table was free

KINDS = (
    FIXED_ELSEWHERE,
    NO_COMMON_SLOT,
    NO_MEETINGS,
    BOTH_FULL,
    ONE_FULL,
    DISPLACED,
    NO_TABLE,
    BUSY_OR_NO_TABLE,
    ONE_BUSY,
    BOTH_BUSY,
    EITHER_BUSY,
    FIXED_CLASH,
    FIXED_BOTH_BUSY,
    FIXED_ONE_BUSY,
    FIXED_TABLES_FULL,
    FIXED_NO_TABLE,
)


def _reason(
    problem: Problem, m: int, busy: dict[tuple[int, int], int], count: list[int], load: list[int]
) -> UnscheduledMeeting:
    """The reason for left-out meeting m, read off the final schedule."""
    instance = problem.instance
    meeting = instance.meetings[m]
    a, b = problem.pair[m]
    participants = instance.participants
    first, second = participants[a].label, participants[b].label
    pair = (participants[a].id, participants[b].id)
    slot_ids = [slot.id for slot in instance.slots]
    slot_names = [slot.label for slot in instance.slots]

    def left_out(reason: str, kind: str, who=pair, **facts) -> UnscheduledMeeting:
        return UnscheduledMeeting(meeting.id, reason, kind, tuple(who), **facts)

    def available(p: int) -> set[int]:
        slots = participants[p].available
        if slots is None:
            return set(range(len(slot_ids)))
        return {s for s, slot_id in enumerate(slot_ids) if slot_id in slots}

    if meeting.fixed_slot is not None:
        fixed = slot_ids.index(meeting.fixed_slot)
        # Only the tables' pass of a hybrid day takes a fixed slot away: one of the
        # city's meetings in a video room is fixed there.
        held = [p for p in (a, b) if fixed not in available(p)]
        if held:
            return left_out(
                f"{participants[held[0]].label} already has a fixed meeting in {slot_names[fixed]}",
                FIXED_ELSEWHERE,
                (participants[held[0]].id,),
                slot=slot_ids[fixed],
            )
        common = [fixed]
    else:
        common = sorted(available(a) & available(b))
    if not common:
        return left_out(f"{first} and {second} have no free slot in common", NO_COMMON_SLOT)

    limits = [participants[p].max_meetings for p in (a, b)]
    if 0 in limits:
        name, who = (first, pair[0]) if limits[0] == 0 else (second, pair[1])
        return left_out(f"{name} takes no meetings (its limit is 0)", NO_MEETINGS, (who,))
    full = [
        limit is not None and count[p] >= limit for p, limit in zip((a, b), limits, strict=True)
    ]
    if all(full):
        return left_out(
            f"{first} and {second} both reached their limit of meetings "
            f"({limits[0]} and {limits[1]})",
            BOTH_FULL,
            limits=(limits[0], limits[1]),
        )
    if any(full):
        name, who, limit = (first, pair[0], limits[0]) if full[0] else (second, pair[1], limits[1])
        return left_out(
            f"{name}'s day is full: it reached its limit of {limit} meetings",
            ONE_FULL,
            (who,),
            limits=(limit,),
        )

    no_table = 0
    for s in common:
        capacity = instance.slots[s].capacity
        if (a, s) in busy or (b, s) in busy:
            continue
        if capacity is not None and load[s] >= capacity:
            no_table += 1
        else:
            return left_out(
                f"It did not fit in {slot_names[s]} without leaving out a more valuable meeting",
                DISPLACED,
                slot=slot_ids[s],
            )

    if meeting.fixed_slot is not None:
        return _fixed_reason(problem, m, busy, load)
    if no_table == len(common):
        return left_out(
            f"No table was free in the slots when both {first} and {second} were available",
            NO_TABLE,
        )
    if no_table:
        return left_out(
            f"In every slot {first} and {second} share, one of them was in another meeting "
            "or no table was free",
            BUSY_OR_NO_TABLE,
        )
    only_first = all((a, s) in busy for s in common)
    only_second = all((b, s) in busy for s in common)
    if only_first and not only_second:
        return left_out(
            f"{first} was busy with other meetings in every slot it shares with {second}", ONE_BUSY
        )
    if only_second and not only_first:
        return left_out(
            f"{second} was busy with other meetings in every slot it shares with {first}",
            ONE_BUSY,
            (pair[1], pair[0]),
        )
    if only_first and only_second:
        return left_out(
            f"{first} and {second} were both busy with other meetings in every slot they share",
            BOTH_BUSY,
        )
    return left_out(
        f"In every slot {first} and {second} share, one of them was already in another meeting",
        EITHER_BUSY,
    )


def _fixed_reason(
    problem: Problem, m: int, busy: dict[tuple[int, int], int], load: list[int]
) -> UnscheduledMeeting:
    """Why a meeting fixed to a slot is not in it: its cities' other meetings there (fixed
    ones named as such, as two fixed meetings of one city in one slot cannot both be
    kept), or the slot's tables."""
    instance = problem.instance
    participants = instance.participants
    meeting_id = instance.meetings[m].id
    fixed_slot = instance.meetings[m].fixed_slot
    s = [item.id for item in instance.slots].index(fixed_slot)
    slot = instance.slots[s].label

    def left_out(reason: str, kind: str, who=(), **facts) -> UnscheduledMeeting:
        ids = tuple(participants[p].id for p in who)
        return UnscheduledMeeting(meeting_id, reason, kind, ids, slot=fixed_slot, **facts)

    blocking = [(p, busy[(p, s)]) for p in problem.pair[m] if (p, s) in busy]
    fixed = [
        (p, other) for p, other in blocking if instance.meetings[other].fixed_slot == fixed_slot
    ]
    if fixed:
        p, other = fixed[0]
        with_whom = next(q for q in problem.pair[other] if q != p)
        return left_out(
            f"{participants[p].label} already has a fixed meeting in {slot}, "
            f"with {participants[with_whom].label}",
            FIXED_CLASH,
            (p, with_whom),
        )
    if len(blocking) == 2:
        first, second = (participants[p].label for p, _ in blocking)
        return left_out(
            f"In its fixed slot {slot}, {first} and {second} were both in other meetings",
            FIXED_BOTH_BUSY,
            (p for p, _ in blocking),
        )
    if blocking:
        name = participants[blocking[0][0]].label
        return left_out(
            f"In its fixed slot {slot}, {name} was in another meeting",
            FIXED_ONE_BUSY,
            (blocking[0][0],),
        )
    capacity = instance.slots[s].capacity
    there = [other for (_, where), other in busy.items() if where == s]
    if (
        capacity
        and load[s] >= capacity
        and all(instance.meetings[o].fixed_slot == fixed_slot for o in there)
    ):
        return left_out(
            f"All tables in {slot} ({capacity}) hold other meetings fixed there",
            FIXED_TABLES_FULL,
            capacity=capacity,
        )
    return left_out(f"In its fixed slot {slot}, no table was free", FIXED_NO_TABLE)


def explain(problem: Problem, placement: dict[int, int]) -> list[UnscheduledMeeting]:
    """A reason for each meeting left out of the schedule, in the instance's meeting order."""
    busy = {(p, s): m for m, s in placement.items() for p in problem.pair[m]}
    count = [0] * len(problem.instance.participants)
    load = [0] * problem.slot_count
    for m, s in placement.items():
        load[s] += 1
        for p in problem.pair[m]:
            count[p] += 1
    return [
        _reason(problem, m, busy, count, load)
        for m, meeting in enumerate(problem.instance.meetings)
        if m not in placement
    ]
