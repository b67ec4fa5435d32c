"""Realistic selection instances from a fixed seed, at the sizes of the benchmark.

Countries are EU member states and Horizon Europe associated countries, weighted
roughly by how many cities take part; provider popularity is skewed (a Zipf law),
so a few Mission-minded cities are wanted by many Mission cities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# EU member states and associated countries, weighted by a rough count of cities.
COUNTRIES = {
    "DE": 9, "FR": 9, "IT": 9, "ES": 9, "PL": 6, "NL": 5, "BE": 4, "SE": 4, "PT": 4,
    "AT": 3, "CZ": 3, "DK": 3, "FI": 3, "GR": 3, "HU": 3, "IE": 3, "RO": 3, "BG": 2,
    "HR": 2, "SK": 2, "SI": 2, "LT": 2, "LV": 2, "EE": 2, "CY": 1, "LU": 1, "MT": 1,
    "NO": 3, "GB": 4, "TR": 3, "IL": 2, "IS": 1, "CH": 2, "RS": 1, "ME": 1, "MK": 1,
    "AL": 1, "BA": 1, "MD": 1, "UA": 2, "GE": 1, "AM": 1, "FO": 1, "TN": 1,
}  # fmt: skip


@dataclass(frozen=True)
class Size:
    """One benchmark size: counts, caps and the range of preference list lengths."""

    name: str
    seekers: int
    providers: int
    select: int
    capacities: tuple[int, int]
    per_country: int | None
    preferences: tuple[int, int]
    pins: int
    forbidden: int


SIZES = (
    Size("cohort", 112, 60, 10, (1, 2), 2, (3, 5), 2, 3),
    Size("wide", 112, 150, 10, (1, 2), 2, (3, 5), 2, 3),
    Size("5x", 500, 300, 50, (1, 3), 3, (3, 5), 5, 10),
    Size("10x", 1000, 500, 100, (1, 3), 4, (3, 10), 10, 20),
    Size("50x", 5000, 2000, 500, (1, 3), 15, (3, 10), 50, 100),
)


def generate_instance(size: Size, seed: int = 2026) -> dict:
    """The instance JSON of one size; the same size and seed give the same instance."""
    rng = np.random.default_rng(seed)
    codes = list(COUNTRIES)
    weights = np.array([COUNTRIES[c] for c in codes], dtype=float)
    weights /= weights.sum()

    provider_countries = rng.choice(codes, size=size.providers, p=weights)
    providers = [
        {
            "id": f"mm-{country.lower()}-{index:04d}",
            "country": str(country),
            "capacity": int(rng.integers(size.capacities[0], size.capacities[1] + 1)),
        }
        for index, country in enumerate(provider_countries)
    ]
    # Zipf-like popularity: the k-th most attractive provider is wanted ~ 1/k^0.9.
    popularity = 1.0 / np.arange(1, size.providers + 1) ** 0.9
    popularity = popularity[rng.permutation(size.providers)]

    seeker_countries = rng.choice(codes, size=size.seekers, p=weights)
    seekers = []
    for index, country in enumerate(seeker_countries):
        length = int(rng.integers(size.preferences[0], size.preferences[1] + 1))
        # Sampling without replacement in proportion to popularity (Gumbel top-k);
        # Mission cities rarely rank a city of their own country.
        own = provider_countries == country
        scores = np.log(popularity * np.where(own, 0.2, 1.0)) + rng.gumbel(size=size.providers)
        chosen = np.argsort(-scores)[:length]
        seekers.append(
            {
                "id": f"mc-{country.lower()}-{index:04d}",
                "country": str(country),
                "preferences": [providers[p]["id"] for p in chosen],
            }
        )

    by_id = {provider["id"]: provider for provider in providers}
    pinned: list[list[str]] = []
    pinned_load: dict[str, int] = {}
    pinned_countries: dict[str, set[str]] = {}
    for seeker in seekers:
        if len(pinned) >= size.pins:
            break
        if rng.random() > 0.3:
            continue
        provider = by_id[seeker["preferences"][1]]
        country_pins = pinned_countries.setdefault(provider["country"], set())
        if (
            provider["country"] == seeker["country"]
            or pinned_load.get(provider["id"], 0) >= provider["capacity"]
            or (provider["id"] not in pinned_load and len(pinned_load) >= size.select // 2)
            or (provider["id"] not in country_pins and len(country_pins) >= 1)
        ):
            continue
        pinned.append([seeker["id"], provider["id"]])
        pinned_load[provider["id"]] = pinned_load.get(provider["id"], 0) + 1
        country_pins.add(provider["id"])
    pinned_seekers = {seeker for seeker, _ in pinned}
    forbidden = []
    for position in rng.permutation(size.seekers)[: size.forbidden * 2]:
        seeker = seekers[position]
        if seeker["id"] not in pinned_seekers and len(forbidden) < size.forbidden:
            forbidden.append([seeker["id"], seeker["preferences"][0]])

    return {
        "select": size.select,
        "defaults": {"capacity": 1},
        "rules": {
            "allow_same_country": False,
            "max_selected_per_country": size.per_country,
            "pinned": pinned,
            "forbidden": forbidden,
        },
        "providers": providers,
        "seekers": seekers,
    }
