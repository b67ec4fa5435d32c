"""Large-neighbourhood search: re-solve a few slots exactly, the rest of the schedule fixed.

A round frees every meeting placed in a window of slots and re-places, in
those slots only, the best set of meetings that fits around the rest of the
schedule (who is busy, caps already used, tables), by the exact model on
HiGHS. The old placement is a solution of that small model, so a round never
loses value. Windows are slots spread over the day (where moves pay most), then
consecutive slots,
in a fixed order, pass after pass while a pass gains; a budget of columns
and HiGHS's node limit bound the work, so the result does not depend on the
machine. Only a run with a time limit may go past the budget, until the
limit or a pass without gain.
"""

from __future__ import annotations

import time

import numpy as np

from twinning.engine.scheduling.highs import Rows, solve_mip
from twinning.engine.scheduling.problem import Occupancy, Problem

_WINDOW = 3
_NODE_LIMIT = 500
# A round's exact model is skipped when it would have more columns than this.
_MAX_COLUMNS = 6_000


def _windows(slot_count: int, width: int) -> list[tuple[int, ...]]:
    width = min(width, slot_count)
    consecutive = [tuple(range(start, start + width)) for start in range(slot_count - width + 1)]
    stride = max(1, slot_count // width)
    spread = [
        tuple(sorted({(start + k * stride) % slot_count for k in range(width)}))
        for start in range(stride)
    ]
    windows: list[tuple[int, ...]] = []
    for window in spread + consecutive:
        if window not in windows:
            windows.append(window)
    return windows


def _resolve(
    occupancy: Occupancy, meetings: list[int], window: tuple[int, ...], seconds: float | None
) -> int:
    """Re-place the meetings of `window` optimally around the rest; keeps the old if no better.

    Returns the number of columns of the exact model (the work done).
    """
    problem = occupancy.problem
    inside = set(window)
    freed = {m: s for m, s in occupancy.placement.items() if s in inside}
    for m in freed:
        occupancy.remove(m)
    columns = [
        (m, s)
        for m in meetings
        if m not in occupancy.placement
        for s in problem.options[m]
        if s in inside and occupancy.can_place(m, s)
    ]
    before = sum(problem.priority[m] for m in freed)
    placement = None
    if 0 < len(columns) <= _MAX_COLUMNS:
        placement = _best(occupancy, columns, seconds)
    if placement is None or sum(problem.priority[m] for m in placement) <= before:
        placement = freed
    for m, s in sorted(placement.items()):
        occupancy.place(m, s)
    return len(columns)


def _best(
    occupancy: Occupancy, columns: list[tuple[int, int]], seconds: float | None
) -> dict[int, int] | None:
    problem = occupancy.problem
    groups: dict[tuple, list[int]] = {}
    for j, (m, s) in enumerate(columns):
        groups.setdefault(("meeting", m), []).append(j)
        groups.setdefault(("slot", s), []).append(j)
        for p in problem.pair[m]:
            groups.setdefault(("busy", p, s), []).append(j)
            groups.setdefault(("cap", p), []).append(j)
    rows: list[list[int]] = []
    rhs: list[float] = []
    for key, group in groups.items():
        if key[0] == "slot":
            capacity = problem.capacity[key[1]]
            limit = None if capacity is None else capacity - occupancy.load[key[1]]
        elif key[0] == "cap":
            cap = problem.cap[key[1]]
            limit = None if cap is None else cap - occupancy.count[key[1]]
        else:
            limit = 1
        if limit is not None and limit < len(group):
            rows.append(group)
            rhs.append(float(limit))
    profit = np.array([problem.priority[m] for m, _ in columns], dtype=float)
    answer = solve_mip(
        profit, Rows(rows, rhs, len(columns)), node_limit=_NODE_LIMIT, seconds=seconds
    )
    if answer.solution is None:
        return None
    # HiGHS's answer is trusted only once checked against the fixed part of the schedule.
    trial = Occupancy(problem)
    for m, s in occupancy.placement.items():
        trial.place(m, s)
    chosen = {}
    for j in np.flatnonzero(answer.solution > 0.5):
        m, s = columns[j]
        if not trial.can_place(m, s):
            return None
        trial.place(m, s)
        chosen[m] = s
    return chosen


def improve_by_windows(
    problem: Problem,
    meetings: list[int],
    placement: dict[int, int],
    upper: int,
    work: int | None,
    deadline: float | None,
) -> dict[int, int]:
    """A schedule at least as good as `placement`, after windows of slots were re-solved.

    Passes over the windows go on until one gains nothing. `work` bounds the
    total number of columns of the exact models solved (a measure of effort
    that does not depend on the machine; None: no bound but the `deadline`, a
    time.monotonic() value or None).
    """
    occupancy = Occupancy(problem)
    for m, s in sorted(placement.items()):
        occupancy.place(m, s)
    # Narrower windows where a slot alone has many columns, so that each model stays
    # within _MAX_COLUMNS instead of being skipped.
    per_slot = (
        sum(len(problem.options[m]) for m in meetings if m not in placement) / problem.slot_count
        + len(placement) / problem.slot_count
    )
    width = max(1, min(_WINDOW, int(_MAX_COLUMNS // max(per_slot, 1.0))))
    windows = _windows(problem.slot_count, width)
    gained = True
    while gained:
        # Passes over the windows until one gains nothing or the work runs out.
        gained = False
        for window in windows:
            value = occupancy.value()
            if value >= upper or (work is not None and work <= 0):
                return dict(occupancy.placement)
            seconds = None
            if deadline is not None:
                seconds = deadline - time.monotonic()
                if seconds <= 0:
                    return dict(occupancy.placement)
            columns = _resolve(occupancy, meetings, window, seconds)
            if work is not None:
                work -= columns
            gained = gained or occupancy.value() > value
    return dict(occupancy.placement)
