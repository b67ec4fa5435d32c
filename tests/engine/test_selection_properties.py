"""Property tests: on small random instances the engine's result is feasible (checked
here, independently of the engine) and as good as the best found by enumeration."""

from __future__ import annotations

import itertools
import random
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twinning.engine.selection import parse_instance, run_json, select_twinnings

COUNTRIES = ["FI", "DE", "IT"]


def pin_is_valid(data, pinned, seeker_id, provider_id):
    """Whether adding this pin keeps the pins alone within every rule and capacity."""
    providers = {p["id"]: p for p in data["providers"]}
    seekers = {s["id"]: s for s in data["seekers"]}
    rules = data["rules"]
    provider, seeker = providers[provider_id], seekers[seeker_id]
    if [seeker_id, provider_id] in rules["forbidden"]:
        return False
    if not rules["allow_same_country"] and seeker["country"] == provider["country"]:
        return False
    if any(s == seeker_id for s, _ in pinned):
        return False
    if sum(p == provider_id for _, p in pinned) >= provider["capacity"]:
        return False
    pinned_providers = {p for _, p in pinned} | {provider_id}
    if len(pinned_providers) > data["select"]:
        return False
    cap = rules["max_selected_per_country"]
    countries = Counter(providers[p]["country"] for p in pinned_providers)
    return cap is None or max(countries.values()) <= cap


@st.composite
def small_instances(draw):
    n_providers = draw(st.integers(1, 5))
    providers = [
        {
            "id": f"mm-{i}",
            "country": draw(st.sampled_from(COUNTRIES)),
            "capacity": draw(st.integers(1, 3)),
        }
        for i in range(n_providers)
    ]
    ids = [provider["id"] for provider in providers]
    seekers = [
        {
            "id": f"mc-{j}",
            "country": draw(st.sampled_from(COUNTRIES)),
            "preferences": draw(st.lists(st.sampled_from(ids), unique=True, max_size=4)),
        }
        for j in range(draw(st.integers(0, 6)))
    ]
    listed = [[s["id"], p] for s in seekers for p in s["preferences"]]
    pairs = (
        st.lists(st.sampled_from(listed), unique_by=tuple, max_size=3) if listed else st.just([])
    )
    data = {
        "select": draw(st.integers(0, 4)),
        "rules": {
            "allow_same_country": draw(st.booleans()),
            "max_selected_per_country": draw(st.one_of(st.none(), st.integers(0, 2))),
            "forbidden": draw(pairs),
            "pinned": [],
        },
        "providers": providers,
        "seekers": seekers,
    }
    for seeker_id, provider_id in draw(pairs):
        if pin_is_valid(data, data["rules"]["pinned"], seeker_id, provider_id):
            data["rules"]["pinned"].append([seeker_id, provider_id])
    return data


def allowed_providers(data, seeker):
    providers = {p["id"]: p for p in data["providers"]}
    rules = data["rules"]
    return [
        provider_id
        for provider_id in seeker["preferences"]
        if [seeker["id"], provider_id] not in rules["forbidden"]
        and (rules["allow_same_country"] or providers[provider_id]["country"] != seeker["country"])
    ]


def assignment_is_feasible(data, assignment):
    """assignment: seeker id -> provider id, for the paired seekers."""
    providers = {p["id"]: p for p in data["providers"]}
    seekers = {s["id"]: s for s in data["seekers"]}
    rules = data["rules"]
    load = Counter(assignment.values())
    if any(load[p] > providers[p]["capacity"] for p in load):
        return False
    if len(load) > data["select"]:
        return False
    cap = rules["max_selected_per_country"]
    per_country = Counter(providers[p]["country"] for p in load)
    if cap is not None and any(count > cap for count in per_country.values()):
        return False
    for seeker_id, provider_id in assignment.items():
        if provider_id not in allowed_providers(data, seekers[seeker_id]):
            return False
    return all(assignment.get(s) == p for s, p in rules["pinned"])


def quality(data, assignment):
    """(pairs, signature) of an assignment: larger is better, compared as tuples."""
    longest = max((len(s["preferences"]) for s in data["seekers"]), default=0)
    signature = [0] * longest
    for seeker in data["seekers"]:
        if seeker["id"] in assignment:
            signature[seeker["preferences"].index(assignment[seeker["id"]])] += 1
    return len(assignment), signature


def best_by_enumeration(data):
    pinned = dict(map(tuple, data["rules"]["pinned"]))
    options = []
    for seeker in data["seekers"]:
        if seeker["id"] in pinned:
            options.append([pinned[seeker["id"]]])
        else:
            options.append([None, *allowed_providers(data, seeker)])
    best = None
    for choice in itertools.product(*options):
        assignment = {
            seeker["id"]: provider_id
            for seeker, provider_id in zip(data["seekers"], choice, strict=True)
            if provider_id is not None
        }
        if assignment_is_feasible(data, assignment):
            best = max(best, quality(data, assignment)) if best else quality(data, assignment)
    return best


