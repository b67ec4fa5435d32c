"""Examples of the meeting scheduler: capacity, caps, fixed slots, tables, reasons."""

from __future__ import annotations

from twinning.engine.scheduling import (
    Meeting,
    Participant,
    ScheduleInstance,
    Slot,
    UnscheduledMeeting,
    parse_instance,
    run_json,
    schedule_meetings,
)


def _slots(*ids: str, capacity: int | None = None) -> list[dict]:
    return [{"id": slot_id, "capacity": capacity} for slot_id in ids]


def _meeting(meeting_id: str, first: str, second: str, priority: int = 1, fixed=None) -> dict:
    meeting = {"id": meeting_id, "participants": [first, second], "priority": priority}
    if fixed is not None:
        meeting["fixed_slot"] = fixed
    return meeting


def _placed(result: dict) -> dict[str, tuple[str, int]]:
    return {item["meeting"]: (item["slot"], item["table"]) for item in result["scheduled"]}


def _reasons(result: dict) -> dict[str, str]:
    return {item["meeting"]: item["reason"] for item in result["unscheduled"]}


def _facts(result: dict) -> dict[str, dict]:
    """Each left-out meeting's reason as facts, without the sentence."""
    return {
        item["meeting"]: {k: v for k, v in item.items() if k not in ("meeting", "reason")}
        for item in result["unscheduled"]
    }


def test_schedule_capacity_limits_meetings_per_slot():
    instance = {
        "slots": _slots("d1-0900", capacity=2),
        "participants": [{"id": p} for p in ("mc-a", "mc-b", "mc-c", "mm-x", "mm-y", "mm-z")],
        "meetings": [
            _meeting("r-1", "mc-a", "mm-x", 1),
            _meeting("r-2", "mc-b", "mm-y", 3),
            _meeting("r-3", "mc-c", "mm-z", 2),
        ],
    }
    result = run_json(instance)
    assert _placed(result) == {"r-2": ("d1-0900", 1), "r-3": ("d1-0900", 2)}
    assert _reasons(result) == {
        "r-1": "No table was free in the slots when both mc-a and mm-x were available"
    }
    assert (result["total_priority"], result["upper_bound"], result["optimal"]) == (5, 5, True)


def test_schedule_default_capacity_applies_to_slots_without_capacity():
    instance = {
        "slots": [{"id": "d1-0900"}, {"id": "d1-0930", "capacity": 2}],
        "default_capacity": 1,
        "participants": [{"id": p} for p in ("mc-a", "mc-b", "mm-x", "mm-y")],
        "meetings": [_meeting("r-1", "mc-a", "mm-x"), _meeting("r-2", "mc-b", "mm-y")],
    }
    instance["meetings"].append(_meeting("r-3", "mc-a", "mm-y"))
    instance["meetings"].append(_meeting("r-4", "mc-b", "mm-x"))
    result = run_json(instance)
    slots = [item["slot"] for item in result["scheduled"]]
    assert slots.count("d1-0900") == 1
    assert slots.count("d1-0930") == 2
    assert result["total_priority"] == 3
    assert result["optimal"] is True


def test_schedule_unlimited_capacity_when_absent():
    instance = {
        "slots": [{"id": "d1-0900"}],
        "participants": [{"id": f"p{i}"} for i in range(10)],
        "meetings": [_meeting(f"r-{i}", f"p{2 * i}", f"p{2 * i + 1}") for i in range(5)],
    }
    result = run_json(instance)
    assert sorted(_placed(result).values()) == [("d1-0900", table) for table in range(1, 6)]


def test_schedule_max_meetings_caps_a_participant():
    instance = {
        "slots": _slots("d1-0900", "d1-0930", "d1-1000"),
        "participants": [
            {"id": "mc-torino", "max_meetings": 2},
            {"id": "mm-lahti"},
            {"id": "mm-graz"},
            {"id": "mm-porto"},
        ],
        "meetings": [
            _meeting("r-1", "mc-torino", "mm-lahti", 3),
            _meeting("r-2", "mc-torino", "mm-graz", 1),
            _meeting("r-3", "mc-torino", "mm-porto", 2),
        ],
    }
    result = run_json(instance)
    assert sorted(_placed(result)) == ["r-1", "r-3"]
    assert _reasons(result) == {
        "r-2": "mc-torino's day is full: it reached its limit of 2 meetings"
    }
    assert _facts(result) == {
        "r-2": {"kind": "one_full", "participants": ["mc-torino"], "limits": [2]}
    }
    assert (result["total_priority"], result["upper_bound"]) == (5, 5)


