"""A map of Europe drawn as SVG on the server: country outlines from Natural Earth (vendored
in `data/`, see its README), cities placed by their coordinates, twinnings as lines.

No tile server and no download: the outlines are read and projected once per process, and
a page only adds its cities. The projection is the Lambert azimuthal equal-area centred on
52° N 10° E, the one the EU's statistics use for Europe (ETRS89-LAEA, EPSG:3035, here on a
sphere): areas keep their true proportions from Iceland to Cyprus.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from twinning.common.topojson import Ring, shapes

DATA_FILE = Path(__file__).parent / "data" / "europe-countries.topo.json"

EARTH_RADIUS_KM = 6371.0
CENTRE_LATITUDE, CENTRE_LONGITUDE = math.radians(52.0), math.radians(10.0)

# The frame, in km from the centre (y grows southwards as in SVG): from Iceland's west
# coast to Israel, from the North Cape to Crete and Cyprus.
FRAME_WEST, FRAME_EAST, FRAME_NORTH, FRAME_SOUTH = -1850.0, 2550.0, -2300.0, 2000.0
WIDTH = 1000  # the frame's width in SVG units
UNITS_PER_KM = WIDTH / (FRAME_EAST - FRAME_WEST)
HEIGHT = round((FRAME_SOUTH - FRAME_NORTH) * UNITS_PER_KM)

# A map around a few cities shows at least this much of the frame (about 1,300 km across).
ZOOM_WIDTH, ZOOM_HEIGHT = 300.0, 240.0
ZOOM_MARKS = 2.4  # how much larger, for the view, a zoomed map draws a city

# How the programme names its two kinds of cities (twinning.cities.enums.CityKind).
MISSION = "mission"


def project_km(latitude: float, longitude: float) -> tuple[float, float]:
    """Kilometres east and south of the centre, on the Lambert azimuthal equal-area plane."""
    phi, delta = math.radians(latitude), math.radians(longitude) - CENTRE_LONGITUDE
    cos_c = math.sin(CENTRE_LATITUDE) * math.sin(phi) + math.cos(CENTRE_LATITUDE) * math.cos(
        phi
    ) * math.cos(delta)
    k = math.sqrt(2 / (1 + cos_c)) if cos_c > -1 else 0.0  # the antipode has no place
    east = EARTH_RADIUS_KM * k * math.cos(phi) * math.sin(delta)
    north = (
        EARTH_RADIUS_KM
        * k
        * (
            math.cos(CENTRE_LATITUDE) * math.sin(phi)
            - math.sin(CENTRE_LATITUDE) * math.cos(phi) * math.cos(delta)
        )
    )
    return east, -north


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """Where a place is on the map, in SVG units of the whole frame."""
    east, south = project_km(latitude, longitude)
    return (
        round((east - FRAME_WEST) * UNITS_PER_KM, 1),
        round((south - FRAME_NORTH) * UNITS_PER_KM, 1),
    )


@dataclass(frozen=True)
class Country:
    name: str
    d: str  # SVG path data
    box: tuple[float, float, float, float]  # left, top, right, bottom


def _tenths(value: float) -> str:
    """A number of tenths of a unit, written as short as SVG allows: 12 -> 1.2, -3 -> -.3."""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _path(polygons: list[list[Ring]]) -> tuple[str, list[tuple[int, int]]]:
    """SVG path data for the polygons: absolute start, then relative steps of a tenth."""
    parts, spots = [], []
    for polygon in polygons:
        for ring in polygon:
            points = []
            for longitude, latitude in ring:
                x, y = project(latitude, longitude)
                point = (round(x * 10), round(y * 10))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) > 1 and points[-1] == points[0]:
                points.pop()  # "z" closes the ring
            if len(points) < 3:  # too small to see at this scale
                continue
            spots.extend(points)
            steps = " ".join(
                f"{_tenths(x1 - x0)} {_tenths(y1 - y0)}"
                for (x0, y0), (x1, y1) in itertools.pairwise(points)
            )
            start = f"M{_tenths(points[0][0])} {_tenths(points[0][1])}"
            parts.append(f"{start}l{steps}z".replace(" -", "-"))
    return "".join(parts), spots


@functools.cache
def countries() -> tuple[Country, ...]:
    """The outlines of the countries in the frame, projected once per process."""
    topology = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    found = []
    for shape in shapes(topology, "countries"):
        d, spots = _path(shape.polygons)
        if not spots:
            continue
        xs, ys = [x / 10 for x, _y in spots], [y / 10 for _x, y in spots]
        found.append(Country(shape.name, d, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(sorted(found, key=lambda country: country.name))


# One set of colours for the page and the PDF report (WeasyPrint reads SVG colours from
# attributes, not from style sheets), with a contrast of 3:1 at least between a city's
# mark and the land or sea under it.
COLOURS = {
    "sea": "#dcebf7",
    "land": "#f4f4f1",
    "border": "#9aa7b4",
    "mission": "#1f5fbf",
    "mission_minded": "#0b7a4b",
    "twinning": "#7a3e9d",
    "halo": "#ffffff",
}


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    label: str
    kind: str
    title: str = ""


@dataclass(frozen=True)
class MapLine:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class CityMap:
    """What a template needs to draw the map: the view, and its layers as SVG."""

    x: float
    y: float
    width: float
    height: float
    countries: tuple[Country, ...]
    points: list[MapPoint]
    lines: list[MapLine] = field(default_factory=list)
    # Sizes in the units of the view, so that a zoomed map draws them as large.
    r: float = 7.0
    halo: float = 1.5
    border: float = 0.6
    line_width: float = 1.6

    @property
    def pixel_height(self) -> int:
        """The height to give the SVG for a width of WIDTH pixels: with both, a browser
        keeps its proportions whatever maximum width and height a style sheet sets."""
        return round(WIDTH * self.height / self.width)

    @property
    def colours(self) -> dict[str, str]:
        return COLOURS

    @property
    def view_box(self) -> str:
        return f"{self.x} {self.y} {self.width} {self.height}"

    # The layers are written here in one piece: a template loop over hundreds of cities
    # and thousands of path commands would take longer than the rest of the page.

    @property
    def land(self) -> SafeString:
        """The countries' outlines, to draw in a group that colours them."""
        # Path data computed from the vendored file: digits and commands, nothing to escape.
        return mark_safe("".join(f'<path d="{country.d}"/>' for country in self.countries))

    @property
    def twinning_lines(self) -> SafeString:
        """A line between the cities of each twinned pair, to draw in a group that colours them."""
        return mark_safe(
            "".join(
                f'<line x1="{line.x1}" y1="{line.y1}" x2="{line.x2}" y2="{line.y2}"/>'
                for line in self.lines
            )
        )

    @property
    def markers(self) -> SafeString:
        """A circle for each Mission city, a diamond (as large to the eye) for each
        Mission-minded city, with its name and country as a tooltip."""
        r, side = self.r, round(self.r * 1.25, 2)
        marks = []
        for point in self.points:
            title = escape(point.title)
            if point.kind == MISSION:
                marks.append(
                    f'<circle class="map-city map-mission" fill="{COLOURS["mission"]}" '
                    f'cx="{point.x}" cy="{point.y}" r="{r}"><title>{title}</title></circle>'
                )
            else:
                top = round(point.y - side, 2)
                marks.append(
                    f'<path class="map-city map-mission_minded" fill="{COLOURS["mission_minded"]}" '
                    f'd="M{point.x} {top}l{side} {side} {-side} {side} {-side} {-side}z">'
                    f"<title>{title}</title></path>"
                )
        return mark_safe("".join(marks))

    @property
    def mission_count(self) -> int:
        return sum(1 for point in self.points if point.kind == MISSION)

    @property
    def mission_minded_count(self) -> int:
        return len(self.points) - self.mission_count


