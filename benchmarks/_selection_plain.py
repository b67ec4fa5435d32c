"""The baselines the engine is measured against: plain solver models and a greedy rule.

Each takes the contract's instance JSON and returns the chosen pairs as
(seeker index, provider index, rank) triples, with whether optimality was proven.
The plain models are the straightforward formulation (no linking constraints, no
starting solution, no relaxation shortcut), lexicographic by sequential stages.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array


@dataclass(frozen=True)
class Problem:
    """The instance as index lists: allowed edges, pins, capacities, countries."""

    select: int
    per_country: int | None
    capacity: list[int]
    provider_country: list[str]
    edges: list[tuple[int, int, int]]  # seeker, provider, rank
    pinned: set[tuple[int, int]]
    max_rank: int


def build_problem(data: dict) -> Problem:
    providers = data["providers"]
    seekers = data["seekers"]
    rules = data["rules"]
    p_index = {p["id"]: i for i, p in enumerate(providers)}
    s_index = {s["id"]: i for i, s in enumerate(seekers)}
    forbidden = {tuple(pair) for pair in rules.get("forbidden", [])}
    default = data.get("defaults", {}).get("capacity", 1)
    edges = []
    for s, seeker in enumerate(seekers):
        for rank, provider_id in enumerate(seeker["preferences"], start=1):
            p = p_index[provider_id]
            if (seeker["id"], provider_id) in forbidden:
                continue
            if not rules.get("allow_same_country", True) and (
                providers[p]["country"] == seeker["country"]
            ):
                continue
            edges.append((s, p, rank))
    return Problem(
        select=data["select"],
        per_country=rules.get("max_selected_per_country"),
        capacity=[p.get("capacity", default) for p in providers],
        provider_country=[p["country"] for p in providers],
        edges=edges,
        pinned={(s_index[s], p_index[p]) for s, p in rules.get("pinned", [])},
        max_rank=max((len(s["preferences"]) for s in seekers), default=0),
    )


def stage_objectives(problem: Problem) -> list[list[int]]:
    """Per stage, the edge indices counted: all edges (pairs), then rank 1, 2, ..."""
    ranks = [
        [i for i, e in enumerate(problem.edges) if e[2] == r]
        for r in range(1, 1 + problem.max_rank)
    ]
    return [list(range(len(problem.edges))), *ranks]


def solve_plain_cpsat(data: dict, time_limit: float) -> tuple[list[tuple[int, int, int]], bool]:
    """CP-SAT: x per edge, y per provider, sequential stages, 2 workers, solution hints."""
    problem = build_problem(data)
    deadline = time.monotonic() + time_limit
    model = cp_model.CpModel()
    x = [model.NewBoolVar(f"x{i}") for i in range(len(problem.edges))]
    y = [model.NewBoolVar(f"y{p}") for p in range(len(problem.capacity))]
    by_seeker, by_provider = defaultdict(list), defaultdict(list)
    for i, (s, p, _) in enumerate(problem.edges):
        by_seeker[s].append(x[i])
        by_provider[p].append(x[i])
        if (s, p) in problem.pinned:
            model.Add(x[i] == 1)
    for variables in by_seeker.values():
        model.Add(sum(variables) <= 1)
    for p, variables in by_provider.items():
        model.Add(sum(variables) <= problem.capacity[p] * y[p])
    model.Add(sum(y) <= problem.select)
    if problem.per_country is not None:
        by_country = defaultdict(list)
        for p, country in enumerate(problem.provider_country):
            by_country[country].append(y[p])
        for variables in by_country.values():
            model.Add(sum(variables) <= problem.per_country)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 0
    values: list[int] | None = None
    proven = True
    for columns in stage_objectives(problem):
        if not columns:
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            proven = False
            break
        objective = sum(x[i] for i in columns)
        model.Maximize(objective)
        solver.parameters.max_time_in_seconds = remaining
        status = solver.Solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven = False
            break
        values = [int(solver.Value(v)) for v in x]
        model.ClearHints()
        for variable, value in zip(x, values, strict=True):
            model.AddHint(variable, value)
        if status != cp_model.OPTIMAL:
            proven = False
            break
        model.Add(objective >= round(solver.ObjectiveValue()))
    chosen = [problem.edges[i] for i, v in enumerate(values or []) if v]
    return chosen, proven and values is not None


def solve_plain_milp(data: dict, time_limit: float) -> tuple[list[tuple[int, int, int]], bool]:
    """HiGHS through scipy.optimize.milp: the weak formulation, one fresh solve per stage."""
    problem = build_problem(data)
    deadline = time.monotonic() + time_limit
    n_x, n_y = len(problem.edges), len(problem.capacity)
    n = n_x + n_y
    rows, cols, vals, upper = [], [], [], []

    def add_row(columns, coefficients, bound):
        r = len(upper)
        rows.extend([r] * len(columns))
        cols.extend(columns)
        vals.extend(coefficients)
        upper.append(bound)

    by_seeker, by_provider = defaultdict(list), defaultdict(list)
    for i, (s, p, _) in enumerate(problem.edges):
        by_seeker[s].append(i)
        by_provider[p].append(i)
    for columns in by_seeker.values():
        add_row(columns, [1.0] * len(columns), 1.0)
    for p, columns in by_provider.items():
        add_row([*columns, n_x + p], [1.0] * len(columns) + [-problem.capacity[p]], 0.0)
    add_row([n_x + p for p in range(n_y)], [1.0] * n_y, problem.select)
    if problem.per_country is not None:
        by_country = defaultdict(list)
        for p, country in enumerate(problem.provider_country):
            by_country[country].append(n_x + p)
        for columns in by_country.values():
            add_row(columns, [1.0] * len(columns), problem.per_country)
    lower = np.zeros(n)
    for i, (s, p, _) in enumerate(problem.edges):
        if (s, p) in problem.pinned:
            lower[i] = 1.0
    base = csr_array((vals, (rows, cols)), shape=(len(upper), n))
    constraints = [LinearConstraint(base, -np.inf, np.array(upper, dtype=float))]
    solution = None
    proven = True
    for columns in stage_objectives(problem):
        if not columns:
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            proven = False
            break
        cost = np.zeros(n)
        cost[columns] = -1.0
        result = milp(
            cost,
            constraints=constraints,
            integrality=np.ones(n),
            bounds=Bounds(lower, np.ones(n)),
            options={"time_limit": remaining, "mip_rel_gap": 0.0, "disp": False},
        )
        if result.x is None:
            proven = False
            break
        solution = result.x
        if result.status != 0:
            proven = False
            break
        value = round(-result.fun)
        constraints.append(LinearConstraint(-cost.reshape(1, -1), value, np.inf))
    chosen = [] if solution is None else [problem.edges[i] for i in range(n_x) if solution[i] > 0.5]
    return chosen, proven and solution is not None


def solve_greedy(data: dict) -> tuple[list[tuple[int, int, int]], bool]:
    """The most-wanted providers (pins first, within the caps), then seekers by rank."""
    problem = build_problem(data)
    demand = defaultdict(int)
    for _, p, _ in problem.edges:
        demand[p] += 1
    selected = {p for _, p in problem.pinned}
    per_country = defaultdict(int)
    for p in selected:
        per_country[problem.provider_country[p]] += 1
    for p in sorted(demand, key=lambda p: (-demand[p], p)):
        if len(selected) >= problem.select:
            break
        country = problem.provider_country[p]
        if p in selected or (
            problem.per_country is not None and per_country[country] >= problem.per_country
        ):
            continue
        selected.add(p)
        per_country[country] += 1
    load = defaultdict(int)
    assigned: dict[int, tuple[int, int, int]] = {}
    for edge in problem.edges:
        if (edge[0], edge[1]) in problem.pinned:
            assigned[edge[0]] = edge
            load[edge[1]] += 1
    for rank in range(1, problem.max_rank + 1):
        for s, p, r in problem.edges:
            if r == rank and s not in assigned and p in selected and load[p] < problem.capacity[p]:
                assigned[s] = (s, p, r)
                load[p] += 1
    return list(assigned.values()), False


def check_feasible(data: dict, chosen: list[tuple[int, int, int]]) -> bool:
    """Whether chosen pairs respect every rule, capacity, cap and pin of the instance."""
    problem = build_problem(data)
    allowed = {(s, p): r for s, p, r in problem.edges}
    seekers = [s for s, _, _ in chosen]
    load = defaultdict(int)
    for s, p, r in chosen:
        if allowed.get((s, p)) != r:
            return False
        load[p] += 1
    countries = defaultdict(int)
    for p in load:
        countries[problem.provider_country[p]] += 1
    return (
        len(seekers) == len(set(seekers))
        and all(load[p] <= problem.capacity[p] for p in load)
        and len(load) <= problem.select
        and (
            problem.per_country is None or all(c <= problem.per_country for c in countries.values())
        )
        and problem.pinned <= {(s, p) for s, p, _ in chosen}
    )
