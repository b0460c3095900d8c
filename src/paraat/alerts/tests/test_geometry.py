"""Drawn areas in, CAP polygons out (no Django)."""

from __future__ import annotations

import math

import pytest
import shapely

from paraat.alerts import geometry
from paraat.alerts.cap import rules


def test_it_reads_wkt_and_geojson_alike() -> None:
    wkt = geometry.parse_drawn("POLYGON((5.5 51.7, 5.6 51.7, 5.6 51.8, 5.5 51.7))")
    gj = geometry.parse_drawn(
        '{"type": "Feature", "geometry": {"type": "Polygon", '
        '"coordinates": [[[5.5, 51.7], [5.6, 51.7], [5.6, 51.8], [5.5, 51.7]]]}}'
    )
    assert wkt.equals(gj)
    assert geometry.cap_polygons(wkt) == ("51.7,5.5 51.7,5.6 51.8,5.6 51.7,5.5",)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("POINT(5 51)", "not an area"),
        ("POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))", "crosses itself"),
        ("POLYGON((151000 410000, 152000 410000, 152000 411000, 151000 410000))", "WGS 84"),
        ("not a polygon", "not a WKT or GeoJSON"),
    ],
)
def test_it_refuses_unusable_drawings_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(geometry.AreaError, match=reason):
        geometry.parse_drawn(text)


def test_it_simplifies_a_detailed_outline_and_keeps_it_closed() -> None:
    ring = [
        (
            5.5 + 0.05 * math.cos(i / 500 * 2 * math.pi),
            51.7 + 0.03 * math.sin(i / 500 * 2 * math.pi),
        )
        for i in range(500)
    ]
    shape = shapely.Polygon(ring, holes=[[(5.5, 51.7), (5.51, 51.7), (5.51, 51.71)]])
    (polygon,) = geometry.cap_polygons(shape)
    pairs = polygon.split()
    assert 4 <= len(pairs) <= geometry.MAX_POINTS
    assert not rules.polygon_problems(polygon)


def test_it_writes_one_polygon_per_part_of_a_multipolygon() -> None:
    shape = shapely.MultiPolygon(
        [shapely.box(5.5, 51.7, 5.51, 51.71), shapely.box(5.6, 51.7, 5.61, 51.71)]
    )
    assert len(geometry.cap_polygons(shape)) == 2
