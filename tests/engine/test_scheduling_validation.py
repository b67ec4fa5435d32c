"""Every kind of invalid instance is refused with one line naming the id and the field."""

from __future__ import annotations

import copy

import pytest

from twinning.engine.errors import InvalidInstance
from twinning.engine.scheduling import parse_instance

VALID = {
    "slots": [{"id": "d1-0900", "capacity": 2}, {"id": "d1-0930"}],
    "participants": [{"id": "mc-torino", "available": ["d1-0900"]}, {"id": "mm-lahti"}],
    "meetings": [{"id": "r-17", "participants": ["mc-torino", "mm-lahti"], "priority": 3}],
}


def _with(path: tuple, value) -> dict:
    instance = copy.deepcopy(VALID)
    target = instance
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return instance


_DELETE = object()


@pytest.mark.parametrize(
    ("instance", "message"),
    [
        ("slots", 'the instance must be a JSON object, not "slots"'),
        (_with(("slots",), _DELETE), "slots is missing"),
        (_with(("meetings",), {}), "meetings must be a list, not an object"),
        (
            _with(("default_capacity",), -1),
            "the instance: default_capacity must be a whole number >= 0, not -1",
        ),
        (_with(("slots", 0), "d1-0900"), 'slots[0] must be an object, not "d1-0900"'),
        (_with(("slots", 1, "id"), 930), "slots[1]: id must be a non-empty string, not 930"),
        (_with(("slots", 1, "id"), _DELETE), "slots[1]: id is missing"),
        (
            _with(("slots", 0, "capacity"), -2),
            'slot "d1-0900": capacity must be a whole number >= 0, not -2',
        ),
        (
            _with(("slots", 0, "capacity"), 1.5),
            'slot "d1-0900": capacity must be a whole number >= 0, not 1.5',
        ),
        (
            _with(("participants", 1, "max_meetings"), -1),
            'participant "mm-lahti": max_meetings must be a whole number >= 0, not -1',
        ),
        (
            _with(("participants", 0, "available"), "d1-0900"),
            'participant "mc-torino": available must be a list of slot ids, not "d1-0900"',
        ),
        (
            _with(("meetings", 0, "participants"), ["mc-torino"]),
            'meeting "r-17": participants must be a list of exactly two participant ids, '
            "not a list of 1",
        ),
        (
            _with(("meetings", 0, "participants"), ["mc-torino", 7]),
            'meeting "r-17": participants must be a list of exactly two participant ids, '
            'not ["mc-torino", 7]',
        ),
        (
            _with(("meetings", 0, "priority"), 0),
            'meeting "r-17": priority must be a whole number >= 1, not 0',
        ),
        (
            _with(("meetings", 0, "priority"), True),
            'meeting "r-17": priority must be a whole number >= 1, not true',
        ),
        (
            _with(("meetings", 0, "priority"), "3"),
            'meeting "r-17": priority must be a whole number >= 1, not "3"',
        ),
        (
            _with(("meetings", 0, "fixed_slot"), "d2-0900"),
            'meeting "r-17": fixed_slot names an unknown slot "d2-0900"',
        ),
        (
            _with(("meetings", 0, "fixed_slot"), "d1-0930"),
            'meeting "r-17": fixed_slot "d1-0930" is not available to participant "mc-torino"',
        ),
    ],
)
def test_parse_instance_invalid_refused(instance, message):
    with pytest.raises(InvalidInstance) as error:
        parse_instance(instance)
    assert str(error.value) == message


def test_parse_instance_first_problem_in_document_order():
    instance = copy.deepcopy(VALID)
    instance["participants"][0]["available"] = ["nowhere"]
    instance["meetings"][0]["participants"] = ["mc-torino", "mc-torino"]
    with pytest.raises(InvalidInstance) as error:
        parse_instance(instance)
    assert str(error.value) == 'participant "mc-torino": available names an unknown slot "nowhere"'
