"""Benchmark of the selection engine against plain solver models and a greedy rule.

    .venv/bin/python benchmarks/bench_selection.py [--sizes cohort,wide,5x,10x,50x]
        [--plain-time-limit 60]

Prints a Markdown table: one row per size and method, with the time, the quality of
the result (pairs, first choices, the head of the signature), whether it was proven
optimal, and how it compares with the engine's result.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _selection_instances import SIZES, generate_instance
from _selection_plain import (
    check_feasible,
    solve_greedy,
    solve_plain_cpsat,
    solve_plain_milp,
)

from twinning.engine.selection import run_json


def quality(chosen, max_rank):
    signature = [0] * max_rank
    for _, _, rank in chosen:
        signature[rank - 1] += 1
    return len(chosen), signature


def engine_pairs(data, result):
    s_index = {s["id"]: i for i, s in enumerate(data["seekers"])}
    p_index = {p["id"]: i for i, p in enumerate(data["providers"])}
    return [(s_index[x["seeker"]], p_index[x["provider"]], x["rank"]) for x in result["pairs"]]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(size.name for size in SIZES))
    parser.add_argument("--plain-time-limit", type=float, default=60.0)
    options = parser.parse_args(argv)
    wanted = options.sizes.split(",")
    unknown = set(wanted) - {size.name for size in SIZES}
    if unknown:
        parser.error(f"unknown sizes: {', '.join(sorted(unknown))}")

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}, {platform.python_implementation()} "
        f"{platform.python_version()}, plain models limited to {options.plain_time_limit:g} s\n"
    )
    print(
        "| size | seekers x providers, select | method | seconds | pairs | 1st "
        "| signature head | proven | vs engine |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | --- | --- | --- |")
    for size in SIZES:
        if size.name not in wanted:
            continue
        data = generate_instance(size)
        max_rank = max(len(s["preferences"]) for s in data["seekers"])
        started = time.perf_counter()
        result = run_json(data)
        engine_seconds = time.perf_counter() - started
        chosen = engine_pairs(data, result)
        runs = [(f"engine ({result['stats']['path']})", engine_seconds, chosen, result["optimal"])]
        for name, solve in (
            ("plain CP-SAT", lambda d: solve_plain_cpsat(d, options.plain_time_limit)),
            ("plain MILP (HiGHS)", lambda d: solve_plain_milp(d, options.plain_time_limit)),
            ("greedy", solve_greedy),
        ):
            started = time.perf_counter()
            pairs, proven = solve(data)
            runs.append((name, time.perf_counter() - started, pairs, proven))
        reference = quality(chosen, max_rank)
        for name, seconds, pairs, proven in runs:
            matched, signature = quality(pairs, max_rank)
            if not check_feasible(data, pairs):
                compared = "INFEASIBLE"
            elif (matched, signature) == reference:
                compared = "same"
            else:
                compared = "worse" if (matched, signature) < reference else "better"
            head = ", ".join(str(count) for count in signature[:4])
            label = f"{size.seekers} x {size.providers}, {size.select}"
            print(
                f"| {size.name} | {label} | {name} | {seconds:.2f} | {matched} | {signature[0]} "
                f"| {head} | {'yes' if proven else 'no'} | {compared} |",
                flush=True,
            )
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
