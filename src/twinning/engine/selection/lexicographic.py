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

import contextlib
import ctypes
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import highspy
import numpy as np

from twinning.engine.selection.graph import SelectionGraph

_BANNER_SILENCED = False


@contextlib.contextmanager
def _stdout_fd_silenced() -> Iterator[None]:
    # HiGHS prints its banner on file descriptor 1 once per process, which would
    # corrupt the JSON that `twinning select` writes on stdout.
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).fflush(None)
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _new_highs() -> highspy.Highs:
    global _BANNER_SILENCED
    if _BANNER_SILENCED:
        highs = highspy.Highs()
    else:
        with _stdout_fd_silenced():
            highs = highspy.Highs()
        _BANNER_SILENCED = True
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


class _Model:
    """The HiGHS model of one selection, kept across stages so simplex can warm start."""

    def __init__(self, graph: SelectionGraph, y_providers: list[int]) -> None:
        self.graph = graph
        edges = graph.edges
        self.n_x = len(edges)
        self.y_column = {p: self.n_x + i for i, p in enumerate(y_providers)}
        self.n_cols = self.n_x + len(y_providers)
        self.integral = bool(y_providers)
        self.highs = highs = _new_highs()
        n = self.n_cols
        highs.addCols(
            n,
            np.zeros(n),
            np.zeros(n),
            np.ones(n),
            0,
            np.zeros(0, dtype=np.int32),
            np.zeros(0, dtype=np.int32),
            np.zeros(0),
        )
        rows: list[tuple[float, list[int], list[float]]] = []
        by_seeker: dict[int, list[int]] = defaultdict(list)
        by_provider: dict[int, list[int]] = defaultdict(list)
        for index, edge in enumerate(edges):
            by_seeker[edge.seeker].append(index)
            by_provider[edge.provider].append(index)
        for indices in by_seeker.values():
            rows.append((1.0, indices, [1.0] * len(indices)))
        for p, indices in by_provider.items():
            room = graph.room[p]
            if p in self.y_column:
                y = self.y_column[p]
                rows.append((0.0, [*indices, y], [1.0] * len(indices) + [-float(room)]))
                if room > 1:
                    rows.extend((0.0, [i, y], [1.0, -1.0]) for i in indices)
            elif len(indices) > room:
                rows.append((float(room), indices, [1.0] * len(indices)))
        if self.y_column:
            y_columns = list(self.y_column.values())
            rows.append((float(graph.select_left), y_columns, [1.0] * len(y_columns)))
            if graph.country_left is not None:
                by_country: dict[str, list[int]] = defaultdict(list)
                for p, y in self.y_column.items():
                    by_country[graph.instance.providers[p].country].append(y)
                for country, columns in sorted(by_country.items()):
                    rows.append((float(graph.country_left[country]), columns, [1.0] * len(columns)))
        self._add_rows(rows, lower=-np.inf)
        if self.integral:
            highs.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.ones(n, dtype=np.uint8))
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def _add_rows(self, rows: list[tuple[float, list[int], list[float]]], lower: float) -> None:
        if not rows:
            return
        starts = np.zeros(len(rows), dtype=np.int32)
        indices: list[int] = []
        values: list[float] = []
        for r, (_, row_indices, row_values) in enumerate(rows):
            starts[r] = len(indices)
            indices.extend(row_indices)
            values.extend(row_values)
        bounds = np.array([bound for bound, _, _ in rows], dtype=float)
        self.highs.addRows(
            len(rows),
            np.full(len(rows), lower) if lower == -np.inf else bounds,
            bounds if lower == -np.inf else np.full(len(rows), np.inf),
            len(indices),
            starts,
            np.array(indices, dtype=np.int32),
            np.array(values, dtype=float),
        )

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
        self._add_rows([(float(value), columns, [1.0] * len(columns))], lower=0.0)

    def maximise(self, columns: list[int], start: list[int], seconds: float | None) -> tuple:
        """Maximise the number of chosen `columns`; return (proven, chosen edges or None)."""
        highs = self.highs
        cost = np.zeros(self.n_cols)
        cost[columns] = 1.0
        highs.changeColsCost(self.n_cols, np.arange(self.n_cols, dtype=np.int32), cost)
        if self.integral:
            values = self.columns_of(start)
            highs.setSolution(self.n_cols, np.arange(self.n_cols, dtype=np.int32), values)
        if seconds is not None:
            # The HiGHS clock runs across solves of one model.
            highs.setOptionValue("time_limit", highs.getRunTime() + max(seconds, 0.01))
        highs.run()
        status = highs.getModelStatus()
        proven = status == highspy.HighsModelStatus.kOptimal
        if highs.getInfo().primal_solution_status != 2:  # 2 = feasible
            return False, None
        x = np.asarray(highs.getSolution().col_value[: self.n_x])
        if not self.integral and np.abs(x - np.round(x)).max(initial=0.0) > 1e-6:
            # Not expected (the flow LP is integral); fall back to branching.
            self.integral = True
            n = self.n_cols
            highs.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.ones(n, dtype=np.uint8))
            return self.maximise(columns, start, seconds)
        return proven, [int(i) for i in np.flatnonzero(x > 0.5)]


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
        return StagedOutcome(tuple(start), True, path, 0, 0)
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
            seconds = None if deadline is None else deadline - time.monotonic()
            if seconds is not None and seconds <= 0:
                return StagedOutcome(tuple(sorted(incumbent)), False, path, solved, skipped)
            proven, found = model.maximise(columns, incumbent, seconds)
            solved += 1
            if found is None or not is_feasible(graph, found):
                return StagedOutcome(tuple(sorted(incumbent)), False, path, solved, skipped)
            found_value = sum(1 for i in found if i in column_set)
            if found_value >= value:
                incumbent, value = found, found_value
            if not proven:
                return StagedOutcome(tuple(sorted(incumbent)), False, path, solved, skipped)
        else:
            skipped += 1
        model.fix_at_least(columns, value)
        if rank is None:
            matched = value
        else:
            fixed += value
    return StagedOutcome(tuple(sorted(incumbent)), True, path, solved, skipped)