def test_schedule_fixed_slot_is_kept():
    instance = {
        "slots": _slots("d1-0900", "d1-0930"),
        "participants": [{"id": "mc-torino"}, {"id": "mm-lahti"}],
        "meetings": [_meeting("r-17", "mc-torino", "mm-lahti", 3, fixed="d1-0930")],
    }
    result = run_json(instance)
    assert _placed(result) == {"r-17": ("d1-0930", 1)}


def test_schedule_fixed_slot_without_table_gives_reason():
    instance = {
        "slots": _slots("d1-0900", "d1-0930", capacity=1),
        "participants": [
            {"id": "mc-torino"},
            {"id": "mm-lahti"},
            {"id": "mc-bonn", "available": ["d1-0930"]},
            {"id": "mm-graz", "available": ["d1-0930"]},
        ],
        "meetings": [
            _meeting("r-1", "mc-bonn", "mm-graz", 3),
            _meeting("r-2", "mc-torino", "mm-lahti", 1, fixed="d1-0930"),
        ],
    }
    result = run_json(instance)
    assert _placed(result) == {"r-1": ("d1-0930", 1)}
    assert _reasons(result) == {"r-2": "In its fixed slot d1-0930, no table was free"}


def test_schedule_two_fixed_meetings_of_one_city_in_one_slot_keeps_the_more_valuable():
    instance = {
        "slots": _slots("d1-0900", "d1-0930"),
        "participants": [
            {"id": "mc-torino", "name": "Torino"},
            {"id": "mm-lahti", "name": "Lahti"},
            {"id": "mm-graz", "name": "Graz"},
        ],
        "meetings": [
            _meeting("r-1", "mc-torino", "mm-lahti", 1, fixed="d1-0900"),
            _meeting("r-2", "mc-torino", "mm-graz", 3, fixed="d1-0900"),
        ],
    }

    result = run_json(instance)

    assert _placed(result) == {"r-2": ("d1-0900", 1)}
    assert _reasons(result) == {"r-1": "Torino already has a fixed meeting in d1-0900, with Graz"}
    assert (result["total_priority"], result["upper_bound"], result["optimal"]) == (3, 3, True)


def test_schedule_more_fixed_meetings_than_tables_keeps_the_more_valuable():
    instance = {
        "slots": _slots("d1-0900", "d1-0930", capacity=1),
        "participants": [{"id": p} for p in ("mc-torino", "mm-lahti", "mc-bonn", "mm-graz")],
        "meetings": [
            _meeting("r-1", "mc-torino", "mm-lahti", 1, fixed="d1-0900"),
            _meeting("r-2", "mc-bonn", "mm-graz", 2, fixed="d1-0900"),
        ],
    }

    result = run_json(instance)

    assert _placed(result) == {"r-2": ("d1-0900", 1)}
    assert _reasons(result) == {"r-1": "All tables in d1-0900 (1) hold other meetings fixed there"}
    assert _facts(result) == {
        "r-1": {
            "kind": "fixed_tables_full",
            "participants": [],
            "slot": "d1-0900",
            "capacity": 1,
        }
    }


def test_schedule_reasons_call_the_cities_by_their_names():
    instance = {
        "slots": _slots("d1-0900"),
        "participants": [
            {"id": "c1", "name": "Torino"},
            {"id": "c2", "name": "Lahti"},
            {"id": "c3", "name": "Graz"},
        ],
        "meetings": [_meeting("r-1", "c1", "c2", 3), _meeting("r-2", "c1", "c3", 1)],
    }

    result = run_json(instance)

    assert _reasons(result) == {
        "r-2": "Torino was busy with other meetings in every slot it shares with Graz"
    }
    assert parse_instance(instance).participants[0].label == "Torino"


