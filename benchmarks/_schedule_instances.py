"""Realistic Matchmaking Day instances for the scheduler benchmark, from a fixed seed.

Two sides meet: Mission cities and Mission-minded cities; every meeting joins
one of each. A few cities are popular and appear in many requests (weights
drawn from a heavy-tailed distribution); some people arrive late or leave
early (availability is a window of the day, or one day of two); priorities
are 1 to 3 (3 when both sides asked); some cities cap their meetings; a few
meetings are fixed to a slot agreed beforehand. At a hybrid day with video
rooms (`rooms`), a share of the cities takes part online and each of their
meetings needs a video room, the others a table.

Two variants: `open`, where any city may ask any other (the meetings no
longer join two sides, which makes the matchings and the bound harder), and
`locked`, a number of meetings an organiser locked in a slot, `clashes` of
them in a slot where one of their cities already has a locked meeting (the
scheduler keeps the more valuable one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Size:
    name: str
    cities: int
    meetings: int
    slots: int
    tables: int | None  # None: unlimited rooms
    days: int = 1
    caps: bool = False
    fixed: bool = False
    rooms: int | None = None  # video rooms per slot; with `online`, a day with two pools
    online: float = 0.0  # share of the cities taking part online
    open: bool = False  # any city may ask any other, not only the other side
    locked: int = 0  # meetings locked in a slot by the organiser
    clashes: int = 0  # of them, locked where one of their cities has a locked meeting


SIZES = {
    size.name: size
    for size in (
        Size("online", cities=40, meetings=150, slots=12, tables=None),
        Size("torino", cities=80, meetings=400, slots=16, tables=15, days=2, caps=True, fixed=True),
        Size("hybrid", cities=200, meetings=1500, slots=16, tables=40, days=2, caps=True),
        Size("eu-wide", cities=500, meetings=5000, slots=24, tables=80, days=2, caps=True),
        Size(
            "torino-locked",
            cities=80,
            meetings=400,
            slots=16,
            tables=15,
            days=2,
            caps=True,
            locked=10,
            clashes=2,
        ),
        Size("online-open", cities=40, meetings=150, slots=12, tables=None, open=True),
        Size(
            "hybrid-open",
            cities=200,
            meetings=1500,
            slots=16,
            tables=40,
            days=2,
            caps=True,
            open=True,
        ),
        Size(
            "eu-wide-open",
            cities=500,
            meetings=5000,
            slots=24,
            tables=80,
            days=2,
            caps=True,
            open=True,
        ),
        Size(
            "venue-and-online",
            cities=200,
            meetings=1500,
            slots=16,
            tables=30,
            days=2,
            caps=True,
            fixed=True,
            rooms=15,
            online=0.3,
        ),
    )
}


def _slots(size: Size) -> list[dict]:
    per_day = -(-size.slots // size.days)
    slots = []
    for index in range(size.slots):
        day, position = divmod(index, per_day)
        start = datetime(2026, 5, 28 + day, 9, 0) + timedelta(minutes=30 * position)
        end = start + timedelta(minutes=25)
        slots.append(
            {
                "id": f"d{day + 1}-{start:%H%M}",
                "start": f"{start:%Y-%m-%dT%H:%M:00}+02:00",
                "end": f"{end:%Y-%m-%dT%H:%M:00}+02:00",
            }
        )
    return slots


def _availability(rng: random.Random, slot_ids: list[str], days: int) -> list[str] | None:
    roll = rng.random()
    if roll < 0.6:
        return None  # there all day
    count = len(slot_ids)
    if roll < 0.75 and days > 1:
        per_day = -(-count // days)
        day = rng.randrange(days)
        return slot_ids[day * per_day : (day + 1) * per_day]
    length = rng.randint(max(2, count * 2 // 5), count - 1)
    if roll < 0.88:
        return slot_ids[count - length :]  # arrives late
    return slot_ids[:length]  # leaves early


def generate(size: Size, seed: int = 2026) -> dict:
    """A contract instance of the given size; the same seed gives the same instance."""
    rng = random.Random(f"{seed}-{size.name}")
    slots = _slots(size)
    slot_ids = [slot["id"] for slot in slots]
    mission = [f"mc-{index:03d}" for index in range(size.cities // 2)]
    minded = [f"mm-{index:03d}" for index in range(size.cities - len(mission))]
    # Heavy tail: a handful of cities everybody wants to meet.
    weight = {city: rng.paretovariate(1.3) for city in mission + minded}

    participants = []
    available: dict[str, set[str]] = {}
    for city in mission + minded:
        entry: dict = {"id": city}
        slots_of_city = _availability(rng, slot_ids, size.days)
        if slots_of_city is not None:
            entry["available"] = slots_of_city
        available[city] = set(slots_of_city or slot_ids)
        if size.caps and rng.random() < 0.3:
            entry["max_meetings"] = rng.randint(4, 10)
        # Drawn only for a day with rooms, so that the other sizes stay as they were.
        if size.online and rng.random() < size.online:
            entry["online"] = True
        participants.append(entry)

    pairs: set[tuple[str, str]] = set()
    mission_weights = [weight[city] for city in mission]
    minded_weights = [weight[city] for city in minded]
    limit = len(mission) * len(minded)
    cities = mission + minded
    city_weights = mission_weights + minded_weights
    while len(pairs) < min(size.meetings, limit):
        if size.open:
            first, second = rng.choices(cities, city_weights, k=2)
            if first != second:
                pairs.add((min(first, second), max(first, second)))
            continue
        pair = (
            rng.choices(mission, mission_weights)[0],
            rng.choices(minded, minded_weights)[0],
        )
        pairs.add(pair)
    ordered = sorted(pairs)
    rng.shuffle(ordered)  # arrival order of the requests

    meetings = []
    online = {p["id"] for p in participants if p.get("online")}
    fixed_taken: set[tuple[str, str]] = set()
    fixed_per_slot: dict[tuple[str, bool], int] = {}
    for index, (first, second) in enumerate(ordered):
        priority = rng.choices([1, 2, 3], [0.5, 0.3, 0.2])[0]
        meeting = {"id": f"r-{index + 1:04d}", "participants": [first, second]}
        meeting["priority"] = priority
        if size.fixed and rng.random() < 0.04:
            common = [s for s in slot_ids if s in available[first] and s in available[second]]
            rng.shuffle(common)
            in_room = first in online or second in online
            places = size.rooms if in_room else size.tables
            for slot_id in common:
                if (
                    (first, slot_id) not in fixed_taken
                    and (second, slot_id) not in fixed_taken
                    and fixed_per_slot.get((slot_id, in_room), 0) < (places or 10**9)
                ):
                    meeting["fixed_slot"] = slot_id
                    fixed_taken |= {(first, slot_id), (second, slot_id)}
                    key = (slot_id, in_room)
                    fixed_per_slot[key] = fixed_per_slot.get(key, 0) + 1
                    break
        meetings.append(meeting)

    if size.locked:
        _lock(random.Random(f"{seed}-{size.name}-locked"), size, meetings, available, slot_ids)
    instance: dict = {"slots": slots, "participants": participants, "meetings": meetings}
    instance["default_capacity"] = size.tables
    if size.online:
        instance["default_rooms"] = size.rooms
    return instance


def _lock(
    rng: random.Random,
    size: Size,
    meetings: list[dict],
    available: dict[str, set[str]],
    slot_ids: list[str],
) -> None:
    """Lock `size.locked` meetings in a slot, `size.clashes` of them where one of their
    cities already has a locked meeting: what an organiser who locks by mistake does."""

    def common(meeting: dict) -> list[str]:
        first, second = meeting["participants"]
        return [s for s in slot_ids if s in available[first] and s in available[second]]

    order = list(range(len(meetings)))
    rng.shuffle(order)
    taken: dict[tuple[str, str], int] = {}  # (city, slot) -> meeting index
    locked = []
    for index in order:
        if len(locked) == size.locked - size.clashes:
            break
        meeting = meetings[index]
        slots = [
            s for s in common(meeting) if all((p, s) not in taken for p in meeting["participants"])
        ]
        if slots:
            slot = rng.choice(slots)
            meeting["fixed_slot"] = slot
            taken.update({(p, slot): index for p in meeting["participants"]})
            locked.append(index)
    for index in order:
        if len(locked) == size.locked:
            break
        meeting = meetings[index]
        if index in locked:
            continue
        clashing = [
            s for s in common(meeting) if any((p, s) in taken for p in meeting["participants"])
        ]
        if clashing:
            meeting["fixed_slot"] = clashing[0]
            locked.append(index)
