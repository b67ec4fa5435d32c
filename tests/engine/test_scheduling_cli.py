"""`twinning schedule` on files: results, -o, --time-limit, and refused input."""

from __future__ import annotations

import json

import pytest

from twinning.__main__ import main

INSTANCE = {
    "slots": [
        {"id": "d1-0900", "start": "2026-05-28T09:00:00+02:00", "capacity": 1},
        {"id": "d1-0930", "start": "2026-05-28T09:30:00+02:00"},
    ],
    "default_capacity": 1,
    "participants": [
        {"id": "mc-torino", "available": ["d1-0900", "d1-0930"], "max_meetings": 8},
        {"id": "mm-lahti"},
        {"id": "mm-graz", "available": ["d1-0900"]},
    ],
    "meetings": [
        {"id": "r-17", "participants": ["mc-torino", "mm-lahti"], "priority": 3},
        {"id": "r-18", "participants": ["mc-torino", "mm-graz"], "priority": 2},
    ],
}

EXPECTED = {
    "scheduled": [
        {"meeting": "r-18", "slot": "d1-0900", "table": 1},
        {"meeting": "r-17", "slot": "d1-0930", "table": 1},
    ],
    "unscheduled": [],
    "total_priority": 5,
    "upper_bound": 5,
    "optimal": True,
}


def _write(tmp_path, content) -> str:
    path = tmp_path / "instance.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def _without_seconds(result: dict) -> dict:
    return {key: value for key, value in result.items() if key != "stats"}


def test_cli_schedule_prints_result(tmp_path, capsys):
    code = main(["twinning", "schedule", _write(tmp_path, INSTANCE)])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err == ""
    result = json.loads(captured.out)
    assert _without_seconds(result) == EXPECTED
    assert isinstance(result["stats"]["seconds"], float)


def test_cli_schedule_conflicting_fixed_meetings_exit_0_with_a_reason(tmp_path, capsys):
    instance = {
        "slots": [{"id": "d1-0900", "capacity": 5}],
        "participants": [
            {"id": "mc-torino", "name": "Torino"},
            {"id": "mm-lahti"},
            {"id": "mm-graz"},
        ],
        "meetings": [
            {"id": "r-1", "participants": ["mc-torino", "mm-lahti"], "fixed_slot": "d1-0900"},
            {"id": "r-2", "participants": ["mc-torino", "mm-graz"], "fixed_slot": "d1-0900"},
        ],
    }

    code = main(["twinning", "schedule", _write(tmp_path, instance)])

    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    result = json.loads(captured.out)
    assert result["scheduled"] == [{"meeting": "r-1", "slot": "d1-0900", "table": 1}]
    assert result["unscheduled"] == [
        {
            "meeting": "r-2",
            "reason": "Torino already has a fixed meeting in d1-0900, with mm-lahti",
            "kind": "fixed_clash",
            "participants": ["mc-torino", "mm-lahti"],
            "slot": "d1-0900",
        }
    ]


def test_cli_schedule_output_file_written(tmp_path, capsys):
    output = tmp_path / "result.json"
    code = main(["twinning", "schedule", _write(tmp_path, INSTANCE), "-o", str(output)])
    assert code == 0
    assert capsys.readouterr().out == ""
    assert _without_seconds(json.loads(output.read_text())) == EXPECTED


def test_cli_schedule_time_limit_accepted(tmp_path, capsys):
    code = main(["twinning", "schedule", _write(tmp_path, INSTANCE), "--time-limit", "5"])
    assert code == 0
    assert _without_seconds(json.loads(capsys.readouterr().out)) == EXPECTED


def _refused(tmp_path, capsys, content) -> str:
    code = main(["twinning", "schedule", _write(tmp_path, content)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err.count("\n") == 1
    return captured.err


def _changed(**changes) -> dict:
    instance = json.loads(json.dumps(INSTANCE))
    for key, value in changes.items():
        instance[key] = value
    return instance


@pytest.mark.parametrize(
    ("instance", "message"),
    [
        (
            _changed(
                participants=[{"id": "mc-torino", "available": ["d2-0900"]}, {"id": "mm-lahti"}]
            ),
            'participant "mc-torino": available names an unknown slot "d2-0900"',
        ),
        (
            _changed(meetings=[{"id": "r-1", "participants": ["mc-torino", "mm-oslo"]}]),
            'meeting "r-1": participants names an unknown participant "mm-oslo"',
        ),
        (
            _changed(slots=[{"id": "d1-0900"}, {"id": "d1-0900"}]),
            'slot "d1-0900" appears more than once',
        ),
        (
            _changed(participants=[{"id": "mm-lahti"}, {"id": "mm-lahti"}], meetings=[]),
            'participant "mm-lahti" appears more than once',
        ),
        (
            _changed(
                meetings=[
                    {"id": "r-1", "participants": ["mc-torino", "mm-lahti"]},
                    {"id": "r-1", "participants": ["mc-torino", "mm-graz"]},
                ]
            ),
            'meeting "r-1" appears more than once',
        ),
        (
            _changed(meetings=[{"id": "r-1", "participants": ["mm-lahti", "mm-lahti"]}]),
            'meeting "r-1": participant "mm-lahti" cannot meet itself',
        ),
        (
            _changed(
                meetings=[
                    {"id": "r-1", "participants": ["mc-torino", "mm-graz"], "fixed_slot": "d1-0930"}
                ]
            ),
            'meeting "r-1": fixed_slot "d1-0930" is not available to participant "mm-graz"',
        ),
        ([INSTANCE], "the instance must be a JSON object, not a list"),
    ],
)
def test_cli_schedule_invalid_instance_refused(tmp_path, capsys, instance, message):
    assert _refused(tmp_path, capsys, instance) == f"twinning schedule: {message}\n"


def test_cli_schedule_malformed_json_refused(tmp_path, capsys):
    error = _refused(tmp_path, capsys, '{"slots": [')
    assert error == "twinning schedule: malformed JSON at line 1, column 12: Expecting value\n"


def test_cli_schedule_missing_file_refused(tmp_path, capsys):
    code = main(["twinning", "schedule", str(tmp_path / "absent.json")])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == (
        f"twinning schedule: cannot read {tmp_path / 'absent.json'}: No such file or directory\n"
    )
