"""The exact model, solved by the HiGHS MIP solver, for components of moderate size.

Same model as the full LP relaxation with integer variables. HiGHS is
deterministic for a given node limit; the wall-clock limit only guards
against a pathological instance or honours `--time-limit`, and is the one
thing that can make a result depend on the machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twinning.engine.scheduling.bound import full_rows
from twinning.engine.scheduling.highs import solve_mip
from twinning.engine.scheduling.problem import Problem

_NODE_LIMIT = 500


@dataclass(frozen=True)
class ExactAnswer:
    placement: dict[int, int] | None  # None when HiGHS found no schedule in time
    bound: int | None  # proven over these columns, None if HiGHS gave none


def solve_exactly(
    problem: Problem,
    columns: list[tuple[int, int]],
    seconds: float | None,
    start: dict[int, int] | None = None,
) -> ExactAnswer:
    """Best schedule over `columns` that HiGHS finds within its limits, and its proven bound.

    `start`, a feasible schedule, is handed to HiGHS as its first incumbent.
    """
    profit = np.array([problem.priority[m] for m, _ in columns], dtype=float)
    guess = None
    if start is not None:
        guess = np.array([1.0 if start.get(m) == s else 0.0 for m, s in columns])
    answer = solve_mip(
        profit, full_rows(problem, columns), node_limit=_NODE_LIMIT, seconds=seconds, start=guess
    )
    if answer.solution is None:
        return ExactAnswer(None, answer.bound)
    chosen = np.flatnonzero(answer.solution > 0.5)
    return ExactAnswer({columns[j][0]: columns[j][1] for j in chosen}, answer.bound)
