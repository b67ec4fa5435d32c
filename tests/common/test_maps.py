import json
import re
from types import SimpleNamespace

from twinning.common import maps
from twinning.common.topojson import decode_arcs, shapes

PLACES = {
    "Lisboa": (38.72, -9.14),
    "Warszawa": (52.23, 21.01),
    "Helsinki": (60.17, 24.94),
    "Roma": (41.90, 12.50),
    "Reykjavík": (64.15, -21.94),
    "Nicosia": (35.17, 33.36),
    "Tel Aviv": (32.08, 34.78),
    "Gozo": (36.04, 14.24),
    "Nordkapp": (71.17, 25.78),
}


def _city(pk, name, *, kind="mission_minded"):
    latitude, longitude = PLACES[name]
    return SimpleNamespace(
        pk=pk,
        display_name=name,
        country=name[:2].upper(),
        latitude=latitude,
        longitude=longitude,
        kind=kind,
    )


def _map(cities, **kwargs):
    return maps.city_map(
        cities, kind_of=lambda c: c.kind, country_name_of=lambda code: f"<{code}>", **kwargs
    )


def _inside(point, ring) -> bool:
    """Ray casting: whether (longitude, latitude) lies inside the ring."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_projection_keeps_europe_in_its_place():
    x = {name: maps.project(*place) for name, place in PLACES.items()}

    assert x["Lisboa"][0] < x["Roma"][0] < x["Warszawa"][0] < x["Nicosia"][0]
    assert x["Nordkapp"][1] < x["Helsinki"][1] < x["Warszawa"][1] < x["Roma"][1]
    assert all(0 < px < maps.WIDTH and 0 < py < maps.HEIGHT for px, py in x.values())


def test_projection_keeps_areas_equal():
    # Equal-area: a degree square in Lapland is smaller than one in Sicily, as on the globe.
    def area(latitude, longitude):
        steps = [i / 10 for i in range(10)]
        edge = (
            [(latitude, longitude + t) for t in steps]
            + [(latitude + t, longitude + 1) for t in steps]
            + [(latitude + 1, longitude + 1 - t) for t in steps]
            + [(latitude + 1 - t, longitude) for t in steps]
        )
        spots = [maps.project_km(*place) for place in edge]
        pairs = zip(spots, spots[1:] + spots[:1], strict=True)
        return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2

    ratio = area(68, 25) / area(37, 14)

    assert 0.44 < ratio < 0.48  # cos(68.5°) / cos(37.5°) = 0.461


def test_topojson_arcs_are_delta_decoded_and_shared_arcs_reversed():
    # Two unit squares side by side that share their middle edge (arc 1).
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 40]},
        "arcs": [
            [[2, 0], [-2, 0], [0, 4], [2, 0]],  # west square: from (1,0) round to (1,1)
            [[2, 4], [0, -4]],  # the shared edge, downwards
            [[2, 4], [2, 0], [0, -4], [-2, 0]],  # east square: from (1,1) round to (1,0)
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "id": "1",
                        "properties": {"name": "West"},
                        "arcs": [[0, 1]],
                    },
                    {
                        "type": "MultiPolygon",
                        "id": "2",
                        "properties": {"name": "East"},
                        "arcs": [[[2, ~1]]],
                    },
                    {"type": "Point", "coordinates": [0, 0]},
                ],
            }
        },
    }

    west, east = shapes(topology, "countries")

    assert decode_arcs(topology)[1] == [(11.0, 41.0), (11.0, 40.0)]
    assert (west.id, west.name, west.polygons) == (
        "1",
        "West",
        [[[(11.0, 40.0), (10.0, 40.0), (10.0, 41.0), (11.0, 41.0), (11.0, 40.0)]]],
    )
    assert east.polygons == [
        [[(11.0, 41.0), (12.0, 41.0), (12.0, 40.0), (11.0, 40.0), (11.0, 41.0)]]
    ]


def test_vendored_outlines_hold_the_countries_of_the_programme():
    topology = json.loads(maps.DATA_FILE.read_text(encoding="utf-8"))
    outlines = {shape.name: shape for shape in shapes(topology, "countries")}

    def holds(country, place):
        return any(_inside(place[::-1], polygon[0]) for polygon in outlines[country].polygons)

    assert holds("France", (48.86, 2.35))
    assert holds("Poland", PLACES["Warszawa"])
    assert holds("Italy", PLACES["Roma"])
    assert holds("Malta", PLACES["Gozo"])
    assert holds("Iceland", PLACES["Reykjavík"])
    assert not holds("Poland", PLACES["Roma"])
    assert {"Cyprus", "Israel", "Turkey", "United Kingdom", "Switzerland", "Norway"} <= set(
        outlines
    )
    assert maps.DATA_FILE.stat().st_size < 300_000


def test_country_outlines_are_projected_once_per_process():
    first = maps.countries()

    assert maps.countries() is first
    assert {"France", "Poland", "Italy"} <= {country.name for country in first}
    assert all(re.fullmatch(r"(M[\d. -]+l[\d. -]+z)+", country.d) for country in first)


def test_map_of_europe_draws_mission_cities_as_circles_and_the_others_as_diamonds():
    lisboa = _city(1, "Lisboa", kind="mission")
    warszawa = _city(2, "Warszawa")
    lisboa.display_name = "Lisboa <&>"

    the_map = _map([lisboa, warszawa], links=[(1, 2), (2, 1), (1, 2), (1, 99)])

    assert the_map.view_box == f"0 0 {maps.WIDTH} {maps.HEIGHT}"
    assert re.findall(r'<(circle|path) class="map-city map-(\w+)"', the_map.markers) == [
        ("circle", "mission"),
        ("path", "mission_minded"),
    ]
    assert "<title>Lisboa &lt;&amp;&gt;, &lt;LI&gt;</title>" in the_map.markers
    assert (the_map.mission_count, the_map.mission_minded_count) == (1, 1)
    # A pair named twice, in either order, is one line; a city off the map has none.
    assert len(the_map.lines) == 1
    assert the_map.twinning_lines.count("<line ") == 1


def test_zoomed_map_shows_the_region_around_the_city():
    roma = _city(1, "Roma")

    the_map = _map([roma], zoom=True)
    whole = _map([roma])

    point = the_map.points[0]
    assert the_map.width == maps.ZOOM_WIDTH
    assert the_map.x < point.x < the_map.x + the_map.width
    assert the_map.y < point.y < the_map.y + the_map.height
    assert "Italy" in {country.name for country in the_map.countries}
    assert "Iceland" not in {country.name for country in the_map.countries}
    assert the_map.r / the_map.width > whole.r / whole.width  # drawn larger, as shown smaller


def test_zoomed_map_stays_inside_the_frame():
    the_map = _map([_city(1, "Reykjavík")], zoom=True)

    assert the_map.x == 0
    assert the_map.y >= 0


def test_cities_without_coordinates_are_left_off():
    nowhere = SimpleNamespace(
        pk=3, display_name="Nowhere", country="IT", latitude=None, longitude=None, kind="mission"
    )

    the_map = _map([nowhere], zoom=True)

    assert the_map.points == []
    assert the_map.view_box == f"0 0 {maps.WIDTH} {maps.HEIGHT}"


def test_a_city_beyond_the_frame_is_left_off_the_map_and_its_counts():
    ponta_delgada = SimpleNamespace(
        pk=1, latitude=37.74, longitude=-25.67, display_name="Ponta Delgada", country="PT"
    )
    tbilisi = SimpleNamespace(
        pk=2, latitude=41.72, longitude=44.79, display_name="Tbilisi", country="GE"
    )
    lisboa = SimpleNamespace(
        pk=3, latitude=38.72, longitude=-9.14, display_name="Lisboa", country="PT"
    )

    drawn = maps.city_map(
        [ponta_delgada, tbilisi, lisboa],
        kind_of=lambda city: "mission",
        country_name_of=lambda code: code,
        zoom=True,
    )

    assert [p.label for p in drawn.points] == ["Lisboa"]
    assert drawn.mission_count == 1
