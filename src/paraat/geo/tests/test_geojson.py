"""GeoJSON written by Paraat follows RFC 7946's right-hand rule (section 3.1.6)."""

from __future__ import annotations

import shapely
from shapely.geometry import shape

from paraat.geo import geojson

CLOCKWISE = [[5.0, 51.0], [5.0, 52.0], [6.0, 52.0], [6.0, 51.0], [5.0, 51.0]]
HOLE_CCW = [[5.2, 51.2], [5.8, 51.2], [5.8, 51.8], [5.2, 51.8], [5.2, 51.2]]


def _counterclockwise(ring: list[list[float]]) -> bool:
    return shapely.LinearRing(ring).is_ccw


def test_it_turns_outer_rings_counterclockwise_and_holes_clockwise() -> None:
    fixed = geojson.rfc7946({"type": "Polygon", "coordinates": [CLOCKWISE, HOLE_CCW]})
    outer, hole = fixed["coordinates"]
    assert _counterclockwise(outer) and not _counterclockwise(hole)
    assert sorted(map(tuple, outer)) == sorted(map(tuple, CLOCKWISE))
    assert shape(fixed).equals(shape({"type": "Polygon", "coordinates": [CLOCKWISE, HOLE_CCW]}))


def test_it_orients_every_part_of_a_multipolygon_and_leaves_points_alone() -> None:
    fixed = geojson.rfc7946({"type": "MultiPolygon", "coordinates": [[CLOCKWISE], [CLOCKWISE]]})
    assert all(_counterclockwise(part[0]) for part in fixed["coordinates"])
    point = {"type": "Point", "coordinates": [5.0, 51.0]}
    assert geojson.rfc7946(point) == point


def test_it_writes_new_geometries_and_features_right_handed() -> None:
    clockwise = shapely.Polygon(CLOCKWISE, [HOLE_CCW])
    assert not clockwise.exterior.is_ccw
    written = geojson.to_geojson(clockwise)
    assert _counterclockwise(written["coordinates"][0])
    assert not _counterclockwise(written["coordinates"][1])
    stored = {"type": "Polygon", "coordinates": [CLOCKWISE]}
    feature = geojson.feature(stored, {})
    assert _counterclockwise(feature["geometry"]["coordinates"][0])
