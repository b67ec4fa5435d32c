"""The improvement stages keep schedules feasible and never lose value, on mid-size events."""

from __future__ import annotations

import random

from tests.engine.test_scheduling_properties import check_feasible
from twinning.engine.scheduling import parse_instance, run_json
from twinning.engine.scheduling.construct import construct
from twinning.engine.scheduling.neighbourhood import improve_by_windows
from twinning.engine.scheduling.problem import build_problem, fill
from twinning.engine.scheduling.search import improve


def _event(seed: int, cities: int = 24, meetings: int = 90, slots: int = 6, tables: int = 5):
    """A two-sided event with popular cities, partial availability, caps and fixed slots."""
    rng = random.Random(seed)
    slot_ids = [f"s{i}" for i in range(slots)]
    mission = [f"mc-{i}" for i in range(cities // 2)]
    minded = [f"mm-{i}" for i in range(cities - len(mission))]
    participants = []
    for city in mission + minded:
        participant = {"id": city}
        if rng.random() < 0.4:
            start = rng.randrange(slots - 1)
            participant["available"] = slot_ids[start : rng.randint(start + 1, slots)]
        if rng.random() < 0.3:
            participant["max_meetings"] = rng.randint(1, 4)
        participants.append(participant)
    pairs = set()
    while len(pairs) < meetings:
        pairs.add((rng.choice(mission[:4] + mission), rng.choice(minded[:4] + minded)))
    return {
        "slots": [{"id": slot_id} for slot_id in slot_ids],
        "default_capacity": tables,
        "participants": participants,
        "meetings": [
            {"id": f"r-{i}", "participants": list(pair), "priority": rng.randint(1, 3)}
            for i, pair in enumerate(sorted(pairs))
        ],
    }


def _as_result(instance: dict, problem, placement: dict[int, int]) -> dict:
    """A contract-shaped result of an internal placement, for the independent checker."""
    scheduled, tables = [], {}
    for m, s in sorted(placement.items()):
        tables[s] = tables.get(s, 0) + 1
        scheduled.append(
            {
                "meeting": instance["meetings"][m]["id"],
                "slot": instance["slots"][s]["id"],
                "table": tables[s],
            }
        )
    total = sum(problem.priority[m] for m in placement)
    return {
        "scheduled": scheduled,
        "unscheduled": [
            {"meeting": meeting["id"], "reason": "left out"}
            for m, meeting in enumerate(instance["meetings"])
            if m not in placement
        ],
        "total_priority": total,
        "upper_bound": total,
        "optimal": True,
    }


def test_local_search_keeps_schedule_feasible_and_never_worse():
    for seed in range(5):
        instance = _event(seed)
        problem = build_problem(parse_instance(instance))
        meetings = [m for m in range(problem.meeting_count) if problem.options[m]]
        start = construct(problem, meetings)
        better = improve(problem, meetings, start, 10**9, 5_000, None)
        check_feasible(instance, _as_result(instance, problem, better))
        value = sum(problem.priority[m] for m in better)
        assert value >= sum(problem.priority[m] for m in start)


def test_window_search_keeps_schedule_feasible_and_never_worse():
    for seed in range(5):
        instance = _event(seed)
        problem = build_problem(parse_instance(instance))
        meetings = [m for m in range(problem.meeting_count) if problem.options[m]]
        start = construct(problem, meetings)
        better = improve_by_windows(problem, meetings, start, 10**9, 5_000, None)
        check_feasible(instance, _as_result(instance, problem, better))
        value = sum(problem.priority[m] for m in better)
        assert value >= sum(problem.priority[m] for m in start)


def test_schedule_mid_size_event_feasible_and_deterministic():
    instance = _event(7, cities=40, meetings=200, slots=8, tables=8)
    first = run_json(instance)
    second = run_json(instance)
    check_feasible(instance, first)
    first["stats"].pop("seconds")
    second["stats"].pop("seconds")
    assert first == second


def _open_event(seed: int, cities: int, meetings: int, slots: int, tables: int) -> dict:
    """Any city may ask any other: the slot matchings are general graphs."""
    rng = random.Random(seed)
    ids = [f"c-{i}" for i in range(cities)]
    pairs = set()
    while len(pairs) < meetings:
        first, second = rng.sample(ids, 2)
        pairs.add((min(first, second), max(first, second)))
    return {
        "slots": [{"id": f"s{i}"} for i in range(slots)],
        "default_capacity": tables,
        "participants": [{"id": city} for city in ids],
        "meetings": [
            {"id": f"r-{i}", "participants": list(pair), "priority": rng.randint(1, 3)}
            for i, pair in enumerate(sorted(pairs))
        ],
    }


def test_construct_on_crowded_slots_of_an_open_event_is_feasible_and_maximal():
    # 400 requests among 60 cities in 3 slots: each slot's graph is too large for blossom.
    instance = _open_event(3, cities=60, meetings=400, slots=3, tables=25)
    problem = build_problem(parse_instance(instance))
    meetings = list(range(problem.meeting_count))

    placement = construct(problem, meetings)

    check_feasible(instance, _as_result(instance, problem, placement))
    assert fill(problem, placement, meetings) == placement


def test_window_search_on_an_open_event_keeps_schedule_feasible_and_never_worse():
    instance = _open_event(4, cities=60, meetings=400, slots=6, tables=12)
    problem = build_problem(parse_instance(instance))
    meetings = list(range(problem.meeting_count))
    start = construct(problem, meetings)

    better = improve_by_windows(problem, meetings, start, 10**9, 20_000, None)

    check_feasible(instance, _as_result(instance, problem, better))
    assert sum(problem.priority[m] for m in better) >= sum(problem.priority[m] for m in start)
