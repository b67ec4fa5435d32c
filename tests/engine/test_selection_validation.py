"""Invalid instances are refused as a whole before solving, with one line naming the problem."""

from __future__ import annotations

import copy

import pytest

from twinning.engine.errors import InvalidInstance
from twinning.engine.selection import run_json

VALID = {
    "select": 2,
    "defaults": {"capacity": 1},
    "rules": {
        "allow_same_country": False,
        "max_selected_per_country": 1,
        "pinned": [],
        "forbidden": [],
    },
    "providers": [
        {"id": "mm-lahti", "country": "FI", "capacity": 2},
        {"id": "mm-gent", "country": "BE"},
        {"id": "mm-turku", "country": "FI"},
    ],
    "seekers": [
        {"id": "mc-torino", "country": "IT", "preferences": ["mm-lahti", "mm-gent"]},
        {"id": "mc-oulu", "country": "FI", "preferences": ["mm-lahti", "mm-gent", "mm-turku"]},
        {"id": "mc-graz", "country": "AT", "preferences": ["mm-lahti", "mm-turku"]},
    ],
}


def changed(path, value):
    """VALID with the value at `path` (keys and indices) replaced, or deleted if ...."""
    data = copy.deepcopy(VALID)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


CASES = [
    ([], "the instance must be an object"),
    ("select", "the instance must be an object"),
    (changed(["select"], ...), "select is missing"),
    (changed(["select"], -1), "select must be an integer >= 0, got -1"),
    (changed(["select"], True), "select must be an integer >= 0, got true"),
    (changed(["select"], 2.5), "select must be an integer >= 0, got 2.5"),
    (changed(["defaults"], []), "defaults must be an object"),
    (changed(["defaults", "capacity"], 0), "defaults.capacity must be an integer >= 1, got 0"),
    (changed(["rules"], "none"), "rules must be an object"),
    (
        changed(["rules", "allow_same_country"], "no"),
        'rules.allow_same_country must be true or false, got "no"',
    ),
    (
        changed(["rules", "max_selected_per_country"], -1),
        "rules.max_selected_per_country must be an integer >= 0, got -1",
    ),
    (
        changed(["rules", "pinned"], [["mc-torino"]]),
        "rules.pinned[0] must be a [seeker, provider] pair of ids",
    ),
    (changed(["providers"], ...), "providers must be a list"),
    (changed(["providers", 0], "mm-lahti"), "providers[0] must be an object"),
    (
        changed(["providers", 1, "id"], ...),
        "providers[1].id must be a non-empty string, got null",
    ),
    (
        changed(["providers", 0, "country"], 7),
        "providers[0] (mm-lahti).country must be a non-empty string, got 7",
    ),
    (
        changed(["providers", 0, "capacity"], -1),
        "providers[0] (mm-lahti).capacity must be an integer >= 1, got -1",
    ),
    (
        changed(["providers", 0, "capacity"], True),
        "providers[0] (mm-lahti).capacity must be an integer >= 1, got true",
    ),
    (
        changed(["providers", 2, "id"], "mm-lahti"),
        "providers[2]: duplicate provider id mm-lahti",
    ),
    (changed(["seekers", 2, "id"], "mc-torino"), "seekers[2]: duplicate seeker id mc-torino"),
    (
        changed(["seekers", 0, "id"], "mm-gent"),
        "seekers[0] (mm-gent): mm-gent is both a provider and a seeker",
    ),
    (
        changed(["seekers", 1, "preferences"], "mm-lahti"),
        "seekers[1] (mc-oulu).preferences must be a list",
    ),
    (
        changed(["seekers", 1, "preferences", 1], "mm-x"),
        "seekers[1] (mc-oulu).preferences: unknown provider mm-x",
    ),
    (
        changed(["seekers", 1, "preferences", 2], "mm-lahti"),
        "seekers[1] (mc-oulu).preferences name mm-lahti twice",
    ),
    (
        changed(["rules", "forbidden"], [["mc-lyon", "mm-lahti"]]),
        "rules.forbidden[0]: unknown seeker mc-lyon",
    ),
    (
        changed(["rules", "pinned"], [["mc-torino", "mm-x"]]),
        "rules.pinned[0]: unknown provider mm-x",
    ),
    (
        changed(["rules", "pinned"], [["mc-graz", "mm-gent"]]),
        "rules.pinned[0]: mm-gent is not in the preferences of mc-graz",
    ),
    (
        {
            **changed(["rules", "pinned"], [["mc-torino", "mm-gent"]]),
            "rules": {
                "pinned": [["mc-torino", "mm-gent"]],
                "forbidden": [["mc-torino", "mm-gent"]],
            },
        },
        "rules.pinned[0]: the pair mc-torino, mm-gent is also forbidden",
    ),
    (
        changed(["rules", "pinned"], [["mc-oulu", "mm-lahti"]]),
        "rules.pinned[0]: mc-oulu and mm-lahti are both in FI and same-country pairs "
        "are not allowed",
    ),
    (
        changed(["rules", "pinned"], [["mc-torino", "mm-lahti"], ["mc-torino", "mm-gent"]]),
        "rules.pinned[1]: mc-torino is pinned twice",
    ),
    (
        changed(["rules", "pinned"], [["mc-torino", "mm-gent"], ["mc-oulu", "mm-gent"]]),
        "rules.pinned[1]: mm-gent is pinned to 2 seekers but its capacity is 1",
    ),
    (
        {
            **changed(["select"], 1),
            "rules": {"pinned": [["mc-torino", "mm-gent"], ["mc-graz", "mm-lahti"]]},
        },
        "rules.pinned: the pins select 2 providers but select is 1",
    ),
    (
        changed(["rules", "pinned"], [["mc-torino", "mm-lahti"], ["mc-graz", "mm-turku"]]),
        "rules.pinned: 2 pinned providers in FI but max_selected_per_country is 1",
    ),
]


@pytest.mark.parametrize(("data", "message"), CASES)
def test_run_json_invalid_instance_is_refused_with_one_line(data, message):
    with pytest.raises(InvalidInstance) as error:
        run_json(data)

    assert str(error.value) == message


def test_run_json_unknown_keys_are_ignored():
    data = copy.deepcopy(VALID)
    data["cohort"] = "Cohort 5"
    data["providers"][0]["name"] = "Lahti"
    data["rules"]["note"] = {"by": "organiser"}

    result = run_json(data)

    assert result["optimal"] is True


def test_run_json_first_problem_in_stable_order_is_reported():
    data = changed(["seekers", 2, "id"], "mc-torino")
    data["providers"][0]["capacity"] = 0

    with pytest.raises(InvalidInstance) as error:
        run_json(data)

    assert str(error.value) == "providers[0] (mm-lahti).capacity must be an integer >= 1, got 0"