def test_schedule_fixed_slot_with_busy_participant_gives_reason():
    instance = {
        "slots": _slots("d1-0900", "d1-0930"),
        "participants": [
            {"id": "mc-torino"},
            {"id": "mm-lahti"},
            {"id": "mm-graz", "available": ["d1-0930"]},
        ],
        "meetings": [
            _meeting("r-1", "mc-torino", "mm-graz", 3),
            _meeting("r-2", "mc-torino", "mm-lahti", 1, fixed="d1-0930"),
        ],
    }
    result = run_json(instance)
    assert _placed(result) == {"r-1": ("d1-0930", 1)}
    assert _reasons(result) == {
        "r-2": "In its fixed slot d1-0930, mc-torino was in another meeting"
    }


def test_schedule_unavailable_participants_are_not_placed_there():
    instance = {
        "slots": _slots("d1-0900", "d1-0930", "d1-1000"),
        "participants": [
            {"id": "mc-torino", "available": ["d1-1000"]},
            {"id": "mm-lahti", "available": ["d1-0930", "d1-1000"]},
        ],
        "meetings": [_meeting("r-1", "mc-torino", "mm-lahti")],
    }
    result = run_json(instance)
    assert _placed(result) == {"r-1": ("d1-1000", 1)}


def test_schedule_no_common_slot_gives_reason():
    instance = {
        "slots": _slots("d1-0900", "d1-0930"),
        "participants": [
            {"id": "mc-torino", "available": ["d1-0900"]},
            {"id": "mm-lahti", "available": ["d1-0930"]},
        ],
        "meetings": [_meeting("r-1", "mc-torino", "mm-lahti")],
    }
    result = run_json(instance)
    assert result["scheduled"] == []
    assert _reasons(result) == {"r-1": "mc-torino and mm-lahti have no free slot in common"}
    assert (result["total_priority"], result["upper_bound"], result["optimal"]) == (0, 0, True)


def test_schedule_busy_participant_gives_reason():
    instance = {
        "slots": _slots("d1-0900"),
        "participants": [{"id": p} for p in ("mc-torino", "mm-lahti", "mm-graz")],
        "meetings": [
            _meeting("r-1", "mc-torino", "mm-lahti", 2),
            _meeting("r-2", "mm-graz", "mc-torino", 1),
        ],
    }
    result = run_json(instance)
    assert _reasons(result) == {
        "r-2": "mc-torino was busy with other meetings in every slot it shares with mm-graz"
    }
    # The busy city comes first, whichever of the two asked for the meeting.
    assert _facts(result) == {"r-2": {"kind": "one_busy", "participants": ["mc-torino", "mm-graz"]}}


def test_schedule_both_busy_gives_reason():
    instance = {
        "slots": _slots("d1-0900"),
        "participants": [{"id": p} for p in ("mc-a", "mc-b", "mm-x", "mm-y")],
        "meetings": [
            _meeting("r-1", "mc-a", "mm-x", 3),
            _meeting("r-2", "mc-b", "mm-y", 3),
            _meeting("r-3", "mc-a", "mm-y", 1),
        ],
    }
    result = run_json(instance)
    assert _reasons(result) == {
        "r-3": "mc-a and mm-y were both busy with other meetings in every slot they share"
    }


def test_schedule_mixed_blocks_give_reason():
    instance = {
        "slots": [{"id": "d1-0900", "capacity": 2}, {"id": "d1-0930", "capacity": 1}],
        "participants": [
            {"id": "mc-a"},
            {"id": "mm-x"},
            {"id": "mc-b", "available": ["d1-0930"]},
            {"id": "mm-y", "available": ["d1-0930"]},
            {"id": "mc-c", "available": ["d1-0900"]},
        ],
        "meetings": [
            _meeting("r-1", "mc-c", "mm-x", 3),
            _meeting("r-2", "mc-b", "mm-y", 3),
            _meeting("r-3", "mc-a", "mm-x", 1),
        ],
    }
    result = run_json(instance)
    assert _placed(result) == {"r-1": ("d1-0900", 1), "r-2": ("d1-0930", 1)}
    assert _reasons(result) == {
        "r-3": "In every slot mc-a and mm-x share, one of them was in another meeting "
        "or no table was free"
    }


def test_schedule_zero_limit_gives_reason():
    instance = {
        "slots": _slots("d1-0900"),
        "participants": [{"id": "mc-a", "max_meetings": 0}, {"id": "mm-x"}],
        "meetings": [_meeting("r-1", "mc-a", "mm-x")],
    }
    assert _reasons(run_json(instance)) == {"r-1": "mc-a takes no meetings (its limit is 0)"}


