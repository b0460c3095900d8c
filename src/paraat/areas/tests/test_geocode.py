"""A location from an address: the Locatieserver when it answers, the region's postcode areas
when it does not (offline), and nothing for what neither knows."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from paraat.areas import geocode
from paraat.areas.constants import AreaKind
from paraat.testing import factories, geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

KERKSTRAAT = {
    "type": "adres",
    "weergavenaam": "Kerkstraat 12, 5341AB Oss",
    "postcode": "5341AB",
    "huisnummer": 12,
    "centroide_ll": "POINT(5.5183 51.7654)",
}


@pytest.fixture
def locatieserver() -> Iterator[list[dict[str, Any]]]:
    """A local HTTP endpoint that answers as PDOK's free search does: the documents whose
    postcode and number are in the query (only Kerkstraat 12 here). Records every query."""
    queries: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            query = parse_qs(urlsplit(self.path).query)
            queries.append(query)
            q = query.get("q", [""])[0]
            docs = [KERKSTRAAT] if "5341AB" in q and "12" in q else []
            body = json.dumps({"response": {"numFound": len(docs), "docs": docs}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(PARAAT_GEOCODER_URL=f"http://127.0.0.1:{server.server_address[1]}/free"):
        yield queries
    server.shutdown()
    server.server_close()


@pytest.fixture
def postcodes(cast: Cast) -> None:
    factories.AreaFactory(municipality=cast.oss, kind=AreaKind.PC4, code="5341", centre_rd=geometry.OSS_RD)  # fmt: skip
    factories.AreaFactory(
        municipality=cast.oss,
        kind=AreaKind.PC6,
        code="5341AB",
        centre_rd=(geometry.OSS_RD[0] + 300, geometry.OSS_RD[1]),
    )


def test_it_takes_the_address_from_the_locatieserver(
    cast: Cast, postcodes: None, locatieserver: list[dict[str, Any]]
) -> None:
    found = geocode.locate(cast.region, postcode="5341 ab", house_number="12")
    assert found == geocode.Located(5.5183, 51.7654, geocode.Source.LOCATIESERVER, "Kerkstraat 12, 5341AB Oss")  # fmt: skip
    assert locatieserver[0]["fq"] == ["type:adres"] and locatieserver[0]["q"] == ["5341AB 12"]


def test_it_falls_back_to_the_postcode_area_for_an_address_the_server_does_not_know(
    cast: Cast, postcodes: None, locatieserver: list[dict[str, Any]]
) -> None:
    found = geocode.locate(cast.region, postcode="5341AB", house_number="99")
    assert found is not None and found.source == geocode.Source.PC6 and found.label == "5341AB"
    pc4 = geocode.locate(cast.region, postcode="5341", house_number="")
    assert pc4 is not None and pc4.source == geocode.Source.PC4
    assert found.lon > pc4.lon  # the 6-digit area lies 300 m east of the 4-digit one's centre


def test_it_uses_the_postcode_areas_when_offline(cast: Cast, postcodes: None) -> None:
    # A port nobody listens on: what a laptop in the blackout gets.
    with override_settings(
        PARAAT_GEOCODER_URL="http://127.0.0.1:9/free", PARAAT_GEOCODER_TIMEOUT=1
    ):
        found = geocode.locate(cast.region, postcode="5341AB", house_number="12")
    assert found is not None and found.source == geocode.Source.PC6
    only_pc4 = geocode.locate(cast.region, postcode="5341ZZ", house_number="1")
    assert only_pc4 is not None and only_pc4.source == geocode.Source.PC4


def test_it_finds_nothing_for_an_unknown_or_malformed_postcode(cast: Cast, postcodes: None) -> None:
    assert geocode.locate(cast.region, postcode="9999XX", house_number="1") is None
    assert geocode.locate(cast.region, postcode="Oss", house_number="1") is None
    assert geocode.locate(cast.region, postcode="", house_number="") is None
