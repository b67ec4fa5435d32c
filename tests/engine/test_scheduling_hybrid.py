"""A hybrid day in the scheduler: tables at the venue and video rooms, two pools per slot."""

from __future__ import annotations

import json
import random

import pytest

from twinning.__main__ import main
from twinning.engine.errors import InvalidInstance
from twinning.engine.scheduling import (
    Meeting,
    Participant,
    ScheduledMeeting,
    ScheduleInstance,
    Slot,
    parse_instance,
    pool_for,
    run_json,
    schedule_meetings,
)

# Torino and Lahti at the venue, Évora and Tartu online; one table and one room per slot.
HYBRID = {
    "slots": [
        {"id": "d1-0900", "capacity": 1, "rooms": 1},
        {"id": "d1-0930", "capacity": 1, "rooms": 1},
    ],
    "participants": [
        {"id": "mc-torino"},
        {"id": "mm-lahti"},
        {"id": "mm-evora", "online": True},
        {"id": "mc-tartu", "online": True},
    ],
    "meetings": [
        {"id": "r-1", "participants": ["mc-torino", "mm-lahti"], "priority": 2},
        {"id": "r-2", "participants": ["mc-torino", "mm-evora"]},
        {"id": "r-3", "participants": ["mc-tartu", "mm-lahti"]},
        {"id": "r-4", "participants": ["mc-tartu", "mm-evora"]},
    ],
}


def _where(result: dict) -> dict[str, tuple[str, bool]]:
    return {i["meeting"]: (i["slot"], i.get("room", False)) for i in result["scheduled"]}


def test_hybrid_meetings_with_a_city_online_go_to_the_video_rooms():
    result = run_json(HYBRID)

    assert result["scheduled"] == [
        {"meeting": "r-1", "slot": "d1-0900", "table": 1},
        {"meeting": "r-4", "slot": "d1-0900", "table": 1, "room": True},
        {"meeting": "r-2", "slot": "d1-0930", "table": 1, "room": True},
    ]
    assert [item["meeting"] for item in result["unscheduled"]] == ["r-3"]
    # The bound is the one of both pools merged into two places per slot, where all four fit.
    assert (result["total_priority"], result["upper_bound"], result["optimal"]) == (4, 5, False)


def test_hybrid_pools_named_by_the_meetings_give_the_same_schedule():
    named = json.loads(json.dumps(HYBRID))
    for participant in named["participants"]:
        participant.pop("online", None)
    for meeting in named["meetings"]:
        meeting["pool"] = "tables" if meeting["id"] == "r-1" else "rooms"

    assert run_json(named) | {"stats": None} == run_json(HYBRID) | {"stats": None}


def test_hybrid_tables_and_rooms_each_keep_their_capacity():
    instance = {
        "slots": [{"id": "s0", "capacity": 1, "rooms": 1}, {"id": "s1", "capacity": 1, "rooms": 1}],
        "participants": [{"id": p} for p in ("venue-m", "online-a", "online-b", "online-m")],
        "meetings": [
            {"id": "r1", "participants": ["venue-m", "online-a"], "pool": "tables"},
            {"id": "r2", "participants": ["venue-m", "online-b"], "pool": "tables"},
            {"id": "r3", "participants": ["online-a", "online-m"], "pool": "rooms"},
        ],
    }

    result = run_json(instance)

    where = _where(result)
    assert sorted(where) == ["r1", "r2", "r3"]
    assert [where[m][1] for m in ("r1", "r2", "r3")] == [False, False, True]
    assert {item["table"] for item in result["scheduled"]} == {1}


def test_hybrid_meeting_fixed_in_a_room_keeps_its_slot_from_the_tables():
    instance = {
        "slots": [{"id": "s0", "capacity": 1, "rooms": 1}],
        "participants": [{"id": "venue-m"}, {"id": "online-a", "online": True}, {"id": "x"}],
        "meetings": [
            {"id": "r1", "participants": ["venue-m", "x"], "priority": 3},
            {"id": "r2", "participants": ["online-a", "x"], "fixed_slot": "s0"},
        ],
    }

    result = run_json(instance)

    assert [(i["meeting"], i.get("room", False)) for i in result["scheduled"]] == [("r2", True)]
    assert [i["meeting"] for i in result["unscheduled"]] == ["r1"]
    assert (result["total_priority"], result["upper_bound"]) == (1, 3)


