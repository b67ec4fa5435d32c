"""Benchmark of the meeting scheduler against a plain CP-SAT model and a booking-tool greedy.

Prints a Markdown table: for each instance size, each method's time, its
ratio to the plain CP-SAT model's time, total priority, proven upper bound
(if the method has one), the gap to the best bound proven by any method, and
the number of meetings placed. The engine runs as the command
`twinning schedule` in a process of its own, timed end to end (start-up,
reading, solving, seating, writing); at EU scale also with `--time-limit`,
whose wall time is what the limit promises. A day with video rooms has two
pools per slot (tables, and rooms for the meetings of a city online); every
method is held to both.

    .venv/bin/python benchmarks/bench_schedule.py [--sizes online,torino] [--cpsat-seconds 60]
        [--time-limits 10,30]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _schedule_instances import SIZES, Size, generate

from twinning.engine.scheduling import parse_instance

SRC = Path(__file__).resolve().parent.parent / "src"
# The sizes at which the engine also runs with each --time-limit.
EU_SCALE = 5000


def _pool(instance: dict) -> dict[str, bool]:
    """Meeting id -> in a video room (a city online); all False on a day with one pool."""
    online = {p["id"] for p in instance["participants"] if p.get("online")}
    return {m["id"]: bool(online & set(m["participants"])) for m in instance["meetings"]}


def _slot_capacity(instance: dict) -> dict[tuple[str, bool], int | None]:
    """(slot id, in a video room) -> tables or rooms in that slot; None is unlimited."""
    capacity = {}
    for in_room, key in ((False, "capacity"), (True, "rooms")):
        default = instance.get(f"default_{key}")
        for slot in instance["slots"]:
            value = slot.get(key)
            capacity[(slot["id"], in_room)] = value if value is not None else default
    return capacity


def _available(instance: dict) -> dict[str, set[str]]:
    every = [slot["id"] for slot in instance["slots"]]
    return {p["id"]: set(p.get("available") or every) for p in instance["participants"]}


def _possible(instance: dict, meeting: dict, available: dict[str, set[str]]) -> list[str]:
    first, second = meeting["participants"]
    slots = [s["id"] for s in instance["slots"] if s["id"] in available[first] & available[second]]
    if meeting.get("fixed_slot"):
        slots = [s for s in slots if s == meeting["fixed_slot"]]
    return slots


def check(instance: dict, placement: dict[str, str]) -> int:
    """Total priority of a placement (meeting id -> slot id), after checking every rule."""
    meetings = {m["id"]: m for m in instance["meetings"]}
    available = _available(instance)
    capacity = _slot_capacity(instance)
    pool = _pool(instance)
    cap = {p["id"]: p.get("max_meetings") for p in instance["participants"]}
    busy: set[tuple[str, str]] = set()
    count: dict[str, int] = {}
    load: dict[tuple[str, bool], int] = {}
    for meeting_id, slot in placement.items():
        meeting = meetings[meeting_id]
        assert slot in _possible(instance, meeting, available), meeting_id
        for p in meeting["participants"]:
            assert (p, slot) not in busy, meeting_id
            busy.add((p, slot))
            count[p] = count.get(p, 0) + 1
            assert cap[p] is None or count[p] <= cap[p], meeting_id
        place = (slot, pool[meeting_id])
        load[place] = load.get(place, 0) + 1
        assert capacity[place] is None or load[place] <= capacity[place], meeting_id
    return sum(meetings[m].get("priority", 1) for m in placement)


def run_engine(instance: dict, time_limit: float | None = None) -> dict:
    """`twinning schedule` on the instance in a process of its own, timed end to end."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "instance.json"), Path(folder, "result.json")
        source.write_text(json.dumps(instance))
        command = [sys.executable, "-m", "twinning", "schedule", str(source), "-o", str(target)]
        if time_limit is not None:
            command += ["--time-limit", f"{time_limit:g}"]
        path = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
        started = time.perf_counter()
        subprocess.run(command, check=True, env={**os.environ, "PYTHONPATH": path})
        seconds = time.perf_counter() - started
        result = json.loads(target.read_text())
    placement = {item["meeting"]: item["slot"] for item in result["scheduled"]}
    assert check(instance, placement) == result["total_priority"]
    pool = _pool(instance)
    assert all(item.get("room", False) == pool[item["meeting"]] for item in result["scheduled"])
    return {
        "seconds": seconds,
        "total": result["total_priority"],
        "bound": result["upper_bound"],
        "placed": len(placement),
    }


