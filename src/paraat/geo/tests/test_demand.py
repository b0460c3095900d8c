"""Spreading area figures over a 100 m grid, and demand from points."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from paraat.geo.demand import AreaInput, DemandError, from_points, spread_areas

X0, Y0 = 155_000.0, 463_000.0


def square(x: float, y: float, size: float) -> shapely.Polygon:
    return box(X0 + x, Y0 + y, X0 + x + size, Y0 + y + size)


def test_it_spreads_squares_exactly_over_their_cells() -> None:
    demand = spread_areas(
        [
            AreaInput("A", square(0, 0, 200), {"residents": 400}),
            AreaInput("B", square(200, 0, 200), {"residents": 1000, "age_65_plus": 200}),
        ]
    )
    assert len(demand) == 8
    order = np.lexsort((demand.y, demand.x))
    assert list(demand.x[order][:4] - X0) == [50, 50, 150, 150]
    assert list(demand.y[order][:4] - Y0) == [50, 150, 50, 150]
    by_area = {code: demand.weights["residents"][demand.area == code] for code in ("A", "B")}
    assert list(by_area["A"]) == [100.0] * 4
    assert list(by_area["B"]) == [250.0] * 4
    assert list(demand.weights["age_65_plus"][demand.area == "B"]) == [50.0] * 4
    assert demand.missing == {"age_65_plus": ("A",)}


def test_it_keeps_the_totals_of_irregular_polygons() -> None:
    circle = shapely.Point(X0 + 1234, Y0 + 567).buffer(1_700)
    ring = shapely.Point(X0 + 1234, Y0 + 567).buffer(3_100).difference(circle)
    demand = spread_areas(
        [
            ("circle", circle, {"residents": 12_345, "age_75_plus": 1_001}),
            ("ring", ring, {"residents": 6_789, "age_75_plus": 321}),
        ]
    )
    totals = demand.totals()
    assert totals["residents"] == pytest.approx(12_345 + 6_789)
    assert totals["age_75_plus"] == pytest.approx(1_001 + 321)
    inside = shapely.contains_xy(circle, demand.x, demand.y)
    assert (inside == (demand.area == "circle")).all()
    assert abs(len(demand) - (circle.area + ring.area) / 10_000) < 60


def test_it_gives_a_polygon_without_cell_centre_one_point() -> None:
    tiny = square(10, 10, 30)
    demand = spread_areas([AreaInput("tiny", tiny, {"residents": 7})])
    assert len(demand) == 1
    assert tiny.contains(shapely.Point(demand.x[0], demand.y[0]))
    assert demand.weights["residents"][0] == 7


def test_it_only_places_residents_inside_the_mask() -> None:
    area = square(0, 0, 400)
    mask = square(0, 0, 200)
    demand = spread_areas([AreaInput("A", area, {"residents": 800})], mask=mask)
    assert len(demand) == 4
    assert (demand.x - X0 < 200).all() and (demand.y - Y0 < 200).all()
    assert demand.weights["residents"].sum() == 800
    assert demand.unmasked == ()


def test_it_falls_back_to_all_cells_when_the_mask_misses_an_area() -> None:
    demand = spread_areas(
        [AreaInput("A", square(0, 0, 200), {"residents": 40})], mask=square(5_000, 0, 100)
    )
    assert len(demand) == 4
    assert demand.unmasked == ("A",)
    assert demand.weights["residents"].sum() == 40


def test_it_uses_a_coarser_grid_when_asked() -> None:
    demand = spread_areas([AreaInput("A", square(0, 0, 1000), {"residents": 100})], cell=250)
    assert len(demand) == 16
    assert demand.weights["residents"].sum() == pytest.approx(100)


@pytest.mark.parametrize(
    ("areas", "message"),
    [
        ([], "no areas"),
        ([AreaInput("GM1", square(0, 0, 100), {"residents": -5})], "area GM1: 'residents'"),
        ([AreaInput("GM2", square(0, 0, 100), {"residents": "veel"})], "area GM2"),  # type: ignore[dict-item]
        ([AreaInput("GM3", square(0, 0, 100), {"age_65_plus": 3})], "no area has"),
        ([AreaInput("GM4", square(0, 0, 100), {"residents": 0})], "0 residents"),
        ([AreaInput("GM5", shapely.Polygon(), {"residents": 1})], "area GM5"),
    ],
)
def test_it_refuses_bad_areas_with_a_clear_message(areas: list, message: str) -> None:
    with pytest.raises(DemandError, match=message):
        spread_areas(areas)


def test_it_refuses_a_cell_size_of_zero() -> None:
    with pytest.raises(DemandError, match="cell size"):
        spread_areas([AreaInput("A", square(0, 0, 100), {"residents": 1})], cell=0)


def test_it_takes_points_with_their_own_weights() -> None:
    demand = from_points(
        [X0, X0 + 100],
        [Y0, Y0],
        {"residents": [10, 20], "age_65_plus": [1, 2]},
        ["E1", "E2"],
    )
    assert len(demand) == 2
    assert demand.totals() == {"residents": 30.0, "age_65_plus": 3.0}
    assert demand.xy.shape == (2, 2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"x": [1, 2], "y": [1], "weights": {"residents": [1, 1]}}, "y has 1"),
        ({"x": [1], "y": [1], "weights": {"age_65_plus": [1]}}, "residents"),
        ({"x": [np.nan], "y": [1], "weights": {"residents": [1]}}, "point 0"),
        ({"x": [1, 2], "y": [1, 2], "weights": {"residents": [1, -1]}}, "point 1"),
        ({"x": [1, 2], "y": [1, 2], "weights": {"residents": [1]}}, "1 values for 2"),
    ],
)
def test_it_refuses_bad_points(kwargs: dict, message: str) -> None:
    with pytest.raises(DemandError, match=message):
        from_points(**kwargs)


def test_it_reproduces_the_documented_village_example() -> None:
    """docs/planning-method.md: 2,000 residents in a 1 km² village inside a 3 x 3 km postcode."""
    from paraat.geo.distance import within_straight

    postcode = square(0, 0, 3_000)
    village = shapely.Point(X0 + 1_500, Y0 + 1_500).buffer(564)
    site = [[X0 + 1_500, Y0 + 1_500]]
    covered = []
    for mask in (None, village):
        demand = spread_areas([AreaInput("1234", postcode, {"residents": 2_000})], mask=mask)
        reached = np.diff(within_straight(demand.xy, site, 1_000).indptr) > 0
        covered.append(round(demand.weights["residents"][reached].sum()))
    assert covered == [702, 2_000]


def test_it_merges_address_points_per_area_and_cell() -> None:
    from paraat.geo.demand import aggregate

    demand = from_points(
        [X0 + 10, X0 + 30, X0 + 150, X0 + 40, X0 + 60],
        [Y0 + 10, Y0 + 10, Y0 + 10, Y0 + 20, Y0 + 20],
        {"residents": [1, 3, 2, 0, 0], "age_65_plus": [1, 0, 1, 0, 0]},
        ["A", "A", "A", "B", "B"],
    )
    merged = aggregate(demand)
    assert len(merged) == 3
    assert merged.totals() == demand.totals()
    by_position = sorted(
        zip(merged.area, merged.x - X0, merged.y - Y0, merged.weights["residents"], strict=True)
    )
    # A's first cell: residents-weighted position; B has no residents: plain mean.
    assert by_position == [("A", 25.0, 10.0, 4.0), ("A", 150.0, 10.0, 2.0), ("B", 50.0, 20.0, 0.0)]
