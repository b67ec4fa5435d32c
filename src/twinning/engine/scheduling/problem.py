"""The instance in solver form: indices instead of ids, and each meeting's possible slots."""

from __future__ import annotations

from dataclasses import dataclass

from twinning.engine.scheduling.model import ScheduleInstance


@dataclass(frozen=True)
class Problem:
    """Everything the solvers need, as indices.

    `options[m]` lists the slots where meeting m could take place on its own:
    both participants available, its fixed slot if it has one, and a slot
    with at least one table. `capacity[s]` is None when slot s's capacity
    can never be the limiting factor (unlimited, or more tables than
    meetings could use it), so such slots do not tie meetings together.
    """

    instance: ScheduleInstance
    slot_count: int
    capacity: tuple[int | None, ...]
    cap: tuple[int | None, ...]  # per participant: max_meetings, None when not limiting
    pair: tuple[tuple[int, int], ...]  # per meeting: its two participants
    priority: tuple[int, ...]
    options: tuple[tuple[int, ...], ...]

    @property
    def meeting_count(self) -> int:
        return len(self.pair)


def build_problem(instance: ScheduleInstance) -> Problem:
    """Index an already checked instance and work out each meeting's possible slots."""
    slot_index = {slot.id: index for index, slot in enumerate(instance.slots)}
    participant_index = {p.id: index for index, p in enumerate(instance.participants)}
    every_slot = frozenset(range(len(instance.slots)))
    available = [
        every_slot
        if p.available is None
        else frozenset(slot_index[slot_id] for slot_id in p.available)
        for p in instance.participants
    ]
    open_slots = frozenset(s for s, slot in enumerate(instance.slots) if slot.capacity != 0)

    pair = []
    options = []
    for meeting in instance.meetings:
        first, second = (participant_index[p] for p in meeting.participants)
        common = available[first] & available[second] & open_slots
        if meeting.fixed_slot is not None:
            common &= {slot_index[meeting.fixed_slot]}
        pair.append((first, second))
        options.append(tuple(sorted(common)))

    # A slot's capacity binds only if more meetings could use it than it has tables.
    users: list[set[int]] = [set() for _ in instance.slots]
    meetings_in: list[int] = [0] * len(instance.slots)
    for (first, second), slots in zip(pair, options, strict=True):
        for s in slots:
            users[s].update((first, second))
            meetings_in[s] += 1
    capacity = tuple(
        None
        if slot.capacity is None or slot.capacity >= min(meetings_in[s], len(users[s]) // 2)
        else slot.capacity
        for s, slot in enumerate(instance.slots)
    )
    # Likewise a cap binds only if the participant has more meetings than it.
    meetings_of = [0] * len(instance.participants)
    for (first, second), slots in zip(pair, options, strict=True):
        if slots:
            meetings_of[first] += 1
            meetings_of[second] += 1
    cap = tuple(
        None if p.max_meetings is None or p.max_meetings >= meetings_of[i] else p.max_meetings
        for i, p in enumerate(instance.participants)
    )
    return Problem(
        instance=instance,
        slot_count=len(instance.slots),
        capacity=capacity,
        cap=cap,
        pair=tuple(pair),
        priority=tuple(m.priority for m in instance.meetings),
        options=tuple(options),
    )


class Occupancy:
    """Who is busy when, how full each slot is, how many meetings each participant has.

    Checks the constraints of a schedule as meetings are placed and removed,
    so that every stage of the solver keeps the schedule feasible.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.busy: dict[tuple[int, int], int] = {}  # (participant, slot) -> meeting
        self.load = [0] * problem.slot_count
        self.count = [0] * len(problem.cap)
        self.placement: dict[int, int] = {}  # meeting -> slot
        self.in_slot: list[set[int]] = [set() for _ in range(problem.slot_count)]
        self.of_participant: list[set[int]] = [set() for _ in problem.cap]

    def can_place(self, meeting: int, slot: int) -> bool:
        problem = self.problem
        if meeting in self.placement:
            return False
        capacity = problem.capacity[slot]
        if capacity is not None and self.load[slot] >= capacity:
            return False
        for p in problem.pair[meeting]:
            if (p, slot) in self.busy:
                return False
            cap = problem.cap[p]
            if cap is not None and self.count[p] >= cap:
                return False
        return True

    def place(self, meeting: int, slot: int) -> None:
        self.placement[meeting] = slot
        self.load[slot] += 1
        self.in_slot[slot].add(meeting)
        for p in self.problem.pair[meeting]:
            self.busy[(p, slot)] = meeting
            self.count[p] += 1
            self.of_participant[p].add(meeting)

    def remove(self, meeting: int) -> None:
        slot = self.placement.pop(meeting)
        self.load[slot] -= 1
        self.in_slot[slot].discard(meeting)
        for p in self.problem.pair[meeting]:
            del self.busy[(p, slot)]
            self.count[p] -= 1
            self.of_participant[p].discard(meeting)

    def value(self) -> int:
        return sum(self.problem.priority[m] for m in self.placement)


def fill(problem: Problem, placement: dict[int, int], meetings: list[int]) -> dict[int, int]:
    """Return the schedule with every meeting that still fits added, best priority first.

    The result is maximal: no left-out meeting could be added without moving
    another, which is what the reasons given to participants rely on.
    """
    occupancy = Occupancy(problem)
    for m, s in sorted(placement.items()):
        occupancy.place(m, s)
    order = sorted(meetings, key=lambda m: (-problem.priority[m], len(problem.options[m]), m))
    for m in order:
        if m in occupancy.placement:
            continue
        for s in problem.options[m]:
            if occupancy.can_place(m, s):
                occupancy.place(m, s)
                break
    return occupancy.placement
