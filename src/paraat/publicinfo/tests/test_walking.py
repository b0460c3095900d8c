"""The public pages walk over the region's newest walking network, and say when they estimate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from paraat.geo.network import WalkingNetwork as Graph
from paraat.planning.models import WalkingNetwork
from paraat.publicinfo import snapshot, walking
from paraat.publicinfo.tests.factories import OSS_X, OSS_Y, Network
from paraat.publicinfo.tests.test_export_public import points_shown
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_loaded_networks() -> Any:
    walking.forget()
    yield
    walking.forget()


def streets() -> Graph:
    """Around the centre of PC4 5341 (0, 0), in metres from Oss::

        far (0,3000)
          |
        middle (-1500,0) ---- centre (0,0)          near (600,0)
                                 |                       |
                              (0,-1000) ------------ (600,-1000)

    The near point (600 m in a straight line) is a 2.6 km walk: the middle one is nearer on foot.
    """
    nodes = [(0, 0), (-1_500, 0), (0, 3_000), (0, -1_000), (600, -1_000), (600, 0)]
    x = [OSS_X + dx for dx, _dy in nodes]
    y = [OSS_Y + dy for _dx, dy in nodes]
    return Graph.from_segments(x, y, [0, 0, 0, 3, 4], [1, 2, 3, 4, 5])


def register(cast: Cast, graph: Graph, name: str) -> WalkingNetwork:
    relative = Path("planning") / "networks" / f"{name}.npz"
    target = Path(settings.DATA_DIR) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    graph.save(target)
    return WalkingNetwork.objects.create(
        region=cast.region,
        name=name,
        source_name=f"{name}.gpkg",
        path=str(relative),
        n_nodes=graph.n_nodes,
        n_edges=graph.n_edges,
    )


def nearest_of(snap: snapshot.Snapshot, code: str) -> list[tuple[str, int]]:
    area = snap.area("pc4", code)
    assert area is not None
    return [(snap.places.points[i].code, m) for i, m in area.nearest]


def test_it_uses_the_walks_over_the_regions_network(cast: Cast, net: Network) -> None:
    register(cast, streets(), "oss")
    snap = snapshot.build()
    assert snap.places.walking == "network"
    found = nearest_of(snap, "5341")
    assert [code for code, _m in found[:3]] == ["OSS-02", "OSS-01", "OSS-03"]
    assert [m for _code, m in found[:3]] == pytest.approx([1_500, 2_600, 3_000], abs=2)


def test_it_takes_the_newest_network_of_the_region(cast: Cast, net: Network) -> None:
    register(cast, streets(), "old")
    straight_on = Graph.from_segments(
        [OSS_X - 1_500, OSS_X + 600], [OSS_Y, OSS_Y], [0], [1]
    )  # one street through the centre: the near point is near again
    register(cast, straight_on, "new")
    found = nearest_of(snapshot.build(), "5341")
    assert found[0][0] == "OSS-01" and found[0][1] == pytest.approx(600, abs=2)


def test_it_estimates_without_a_network_or_with_a_missing_file(cast: Cast, net: Network) -> None:
    assert snapshot.build().places.walking == "estimate"
    registered = register(cast, streets(), "gone")
    Path(registered.full_path).unlink()
    snap = snapshot.build()
    assert snap.places.walking == "estimate"
    assert nearest_of(snap, "5341")[0] == ("OSS-01", 720)


def test_it_says_which_on_the_page_and_answers_without_a_query(
    client: Client, cast: Cast, net: Network, django_assert_num_queries: Any
) -> None:
    register(cast, streets(), "oss")
    first = client.get("/public/postcode/5341/")  # builds the snapshot, walks included
    with django_assert_num_queries(0):
        page = client.get("/public/postcode/5341/").content.decode()
        data = client.get("/public/data/postcode/5341.json").json()
    assert first.content.decode() == page
    assert "Afstanden zijn loopafstanden over de straten." in page
    name, _state, _address, distance = points_shown(page)[0]
    assert name == "Sporthal Schadewijk"
    assert distance.startswith("1,5 km (") and "ongeveer" not in distance
    assert data["walking"] == "network"
    assert [p["code"] for p in data["nearest"]][:2] == ["OSS-02", "OSS-01"]


def test_it_walks_again_only_when_points_or_network_change(
    cast: Cast, net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paraat.geo import nearest
    from paraat.supportpoints import services as point_services

    calls: list[int] = []
    real = nearest.walking

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(nearest, "walking", counted)
    register(cast, streets(), "oss")
    first = snapshot.build()
    assert snapshot.build().places.areas == first.places.areas  # the 15-minute refresh
    assert len(calls) == 1
    point_services.save_point(region=cast.region, point=net.far, data={"lat": net.far.lat + 0.001})
    snapshot.build()
    assert len(calls) == 2


def test_it_rebuilds_when_a_network_is_registered(
    cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    assert snapshot.current().places.walking == "estimate"
    with django_capture_on_commit_callbacks(execute=True):
        register(cast, streets(), "oss")
    assert snapshot.current().places.walking == "network"
