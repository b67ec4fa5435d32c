"""Table numbers: 1..capacity in each slot, keeping people at their table when possible.

Slot by slot in time order, as many meetings as possible keep a table where
one of their participants sat in the previous slot, so that a city with
back-to-back meetings does not cross the hall; the other meetings take the
lowest free table numbers. With unlimited capacity the tables are 1..number
of meetings.

Keeping the most people seated is a maximum matching between meetings and
the tables they could keep. A table was shared by two participants, so at
most two meetings want it and each meeting wants at most two tables: the
augmenting paths below stay short.
"""

from __future__ import annotations

from twinning.engine.scheduling.problem import Problem


def _most_kept(wanted: dict[int, list[int]]) -> dict[int, int]:
    """A maximum matching meeting -> table over the tables each meeting could keep."""
    holder: dict[int, int] = {}  # table -> meeting

    def claim(meeting: int, seen: set[int]) -> bool:
        for table in wanted[meeting]:
            if table in seen:
                continue
            seen.add(table)
            if table not in holder or claim(holder[table], seen):
                holder[table] = meeting
                return True
        return False

    for meeting in sorted(wanted):
        claim(meeting, set())
    return {meeting: table for table, meeting in holder.items()}


def seat(problem: Problem, placement: dict[int, int]) -> dict[int, int]:
    """Table number of each scheduled meeting (meeting index -> table)."""
    by_slot: list[list[int]] = [[] for _ in range(problem.slot_count)]
    for m, s in sorted(placement.items()):
        by_slot[s].append(m)
    table_of: dict[int, int] = {}
    previous: dict[int, int] = {}  # participant -> table in the previous slot
    for s, meetings in enumerate(by_slot):
        capacity = problem.instance.slots[s].capacity
        tables = len(meetings) if capacity is None else capacity
        wanted = {
            m: sorted(
                {previous[p] for p in problem.pair[m] if previous.get(p, tables + 1) <= tables}
            )
            for m in meetings
        }
        kept = _most_kept({m: options for m, options in wanted.items() if options})
        taken = set(kept.values())
        free = (t for t in range(1, tables + 1) if t not in taken)
        current: dict[int, int] = {}
        for m in meetings:
            table = kept[m] if m in kept else next(free)
            table_of[m] = table
            for p in problem.pair[m]:
                current[p] = table
        previous = current
    return table_of
