"""The scheduler: decompose, solve small parts exactly, construct, bound, improve, explain.

For each independent part of the instance (meetings tied together by a
participant, or by a slot whose tables can run out):

0. a small part (at most `_EXACT_COLUMNS` meeting-slot pairs, most real days)
   goes to the exact model on HiGHS first, from a quick greedy schedule; it
   usually proves the optimum at once, and the stages below run only if not;
1. a constructive schedule (slot-by-slot maximum-weight matchings), which
   guarantees there is always a schedule to return;
2. the aggregated LP bound; stop if the schedule reaches it;
3. a second constructive schedule guided by the LP's values;
4. on moderate parts, the full LP bound;
5. local search (insertion with moves and replacements) on what remains;
6. large-neighbourhood search: windows of slots re-solved exactly, pass after
   pass while a pass gains;
7. every meeting that still fits is added, so the schedule is maximal.

The proven bound is the sum over parts of the smallest bound found for each.
A hybrid day (tables and video rooms) is three such runs, see `pools`.

Same instance, same result: every stage works in a fixed order with nothing
random, HiGHS is deterministic, and effort is bounded by counts (moves tried,
columns solved, branch-and-bound nodes) rather than seconds. Two wall-clock
limits remain, and only when one of them expires can the result depend on the
machine: `time_limit` (with which the window search may also go on past its
budget while time remains), and a guard on the exact model of a part that
only an unusually hard part reaches.
"""

from __future__ import annotations

import time

from twinning.engine.scheduling.bound import aggregated_bound, full_bound, full_columns
from twinning.engine.scheduling.construct import construct
from twinning.engine.scheduling.exact import solve_exactly
from twinning.engine.scheduling.model import ScheduledMeeting, ScheduleInstance, ScheduleResult
from twinning.engine.scheduling.neighbourhood import improve_by_windows
from twinning.engine.scheduling.parse import check_instance
from twinning.engine.scheduling.pools import join_passes, merged_pools, rooms_pass, tables_pass
from twinning.engine.scheduling.problem import Occupancy, Problem, build_problem, fill
from twinning.engine.scheduling.reasons import explain
from twinning.engine.scheduling.search import improve
from twinning.engine.scheduling.tables import seat

# Parts with at most this many (meeting, slot) pairs get the full LP bound...
_FULL_LP_COLUMNS = 30_000
# ...and at most this many the exact model.
_EXACT_COLUMNS = 10_000
# Wall-clock guard of the exact model when no --time-limit is given.
_EXACT_SECONDS = 10.0
# Time kept at the end of a time-limited run for seating and the reasons.
_FINISH_SECONDS = 0.3
# Moves the local search may try per part: a machine-independent budget.
_SEARCH_MOVES = 40_000
# Columns of the exact window models re-solved per part, likewise.
_WINDOW_WORK = 40_000


