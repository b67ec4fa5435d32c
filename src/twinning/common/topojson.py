"""Reading TopoJSON (https://github.com/topojson/topojson-specification): the few lines
that turn its shared, quantized, delta-encoded arcs back into rings of longitude and
latitude, without a geometry library."""

from __future__ import annotations

from dataclasses import dataclass

Ring = list[tuple[float, float]]  # (longitude, latitude) pairs, the first equal to the last


@dataclass(frozen=True)
class Shape:
    """One feature of a geometry collection: its id, its name and its polygons, each a
    list of rings (the outer one first, then its holes)."""

    id: str
    name: str
    polygons: list[list[Ring]]


def decode_arcs(topology: dict) -> list[Ring]:
    """The topology's arcs in absolute coordinates.

    A quantized topology stores each arc's first position and then differences from the
    previous one, in integer steps of `transform.scale` from `transform.translate`."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_rest in arc] for arc in topology["arcs"]]
    (scale_x, scale_y), (move_x, move_y) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for dx, dy, *_rest in arc:
            x += dx
            y += dy
            positions.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(positions)
    return arcs


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A ring from its arcs: a negative index ~i means arc i walked backwards, and each arc
    starts where the previous one ended, so that shared point is kept once."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def shapes(topology: dict, collection: str) -> list[Shape]:
    """The polygons and multipolygons of one geometry collection of the topology."""
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"][collection]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:  # points and lines have no outline to draw
            continue
        found.append(
            Shape(
                id=str(geometry.get("id", "")),
                name=geometry.get("properties", {}).get("name", ""),
                polygons=[[_ring(ring, arcs) for ring in polygon] for polygon in polygons],
            )
        )
    return found
