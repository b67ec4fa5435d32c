"""The exact model, solved by the HiGHS MIP solver, for components of moderate size.

Same model as the full LP relaxation with integer variables. HiGHS is
deterministic for a given node limit; the wall-clock limit only guards
against a pathological instance or honours `--time-limit`, and is the one
thing that can make a result depend on the machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from twinning.engine.scheduling.bound import full_matrix
from twinning.engine.scheduling.problem import Problem

_NODE_LIMIT = 500


@dataclass(frozen=True)
class ExactAnswer:
    placement: dict[int, int] | None  # None when HiGHS found no schedule in time
    bound: int | None  # proven over these columns, None if HiGHS gave none


def solve_exactly(problem: Problem, columns: list[tuple[int, int]], seconds: float) -> ExactAnswer:
    """Best schedule over `columns` that HiGHS finds within its limits, and its proven bound."""
    profit = np.array([problem.priority[m] for m, _ in columns], dtype=float)
    matrix, rhs = full_matrix(problem, columns)
    constraints = [LinearConstraint(matrix, -np.inf, rhs)] if matrix.shape[0] else []
    answer = milp(
        -profit,
        constraints=constraints,
        integrality=np.ones(len(columns)),
        bounds=Bounds(0.0, 1.0),
        options={"time_limit": max(seconds, 0.01), "node_limit": _NODE_LIMIT, "disp": False},
    )
    bound = None
    dual = getattr(answer, "mip_dual_bound", None)
    if dual is not None and np.isfinite(dual):
        bound = math.floor(-dual + 1e-6)
    if answer.x is None:
        return ExactAnswer(None, bound)
    placement = {columns[j][0]: columns[j][1] for j in np.flatnonzero(answer.x > 0.5)}
    return ExactAnswer(placement, bound)
