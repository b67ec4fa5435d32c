"""select_twinnings: from an instance to a proven (or, on time out, the best found) result."""

from __future__ import annotations

import time

from twinning.engine.selection.explain import explain_codes, explanation_text
from twinning.engine.selection.graph import Edge, build_graph
from twinning.engine.selection.greedy import greedy_selection
from twinning.engine.selection.lexicographic import solve_lexicographic
from twinning.engine.selection.model import Pair, SelectionInstance, SelectionResult
from twinning.engine.selection.parse import check_instance


def select_twinnings(
    instance: SelectionInstance, time_limit: float | None = None
) -> SelectionResult:
    """The best feasible selection: most seekers paired, then rank-maximal.

    Raises InvalidInstance if the instance breaks the contract. With `time_limit`
    (seconds), returns the best result found by then, with `optimal` false unless
    it was proven; the result is always feasible and always includes the pins.
    The same instance always gives the same result when no time limit is hit.
    """
    started = time.monotonic()
    deadline = None if time_limit is None else started + time_limit
    check_instance(instance)
    graph = build_graph(instance)
    start = greedy_selection(graph)
    greedy_matched = len(start) + len(graph.pinned)
    outcome = solve_lexicographic(graph, start, deadline)

    chosen: list[Edge] = [*graph.pinned, *(graph.edges[i] for i in outcome.edges)]
    chosen.sort(key=lambda edge: edge.seeker)
    seekers, providers = instance.seekers, instance.providers
    pairs = tuple(
        Pair(seekers[edge.seeker].id, providers[edge.provider].id, edge.rank) for edge in chosen
    )
    used = {edge.provider for edge in chosen}
    paired = {edge.seeker for edge in chosen}
    codes = explain_codes(instance, pairs, outcome.optimal)
    signature = [0] * instance.longest_preferences
    for edge in chosen:
        signature[edge.rank - 1] += 1
    return SelectionResult(
        selected=tuple(providers[p].id for p in sorted(used)),
        pairs=pairs,
        unmatched=tuple(seeker.id for s, seeker in enumerate(seekers) if s not in paired),
        signature=tuple(signature),
        optimal=outcome.optimal,
        explanations={seeker: explanation_text(reasons) for seeker, reasons in codes.items()},
        stats={
            "seconds": round(time.monotonic() - started, 4),
            "path": outcome.path,
            "stages_solved": outcome.stages_solved,
            "stages_skipped": outcome.stages_skipped,
            "stages_branched": outcome.stages_branched,
            "allowed_pairs": len(graph.edges),
            "greedy_matched": greedy_matched,
        },
        explanation_codes=codes,
    )
