"""Properties of the meeting scheduler on random small instances, checked independently.

The checker and the brute-force optimum below read the contract's JSON
directly and share no code with the engine.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from twinning.engine.errors import InvalidInstance
from twinning.engine.scheduling import run_json


def _available(instance: dict) -> dict[str, set[str]]:
    every = {slot["id"] for slot in instance["slots"]}
    return {
        p["id"]: set(p["available"]) if p.get("available") is not None else set(every)
        for p in instance["participants"]
    }


def _capacity(instance: dict) -> dict[str, int | None]:
    default = instance.get("default_capacity")
    return {
        slot["id"]: slot["capacity"] if slot.get("capacity") is not None else default
        for slot in instance["slots"]
    }


def _possible_slots(instance: dict, meeting: dict) -> list[str]:
    available = _available(instance)
    first, second = meeting["participants"]
    slots = [
        slot["id"]
        for slot in instance["slots"]
        if slot["id"] in available[first] and slot["id"] in available[second]
    ]
    if meeting.get("fixed_slot") is not None:
        slots = [s for s in slots if s == meeting["fixed_slot"]]
    return slots


def check_feasible(instance: dict, result: dict) -> None:
    """Assert every rule of the contract on a result; independent of the engine."""
    meetings = {meeting["id"]: meeting for meeting in instance["meetings"]}
    available = _available(instance)
    capacity = _capacity(instance)
    cap = {p["id"]: p.get("max_meetings") for p in instance["participants"]}

    listed = [item["meeting"] for item in result["scheduled"]] + [
        item["meeting"] for item in result["unscheduled"]
    ]
    assert sorted(listed) == sorted(meetings)
    for item in result["unscheduled"]:
        assert isinstance(item["reason"], str) and item["reason"]

    seen: set[tuple[str, str]] = set()
    count: dict[str, int] = {}
    tables: dict[str, list[int]] = {}
    total = 0
    for item in result["scheduled"]:
        meeting = meetings[item["meeting"]]
        slot = item["slot"]
        if meeting.get("fixed_slot") is not None:
            assert slot == meeting["fixed_slot"]
        for participant in meeting["participants"]:
            assert slot in available[participant]
            assert (participant, slot) not in seen
            seen.add((participant, slot))
            count[participant] = count.get(participant, 0) + 1
        tables.setdefault(slot, []).append(item["table"])
        total += meeting.get("priority", 1)
    for participant, number in count.items():
        assert cap[participant] is None or number <= cap[participant]
    for slot, numbers in tables.items():
        assert len(numbers) == len(set(numbers))
        limit = capacity[slot] if capacity[slot] is not None else len(numbers)
        assert all(1 <= number <= limit for number in numbers)
    assert result["total_priority"] == total
    assert result["total_priority"] <= result["upper_bound"]
    assert result["optimal"] == (result["total_priority"] == result["upper_bound"])


def brute_force_optimum(instance: dict) -> int:
    """The best total priority, by trying every assignment (small instances only)."""
    meetings = instance["meetings"]
    options = [_possible_slots(instance, meeting) for meeting in meetings]
    capacity = _capacity(instance)
    cap = {p["id"]: p.get("max_meetings") for p in instance["participants"]}
    busy: set[tuple[str, str]] = set()
    count = {p: 0 for p in cap}
    load = {s: 0 for s in capacity}
    best = 0

    def search(index: int, value: int) -> None:
        nonlocal best
        if index == len(meetings):
            best = max(best, value)
            return
        rest = sum(meeting.get("priority", 1) for meeting in meetings[index:])
        if value + rest <= best:
            return
        meeting = meetings[index]
        first, second = meeting["participants"]
        for slot in options[index]:
            if (first, slot) in busy or (second, slot) in busy:
                continue
            if capacity[slot] is not None and load[slot] >= capacity[slot]:
                continue
            if any(cap[p] is not None and count[p] >= cap[p] for p in (first, second)):
                continue
            busy.update({(first, slot), (second, slot)})
            load[slot] += 1
            count[first] += 1
            count[second] += 1
            search(index + 1, value + meeting.get("priority", 1))
            busy.difference_update({(first, slot), (second, slot)})
            load[slot] -= 1
            count[first] -= 1
            count[second] -= 1
        search(index + 1, value)

    search(0, 0)
    return best


@st.composite
def instances(draw, max_meetings: int = 7, max_slots: int = 4) -> dict:
    slot_count = draw(st.integers(1, max_slots))
    slot_ids = [f"s{i}" for i in range(slot_count)]
    capacities = st.one_of(st.none(), st.integers(0, 3))
    slots = []
    for slot_id in slot_ids:
        slot = {"id": slot_id}
        capacity = draw(capacities)
        if capacity is not None or draw(st.booleans()):
            slot["capacity"] = capacity
        slots.append(slot)
    participant_ids = [f"p{i}" for i in range(draw(st.integers(2, 5)))]
    participants = []
    for participant_id in participant_ids:
        participant = {"id": participant_id}
        if draw(st.booleans()):
            participant["available"] = draw(
                st.lists(st.sampled_from(slot_ids), unique=True, max_size=slot_count)
            )
        cap = draw(st.one_of(st.none(), st.integers(0, 3)))
        if cap is not None:
            participant["max_meetings"] = cap
        participants.append(participant)
    instance = {"slots": slots, "participants": participants, "meetings": []}
    default = draw(capacities)
    if default is not None:
        instance["default_capacity"] = default
    for index in range(draw(st.integers(0, max_meetings))):
        pair = draw(st.lists(st.sampled_from(participant_ids), min_size=2, max_size=2, unique=True))
        meeting = {"id": f"m{index}", "participants": pair, "priority": draw(st.integers(1, 3))}
        instance["meetings"].append(meeting)
        common = _possible_slots(instance, meeting)
        if common and draw(st.integers(0, 4)) == 0:
            meeting["fixed_slot"] = draw(st.sampled_from(common))
    return instance


def _run(instance: dict) -> dict:
    try:
        return run_json(json.loads(json.dumps(instance)))
    except InvalidInstance:
        # Only fixed-slot conflicts make a generated instance invalid.
        assume(False)
        raise


_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)


@_SETTINGS
@given(instances())
def test_schedule_is_feasible_and_optimal_on_small_instances(instance):
    result = _run(instance)
    check_feasible(instance, result)
    optimum = brute_force_optimum(instance)
    assert result["total_priority"] == optimum
    assert result["upper_bound"] >= optimum


@_SETTINGS
@given(instances(max_meetings=16, max_slots=5))
def test_schedule_is_feasible_and_bound_holds_on_larger_instances(instance):
    result = _run(instance)
    check_feasible(instance, result)
    if len(instance["meetings"]) <= 10:
        assert result["upper_bound"] >= brute_force_optimum(instance)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(instances(max_meetings=12))
def test_schedule_same_input_gives_same_output(instance):
    first = _run(instance)
    second = _run(instance)
    first["stats"].pop("seconds")
    second["stats"].pop("seconds")
    assert first == second
