"""The pure coverage figures on a hand-computable case, without a database.

Area C spans 500..1500 m east of the point and -500..500 m north: its 100 cell centres sit at
x = 550, 650, ..., 1450 and y = -450, ..., 450. A centre is within 1,000 m when
y² <= 1,000² - x²: for x = 550, 650, 750, 850 that allows |y| <= 835, 760, 661, 527, so all 10
cells of each of these 4 columns; for x = 950 it allows |y| <= 312, so 6 cells (|y| = 50, 150,
250); from x = 1050 on, none. 46 cells of 10 residents: 460 residents of C are covered.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from paraat.geo.demand import spread_areas
from paraat.geo.distance import within_straight
from paraat.planning.coverage import (
    AreaInfo,
    SiteInfo,
    coarsen,
    figures,
    greedy_order,
    marginal_gains,
)

X, Y = 164_000.0, 419_000.0


def _case() -> tuple:
    areas = [
        ("A", shapely.box(X - 500, Y - 500, X + 500, Y + 500), {"residents": 1000.0}),
        ("C", shapely.box(X + 500, Y - 500, X + 1500, Y + 500), {"residents": 1000.0}),
        ("B", shapely.box(X - 500, Y + 2500, X + 500, Y + 3500), {"residents": 500.0}),
    ]
    demand = spread_areas(areas, cell=100.0)
    info = {
        "A": AreaInfo("Centrum", "GM0828"),
        "C": AreaInfo("Oost", "GM0828"),
        "B": AreaInfo("Noord", "GM0828"),
    }
    return demand, info


def _figures(sites: list[SiteInfo], threshold: float = 1000.0) -> dict:
    demand, info = _case()
    xy = np.array([[s.x, s.y] for s in sites])
    cover = within_straight(demand.xy, xy, threshold)
    return figures(
        demand,
        cover,
        weight="residents",
        sites=sites,
        areas=info,
        municipalities={"GM0828": "Oss"},
        capacity=1200,
    )


def test_it_matches_the_hand_computed_coverage() -> None:
    result = _figures([SiteInfo("P1", "Punt", "GM0828", meets_norm=True, x=X, y=Y)])
    assert result["total"] == 2500.0
    assert result["covered"] == pytest.approx(1460.0)
    assert result["uncovered"] == pytest.approx(1040.0)
    assert result["share"] == pytest.approx(0.584)
    areas = {row["code"]: row for row in result["areas"]}
    assert areas["A"]["covered"] == pytest.approx(1000.0)
    assert areas["C"]["covered"] == pytest.approx(460.0)
    assert areas["B"]["covered"] == 0.0
    assert result["largest_gap"]["code"] == "C"  # 540 out of reach, more than B's 500
    assert result["municipalities"] == [
        {
            "code": "GM0828",
            "name": "Oss",
            "total": 2500.0,
            "covered": 1460.0,
            "uncovered": 1040.0,
            "share": 0.584,
            "covered_norm": 1460.0,
        }
    ]


def test_it_counts_double_coverage_critical_points_and_capacity() -> None:
    # P2 2 km east of P1 reaches C's cells with x >= 1050 (dx <= 950 from P2): 46 cells again,
    # mirrored; the columns x = 1050 (6 cells from P2) and x = 950 (6 from P1) do not overlap:
    # no cell of C is within reach of both.
    p1 = SiteInfo("P1", "Een", "GM0828", meets_norm=True, x=X, y=Y)
    p2 = SiteInfo("P2", "Twee", "GM0828", meets_norm=False, x=X + 2000, y=Y)
    result = _figures([p1, p2])
    assert result["covered"] == pytest.approx(1000 + 460 + 460)
    assert result["covered_2plus"] == 0.0
    assert result["covered_norm"] == pytest.approx(1460.0)
    points = {p["code"]: p for p in result["points"]}
    assert points["P1"]["critical"] == pytest.approx(1460.0)
    assert points["P1"]["assigned"] == pytest.approx(1460.0)
    assert points["P1"]["over_capacity"] is True  # 1,460 > 1,200
    assert points["P2"]["over_capacity"] is False
    # Two points on the same spot: everyone they reach is covered twice, nobody is critical.
    twin = SiteInfo("P3", "Drie", "GM0828", x=X, y=Y)
    result = _figures([p1, twin])
    assert result["covered_2plus"] == pytest.approx(1460.0)
    assert {p["code"]: p["critical"] for p in result["points"]} == {"P1": 0.0, "P3": 0.0}


def test_it_gives_each_added_site_its_own_gain_in_order() -> None:
    demand, _info = _case()
    sites = np.array([[X, Y], [X, Y + 3000], [X + 2000, Y]])
    cover = within_straight(demand.xy, sites, 1000.0)
    gains = marginal_gains(cover, demand.weights["residents"], fixed=[0], added=[1, 2])
    assert gains == [pytest.approx(500.0), pytest.approx(460.0)]
    order, gains = greedy_order(cover, demand.weights["residents"], fixed=[0], chosen=[2, 1])
    assert order == [1, 2] and gains == [pytest.approx(500.0), pytest.approx(460.0)]


def test_it_keeps_area_totals_when_demand_is_coarsened() -> None:
    demand, _info = _case()
    coarse = coarsen(demand, 500.0)
    assert len(coarse) < len(demand)
    for code, total in {"A": 1000.0, "C": 1000.0, "B": 500.0}.items():
        assert coarse.weights["residents"][coarse.area == code].sum() == pytest.approx(total)
