"""The exact search: lexicographic optimisation, one HiGHS solve per stage.

Variables: x[e] = 1 if the allowed pair e is made; y[p] = 1 if provider p is
selected (only for providers that a selection cap can touch). Constraints:

    sum_p x[s,p] <= 1                        every seeker is paired at most once
    sum_s x[s,p] <= room_p * y[p]            capacity, and only selected providers take seekers
    x[s,p] <= y[p]                           linking: what makes the LP relaxation tight
    sum_p y[p] <= select - pinned providers
    sum_{p in c} y[p] <= per-country cap - pinned providers in c

Stage 0 maximises the number of pairs, stage k the number of rank-k pairs; each
optimum is then fixed by a constraint (c.x >= value) so later stages cannot trade it
away. Every objective is an integer count, so a dual bound within less than 1 of the
incumbent proves a stage optimal; no weights, so nothing overflows at any size.

When no cap can bind (fewer usable providers than places left), the y variables go
away and what is left is a network flow: its constraint matrix is totally unimodular,
and each stage's optimal face of an integral polytope is integral, so the stages are
plain linear programs solved by warm-started simplex (the "flow" path).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import highspy
import numpy as np

from twinning.engine.selection.graph import SelectionGraph


def _new_highs() -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", 0)
    highs.setOptionValue("mip_rel_gap", 0.0)
    # Objectives are integer counts: a bound within < 1 of the incumbent proves it.
    highs.setOptionValue("mip_abs_gap", 0.999)
    return highs


@dataclass(frozen=True)
class StagedOutcome:
    """The best free edges found, and whether every stage was proven optimal."""

    edges: tuple[int, ...]
    optimal: bool
    path: str
    stages_solved: int
    stages_skipped: int
    stages_branched: int


def _binding_providers(graph: SelectionGraph) -> list[int]:
    """Unpinned providers that some selection cap could stop: they need a y variable."""
    free_providers = sorted({edge.provider for edge in graph.edges} - graph.pinned_providers)
    seekers_of: dict[int, set[int]] = defaultdict(set)
    for edge in graph.edges:
        seekers_of[edge.provider].add(edge.seeker)

    def most_selectable(providers: list[int]) -> int:
        # Each new selection needs its own seeker, so a cap above both counts cannot bind.
        reached = set().union(*(seekers_of[p] for p in providers)) if providers else set()
        return min(len(providers), len(reached))

    if most_selectable(free_providers) > graph.select_left:
        return free_providers
    if graph.country_left is None:
        return []
    by_country: dict[str, list[int]] = defaultdict(list)
    for p in free_providers:
        by_country[graph.instance.providers[p].country].append(p)
    binding = []
    for country, providers in by_country.items():
        if most_selectable(providers) > graph.country_left[country]:
            binding.extend(providers)
    return sorted(binding)


Row = tuple[float, float, list[int], list[float]]  # lower, upper, columns, coefficients


class _Model:
    """The model of one selection, kept across stages.

    Two HiGHS copies receive the same rows: the linear relaxation, re-solved by
    warm-started simplex at every stage, and the integer model, built only when a
    relaxation's optimum is fractional and its bound does not already prove the
    incumbent optimal.
    """

    def __init__(self, graph: SelectionGraph, y_providers: list[int]) -> None:
        self.graph = graph
        edges = graph.edges
        self.n_x = len(edges)
        self.y_column = {p: self.n_x + i for i, p in enumerate(y_providers)}
        self.n_cols = self.n_x + len(y_providers)
        self.rows: list[Row] = []
        by_seeker: dict[int, list[int]] = defaultdict(list)
        by_provider: dict[int, list[int]] = defaultdict(list)
        for index, edge in enumerate(edges):
            by_seeker[edge.seeker].append(index)
            by_provider[edge.provider].append(index)
        rows = self.rows
        for indices in by_seeker.values():
            rows.append((-np.inf, 1.0, indices, [1.0] * len(indices)))
        for p, indices in by_provider.items():
            room = graph.room[p]
            if p in self.y_column:
                y = self.y_column[p]
                rows.append((-np.inf, 0.0, [*indices, y], [1.0] * len(indices) + [-float(room)]))
                if room > 1:
                    rows.extend((-np.inf, 0.0, [i, y], [1.0, -1.0]) for i in indices)
            elif len(indices) > room:
                rows.append((-np.inf, float(room), indices, [1.0] * len(indices)))
        if self.y_column:
            y_columns = list(self.y_column.values())
            rows.append((-np.inf, float(graph.select_left), y_columns, [1.0] * len(y_columns)))
            if graph.country_left is not None:
                by_country: dict[str, list[int]] = defaultdict(list)
                for p, y in self.y_column.items():
                    by_country[graph.instance.providers[p].country].append(y)
                for country, columns in sorted(by_country.items()):
                    bound = float(graph.country_left[country])
                    rows.append((-np.inf, bound, columns, [1.0] * len(columns)))
        self.lp = self._highs(integral=False)
        self.mip: highspy.Highs | None = None
        self.branched = 0  # stages whose relaxation was fractional and needed branch and bound

    def _highs(self, integral: bool) -> highspy.Highs:
        highs = _new_highs()
        n = self.n_cols
        empty_int = np.zeros(0, dtype=np.int32)
        highs.addCols(n, np.zeros(n), np.zeros(n), np.ones(n), 0, empty_int, empty_int, [])
        _add_rows(highs, self.rows)
        if integral:
            all_columns = np.arange(n, dtype=np.int32)
            highs.changeColsIntegrality(n, all_columns, np.ones(n, dtype=np.uint8))
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        return highs

    def columns_of(self, chosen: list[int]) -> np.ndarray:
        """The full column vector (x and y) of a set of chosen free edges."""
        values = np.zeros(self.n_cols)
        for i in chosen:
            values[i] = 1.0
            y = self.y_column.get(self.graph.edges[i].provider)
            if y is not None:
                values[y] = 1.0
        return values

    def fix_at_least(self, columns: list[int], value: int) -> None:
        """Keep a stage's optimum: the stage's count may not fall below `value`."""
        row = (float(value), np.inf, columns, [1.0] * len(columns))
        self.rows.append(row)
        for highs in (self.lp, self.mip):
            if highs is not None:
                _add_rows(highs, [row])

    def _run(self, highs: highspy.Highs, columns: list[int], seconds: float | None) -> bool:
        cost = np.zeros(self.n_cols)
        cost[columns] = 1.0
        highs.changeColsCost(self.n_cols, np.arange(self.n_cols, dtype=np.int32), cost)
        if seconds is not None:
            # The HiGHS clock runs across solves of one model.
            highs.setOptionValue("time_limit", highs.getRunTime() + max(seconds, 0.01))
        highs.run()
        return highs.getModelStatus() == highspy.HighsModelStatus.kOptimal

    def maximise(
        self, columns: list[int], start: list[int], deadline: float | None
    ) -> tuple[bool, list[int]]:
        """Maximise how many of `columns` are chosen, from the feasible `start`.

        Returns (proven optimal, chosen free edges), never worse than `start`.
        """
        column_set = set(columns)
        start_value = sum(1 for i in start if i in column_set)
        if not self._run(self.lp, columns, _seconds_left(deadline)):
            return False, start
        # Later stages start from an optimal basis that stays primal feasible.
        self.lp.setOptionValue("simplex_strategy", 4)
        x = np.asarray(self.lp.getSolution().col_value[: self.n_x])
        if np.abs(x - np.round(x)).max(initial=0.0) <= 1e-6:
            # An integral optimum of the relaxation is optimal for the integer model.
            found = [int(i) for i in np.flatnonzero(x > 0.5)]
            if is_feasible(self.graph, found):
                return True, found
        bound = int(np.floor(self.lp.getInfo().objective_function_value + 1e-6))
        if bound <= start_value:
            return True, start
        if self.mip is None:
            self.mip = self._highs(integral=True)
        mip = self.mip
        self.branched += 1
        mip.setSolution(self.n_cols, np.arange(self.n_cols, dtype=np.int32), self.columns_of(start))
        proven = self._run(mip, columns, _seconds_left(deadline))
        if mip.getInfo().primal_solution_status != 2:  # 2 = feasible
            return False, start
        x = np.asarray(mip.getSolution().col_value[: self.n_x])
        found = [int(i) for i in np.flatnonzero(x > 0.5)]
        if not is_feasible(self.graph, found):
            return False, start
        if sum(1 for i in found if i in column_set) < start_value:
            return False, start
        return proven, found


def _seconds_left(deadline: float | None) -> float | None:
    return None if deadline is None else deadline - time.monotonic()


def _add_rows(highs: highspy.Highs, rows: list[Row]) -> None:
    if not rows:
        return
    starts = np.zeros(len(rows), dtype=np.int32)
    indices: list[int] = []
    values: list[float] = []
    for r, (_, _, row_indices, row_values) in enumerate(rows):
        starts[r] = len(indices)
        indices.extend(row_indices)
        values.extend(row_values)
    highs.addRows(
        len(rows),
        np.array([row[0] for row in rows], dtype=float),
        np.array([row[1] for row in rows], dtype=float),
        len(indices),
        starts,
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=float),
    )


def is_feasible(graph: SelectionGraph, chosen: list[int]) -> bool:
    """Whether the chosen free edges (with the pins) respect every capacity and cap."""
    seekers = [graph.edges[i].seeker for i in chosen]
    if len(set(seekers)) != len(seekers):
        return False
    load: dict[int, int] = defaultdict(int)
    for i in chosen:
        load[graph.edges[i].provider] += 1
    if any(count > graph.room[p] for p, count in load.items()):
        return False
    new = [p for p in load if p not in graph.pinned_providers]
    if len(new) > graph.select_left:
        return False
    if graph.country_left is not None:
        per_country: dict[str, int] = defaultdict(int)
        for p in new:
            per_country[graph.instance.providers[p].country] += 1
        if any(count > graph.country_left[c] for c, count in per_country.items()):
            return False
    return True


def _outcome(
    model: _Model, incumbent: list[int], optimal: bool, path: str, solved: int, skipped: int
) -> StagedOutcome:
    return StagedOutcome(tuple(sorted(incumbent)), optimal, path, solved, skipped, model.branched)


def solve_lexicographic(
    graph: SelectionGraph, start: list[int], deadline: float | None
) -> StagedOutcome:
    """The best free edges: most pairs, then most first choices, then most second...

    `start` must be feasible; the answer is never worse than it. `optimal` is true when
    every stage was proven optimal before `deadline` (a time.monotonic() value).
    """
    edges = graph.edges
    y_providers = _binding_providers(graph)
    path = "milp" if y_providers else "flow"
    if not edges:
        return StagedOutcome(tuple(start), True, path, 0, 0, 0)
    if deadline is not None and time.monotonic() >= deadline:
        return StagedOutcome(tuple(sorted(start)), False, path, 0, 0, 0)
    model = _Model(graph, y_providers)
    ranks = sorted({edge.rank for edge in edges})
    columns_of_rank = {r: [i for i, e in enumerate(edges) if e.rank == r] for r in ranks}
    seekers_of_rank = {r: len({edges[i].seeker for i in columns_of_rank[r]}) for r in ranks}
    all_columns = list(range(len(edges)))

    incumbent = list(start)
    solved = skipped = 0
    # The last rank present is fixed by the others once the number of pairs is fixed.
    stages: list[tuple[list[int], int | None]] = [(all_columns, None)]
    stages += [(columns_of_rank[r], r) for r in ranks[:-1]]
    matched = 0
    fixed = 0
    for columns, rank in stages:
        if rank is not None and fixed == matched:
            skipped += len(stages) - solved - skipped
            break
        column_set = set(columns)
        value = sum(1 for i in incumbent if i in column_set)
        if rank is None:
            bound = len({edge.seeker for edge in edges})
        else:
            bound = min(seekers_of_rank[rank], matched - fixed)
        if value < bound:
            if deadline is not None and time.monotonic() >= deadline:
                return _outcome(model, incumbent, False, path, solved, skipped)
            proven, incumbent = model.maximise(columns, incumbent, deadline)
            value = sum(1 for i in incumbent if i in column_set)
            solved += 1
            if not proven:
                return _outcome(model, incumbent, False, path, solved, skipped)
        else:
            skipped += 1
        model.fix_at_least(columns, value)
        if rank is None:
            matched = value
        else:
            fixed += value
    return _outcome(model, incumbent, True, path, solved, skipped)
