"""Several regions in one installation: /public/<code>/ per region, /public/ lists them.

Brabant-Noord (VR21, the cast's region) has the Oss network; Elders (VR99, Xander's region) gets
one point and one postcode of its own, with names that occur nowhere else. Nothing of one region
may appear under the other's code.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from paraat.areas.constants import AreaKind
from paraat.publicinfo import snapshot
from paraat.publicinfo.tests.factories import Network
from paraat.supportpoints import services as point_services
from paraat.supportpoints.constants import Lifecycle, Tier
from paraat.testing import factories, geometry
from paraat.testing.personas import Cast

ELDERS_RD = (230_000.0, 550_000.0)
ELDERS_MARKERS = ["Xanderhuis Elders", "XAN-01", "9731", "Elderstad"]
BRABANT_MARKERS = ["Wijkcentrum De Ruwaard", "OSS-01", "5341", "Brandweerkazerne Oss"]


@pytest.fixture
def elders(cast: Cast, net: Network) -> None:
    other = cast.xander.region
    town = factories.MunicipalityFactory(
        region=other, code="GM0014", name="Elderstad", centre_rd=ELDERS_RD
    )
    factories.AreaFactory(
        municipality=town, kind=AreaKind.PC4, code="9731", name="", centre_rd=ELDERS_RD
    )
    lon, lat = geometry.point_wgs84(*ELDERS_RD)
    point_services.save_point(
        region=other,
        data={
            "code": "XAN-01",
            "name": "Xanderhuis Elders",
            "tier": Tier.COORDINATION,
            "lifecycle": Lifecycle.PREPARED,
            "street": "Dorpsweg",
            "house_number": "1",
            "postcode": "9731AA",
            "city": "Elderstad",
            "lon": lon,
            "lat": lat,
        },
    )
    snapshot.invalidate()


def _text(client: Client, code: str, *paths: str) -> str:
    return "\n".join(client.get(f"/public/{code}/{path}").content.decode() for path in paths)


PAGES = (
    "",
    "en/",
    "postcodes/",
    "about/",
    "offline/",
    "prepare/",
    "advice/",
    "data/points.json",
    "data/postcodes.json",
    "manifest.webmanifest",
    "en/manifest.webmanifest",
)


def test_it_lists_the_regions_on_the_public_home(client: Client, elders: None) -> None:
    html = client.get("/public/").content.decode()
    assert 'href="/public/VR21/"' in html
    assert 'href="/public/VR99/"' in html
    assert "Brabant-Noord" in html and "Elders" in html
    assert 'href="/public/VR99/en/"' in client.get("/public/en/").content.decode()


def test_it_serves_each_region_under_its_code(client: Client, elders: None) -> None:
    page = client.get("/public/VR99/postcode/9731/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Xanderhuis Elders" in html
    assert 'href="/public/VR99/prepare/"' in html  # its links stay under its code
    assert "Wijkcentrum De Ruwaard" in client.get("/public/VR21/postcode/5341/").content.decode()
    assert client.get("/public/VR21/postcode/9731/").status_code == 404
    assert client.get("/public/VR99/postcode/5341/").status_code == 404
    assert client.get("/public/VR21/posters/point/XAN-01.pdf").status_code == 404
    assert client.get("/public/VR99/posters/point/OSS-01.pdf").status_code == 404
    assert client.get("/public/VR99/data/postcode/5341.json").status_code == 404


def test_it_shows_nothing_of_one_region_under_the_other(client: Client, elders: None) -> None:
    brabant = _text(client, "VR21", *PAGES, "postcode/5341/")
    elders_text = _text(client, "VR99", *PAGES, "postcode/9731/")
    assert [m for m in ELDERS_MARKERS if m in brabant] == []
    assert [m for m in BRABANT_MARKERS if m in elders_text] == []
    points = json.loads(client.get("/public/VR99/data/points.json").content)
    assert json.dumps(points).count("XAN-01") == 1


def test_it_answers_an_unknown_region_code_with_404(client: Client, elders: None) -> None:
    assert client.get("/public/VR42/").status_code == 404
    assert client.get("/public/VR42/postcode/5341/").status_code == 404


def test_it_keeps_public_for_a_single_region(client: Client, net: Network) -> None:
    """Elders has no points: /public/ is Brabant-Noord's site, as before."""
    html = client.get("/public/postcode/5341/").content.decode()
    assert "Wijkcentrum De Ruwaard" in html
    home = client.get("/public/").content.decode()
    assert 'name="postcode"' in home
    assert 'href="/public/VR99/"' not in home
