"""The `twinning select` command: JSON out and exit 0, or one line on stderr and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from twinning.__main__ import main

INSTANCE = {
    "select": 2,
    "defaults": {"capacity": 1},
    "rules": {
        "allow_same_country": False,
        "max_selected_per_country": None,
        "pinned": [["mc-torino", "mm-lahti"]],
        "forbidden": [["mc-lyon", "mm-lahti"]],
    },
    "providers": [
        {"id": "mm-lahti", "country": "FI", "capacity": 2},
        {"id": "mm-gent", "country": "BE"},
    ],
    "seekers": [
        {"id": "mc-torino", "country": "IT", "preferences": ["mm-lahti", "mm-gent"]},
        {"id": "mc-lyon", "country": "FR", "preferences": ["mm-lahti", "mm-gent"]},
    ],
}

EXPECTED = {
    "selected": ["mm-lahti", "mm-gent"],
    "pairs": [
        {"seeker": "mc-torino", "provider": "mm-lahti", "rank": 1},
        {"seeker": "mc-lyon", "provider": "mm-gent", "rank": 2},
    ],
    "unmatched": [],
    "signature": [1, 1],
    "optimal": True,
    "explanations": {
        "mc-lyon": "Paired with its 2nd choice mm-gent. First choice mm-lahti: "
        "the pair is forbidden by the organisers."
    },
    "explanation_codes": {
        "mc-lyon": [
            {"code": "paired_with_rank", "params": {"provider": "mm-gent", "rank": 2}},
            {"code": "forbidden", "params": {"provider": "mm-lahti", "rank": 1}},
        ]
    },
}


def write(tmp_path, content):
    path = tmp_path / "instance.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def run_command(*args):
    return subprocess.run(
        [sys.executable, "-m", "twinning", "select", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_select_command_prints_the_result_json(tmp_path):
    completed = run_command(write(tmp_path, INSTANCE))

    result = json.loads(completed.stdout)
    assert completed.returncode == 0
    assert completed.stderr == ""
    assert {key: value for key, value in result.items() if key != "stats"} == EXPECTED
    assert list(result) == [*EXPECTED, "stats"]
    assert isinstance(result["stats"]["seconds"], float)


def test_select_command_output_option_writes_the_file(tmp_path):
    output = tmp_path / "result.json"

    completed = run_command(write(tmp_path, INSTANCE), "-o", str(output), "--time-limit", "30")

    result = json.loads(output.read_text())
    assert completed.returncode == 0
    assert completed.stdout == ""
    assert {key: value for key, value in result.items() if key != "stats"} == EXPECTED


def test_select_command_bad_input_exits_2_without_traceback(tmp_path):
    completed = run_command(write(tmp_path, {**INSTANCE, "select": -1}))

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == "twinning select: select must be an integer >= 0, got -1\n"


def with_seekers(*seekers):
    return {**INSTANCE, "rules": {}, "seekers": list(seekers)}


BAD_INPUTS = [
    (
        '{"select": 2,',
        "malformed JSON at line 1, column 14: Expecting property name enclosed in double quotes",
    ),
    ("[1, 2]", "the instance must be an object"),
    (
        with_seekers({"id": "mc-graz", "country": "AT", "preferences": ["mm-oslo"]}),
        "seekers[0] (mc-graz).preferences: unknown provider mm-oslo",
    ),
    (
        {**INSTANCE, "rules": {"forbidden": [["mc-x", "mm-gent"]]}},
        "rules.forbidden[0]: unknown seeker mc-x",
    ),
    (
        with_seekers(
            {"id": "mc-graz", "country": "AT", "preferences": []},
            {"id": "mc-graz", "country": "AT", "preferences": []},
        ),
        "seekers[1]: duplicate seeker id mc-graz",
    ),
    (
        {**INSTANCE, "providers": [*INSTANCE["providers"], {"id": "mm-gent", "country": "BE"}]},
        "providers[2]: duplicate provider id mm-gent",
    ),
    (
        with_seekers(
            {"id": "mc-graz", "country": "AT", "preferences": ["mm-gent", "mm-lahti", "mm-gent"]}
        ),
        "seekers[0] (mc-graz).preferences name mm-gent twice",
    ),
    (
        {**INSTANCE, "providers": [{"id": "mm-lahti", "country": "FI", "capacity": -2}]},
        "providers[0] (mm-lahti).capacity must be an integer >= 1, got -2",
    ),
    (
        {
            **INSTANCE,
            "rules": {"pinned": [["mc-lyon", "mm-lahti"]], "forbidden": [["mc-lyon", "mm-lahti"]]},
        },
        "rules.pinned[0]: the pair mc-lyon, mm-lahti is also forbidden",
    ),
    (
        {**INSTANCE, "select": 0},
        "rules.pinned: the pins select 1 provider but select is 0",
    ),
]


@pytest.mark.parametrize(("content", "reason"), BAD_INPUTS)
def test_select_command_refuses_bad_input_with_one_line(tmp_path, capsys, content, reason):
    code = main(["twinning", "select", write(tmp_path, content)])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err == f"twinning select: {reason}\n"


def test_select_command_missing_file_exits_2(tmp_path, capsys):
    code = main(["twinning", "select", str(tmp_path / "absent.json")])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("twinning select: cannot read ")
