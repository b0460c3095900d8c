"""The maps people read (issue 17): the region map, the coverage map and the resident's map in
headless Chromium, as screenshots; each has its labels and its legend, and prints on one A4 page.

"Prints on one page": with the print style (A4, Chromium's default margins) the map's figure fits
inside the printable area and may not be split, and the PDF Chromium prints holds the map's labels
and its legend title on one and the same page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from paraat.operations.constants import PointState
from paraat.planning import services
from paraat.planning.tests.planning_setup import make_plan
from paraat.publicinfo import snapshot
from paraat.publicinfo.tests.factories import make_network, report, start_incident
from paraat.testing.browser import login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A4 at 96 px per inch less Chromium's default print margins (about 1 cm on each side).
A4_PRINTABLE_PX = (794 - 76, 1123 - 76)


def _check_map(page: Any, tmp_path: Path, name: str, labels: set[str], legend: str) -> None:
    figure = page.locator("figure:has(svg)").first
    figure.screenshot(path=str(tmp_path / f"{name}.png"))
    assert (tmp_path / f"{name}.png").stat().st_size > 2_000
    shown = set(
        figure.evaluate("(f) => [...f.querySelectorAll('svg text')].map((t) => t.textContent)")
    )
    assert labels <= shown, f"{name}: labels {sorted(labels - shown)} not on the map"
    # Every label lies inside the drawn map.
    outside = page.evaluate(
        """(figure) => {
            const svg = figure.querySelector('svg').getBoundingClientRect();
            return [...figure.querySelectorAll('svg text')].filter((t) => {
                const r = t.getBoundingClientRect();
                if (r.width === 0) return false;  // not shown (paper only)
                return r.left < svg.left - 1 || r.right > svg.right + 1
                    || r.top < svg.top - 1 || r.bottom > svg.bottom + 1;
            }).map((t) => t.textContent);
        }""",
        figure.element_handle(),
    )
    assert not outside, f"{name}: labels outside the map: {outside}"
    assert legend in figure.locator("figcaption").inner_text()

    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX[0], "height": A4_PRINTABLE_PX[1]})
    box = figure.bounding_box()
    assert box["width"] <= A4_PRINTABLE_PX[0] + 1 and box["height"] <= A4_PRINTABLE_PX[1], box
    assert figure.evaluate("(f) => getComputedStyle(f).breakInside") == "avoid"
    document = pdfium.PdfDocument(page.pdf(format="A4"))
    pages = [" ".join(p.get_textpage().get_text_range().split()) for p in document]
    together = [
        n
        for n, text in enumerate(pages)
        if legend in text and all(label in text for label in labels)
    ]
    assert together, f"{name}: no printed page holds the map's labels and legend together"
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_it_draws_region_and_coverage_maps_that_read_and_print(
    live_server: Any, page: Any, cast: Cast, tmp_path: Path
) -> None:
    make_plan(cast)
    run = services.run_coverage(region=cast.region, user=cast.rianne)
    login(page, live_server.url, "rianne", PASSWORD)

    page.goto(f"{live_server.url}/region/")
    _check_map(page, tmp_path, "region", {"Oss", "Vught"}, "aandeel 65-plussers (%)")
    assert page.locator(".nl-map__legend li").count() >= 2  # classes of the share
    # The wijken are named on paper only, under the municipalities' names.
    screen = page.locator(".paraat-map__labels:not(.paraat-map__labels--print)").first
    assert set(screen.evaluate("(g) => [...g.children].map((t) => t.textContent)")) == {
        "Oss",
        "Vught",
    }
    on_paper = page.locator(".paraat-map__labels--print").first
    assert on_paper.evaluate("(g) => getComputedStyle(g).display") == "none"
    page.emulate_media(media="print")
    assert on_paper.evaluate("(g) => getComputedStyle(g).display") != "none"
    assert {"Centrum", "Oost", "Noord"} & set(
        on_paper.evaluate("(g) => [...g.children].map((t) => t.textContent)")
    )
    page.emulate_media(media="screen")

    page.goto(f"{live_server.url}/region/?metric=population")
    _check_map(page, tmp_path, "residents", {"Oss", "Vught"}, "inwoners")
    assert page.locator(".nl-map__legend svg.nl-size").count() == 3

    page.goto(f"{live_server.url}/planning/coverage/{run.pk}/")
    _check_map(page, tmp_path, "coverage", {"Oss"}, "Legenda")


def test_it_numbers_the_points_on_the_residents_map_and_prints_it(
    live_server: Any, page: Any, cast: Cast, tmp_path: Path
) -> None:
    net = make_network(cast)
    incident = start_incident(cast)
    report(cast, incident, net.near, PointState.OPEN)
    report(cast, incident, net.middle, PointState.OPEN)
    snapshot.invalidate()
    page.goto(f"{live_server.url}/public/postcode/5341/")
    _check_map(page, tmp_path, "resident", {"1", "2"}, "De nummers zijn de punten in de lijst")
