"""A quick feasible selection: the starting point of the search and its safety net.

It always respects the pins, the capacities and both caps, so the engine has a
result to return however early the time limit strikes.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from twinning.engine.selection.graph import SelectionGraph


def greedy_selection(graph: SelectionGraph) -> list[int]:
    """Indices of free edges forming a feasible selection (pins come on top of them).

    Providers are opened one at a time, the one that can take the most still
    unpaired seekers first (then the most first choices), each taking the seekers
    that rank it highest; seekers left over then fill any open place, best rank first.
    """
    edges = graph.edges
    providers = graph.instance.providers
    by_provider: dict[int, list[int]] = defaultdict(list)
    by_seeker: dict[int, list[int]] = defaultdict(list)
    for index, edge in enumerate(edges):
        by_provider[edge.provider].append(index)
        by_seeker[edge.seeker].append(index)
    demand = {p: len(indices) for p, indices in by_provider.items()}
    firsts = {p: sum(edges[i].rank == 1 for i in indices) for p, indices in by_provider.items()}

    load: dict[int, int] = defaultdict(int)
    open_providers = set(graph.pinned_providers)
    paired: dict[int, int] = {}  # seeker -> edge index
    budget = graph.select_left
    country_left = dict(graph.country_left) if graph.country_left is not None else None

    def key(p: int) -> tuple[int, int, int]:
        return (-min(graph.room[p], demand[p]), -firsts[p], p)

    heap = [key(p) for p in by_provider if p not in open_providers]
    heapq.heapify(heap)
    while budget > 0 and heap:
        stale = heapq.heappop(heap)
        p = stale[2]
        fresh = key(p)
        if fresh != stale:  # demand only falls, so a stale key is re-queued at its true place
            heapq.heappush(heap, fresh)
            continue
        if fresh[0] == 0:
            break
        country = providers[p].country
        if country_left is not None and country_left[country] <= 0:
            continue
        open_providers.add(p)
        budget -= 1
        if country_left is not None:
            country_left[country] -= 1
        candidates = [i for i in by_provider[p] if edges[i].seeker not in paired]
        candidates.sort(key=lambda i: (edges[i].rank, len(by_seeker[edges[i].seeker]), i))
        for i in candidates[: graph.room[p]]:
            seeker = edges[i].seeker
            paired[seeker] = i
            load[p] += 1
            for j in by_seeker[seeker]:
                demand[edges[j].provider] -= 1
                firsts[edges[j].provider] -= edges[j].rank == 1

    for seeker, indices in sorted(by_seeker.items()):
        if seeker in paired:
            continue
        for i in sorted(indices, key=lambda i: edges[i].rank):
            p = edges[i].provider
            if p in open_providers and load[p] < graph.room[p]:
                paired[seeker] = i
                load[p] += 1
                break
    return sorted(paired.values())