def test_hybrid_meeting_cap_counts_both_pools():
    instance = {
        "slots": [{"id": "s0"}, {"id": "s1"}],
        "default_capacity": 5,
        "default_rooms": 5,
        "participants": [
            {"id": "venue-m", "max_meetings": 1},
            {"id": "venue-x"},
            {"id": "online-a", "online": True},
        ],
        "meetings": [
            {"id": "r1", "participants": ["venue-m", "venue-x"]},
            {"id": "r2", "participants": ["online-a", "venue-m"]},
        ],
    }

    result = run_json(instance)

    assert [i["meeting"] for i in result["scheduled"]] == ["r1"]
    assert result["total_priority"] == 1


def test_hybrid_typed_api_marks_the_meetings_in_rooms():
    instance = ScheduleInstance(
        slots=(Slot("s0", capacity=1, rooms=1),),
        participants=(
            Participant("mc-torino"),
            Participant("mm-lahti"),
            Participant("mm-evora", online=True),
            Participant("mc-tartu", online=True),
        ),
        meetings=(
            Meeting("r-1", ("mc-torino", "mm-lahti")),
            Meeting("r-2", ("mc-tartu", "mm-evora")),
        ),
    )

    result = schedule_meetings(instance)

    assert result.scheduled == (
        ScheduledMeeting("r-1", "s0", 1),
        ScheduledMeeting("r-2", "s0", 1, room=True),
    )
    assert (result.total_priority, result.upper_bound, result.optimal) == (2, 2, True)


def test_pool_for_puts_a_meeting_with_a_city_online_in_a_video_room():
    assert [pool_for(False, False), pool_for(True, False), pool_for(True, True)] == [
        "tables",
        "rooms",
        "rooms",
    ]


def test_parse_instance_reads_rooms_attendance_and_pools():
    instance = parse_instance(
        {
            "slots": [{"id": "a", "capacity": 3, "rooms": 2}, {"id": "b"}],
            "default_capacity": 7,
            "default_rooms": 4,
            "participants": [{"id": "p", "online": True}, {"id": "q", "online": None}],
            "meetings": [{"id": "m", "participants": ["p", "q"], "pool": "tables"}],
        }
    )

    assert instance == ScheduleInstance(
        slots=(Slot("a", capacity=3, rooms=2), Slot("b", capacity=7, rooms=4)),
        participants=(Participant("p", online=True), Participant("q")),
        meetings=(Meeting("m", ("p", "q"), 1, None, "tables"),),
    )
    assert (instance.two_pools, instance.pools()) == (True, ("tables",))


def test_an_instance_without_pools_or_attendance_has_one_pool():
    instance = {
        "slots": [{"id": "s0", "capacity": 1, "rooms": 5}],
        "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
        "meetings": [
            {"id": "r1", "participants": ["a", "b"]},
            {"id": "r2", "participants": ["c", "d"]},
        ],
    }

    result = run_json(instance)

    assert [i["meeting"] for i in result["scheduled"]] == ["r1"]
    assert "room" not in result["scheduled"][0]
    assert not parse_instance(instance).two_pools


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"meetings": [{"id": "r-1", "participants": ["a", "b"], "pool": "hall"}]},
            'meeting "r-1": pool must be "tables" or "rooms", not "hall"',
        ),
        (
            {"participants": [{"id": "a", "online": "yes"}, {"id": "b"}]},
            'participant "a": online must be true or false, not "yes"',
        ),
        (
            {"slots": [{"id": "s0", "rooms": -1}]},
            'slot "s0": rooms must be a whole number >= 0, not -1',
        ),
        (
            {"default_rooms": 1.5},
            "the instance: default_rooms must be a whole number >= 0, not 1.5",
        ),
    ],
)
def test_hybrid_invalid_instance_refused(change, message):
    instance = {
        "slots": [{"id": "s0"}],
        "participants": [{"id": "a"}, {"id": "b"}],
        "meetings": [],
    } | change

    with pytest.raises(InvalidInstance) as error:
        parse_instance(instance)

    assert str(error.value) == message


def _random_hybrid_day(seed: int) -> dict:
    rng = random.Random(seed)
    slots = [
        {"id": f"s{i}", "capacity": rng.randint(0, 3), "rooms": rng.randint(0, 2)} for i in range(5)
    ]
    participants = []
    for i in range(10):
        participant = {"id": f"c{i}", "online": rng.random() < 0.4}
        if rng.random() < 0.4:
            participant["available"] = sorted(rng.sample([s["id"] for s in slots], 3))
        if rng.random() < 0.3:
            participant["max_meetings"] = rng.randint(1, 3)
        participants.append(participant)
    pairs = sorted({tuple(sorted(rng.sample(range(10), 2))) for _ in range(25)})
    meetings = [
        {"id": f"r{k}", "participants": [f"c{a}", f"c{b}"], "priority": rng.randint(1, 3)}
        for k, (a, b) in enumerate(pairs)
    ]
    return {"slots": slots, "participants": participants, "meetings": meetings}


