"""Local search on a schedule: insert a left-out meeting by moving or replacing others.

A move takes a meeting that is left out and a slot it could use, takes out
what blocks it there (the participants' other meetings in that slot, a
meeting of a participant who reached its cap, a meeting holding the last
table), places it, then puts each meeting taken out back into another slot
where it fits. The move is kept only if the total priority grows. Passes go
over the left-out meetings, best priority first, until a pass gains nothing
or the work budget (a count of moves tried, so that the result does not
depend on the machine) or the deadline runs out.
"""

from __future__ import annotations

import time

from twinning.engine.scheduling.problem import Occupancy, Problem

# Meetings of a full slot tried for a move elsewhere, to free a table.
_TABLE_TRIES = 8


class _Journal:
    """Undo log of an Occupancy, so that a move that does not pay is rolled back."""

    def __init__(self, occupancy: Occupancy) -> None:
        self.occupancy = occupancy
        self.steps: list[tuple[int, int, bool]] = []  # (meeting, slot, placed)

    def place(self, meeting: int, slot: int) -> None:
        self.occupancy.place(meeting, slot)
        self.steps.append((meeting, slot, True))

    def remove(self, meeting: int) -> None:
        slot = self.occupancy.placement[meeting]
        self.occupancy.remove(meeting)
        self.steps.append((meeting, slot, False))

    def undo(self) -> None:
        for meeting, slot, placed in reversed(self.steps):
            if placed:
                self.occupancy.remove(meeting)
            else:
                self.occupancy.place(meeting, slot)
        self.steps.clear()


def _replace_elsewhere(journal: _Journal, meeting: int, avoid: int) -> bool:
    occupancy = journal.occupancy
    for s in occupancy.problem.options[meeting]:
        if s != avoid and occupancy.can_place(meeting, s):
            journal.place(meeting, s)
            return True
    return False


def _try_insert(journal: _Journal, meeting: int, slot: int) -> int:
    """Insert `meeting` at `slot` if that raises the total; return the gain (0 = undone)."""
    occupancy = journal.occupancy
    problem = occupancy.problem
    gain = problem.priority[meeting]
    taken_out: list[int] = []
    for p in problem.pair[meeting]:
        other = occupancy.busy.get((p, slot))
        if other is not None and other not in taken_out:
            taken_out.append(other)
    for other in taken_out:
        journal.remove(other)
    for p in problem.pair[meeting]:
        cap = problem.cap[p]
        if cap is not None and occupancy.count[p] >= cap:
            # Give up the participant's least valuable meeting (none: it takes no meetings).
            own = occupancy.of_participant[p]
            if not own:
                journal.undo()
                return 0
            weakest = min(own, key=lambda m: (problem.priority[m], m))
            journal.remove(weakest)
            taken_out.append(weakest)
    capacity = problem.capacity[slot]
    if capacity is not None and occupancy.load[slot] >= capacity:
        freed = False
        present = sorted(occupancy.in_slot[slot], key=lambda m: (problem.priority[m], m))
        for other in present[:_TABLE_TRIES]:
            journal.remove(other)
            if _replace_elsewhere(journal, other, slot):
                freed = True
                break
            journal.place(other, slot)
        if not freed:
            journal.remove(present[0])
            taken_out.append(present[0])
    if not occupancy.can_place(meeting, slot):
        journal.undo()
        return 0
    journal.place(meeting, slot)
    for other in taken_out:
        if not _replace_elsewhere(journal, other, slot):
            gain -= problem.priority[other]
    if gain <= 0:
        journal.undo()
        return 0
    journal.steps.clear()
    return gain


def improve(
    problem: Problem,
    meetings: list[int],
    placement: dict[int, int],
    upper: int,
    work: int,
    deadline: float | None,
) -> dict[int, int]:
    """A schedule at least as good as `placement`, found by insertion moves.

    Stops when the value reaches `upper`, a pass gains nothing, `work` moves
    were tried, or the `deadline` (a time.monotonic() value) passed.
    """
    occupancy = Occupancy(problem)
    for m, s in sorted(placement.items()):
        occupancy.place(m, s)
    journal = _Journal(occupancy)
    value = occupancy.value()
    order = sorted(meetings, key=lambda m: (-problem.priority[m], len(problem.options[m]), m))
    tries = 0
    improved = True
    while improved and value < upper and tries < work:
        improved = False
        for m in order:
            if m in occupancy.placement:
                continue
            for s in problem.options[m]:
                tries += 1
                gain = _try_insert(journal, m, s)
                if gain:
                    value += gain
                    improved = True
                    break
            if value >= upper or tries >= work:
                break
            if deadline is not None and time.monotonic() >= deadline:
                return dict(occupancy.placement)
    return dict(occupancy.placement)
