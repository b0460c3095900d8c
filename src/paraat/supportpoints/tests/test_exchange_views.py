"""The import and export page, per persona: who may download what, and who may import."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import Network, make_network
from paraat.supportpoints.tests.test_polling import _place
from paraat.testing import geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
PAGE = reverse("supportpoints:exchange")
EXPORT = reverse("supportpoints:export")


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def net(cast: Cast) -> Network:
    return make_network(cast)


def _csv(*rows: tuple[str, tuple[float, float]]) -> SimpleUploadedFile:
    lines = ["code;name;tier;lon;lat"]
    for code, (x, y) in rows:
        lon, lat = geometry.point_wgs84(x, y)
        lines.append(f"{code};Punt {code};coordination;{lon};{lat}")
    return SimpleUploadedFile("punten.csv", "\n".join(lines).encode(), content_type="text/csv")


def _codes(response: Any) -> set[str]:
    return {f["properties"]["code"] for f in json.loads(response.content)["features"]}


def test_it_sends_an_anonymous_visitor_to_the_login_page(cast: Cast) -> None:
    assert Client().get(PAGE).status_code == 302
    assert Client().get(EXPORT, {"format": "csv"}).status_code == 302


def test_it_lets_a_viewer_export_without_contacts_but_not_import(cast: Cast, net: Network) -> None:
    client = _client(cast.kees)
    page = client.get(PAGE)
    assert page.status_code == 200 and page.context["form"] is None
    assert "contacts" not in page.context["export_form"].fields
    response = client.get(EXPORT, {"format": "geojson", "contacts": "on"})
    assert response["Content-Disposition"].endswith('.geojson"')
    assert len(_codes(response)) == 6
    assert "contacts" not in json.loads(response.content)["features"][0]["properties"]
    assert client.post(PAGE, {"file": _csv(("X-1", geometry.OSS_RD))}).status_code == 403


def test_it_lets_the_oss_officer_import_oss_points_and_refuses_vught(
    cast: Cast, net: Network
) -> None:
    client = _client(cast.olaf)
    ok = client.post(PAGE, {"file": _csv(("OSS-50", geometry.OSS_RD))})
    assert ok.status_code == 302
    assert SupportPoint.objects.get(code="OSS-50").municipality == cast.oss
    bad = client.post(
        PAGE, {"file": _csv(("OSS-51", geometry.OSS_RD), ("VUG-51", geometry.VUGHT_RD))}
    )
    assert bad.status_code == 400
    assert "punten.csv, rij 3" in bad.content.decode()
    assert not SupportPoint.objects.filter(code__in=["OSS-51", "VUG-51"]).exists()
    assert "polling_places" not in bad.context["form"].fields


def test_it_exports_contacts_only_for_the_officer_s_own_points_and_logs_them(
    cast: Cast, net: Network
) -> None:
    response = _client(cast.olaf).get(EXPORT, {"format": "geojson", "contacts": "on"})
    assert _codes(response) == {"CP-OSS", "OSS-01", "OSS-02", "KAND-01"}
    assert AuditEntry.objects.filter(action=AuditAction.VIEW).count() == 4
    everything = _client(cast.rianne).get(EXPORT, {"format": "geojson", "contacts": "on"})
    assert len(_codes(everything)) == 6


def test_it_downloads_each_format(cast: Cast, net: Network) -> None:
    client = _client(cast.rianne)
    for kind, start in (
        ("csv", b"\xef\xbb\xbfcode;"),
        ("xlsx", b"PK"),
        ("gpkg", b"SQLite format 3"),
    ):
        response = client.get(EXPORT, {"format": kind})
        assert response.status_code == 200 and response.content.startswith(start), kind
    osm = json.loads(client.get(EXPORT, {"format": "osm"}).content)
    assert all("emergency:amenity" in f["properties"] for f in osm["features"])
    assert client.get(EXPORT, {"format": "pdf"}).status_code == 302


def test_it_lets_the_region_coordinator_import_polling_places(cast: Cast, net: Network) -> None:
    features = [_place(1, "Buurthuis", 300, 300), _place(2, "Bus", 0, 0, type_stembureau="mobiel")]
    upload = SimpleUploadedFile(
        "stemlokalen.geojson",
        io.BytesIO(json.dumps({"type": "FeatureCollection", "features": features}).encode()).read(),
    )
    response = _client(cast.rianne).post(
        PAGE, {"file": upload, "polling_places": "on"}, follow=True
    )
    text = response.content.decode()
    assert "mobiel stembureau" in text
    assert SupportPoint.objects.filter(code="SL1", tier="candidate").exists()
    # An officer has no such option: the box is ignored and the file is read as points.
    assert "polling_places" not in _client(cast.olaf).get(PAGE).context["form"].fields


def test_it_gives_another_region_none_of_our_points(cast: Cast, net: Network) -> None:
    client = _client(cast.xander)
    assert client.get(PAGE).status_code == 200
    assert _codes(client.get(EXPORT, {"format": "geojson", "contacts": "on"})) == set()
    assert client.post(PAGE, {"file": _csv(("X-9", geometry.OSS_RD))}).status_code == 400
    assert not SupportPoint.objects.filter(code="X-9").exists()


def test_it_refuses_imports_to_crisis_operators_and_point_leads(cast: Cast, net: Network) -> None:
    for user in (cast.cas, cast.pim):
        assert _client(user).post(PAGE, {"file": _csv(("X-8", geometry.OSS_RD))}).status_code == 403