def run_greedy(instance: dict) -> dict:
    """First come, first served: each request, in arrival order, into the first slot that works."""
    started = time.perf_counter()
    available = _available(instance)
    capacity = _slot_capacity(instance)
    pool = _pool(instance)
    cap = {p["id"]: p.get("max_meetings") for p in instance["participants"]}
    busy: set[tuple[str, str]] = set()
    count = dict.fromkeys(cap, 0)
    load = dict.fromkeys(capacity, 0)
    placement = {}
    for meeting in instance["meetings"]:
        first, second = meeting["participants"]
        if any(cap[p] is not None and count[p] >= cap[p] for p in (first, second)):
            continue
        for slot in _possible(instance, meeting, available):
            if (first, slot) in busy or (second, slot) in busy:
                continue
            place = (slot, pool[meeting["id"]])
            if capacity[place] is not None and load[place] >= capacity[place]:
                continue
            placement[meeting["id"]] = slot
            busy |= {(first, slot), (second, slot)}
            count[first] += 1
            count[second] += 1
            load[place] += 1
            break
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "total": check(instance, placement),
        "bound": None,
        "placed": len(placement),
    }


def run_plain_cpsat(instance: dict, seconds: float) -> dict:
    """The straightforward CP-SAT model: a Boolean per (meeting, slot), 2 workers."""
    started = time.perf_counter()
    parsed = parse_instance(instance)
    available = _available(instance)
    capacity = _slot_capacity(instance)
    pool = _pool(instance)
    model = cp_model.CpModel()
    chosen = {}
    by_participant_slot: dict[tuple[str, str], list] = {}
    by_participant: dict[str, list] = {}
    by_slot: dict[tuple[str, bool], list] = {}
    for meeting in instance["meetings"]:
        literals = []
        for slot in _possible(instance, meeting, available):
            var = model.new_bool_var(f"{meeting['id']}@{slot}")
            chosen[(meeting["id"], slot)] = var
            literals.append(var)
            by_slot.setdefault((slot, pool[meeting["id"]]), []).append(var)
            for p in meeting["participants"]:
                by_participant_slot.setdefault((p, slot), []).append(var)
                by_participant.setdefault(p, []).append(var)
        model.add_at_most_one(literals)
    for literals in by_participant_slot.values():
        model.add_at_most_one(literals)
    for participant in parsed.participants:
        if participant.max_meetings is not None:
            model.add(sum(by_participant.get(participant.id, [])) <= participant.max_meetings)
    for place, literals in by_slot.items():
        if capacity[place] is not None:
            model.add(sum(literals) <= capacity[place])
    priority = {m["id"]: m.get("priority", 1) for m in instance["meetings"]}
    model.maximize(sum(priority[m] * var for (m, _), var in chosen.items()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = seconds
    status = solver.solve(model)
    elapsed = time.perf_counter() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"seconds": elapsed, "total": 0, "bound": None, "placed": 0}
    placement = {m: s for (m, s), var in chosen.items() if solver.boolean_value(var)}
    return {
        "seconds": elapsed,
        "total": check(instance, placement),
        "bound": int(solver.best_objective_bound + 1e-6),
        "placed": len(placement),
    }


def _describe(size: Size) -> str:
    tables = "unlimited" if size.tables is None else str(size.tables)
    rooms = f", {size.rooms} video rooms, {size.online:.0%} online" if size.online else ""
    locked = f", {size.locked} locked ({size.clashes} clashing)" if size.locked else ""
    return (
        f"{size.name} ({size.cities} cities, {size.meetings} meetings, "
        f"{size.slots} slots, {tables} tables{rooms}{locked})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated subset")
    parser.add_argument("--cpsat-seconds", type=float, default=60.0)
    parser.add_argument(
        "--time-limits",
        default="10,30",
        help=f"comma-separated --time-limit values for the sizes of {EU_SCALE}+ meetings",
    )
    options = parser.parse_args(argv)
    limits = [float(text) for text in options.time_limits.split(",") if text.strip()]
    names = [name.strip() for name in options.sizes.split(",") if name.strip()]
    unknown = [name for name in names if name not in SIZES]
    if unknown:
        parser.error(f"unknown sizes: {', '.join(unknown)} (choose from {', '.join(SIZES)})")

    print(
        "| instance | method | seconds | seconds / plain CP-SAT's | total priority "
        "| proven bound | gap to best bound | meetings placed |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in names:
        size = SIZES[name]
        instance = generate(size)
        rows = [("this engine", run_engine(instance))]
        if size.meetings >= EU_SCALE:
            rows += [
                (f"this engine, --time-limit {limit:g}", run_engine(instance, limit))
                for limit in limits
            ]
        cpsat = run_plain_cpsat(instance, options.cpsat_seconds)
        rows += [
            (
                f"plain CP-SAT ({options.cpsat_seconds:g} s, 2 workers)",
                cpsat,
            ),
            ("first come, first served", run_greedy(instance)),
        ]
        best_bound = min(row["bound"] for _, row in rows if row["bound"] is not None)
        for method, row in rows:
            gap = (best_bound - row["total"]) / best_bound if best_bound else 0.0
            bound = "-" if row["bound"] is None else str(row["bound"])
            ratio = row["seconds"] / cpsat["seconds"]
            print(
                f"| {_describe(size)} | {method} | {row['seconds']:.2f} | {ratio:.2f} | "
                f"{row['total']} | {bound} | {100 * gap:.2f} % | {row['placed']} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
