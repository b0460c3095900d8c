"""Two regions in one database: nothing of Brabant-Noord's support points reaches the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing import factories
from paraat.testing.isolation import api_text, command_text, leaked, page_text, status
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
MARKERS = ["Geheime Kazerne", "CP-GEHEIM", "Oss"]


def test_it_shows_nothing_of_one_region_to_the_other(cast: Cast, tmp_path: Path) -> None:
    SupportPointFactory(region=cast.region, code="CP-GEHEIM", name="Geheime Kazerne")
    other = cast.xander.region
    factories.MunicipalityFactory(
        region=other, code="GM0001", name="Eigenstad", centre_rd=(100_000, 450_000)
    )
    SupportPointFactory(region=other, code="CP-EIGEN", name="Eigen Kazerne", at=(100_000, 450_000))
    pages = page_text(cast.xander, "/points/", "/points/readiness/", "/points/exchange/")
    assert "Eigen Kazerne" in pages
    assert leaked(pages, MARKERS) == []
    assert status(cast.xander, "/points/CP-GEHEIM/") == 404
    api = api_text(cast.xander, "/api/v1/support-points/")
    assert "CP-EIGEN" in api and leaked(api, MARKERS) == []
    out = tmp_path / "punten.geojson"
    command_text("export_points", str(out), "--region", "VR99")
    exported = out.read_text(encoding="utf-8")
    assert "CP-EIGEN" in exported and leaked(exported, MARKERS) == []
    readiness = command_text("readiness", "--region", "VR99", "--json")
    assert leaked(readiness, MARKERS) == []
