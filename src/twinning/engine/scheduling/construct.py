"""The constructive schedule: slot by slot, a maximum-weight matching of the meetings.

In each slot, in time order, the meetings still open form a graph between
participants; a maximum-weight matching of at most as many meetings as the
slot has tables is placed. A meeting's weight is its priority, raised for
meetings with few slots left, so that they are not crowded out by meetings
that could still go later. When the meetings join two sides (Mission cities
and Mission-minded cities), the matching is an assignment problem solved by
scipy; otherwise networkx's blossom algorithm is used. Both are imported when
first needed: a small day is solved exactly and never reaches them, and the
command's start-up stays short.
"""

from __future__ import annotations

import time
from bisect import bisect_left

import numpy as np

from twinning.engine.scheduling.problem import Occupancy, Problem, fill

# How much a meeting with a single slot left weighs above its priority.
_URGENCY = 0.5
# How much a meeting the LP relaxation takes weighs above one it leaves out.
_PREFERENCE = 2.0
# Above this many edges in a slot, a general graph's matching is taken heaviest first:
# networkx's blossom algorithm, in pure Python, would take seconds per slot.
_BLOSSOM_EDGES = 300


def two_sides(problem: Problem, meetings: list[int]) -> dict[int, int] | None:
    """The side (0 or 1) of each participant if every meeting joins the two sides, else None."""
    neighbours: dict[int, list[int]] = {}
    for m in meetings:
        first, second = problem.pair[m]
        neighbours.setdefault(first, []).append(second)
        neighbours.setdefault(second, []).append(first)
    side: dict[int, int] = {}
    for start in sorted(neighbours):
        if start in side:
            continue
        side[start] = 0
        queue = [start]
        while queue:
            here = queue.pop()
            for there in neighbours[here]:
                if there not in side:
                    side[there] = 1 - side[here]
                    queue.append(there)
                elif side[there] == side[here]:
                    return None
    return side


def _assignment(
    edges: dict[tuple[int, int], tuple[float, int]], side: dict[int, int], limit: int | None
) -> list[int]:
    """Meetings of a maximum-weight matching of at most `limit` edges, two-sided graph."""
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415 - not a circle: a heavy library, loaded only for a day too large to solve exactly

    left = sorted({a if side[a] == 0 else b for a, b in edges})
    right = sorted({b if side[a] == 0 else a for a, b in edges})
    row = {p: i for i, p in enumerate(left)}
    col = {p: j for j, p in enumerate(right)}
    # Rows that must take a right-hand participant keep the matching within `limit` edges.
    blockers = 0 if limit is None else max(0, len(right) - limit)
    weights = np.zeros((len(left) + blockers, len(right) + len(left)))
    meeting_at = {}
    total = 0.0
    for (a, b), (weight, m) in edges.items():
        i, j = (row[a], col[b]) if side[a] == 0 else (row[b], col[a])
        weights[i, j] = weight
        meeting_at[(i, j)] = m
        total += weight
    weights[len(left) :, : len(right)] = total + 1.0
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return sorted(
        meeting_at[(i, j)]
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        if (i, j) in meeting_at
    )


def _blossom(edges: dict[tuple[int, int], tuple[float, int]], limit: int | None) -> list[int]:
    """Meetings of a maximum-weight matching (general graph), the heaviest `limit` kept."""
    import networkx as nx  # noqa: PLC0415 - not a circle: a heavy library, loaded only for a day too large to solve exactly

    graph = nx.Graph()
    for (a, b), (weight, m) in sorted(edges.items()):
        graph.add_edge(a, b, weight=weight, meeting=m)
    chosen = [
        (graph[a][b]["weight"], graph[a][b]["meeting"]) for a, b in nx.max_weight_matching(graph)
    ]
    chosen.sort(key=lambda item: (-item[0], item[1]))
    if limit is not None:
        chosen = chosen[:limit]
    return sorted(m for _, m in chosen)


def _heaviest_first(
    edges: dict[tuple[int, int], tuple[float, int]], limit: int | None
) -> list[int]:
    """Meetings of a matching taken heaviest first (general graph), at most `limit`."""
    taken: set[int] = set()
    chosen = []
    for (a, b), (_, m) in sorted(edges.items(), key=lambda item: (-item[1][0], item[1][1])):
        if limit is not None and len(chosen) >= limit:
            break
        if a not in taken and b not in taken:
            taken.update((a, b))
            chosen.append(m)
    return sorted(chosen)


def construct(
    problem: Problem,
    meetings: list[int],
    preference: dict[int, float] | None = None,
    deadline: float | None = None,
) -> dict[int, int]:
    """A feasible, maximal schedule of the given meetings: meeting index -> slot index.

    `preference` (0 to 1 per meeting, e.g. the LP relaxation's values) raises
    the weight of the meetings a better schedule is likely to contain. Once the
    `deadline` (a time.monotonic() value) passes, the slots left are filled
    greedily instead of by matchings.
    """
    side = two_sides(problem, meetings)
    occupancy = Occupancy(problem)
    by_slot: list[list[int]] = [[] for _ in range(problem.slot_count)]
    for m in meetings:
        for s in problem.options[m]:
            by_slot[s].append(m)
    for s, candidates in enumerate(by_slot):
        if deadline is not None and time.monotonic() >= deadline:
            break
        edges: dict[tuple[int, int], tuple[float, int]] = {}
        for m in candidates:
            if not occupancy.can_place(m, s):
                continue
            options = problem.options[m]
            left = len(options) - bisect_left(options, s)
            weight = problem.priority[m] * (1.0 + _URGENCY / left)
            if preference is not None:
                weight *= 1.0 + _PREFERENCE * preference.get(m, 0.0)
            key = tuple(sorted(problem.pair[m]))
            if key not in edges or weight > edges[key][0]:
                edges[key] = (weight, m)
        if not edges:
            continue
        capacity = problem.capacity[s]
        limit = None if capacity is None else capacity - occupancy.load[s]
        if side is not None:
            chosen = _assignment(edges, side, limit)
        elif len(edges) <= _BLOSSOM_EDGES:
            chosen = _blossom(edges, limit)
        else:
            chosen = _heaviest_first(edges, limit)
        for m in chosen:
            # Caps are checked again: one matching may give a capped participant its last meeting
            # only once, but the check keeps the schedule feasible whatever the matching did.
            if occupancy.can_place(m, s):
                occupancy.place(m, s)
    return fill(problem, occupancy.placement, meetings)