def check_result(data, result):
    """Assert that the result is feasible and consistent, from the data alone."""
    seekers = {s["id"]: s for s in data["seekers"]}
    assignment = {}
    for pair in result["pairs"]:
        assert pair["seeker"] not in assignment
        preferences = seekers[pair["seeker"]]["preferences"]
        assert preferences.index(pair["provider"]) + 1 == pair["rank"]
        assignment[pair["seeker"]] = pair["provider"]
    assert assignment_is_feasible(data, assignment)
    assert [p["seeker"] for p in result["pairs"]] == [
        s["id"] for s in data["seekers"] if s["id"] in assignment
    ]
    assert result["selected"] == [
        p["id"] for p in data["providers"] if p["id"] in set(assignment.values())
    ]
    assert result["unmatched"] == [s["id"] for s in data["seekers"] if s["id"] not in assignment]
    assert (len(result["pairs"]), result["signature"]) == quality(data, assignment)
    assert list(result["explanations"]) == [
        s["id"]
        for s in data["seekers"]
        if s["id"] not in assignment or s["preferences"][0] != assignment[s["id"]]
    ]
    check_explanation_codes(data, result)
    return assignment


def check_explanation_codes(data, result):
    """Every explained seeker has codes, and every id and rank in them is the instance's."""
    seekers = {s["id"]: s for s in data["seekers"]}
    providers = {p["id"] for p in data["providers"]}
    assert list(result["explanation_codes"]) == list(result["explanations"])
    for seeker, reasons in result["explanation_codes"].items():
        assert reasons
        for reason in reasons:
            params = reason["params"]
            if "provider" in params:
                assert seekers[seeker]["preferences"][params["rank"] - 1] == params["provider"]
            for taker in params.get("takers", []):
                assert (
                    seekers[taker["seeker"]]["preferences"][taker["rank"] - 1]
                    == (params["provider"])
                )
            assert set(params.get("selected") or []) <= providers


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_select_small_instance_is_feasible_and_best(data):
    result = run_json(data)

    check_result(data, result)
    assert (len(result["pairs"]), result["signature"]) == best_by_enumeration(data)
    assert result["optimal"] is True
    assert all("time limit" not in text for text in result["explanations"].values())


@settings(max_examples=60, deadline=None)
@given(small_instances())
def test_select_same_small_instance_gives_the_same_result(data):
    first = run_json(data)
    second = run_json(data)

    first.pop("stats")
    second.pop("stats")
    assert first == second


def medium_instance(seed, n_seekers=300, n_providers=150, select=20):
    """A random instance with skewed popularity, caps that bind, pins and forbidden pairs."""
    rng = random.Random(seed)
    countries = ["FI", "DE", "IT", "FR", "ES", "PL", "NL", "NO", "TR", "GR"]
    providers = [
        {"id": f"mm-{i:03d}", "country": rng.choice(countries), "capacity": rng.randint(1, 3)}
        for i in range(n_providers)
    ]
    weights = [1 / (i + 1) for i in range(n_providers)]
    seekers = []
    for j in range(n_seekers):
        preferences: list[str] = []
        length = rng.randint(3, 6)
        while len(preferences) < length:
            provider_id = rng.choices(providers, weights)[0]["id"]
            if provider_id not in preferences:
                preferences.append(provider_id)
        seekers.append(
            {"id": f"mc-{j:03d}", "country": rng.choice(countries), "preferences": preferences}
        )
    data = {
        "select": select,
        "rules": {
            "allow_same_country": False,
            "max_selected_per_country": 3,
            "forbidden": [[s["id"], s["preferences"][0]] for s in seekers[::37]],
            "pinned": [],
        },
        "providers": providers,
        "seekers": seekers,
    }
    for seeker in seekers[1::23]:
        provider_id = seeker["preferences"][-1]
        if pin_is_valid(data, data["rules"]["pinned"], seeker["id"], provider_id):
            data["rules"]["pinned"].append([seeker["id"], provider_id])
    return data


def test_select_expired_time_limit_returns_a_feasible_result_with_the_pins():
    data = medium_instance(5)

    result = run_json(data, time_limit=1e-9)

    assignment = check_result(data, result)
    assert result["optimal"] is False
    assert len(data["rules"]["pinned"]) == 12
    assert all(assignment[s] == p for s, p in data["rules"]["pinned"])
    assert len(result["pairs"]) == result["stats"]["greedy_matched"]


def test_select_ample_time_limit_proves_optimality():
    data = medium_instance(5)

    result = run_json(data, time_limit=60)

    check_result(data, result)
    assert result["optimal"] is True
    assert result == {**run_json(data), "stats": result["stats"]}


def test_select_medium_instance_is_at_least_as_good_as_the_greedy_start():
    data = medium_instance(9)

    proven = select_twinnings(parse_instance(data))
    quick = select_twinnings(parse_instance(data), time_limit=1e-9)

    assert (len(proven.pairs), proven.signature) >= (len(quick.pairs), quick.signature)
    assert proven.optimal is True
    assert quick.optimal is False
