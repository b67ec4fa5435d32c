"""Proven upper bounds on the total priority, from LP relaxations solved by HiGHS.

Two relaxations, and the smaller bound wins:

- the aggregated LP: one variable per meeting (is it scheduled, 0 to 1),
  each participant in at most min(max_meetings, its slots) meetings, all
  meetings together in at most the tables of all slots. It is small (one
  column per meeting), fast at any size, and on two-sided events usually as
  tight as the full relaxation;
- the full LP: one variable per (meeting, slot), each meeting at most once,
  each participant at most once per slot (a clique per participant and slot),
  caps, tables per slot. Tighter, but slow beyond some tens of thousands of
  columns, so it is used on smaller components only.

A bound is never the solver's objective value, which carries floating-point
tolerances: it is recomputed from the duals by weak duality (any
non-negative duals y give sum(b*y) + sum(max(0, c - A'y)) when 0 <= x <= 1),
then floored since priorities are integers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twinning.engine.scheduling.highs import Rows, solve_lp
from twinning.engine.scheduling.problem import Problem


@dataclass(frozen=True)
class Relaxation:
    """A proven bound, and the LP's value for each column (used to guide the search)."""

    bound: int
    solution: np.ndarray


def _proven(profit: np.ndarray, rows: Rows, seconds: float | None = None) -> Relaxation | None:
    """Solve max profit.x, rows, 0 <= x <= 1; bound it by weak duality."""
    answer = solve_lp(profit, rows, seconds)
    if answer is None:
        return None
    return Relaxation(answer.bound, answer.solution)


def aggregated_bound(
    problem: Problem, meetings: list[int], seconds: float | None = None
) -> Relaxation | None:
    """The aggregated LP over `meetings` (solution: one value per meeting, in that order)."""
    profit = np.array([problem.priority[m] for m in meetings], dtype=float)
    of_participant: dict[int, list[int]] = {}
    slots_of: dict[int, set[int]] = {}
    used_slots: set[int] = set()
    for j, m in enumerate(meetings):
        used_slots.update(problem.options[m])
        for p in problem.pair[m]:
            of_participant.setdefault(p, []).append(j)
            slots_of.setdefault(p, set()).update(problem.options[m])
    rows: list[list[int]] = []
    rhs: list[float] = []
    for p, group in sorted(of_participant.items()):
        limit = len(slots_of[p])
        if problem.cap[p] is not None:
            limit = min(limit, problem.cap[p])
        if limit < len(group):
            rows.append(group)
            rhs.append(float(limit))
    capacities = [problem.capacity[s] for s in sorted(used_slots)]
    if None not in capacities and sum(capacities) < len(meetings):
        rows.append(list(range(len(meetings))))
        rhs.append(float(sum(capacities)))
    return _proven(profit, Rows(rows, rhs, len(meetings)), seconds)


def full_columns(problem: Problem, meetings: list[int]) -> list[tuple[int, int]]:
    """The (meeting, slot) columns of the full model, in a fixed order."""
    return [(m, s) for m in meetings for s in problem.options[m]]


def full_rows(problem: Problem, columns: list[tuple[int, int]]) -> Rows:
    """The rows of the full model (binding rows only)."""
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
            limit = problem.capacity[key[1]]
        elif key[0] == "cap":
            limit = problem.cap[key[1]]
        else:
            limit = 1
        if limit is not None and limit < len(group):
            rows.append(group)
            rhs.append(float(limit))
    return Rows(rows, rhs, len(columns))


def full_bound(
    problem: Problem, columns: list[tuple[int, int]], seconds: float | None = None
) -> Relaxation | None:
    """The full LP over the given columns (solution: one value per column)."""
    profit = np.array([problem.priority[m] for m, _ in columns], dtype=float)
    return _proven(profit, full_rows(problem, columns), seconds)
