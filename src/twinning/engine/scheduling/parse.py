"""Reading and checking an instance: the whole instance is checked before any solving.

Problems are reported one at a time, the first one in a stable order: first
the shape of the JSON (top-level fields, then slots, participants and meetings
in document order), then the references between them (again in document
order). Each message names the id and the field so that the organiser can fix
the data.

Fixed meetings that cannot all take place (two of one participant in one slot,
more in a slot than it has tables or video rooms) are not invalid: a fixed
slot means "in that slot or not at all", so the scheduler keeps the more
valuable ones and tells the others why they were left out.
"""

from __future__ import annotations

from collections.abc import Mapping

from twinning.engine.errors import InvalidInstance
from twinning.engine.scheduling.model import (
    POOLS,
    Meeting,
    Participant,
    ScheduleInstance,
    Slot,
)


def _is_int(value: object) -> bool:
    # JSON true/false arrive as Python bools, which are ints; they are not numbers here.
    return isinstance(value, int) and not isinstance(value, bool)


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 40 else f'"{value[:37]}..."'
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _name(kind: str, index: int, item: object) -> str:
    """`slot "d1-0900"` once the id is readable, otherwise `slots[3]`."""
    if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"]:
        return f'{kind} "{item["id"]}"'
    return f"{kind}s[{index}]"


def _optional_count(item: Mapping, key: str, where: str, minimum: int) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if not _is_int(value) or value < minimum:
        raise InvalidInstance(
            f"{where}: {key} must be a whole number >= {minimum}, not {_describe(value)}"
        )
    return value


def _required_id(item: object, kind: str, index: int) -> str:
    where = f"{kind}s[{index}]"
    if not isinstance(item, Mapping):
        raise InvalidInstance(f"{where} must be an object, not {_describe(item)}")
    if "id" not in item:
        raise InvalidInstance(f"{where}: id is missing")
    value = item["id"]
    if not isinstance(value, str) or not value:
        raise InvalidInstance(f"{where}: id must be a non-empty string, not {_describe(value)}")
    return value


def _optional_text(item: Mapping, key: str, where: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidInstance(f"{where}: {key} must be a string, not {_describe(value)}")
    return value


def _read_slots(raw: list, default_capacity: int | None, default_rooms: int | None) -> list[Slot]:
    slots = []
    for index, item in enumerate(raw):
        slot_id = _required_id(item, "slot", index)
        where = _name("slot", index, item)
        start = _optional_text(item, "start", where)
        end = _optional_text(item, "end", where)
        capacity = _optional_count(item, "capacity", where, 0)
        rooms = _optional_count(item, "rooms", where, 0)
        name = _optional_text(item, "name", where)
        slots.append(
            Slot(
                id=slot_id,
                start=start,
                end=end,
                capacity=default_capacity if capacity is None else capacity,
                rooms=default_rooms if rooms is None else rooms,
                name=name or None,
            )
        )
    return slots


def _read_participants(raw: list) -> list[Participant]:
    participants = []
    for index, item in enumerate(raw):
        participant_id = _required_id(item, "participant", index)
        where = _name("participant", index, item)
        available = item.get("available")
        if available is not None:
            if not isinstance(available, list):
                raise InvalidInstance(
                    f"{where}: available must be a list of slot ids, not {_describe(available)}"
                )
            for entry in available:
                if not isinstance(entry, str):
                    raise InvalidInstance(
                        f"{where}: available must hold slot ids (strings), not {_describe(entry)}"
                    )
            available = frozenset(available)
        max_meetings = _optional_count(item, "max_meetings", where, 0)
        online = item.get("online")
        if online is not None and not isinstance(online, bool):
            raise InvalidInstance(f"{where}: online must be true or false, not {_describe(online)}")
        name = _optional_text(item, "name", where)
        participants.append(
            Participant(participant_id, available, max_meetings, bool(online), name or None)
        )
    return participants


def _read_meetings(raw: list) -> list[Meeting]:
    meetings = []
    for index, item in enumerate(raw):
        meeting_id = _required_id(item, "meeting", index)
        where = _name("meeting", index, item)
        pair = item.get("participants")
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(entry, str) for entry in pair)
        ):
            raise InvalidInstance(
                f"{where}: participants must be a list of exactly two participant ids, "
                f"not {_describe(pair) if not isinstance(pair, list) else _describe_list(pair)}"
            )
        priority = item.get("priority")
        if priority is None:
            priority = 1
        elif not _is_int(priority) or priority < 1:
            raise InvalidInstance(
                f"{where}: priority must be a whole number >= 1, not {_describe(priority)}"
            )
        fixed_slot = _optional_text(item, "fixed_slot", where)
        pool = item.get("pool")
        if pool is not None and pool not in POOLS:
            raise InvalidInstance(
                f'{where}: pool must be "tables" or "rooms", not {_describe(pool)}'
            )
        meetings.append(Meeting(meeting_id, (pair[0], pair[1]), priority, fixed_slot, pool))
    return meetings


