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
    problem: Problem, m: int, busy: set[tuple[int, int]], count: list[int], load: list[int]
) -> str:
    """The sentence for left-out meeting m, read off the final schedule."""
    instance = problem.instance
    meeting = instance.meetings[m]
    first, second = meeting.participants
    a, b = problem.pair[m]
    slot_ids = [slot.id for slot in instance.slots]
    participants = instance.participants

    def available(p: int) -> set[int]:
        slots = participants[p].available
        if slots is None:
            return set(range(len(slot_ids)))
        return {s for s, slot_id in enumerate(slot_ids) if slot_id in slots}

    if meeting.fixed_slot is not None:
        common = [slot_ids.index(meeting.fixed_slot)]
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
            return f"It did not fit in {slot_ids[s]} without leaving out a more valuable meeting"

    if meeting.fixed_slot is not None:
        slot = meeting.fixed_slot
        s = common[0]
        if (a, s) in busy and (b, s) in busy:
            return f"In its fixed slot {slot}, {first} and {second} were both in other meetings"
        if (a, s) in busy or (b, s) in busy:
            name = first if (a, s) in busy else second
            return f"In its fixed slot {slot}, {name} was in another meeting"
        return f"In its fixed slot {slot}, no table was free"
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


def explain(problem: Problem, placement: dict[int, int]) -> list[UnscheduledMeeting]:
    """A reason for each meeting left out of the schedule, in the instance's meeting order."""
    busy = {(p, s) for m, s in placement.items() for p in problem.pair[m]}
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
