"""Posters render legibly: checked as an image and as extracted text with pypdfium2."""

from __future__ import annotations

from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pytest
from django.test import Client

from paraat.operations.constants import PointState
from paraat.publicinfo import posters, snapshot
from paraat.publicinfo.tests.factories import Network, report, start_incident
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def read(pdf: bytes) -> tuple[str, np.ndarray, int]:
    document = pdfium.PdfDocument(pdf)
    page = document[0]
    text = page.get_textpage().get_text_range()
    image = np.asarray(page.render(scale=1).to_pil().convert("RGB"), dtype=int)
    return " ".join(text.split()), image, len(document)


def share(image: np.ndarray, colour: tuple[int, int, int], box: tuple[float, ...]) -> float:
    """Share of pixels within ±30 of ``colour`` in the box (fractions of width and height)."""
    h, w, _ = image.shape
    part = image[int(box[1] * h) : int(box[3] * h), int(box[0] * w) : int(box[2] * w)]
    close = np.all(np.abs(part - np.array(colour)) <= 30, axis=2)
    return float(close.mean())


def test_it_makes_a_legible_a4_for_a_postcode_area(net: Network) -> None:
    snap = snapshot.build()
    area = snap.area("pc4", "5341")
    assert area is not None
    text, image, pages = read(posters.area_poster(snap, area, "nl"))
    assert pages == 1
    assert abs(image.shape[0] - 842) <= 1 and abs(image.shape[1] - 595) <= 1  # A4 at 72 dpi
    for expected in (
        "Waar moet ik heen bij een crisis?",
        "Postcode 5341 (Oss)",
        "1. Wijkcentrum De Ruwaard",
        "2. Sporthal Schadewijk",
        "Kerkstraat 6, 5341AB Oss",
        "ongeveer 720 m",
        "Als de stroom lang uitvalt",
        "Meld de storing op 0800-9009",
        "Belangrijke nummers",
        "112",
    ):
        assert expected in text, expected
    assert share(image, (0x15, 0x42, 0x73), (0, 0, 1, 0.12)) > 0.8  # the blue band on top
    assert share(image, (0xD9, 0x48, 0x01), (0, 0.2, 1, 0.6)) > 0.001  # numbered points on the map
    body = image[int(0.15 * 842) : int(0.95 * 842)]
    assert (body.sum(axis=2) < 300).mean() > 0.01  # dark text on the page, not an empty sheet


def test_it_makes_a_poster_for_a_district_in_english(net: Network) -> None:
    snap = snapshot.build()
    area = snap.area("wijk", "WK082801")
    assert area is not None
    text, _image, _pages = read(posters.area_poster(snap, area, "en"))
    assert "District Centrum (Oss)" in text
    assert "Where do I go in a crisis?" in text
    assert "Numbers to remember" in text


@pytest.mark.parametrize("reported", [None, PointState.OPEN, PointState.CLOSED])
def test_it_keeps_a_door_poster_true_whatever_the_state(
    cast: Cast, net: Network, reported: str | None
) -> None:
    if reported is not None:
        incident = start_incident(cast)
        report(cast, incident, net.near, reported, services=("charging",))
    snap = snapshot.build()
    point = next(p for p in snap.places.points if p.code == "OSS-01")
    url = "https://www.example.org/public/postcode/5341/"
    text, image, _pages = read(posters.point_poster(snap, point, "nl", url=url))
    assert "Wijkcentrum De Ruwaard" in text
    assert "Is dit punt nu open?" in text and url in text
    for claim in ("NIET OPEN", "NIET GEOPEND", "GESLOTEN", "BIJ EEN CRISIS GAAT U", "GEMELD OM"):
        assert claim not in text.upper()  # no state that stops being true after printing
    assert "Als het open is, biedt dit punt" in text
    assert "Warmte" in text and "Apparaten opladen" not in text  # the plan, not a report
    assert "Sporthal Schadewijk" in text  # where else to go when it is full
    box = (0.7, 0.15, 0.95, 0.35)
    assert share(image, (0, 0, 0), box) > 0.08  # the QR code's dark modules
    _text, without, _pages = read(posters.point_poster(snap, point, "nl"))
    assert share(without, (0, 0, 0), box) < 0.01  # no URL, no code


def test_it_links_the_served_door_poster_to_the_postcode_page(client: Client, net: Network) -> None:
    text, _image, _pages = read(client.get("/public/posters/point/OSS-01.pdf").content)
    assert "http://testserver/public/postcode/5341/" in text


def test_it_serves_posters_as_pdf(client: Client, net: Network, settings: Any) -> None:
    response = client.get("/public/posters/area/pc4/5341.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get("/public/en/posters/point/OSS-01.pdf").status_code == 200
    assert client.get("/public/posters/point/NOPE.pdf").status_code == 404
    assert client.get("/public/posters/area/pc4/0000.pdf").status_code == 404