def test_schedule_table_kept_across_consecutive_slots():
    # mm-x meets three cities back to back; the others come and go.
    instance = {
        "slots": _slots("d1-0900", "d1-0930", "d1-1000", capacity=3),
        "participants": [
            {"id": "mm-x"},
            {"id": "mc-a", "available": ["d1-0900"]},
            {"id": "mc-b", "available": ["d1-0930"]},
            {"id": "mc-c", "available": ["d1-1000"]},
            {"id": "mm-y", "available": ["d1-0900", "d1-0930"]},
            {"id": "mc-d", "available": ["d1-0900"]},
            {"id": "mc-e", "available": ["d1-0930"]},
        ],
        "meetings": [
            _meeting("r-1", "mc-d", "mm-y"),
            _meeting("r-2", "mc-a", "mm-x"),
            _meeting("r-3", "mc-e", "mm-y"),
            _meeting("r-4", "mc-b", "mm-x"),
            _meeting("r-5", "mc-c", "mm-x"),
        ],
    }
    placed = _placed(run_json(instance))
    assert placed["r-2"][1] == placed["r-4"][1] == placed["r-5"][1]
    assert placed["r-1"][1] == placed["r-3"][1]
    assert placed["r-1"][1] != placed["r-2"][1]


def test_schedule_tables_are_numbered_from_one_per_slot():
    instance = {
        "slots": _slots("d1-0900", "d1-0930", capacity=5),
        "participants": [{"id": f"p{i}"} for i in range(6)],
        "meetings": [
            _meeting("r-1", "p0", "p1", fixed="d1-0900"),
            _meeting("r-2", "p2", "p3", fixed="d1-0930"),
        ],
    }
    assert _placed(run_json(instance)) == {"r-1": ("d1-0900", 1), "r-2": ("d1-0930", 1)}


def test_schedule_meetings_typed_api_returns_dataclasses():
    instance = ScheduleInstance(
        slots=(Slot("d1-0900", capacity=1),),
        participants=(Participant("mc-torino"), Participant("mm-lahti"), Participant("mm-graz")),
        meetings=(
            Meeting("r-1", ("mc-torino", "mm-lahti"), priority=2),
            Meeting("r-2", ("mc-torino", "mm-graz"), priority=1),
        ),
    )
    result = schedule_meetings(instance)
    assert [(item.meeting, item.slot, item.table) for item in result.scheduled] == [
        ("r-1", "d1-0900", 1)
    ]
    assert result.unscheduled == (
        UnscheduledMeeting(
            "r-2",
            "mc-torino was busy with other meetings in every slot it shares with mm-graz",
            "one_busy",
            ("mc-torino", "mm-graz"),
        ),
    )
    assert (result.total_priority, result.upper_bound, result.optimal) == (2, 2, True)


def test_parse_instance_resolves_capacity_and_defaults():
    instance = parse_instance(
        {
            "slots": [{"id": "a", "capacity": 3}, {"id": "b"}],
            "default_capacity": 7,
            "participants": [{"id": "p", "available": ["a"]}, {"id": "q", "extra": 1}],
            "meetings": [{"id": "m", "participants": ["p", "q"]}],
            "unknown": True,
        }
    )
    assert instance == ScheduleInstance(
        slots=(Slot("a", capacity=3), Slot("b", capacity=7)),
        participants=(Participant("p", frozenset({"a"})), Participant("q")),
        meetings=(Meeting("m", ("p", "q"), 1, None),),
    )


def test_schedule_time_limit_returns_a_feasible_schedule():
    instance = {
        "slots": _slots("d1-0900", "d1-0930", capacity=2),
        "participants": [{"id": f"mc-{i}"} for i in range(4)]
        + [{"id": f"mm-{i}"} for i in range(4)],
        "meetings": [
            _meeting(f"r-{i}-{j}", f"mc-{i}", f"mm-{j}", 1 + (i + j) % 3)
            for i in range(4)
            for j in range(4)
        ],
    }
    result = run_json(instance, time_limit=0.001)
    assert len(result["scheduled"]) + len(result["unscheduled"]) == 16
    assert result["total_priority"] <= result["upper_bound"]
    assert len(result["scheduled"]) == 4