def split(problem: Problem) -> list[list[int]]:
    """Independent parts: meetings that share a participant or a slot whose tables bind."""
    # Union-find over participants and binding slots (slots after the participants).
    parent = list(range(len(problem.cap) + problem.slot_count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(first: int, second: int) -> None:
        first, second = root(first), root(second)
        if first != second:
            parent[max(first, second)] = min(first, second)

    slot_node = len(problem.cap)
    for m, slots in enumerate(problem.options):
        if not slots:
            continue
        first, second = problem.pair[m]
        join(first, second)
        for s in slots:
            if problem.capacity[s] is not None:
                join(first, slot_node + s)
    parts: dict[int, list[int]] = {}
    for m, slots in enumerate(problem.options):
        if slots:
            parts.setdefault(root(problem.pair[m][0]), []).append(m)
    return sorted(parts.values())


def _value(problem: Problem, placement: dict[int, int]) -> int:
    return sum(problem.priority[m] for m in placement)


def _feasible(problem: Problem, placement: dict[int, int]) -> dict[int, int]:
    """The placement as checked by Occupancy (a solver answer is trusted only after this)."""
    occupancy = Occupancy(problem)
    for m, s in sorted(placement.items()):
        if s in problem.options[m] and occupancy.can_place(m, s):
            occupancy.place(m, s)
    return occupancy.placement


def _remaining(deadline: float | None) -> float | None:
    return None if deadline is None else deadline - time.monotonic()


def _small(problem: Problem, meetings: list[int]) -> bool:
    """A part the exact model is tried on first: at most `_EXACT_COLUMNS` (meeting, slot) pairs."""
    return sum(len(problem.options[m]) for m in meetings) <= _EXACT_COLUMNS


def _solve_part(
    problem: Problem, meetings: list[int], start: dict[int, int], deadline: float | None
) -> tuple[dict[int, int], int, str]:
    """Best schedule found for one part, its proven bound, and which method proved it.

    A small part goes to the exact model first, from `start`: most days are
    small, and HiGHS proves them optimal before the constructive stages would
    have run. A large part, or a small one HiGHS does not close within its node
    limit, goes through the stages below.
    """
    best = start
    upper = sum(problem.priority[m] for m in meetings)
    source = "sum of priorities"

    def better(candidate: dict[int, int]) -> None:
        nonlocal best
        candidate = fill(problem, _feasible(problem, candidate), meetings)
        if _value(problem, candidate) > _value(problem, best):
            best = candidate

    def tighter(bound: int | None, name: str) -> None:
        nonlocal upper, source
        if bound is not None and bound < upper:
            upper, source = bound, name

    def done() -> bool:
        remaining = _remaining(deadline)
        return _value(problem, best) >= upper or (remaining is not None and remaining <= 0)

    def reached() -> bool:
        return _value(problem, best) >= upper

    if reached():
        return best, upper, source
    columns = full_columns(problem, meetings)
    if len(columns) <= _EXACT_COLUMNS and not done():
        remaining = _remaining(deadline)
        seconds = _EXACT_SECONDS if remaining is None else min(_EXACT_SECONDS, remaining)
        answer = solve_exactly(problem, columns, seconds, start=best)
        tighter(answer.bound, "exact model")
        if answer.placement is not None:
            better(answer.placement)
        if done():
            return best, max(upper, _value(problem, best)), source

    # Even when the time is up: it takes a fraction of a second at any size, and without it
    # a time-limited run would report the sum of priorities as its bound.
    aggregated = aggregated_bound(problem, meetings)
    if aggregated is not None:
        tighter(aggregated.bound, "aggregated LP")
    if done():
        return best, max(upper, _value(problem, best)), source
    if aggregated is not None:
        preference = dict(zip(meetings, aggregated.solution.tolist(), strict=True))
        better(construct(problem, meetings, preference, deadline))

    if len(columns) <= _FULL_LP_COLUMNS and not done():
        full = full_bound(problem, columns, _remaining(deadline))
        if full is not None:
            tighter(full.bound, "full LP")
    if not done():
        better(improve(problem, meetings, best, upper, _SEARCH_MOVES, deadline))
    if not done():
        # With a time limit the windows may go on past their budget while time remains.
        work = _WINDOW_WORK if deadline is None else None
        better(improve_by_windows(problem, meetings, best, upper, work, deadline))
    # Floating point cannot push a bound below a schedule that reaches more.
    return best, max(upper, _value(problem, best)), source


def schedule_meetings(
    instance: ScheduleInstance, time_limit: float | None = None
) -> ScheduleResult:
    """Place the most valuable set of meetings that fits, with a proven upper bound.

    Raises `InvalidInstance` if the instance breaks the contract. With a
    `time_limit` in seconds, returns the best schedule found when it expires,
    seated and explained within the limit (the bound stays proven; the
    aggregated LP bound is always computed, which can overrun a very short
    limit by a fraction of a second). Without
    one, effort budgets end the search and the result does not depend on the
    machine; with one, the search may go on past them while time remains. At a
    hybrid day (two pools) each of its three runs has an equal share of the
    time still left when it starts.
    """
    started = time.monotonic()
    check_instance(instance)
    if not instance.two_pools:
        return _schedule_one_pool(instance, time_limit)

    def share(runs_left: int) -> float | None:
        if time_limit is None:
            return None
        return max(0.0, started + time_limit - time.monotonic()) / runs_left

    tables = _schedule_one_pool(tables_pass(instance), share(3))
    rooms = _schedule_one_pool(rooms_pass(instance, tables), share(2))
    merged = _schedule_one_pool(merged_pools(instance), share(1))
    return join_passes(tables, rooms, merged)


def _schedule_one_pool(instance: ScheduleInstance, time_limit: float | None) -> ScheduleResult:
    """`schedule_meetings` for a checked instance with one pool of tables or rooms per slot."""
    started = time.monotonic()
    deadline = None
    if time_limit is not None:
        # Seating and the reasons come after the search: keep them inside the limit.
        deadline = started + time_limit - min(_FINISH_SECONDS, time_limit / 10)
    problem = build_problem(instance)
    parts = split(problem)

    # A complete schedule first, so that an expired time limit still has one to return.
    # A small part starts from the quick greedy: the exact model comes next.
    starts = [
        fill(problem, {}, meetings)
        if _small(problem, meetings)
        else construct(problem, meetings, deadline=deadline)
        for meetings in parts
    ]
    constructive = sum(_value(problem, start) for start in starts)

    placement: dict[int, int] = {}
    upper = 0
    sources: set[str] = set()
    for meetings, start in zip(parts, starts, strict=True):
        part_placement, part_upper, source = _solve_part(problem, meetings, start, deadline)
        placement.update(part_placement)
        upper += part_upper
        sources.add(source)

    total = _value(problem, placement)
    tables = seat(problem, placement)
    order = {slot.id: s for s, slot in enumerate(instance.slots)}
    scheduled = sorted(
        (
            ScheduledMeeting(instance.meetings[m].id, instance.slots[s].id, tables[m])
            for m, s in placement.items()
        ),
        key=lambda item: (order[item.slot], item.table),
    )
    return ScheduleResult(
        scheduled=tuple(scheduled),
        unscheduled=tuple(explain(problem, placement)),
        total_priority=total,
        upper_bound=upper,
        optimal=total == upper,
        stats={
            "seconds": round(time.monotonic() - started, 3),
            "constructive_priority": constructive,
            "parts": len(parts),
            "bounds": sorted(sources),
        },
    )