def _view(spots) -> tuple[float, float, float, float]:
    """A view around the spots, at least ZOOM_WIDTH by ZOOM_HEIGHT, inside the frame."""
    xs, ys = [x for x, _y in spots], [y for _x, y in spots]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    width = min(WIDTH, max(ZOOM_WIDTH, (right - left) * 1.3))
    height = min(HEIGHT, max(ZOOM_HEIGHT, (bottom - top) * 1.3))
    x = min(max((left + right - width) / 2, 0), WIDTH - width)
    y = min(max((top + bottom - height) / 2, 0), HEIGHT - height)
    return round(x, 1), round(y, 1), round(width, 1), round(height, 1)


def city_map(cities, *, kind_of, country_name_of, links=(), zoom=False) -> CityMap:
    """The cities whose coordinates fall on the map of Europe, and a line for each pair of
    city ids in `links` whose two cities are on it. With `zoom`, the map shows the region
    around the cities rather than the whole of Europe."""
    points, spots = [], {}
    for city in cities:
        if city.latitude is None or city.longitude is None:
            continue
        x, y = project(float(city.latitude), float(city.longitude))
        if not (0 <= x <= WIDTH and 0 <= y <= HEIGHT):
            continue  # beyond the map of Europe (the Azores, the Caucasus): the lists name it
        spots[city.pk] = (x, y)
        name = city.display_name
        points.append(
            MapPoint(x, y, name, kind_of(city), f"{name}, {country_name_of(city.country)}")
        )
    if zoom and spots:
        x, y, width, height = _view(spots.values())
        countries_shown = _countries_in(x, y, width, height)
    else:
        x, y, width, height = 0, 0, WIDTH, HEIGHT
        countries_shown = countries()
    unit = width / WIDTH
    # A zoomed map is shown smaller, beside a city's page: its marks are drawn larger.
    mark = unit * ZOOM_MARKS if zoom and spots else unit
    lines = [
        MapLine(*spots[a], *spots[b])
        for a, b in sorted({tuple(sorted(pair)) for pair in links})
        if a in spots and b in spots and spots[a] != spots[b]
    ]
    return CityMap(
        x=x,
        y=y,
        width=width,
        height=height,
        countries=countries_shown,
        points=points,
        lines=lines,
        r=round(CityMap.r * mark, 2),
        halo=round(CityMap.halo * mark, 2),
        border=round(CityMap.border * unit, 2),
        line_width=round(CityMap.line_width * mark, 2),
    )


def _countries_in(x: float, y: float, width: float, height: float) -> tuple[Country, ...]:
    return tuple(
        country
        for country in countries()
        if country.box[0] < x + width
        and country.box[2] > x
        and country.box[1] < y + height
        and country.box[3] > y
    )
