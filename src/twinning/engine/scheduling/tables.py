"""Table numbers: 1..capacity in each slot, keeping people at their table when possible.

Slot by slot in time order, the meetings of the slot are assigned to tables
by a maximum-weight assignment (scipy) that rewards a table where one of the
meeting's participants sat in the previous slot, so that a city with
back-to-back meetings does not cross the hall; ties go to the lowest table
numbers. With unlimited capacity the tables are 1..number of meetings.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from twinning.engine.scheduling.problem import Problem

# A participant kept at its table outweighs any preference for low table numbers.
_STAY = 1000.0


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
        current: dict[int, int] = {}
        if meetings:
            weight = np.tile(-np.arange(1, tables + 1, dtype=float), (len(meetings), 1))
            for i, m in enumerate(meetings):
                for p in problem.pair[m]:
                    if p in previous and previous[p] <= tables:
                        weight[i, previous[p] - 1] += _STAY
            rows, cols = linear_sum_assignment(weight, maximize=True)
            for i, t in zip(rows.tolist(), cols.tolist(), strict=True):
                table_of[meetings[i]] = t + 1
                for p in problem.pair[meetings[i]]:
                    current[p] = t + 1
        previous = current
    return table_of