@pytest.mark.parametrize("seed", range(8))
def test_hybrid_schedule_respects_both_pools(seed):
    instance = _random_hybrid_day(seed)
    online = {p["id"] for p in instance["participants"] if p["online"]}
    every = [s["id"] for s in instance["slots"]]
    available = {p["id"]: set(p.get("available", every)) for p in instance["participants"]}
    cap = {p["id"]: p.get("max_meetings") for p in instance["participants"]}
    limit = {(s["id"], False): s["capacity"] for s in instance["slots"]} | {
        (s["id"], True): s["rooms"] for s in instance["slots"]
    }
    meetings = {m["id"]: m for m in instance["meetings"]}

    result = run_json(instance)

    listed = [i["meeting"] for i in result["scheduled"] + result["unscheduled"]]
    assert sorted(listed) == sorted(meetings)
    busy, count, numbers = set(), dict.fromkeys(cap, 0), {}
    for item in result["scheduled"]:
        people = meetings[item["meeting"]]["participants"]
        room = item.get("room", False)
        assert room == any(p in online for p in people)
        for person in people:
            assert item["slot"] in available[person]
            assert (person, item["slot"]) not in busy
            busy.add((person, item["slot"]))
            count[person] += 1
        numbers.setdefault((item["slot"], room), []).append(item["table"])
    for person, number in count.items():
        assert cap[person] is None or number <= cap[person]
    for key, used in numbers.items():
        assert len(used) == len(set(used)) <= limit[key]
        assert all(1 <= n <= limit[key] for n in used)
    total = sum(meetings[i["meeting"]]["priority"] for i in result["scheduled"])
    assert total == result["total_priority"] <= result["upper_bound"]
    assert result["optimal"] == (result["total_priority"] == result["upper_bound"])
    assert run_json(instance) | {"stats": None} == result | {"stats": None}


def test_cli_schedule_hybrid_day(tmp_path, capsys):
    path = tmp_path / "hybrid.json"
    path.write_text(json.dumps(HYBRID))

    code = main(["twinning", "schedule", str(path)])

    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    result = json.loads(captured.out)
    assert result | {"stats": None} == run_json(HYBRID) | {"stats": None}
    assert [i["meeting"] for i in result["scheduled"] if i.get("room")] == ["r-4", "r-2"]


def test_cli_schedule_hybrid_day_with_an_unknown_pool_refused(tmp_path, capsys):
    instance = json.loads(json.dumps(HYBRID))
    instance["meetings"][0]["pool"] = "terrace"
    path = tmp_path / "hybrid.json"
    path.write_text(json.dumps(instance))

    code = main(["twinning", "schedule", str(path)])

    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == (
        'twinning schedule: meeting "r-1": pool must be "tables" or "rooms", not "terrace"\n'
    )


def test_hybrid_meeting_fixed_in_a_slot_without_video_rooms_is_left_out_with_its_reason():
    instance = {
        "slots": [{"id": "s0", "capacity": 2, "rooms": 0}, {"id": "s1", "capacity": 2}],
        "participants": [{"id": "a", "name": "Torino"}, {"id": "b", "name": "Lahti"}],
        "meetings": [
            {"id": "r-1", "participants": ["a", "b"], "pool": "rooms", "fixed_slot": "s0"}
        ],
    }

    result = run_json(instance)

    assert result["scheduled"] == []
    assert result["unscheduled"] == [
        {
            "meeting": "r-1",
            "reason": "In its fixed slot s0, no table was free",
            "kind": "fixed_no_table",
            "participants": [],
            "slot": "s0",
        }
    ]


def test_hybrid_meeting_fixed_at_a_table_where_a_room_meeting_is_fixed_is_left_out():
    instance = {
        "slots": [{"id": "s0", "capacity": 1, "rooms": 1}],
        "participants": [
            {"id": "mc-torino", "name": "Torino"},
            {"id": "mm-lahti", "name": "Lahti"},
            {"id": "mm-evora", "name": "Évora", "online": True},
        ],
        "meetings": [
            {"id": "r-1", "participants": ["mc-torino", "mm-lahti"], "fixed_slot": "s0"},
            {"id": "r-2", "participants": ["mc-torino", "mm-evora"], "fixed_slot": "s0"},
        ],
    }

    result = run_json(instance)

    assert [(i["meeting"], i.get("room", False)) for i in result["scheduled"]] == [("r-2", True)]
    assert result["unscheduled"] == [
        {
            "meeting": "r-1",
            "reason": "Torino already has a fixed meeting in s0",
            "kind": "fixed_elsewhere",
            "participants": ["mc-torino"],
            "slot": "s0",
        }
    ]
