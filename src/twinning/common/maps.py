"""A map of cities drawn as SVG from their coordinates: no tile server, no download."""

from __future__ import annotations

import math
from dataclasses import dataclass

# The frame: from the Azores to the Caspian, from Cyprus to the North Cape.
WEST, EAST, SOUTH, NORTH = -25.0, 45.0, 33.0, 72.0
WIDTH = 800
# Equirectangular projection, stretched for the middle latitude so that shapes look right.
X_SCALE = WIDTH / (EAST - WEST)
Y_SCALE = X_SCALE / math.cos(math.radians((SOUTH + NORTH) / 2))
HEIGHT = round((NORTH - SOUTH) * Y_SCALE)


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    label: str
    url: str
    kind: str


@dataclass(frozen=True)
class MapLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class CityMap:
    width: int
    height: int
    points: list[MapPoint]
    countries: list[MapLabel]
    meridians: list[float]
    parallels: list[float]


def project(latitude: float, longitude: float) -> tuple[float, float]:
    x = (longitude - WEST) * X_SCALE
    y = (NORTH - latitude) * Y_SCALE
    return round(x, 1), round(y, 1)


def city_map(cities, *, url_of, kind_of, country_name_of) -> CityMap:
    """Points for the cities that have coordinates, and a label per country at their middle."""
    points, by_country = [], {}
    for city in cities:
        if city.latitude is None or city.longitude is None:
            continue
        x, y = project(float(city.latitude), float(city.longitude))
        points.append(MapPoint(x, y, city.display_name, url_of(city), kind_of(city)))
        by_country.setdefault(city.country, []).append((x, y))
    countries = [
        MapLabel(
            round(sum(x for x, _y in spots) / len(spots), 1),
            round(sum(y for _x, y in spots) / len(spots), 1) + 18,
            country_name_of(code),
        )
        for code, spots in sorted(by_country.items())
    ]
    return CityMap(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        countries=countries,
        meridians=[project(SOUTH, lon)[0] for lon in range(-20, 45, 10)],
        parallels=[project(lat, WEST)[1] for lat in range(35, 72, 5)],
    )
