"""The scheduler's linear and integer programs, solved by HiGHS through highspy.

Every model here has columns between 0 and 1, a profit per column to maximise,
and rows that each cap a sum of columns (all coefficients 1). highspy is used
directly rather than through scipy.optimize, whose import alone takes longer
than solving a small Matchmaking Day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np

# Slack added before flooring, far above the rounding error of the dual sum.
_FLOOR_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Rows:
    """Rows of a model: `members[i]` are the columns whose sum row i caps at `limit[i]`."""

    members: list[list[int]]
    limit: list[float]
    width: int

    def product(self, values: np.ndarray) -> np.ndarray:
        """The transpose of the matrix times `values` (one per row)."""
        if not self.members:
            return np.zeros(self.width)
        sizes = [len(row) for row in self.members]
        columns = np.fromiter((j for row in self.members for j in row), dtype=np.int64)
        return np.bincount(columns, weights=np.repeat(values, sizes), minlength=self.width)


@dataclass(frozen=True)
class LpAnswer:
    """The LP's value per column and a bound proven from its duals."""

    solution: np.ndarray
    bound: int


@dataclass(frozen=True)
class MipAnswer:
    solution: np.ndarray | None  # None when HiGHS found no solution within its limits
    bound: int | None  # proven by HiGHS's dual bound, None if it gave none


def _model(profit: np.ndarray, rows: Rows, integral: bool) -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", 0)
    n = len(profit)
    empty = np.zeros(0, dtype=np.int32)
    highs.addCols(n, profit, np.zeros(n), np.ones(n), 0, empty, empty, [])
    if rows.members:
        starts = np.cumsum([0] + [len(row) for row in rows.members[:-1]], dtype=np.int32)
        indices = np.fromiter((j for row in rows.members for j in row), dtype=np.int32)
        highs.addRows(
            len(rows.members),
            np.full(len(rows.members), -np.inf),
            np.asarray(rows.limit, dtype=float),
            len(indices),
            starts,
            indices,
            np.ones(len(indices)),
        )
    if integral:
        highs.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.ones(n, dtype=np.uint8))
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    return highs


def proven_bound(profit: np.ndarray, rows: Rows, duals: np.ndarray) -> int:
    """A bound on max profit.x, rows, 0 <= x <= 1, from any non-negative row values, by
    weak duality: sum(limit * y) + sum(max(0, profit - A'y)); floored, priorities being
    whole numbers. Never the solver's objective, which carries its tolerances."""
    duals = np.maximum(0.0, duals)
    reduced = profit - rows.product(duals)
    value = float(np.asarray(rows.limit, dtype=float) @ duals + np.maximum(0.0, reduced).sum())
    return math.floor(value + _FLOOR_TOLERANCE)


def solve_lp(profit: np.ndarray, rows: Rows, seconds: float | None = None) -> LpAnswer | None:
    """The LP relaxation and its proven bound; None if HiGHS did not solve it."""
    if not rows.members:
        return LpAnswer(np.ones(len(profit)), math.floor(float(profit.sum()) + _FLOOR_TOLERANCE))
    highs = _model(profit, rows, integral=False)
    if seconds is not None:
        highs.setOptionValue("time_limit", max(seconds, 0.01))
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    solution = highs.getSolution()
    duals = np.asarray(solution.row_dual)
    # Either sign convention gives a valid bound; the smaller is the LP's own.
    bound = min(proven_bound(profit, rows, duals), proven_bound(profit, rows, -duals))
    return LpAnswer(np.asarray(solution.col_value), bound)


def solve_mip(
    profit: np.ndarray,
    rows: Rows,
    *,
    node_limit: int,
    seconds: float | None,
    start: np.ndarray | None = None,
) -> MipAnswer:
    """The best 0/1 solution HiGHS finds within its node limit and time, with its bound."""
    highs = _model(profit, rows, integral=True)
    highs.setOptionValue("mip_rel_gap", 0.0)
    # Priorities are whole numbers: a bound within < 1 of the incumbent proves it.
    highs.setOptionValue("mip_abs_gap", 0.999)
    highs.setOptionValue("mip_max_nodes", node_limit)
    if seconds is not None:
        highs.setOptionValue("time_limit", max(seconds, 0.01))
    if start is not None:
        n = len(profit)
        highs.setSolution(n, np.arange(n, dtype=np.int32), start.astype(float))
    ran = highs.run()
    info = highs.getInfo()
    bound = None
    if ran != highspy.HighsStatus.kError and np.isfinite(info.mip_dual_bound):
        bound = math.floor(info.mip_dual_bound + _FLOOR_TOLERANCE)
    if ran == highspy.HighsStatus.kError or info.primal_solution_status != 2:  # 2: feasible
        return MipAnswer(None, bound)
    return MipAnswer(np.asarray(highs.getSolution().col_value), bound)