def _describe_list(values: list) -> str:
    if len(values) != 2:
        return f"a list of {len(values)}"
    return "[" + ", ".join(_describe(value) for value in values) + "]"


def parse_instance(data: object) -> ScheduleInstance:
    """Turn the contract's JSON (already decoded) into a checked `ScheduleInstance`.

    Raises `InvalidInstance` with one line naming the first problem. Unknown
    keys are ignored. A slot's capacity falls back to `default_capacity`; both
    absent or null means unlimited; a slot's video rooms (`rooms`, for a hybrid
    day) fall back to `default_rooms` the same way.
    """
    if not isinstance(data, Mapping):
        raise InvalidInstance(f"the instance must be a JSON object, not {_describe(data)}")
    for key in ("slots", "participants", "meetings"):
        if key not in data:
            raise InvalidInstance(f"{key} is missing")
        if not isinstance(data[key], list):
            raise InvalidInstance(f"{key} must be a list, not {_describe(data[key])}")
    default_capacity = _optional_count(data, "default_capacity", "the instance", 0)
    default_rooms = _optional_count(data, "default_rooms", "the instance", 0)
    instance = ScheduleInstance(
        slots=tuple(_read_slots(data["slots"], default_capacity, default_rooms)),
        participants=tuple(_read_participants(data["participants"])),
        meetings=tuple(_read_meetings(data["meetings"])),
    )
    check_instance(instance)
    return instance


def check_instance(instance: ScheduleInstance) -> None:
    """Check the references and the fixed slots of an instance; raise `InvalidInstance`.

    Used by `parse_instance` and by `schedule_meetings`, so that an instance
    built in Python is held to the same rules as one read from JSON.
    """
    slot_ids: set[str] = set()
    for slot in instance.slots:
        if slot.id in slot_ids:
            raise InvalidInstance(f'slot "{slot.id}" appears more than once')
        for key, count in (("capacity", slot.capacity), ("rooms", slot.rooms)):
            if count is not None and (not _is_int(count) or count < 0):
                raise InvalidInstance(
                    f'slot "{slot.id}": {key} must be a whole number >= 0, not {_describe(count)}'
                )
        slot_ids.add(slot.id)

    available: dict[str, frozenset[str] | None] = {}
    for participant in instance.participants:
        where = f'participant "{participant.id}"'
        if participant.id in available:
            raise InvalidInstance(f"{where} appears more than once")
        for slot_id in sorted(participant.available or ()):
            if slot_id not in slot_ids:
                raise InvalidInstance(f'{where}: available names an unknown slot "{slot_id}"')
        cap = participant.max_meetings
        if cap is not None and (not _is_int(cap) or cap < 0):
            raise InvalidInstance(
                f"{where}: max_meetings must be a whole number >= 0, not {_describe(cap)}"
            )
        available[participant.id] = participant.available

    meeting_ids: set[str] = set()
    for meeting in instance.meetings:
        where = f'meeting "{meeting.id}"'
        if meeting.id in meeting_ids:
            raise InvalidInstance(f"{where} appears more than once")
        meeting_ids.add(meeting.id)
        if len(meeting.participants) != 2:
            raise InvalidInstance(f"{where}: participants must be exactly two participant ids")
        for participant_id in meeting.participants:
            if participant_id not in available:
                raise InvalidInstance(
                    f'{where}: participants names an unknown participant "{participant_id}"'
                )
        first, second = meeting.participants
        if first == second:
            raise InvalidInstance(f'{where}: participant "{first}" cannot meet itself')
        if not _is_int(meeting.priority) or meeting.priority < 1:
            raise InvalidInstance(
                f"{where}: priority must be a whole number >= 1, not {_describe(meeting.priority)}"
            )
        if meeting.pool is not None and meeting.pool not in POOLS:
            raise InvalidInstance(
                f'{where}: pool must be "tables" or "rooms", not {_describe(meeting.pool)}'
            )
        if meeting.fixed_slot is not None:
            if meeting.fixed_slot not in slot_ids:
                raise InvalidInstance(
                    f'{where}: fixed_slot names an unknown slot "{meeting.fixed_slot}"'
                )
            for participant_id in meeting.participants:
                slots = available[participant_id]
                if slots is not None and meeting.fixed_slot not in slots:
                    raise InvalidInstance(
                        f'{where}: fixed_slot "{meeting.fixed_slot}" is not available '
                        f'to participant "{participant_id}"'
                    )
