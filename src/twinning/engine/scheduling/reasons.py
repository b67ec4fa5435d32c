"""Why a meeting was left out, in a sentence a participant understands.

The reason is read off the final schedule, which is maximal (no left-out
meeting fits without moving another), so for every slot the two share,
something blocks it: one of them is in another meeting, no table is free,
or one of them reached its limit of meetings.
"""

from __future__ import annotations

from twinning.engine.scheduling.model import UnscheduledMeeting
from twinning.engine.scheduling.problem import Problem


def _reason(
    problem: Problem, m: int, busy: dict[tuple[int, int], int], count: list[int], load: list[int]
) -> str:
    """The sentence for left-out meeting m, read off the final schedule."""
    instance = problem.instance
    meeting = instance.meetings[m]
    a, b = problem.pair[m]
    participants = instance.participants
    first, second = participants[a].label, participants[b].label
    slot_ids = [slot.id for slot in instance.slots]
    slot_names = [slot.label for slot in instance.slots]

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
            return (
                f"{participants[held[0]].label} already has a fixed meeting in {slot_names[fixed]}"
            )
        common = [fixed]
    else:
        common = sorted(available(a) & available(b))
    if not common:
        return f"{first} and {second} have no free slot in common"

    limits = [participants[p].max_meetings for p in (a, b)]
    if 0 in limits:
        name = first if limits[0] == 0 else second
        return f"{name} takes no meetings (its limit is 0)"
    full = [
        limit is not None and count[p] >= limit for p, limit in zip((a, b), limits, strict=True)
    ]
    if all(full):
        return (
            f"{first} and {second} both reached their limit of meetings "
            f"({limits[0]} and {limits[1]})"
        )
    if any(full):
        name, limit = (first, limits[0]) if full[0] else (second, limits[1])
        return f"{name}'s day is full: it reached its limit of {limit} meetings"

    no_table = 0
    for s in common:
        capacity = instance.slots[s].capacity
        if (a, s) in busy or (b, s) in busy:
            continue
        if capacity is not None and load[s] >= capacity:
            no_table += 1
        else:
            return f"It did not fit in {slot_names[s]} without leaving out a more valuable meeting"

    if meeting.fixed_slot is not None:
        return _fixed_reason(problem, m, busy, load)
    if no_table == len(common):
        return f"No table was free in the slots when both {first} and {second} were available"
    if no_table:
        return (
            f"In every slot {first} and {second} share, one of them was in another meeting "
            "or no table was free"
        )
    only_first = all((a, s) in busy for s in common)
    only_second = all((b, s) in busy for s in common)
    if only_first and not only_second:
        return f"{first} was busy with other meetings in every slot it shares with {second}"
    if only_second and not only_first:
        return f"{second} was busy with other meetings in every slot it shares with {first}"
    if only_first and only_second:
        return f"{first} and {second} were both busy with other meetings in every slot they share"
    return f"In every slot {first} and {second} share, one of them was already in another meeting"


def _fixed_reason(
    problem: Problem, m: int, busy: dict[tuple[int, int], int], load: list[int]
) -> str:
    """Why a meeting fixed to a slot is not in it: its cities' other meetings there (fixed
    ones named as such, as two fixed meetings of one city in one slot cannot both be
    kept), or the slot's tables."""
    instance = problem.instance
    participants = instance.participants
    fixed_slot = instance.meetings[m].fixed_slot
    s = [item.id for item in instance.slots].index(fixed_slot)
    slot = instance.slots[s].label
    blocking = [(p, busy[(p, s)]) for p in problem.pair[m] if (p, s) in busy]
    fixed = [
        (p, other) for p, other in blocking if instance.meetings[other].fixed_slot == fixed_slot
    ]
    if fixed:
        p, other = fixed[0]
        with_whom = next(q for q in problem.pair[other] if q != p)
        return (
            f"{participants[p].label} already has a fixed meeting in {slot}, "
            f"with {participants[with_whom].label}"
        )
    if len(blocking) == 2:
        first, second = (participants[p].label for p, _ in blocking)
        return f"In its fixed slot {slot}, {first} and {second} were both in other meetings"
    if blocking:
        return (
            f"In its fixed slot {slot}, {participants[blocking[0][0]].label} was in another meeting"
        )
    capacity = instance.slots[s].capacity
    there = [other for (_, where), other in busy.items() if where == s]
    if (
        capacity
        and load[s] >= capacity
        and all(instance.meetings[o].fixed_slot == fixed_slot for o in there)
    ):
        return f"All tables in {slot} ({capacity}) hold other meetings fixed there"
    return f"In its fixed slot {slot}, no table was free"


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
        UnscheduledMeeting(meeting.id, _reason(problem, m, busy, count, load))
        for m, meeting in enumerate(problem.instance.meetings)
        if m not in placement
    ]
