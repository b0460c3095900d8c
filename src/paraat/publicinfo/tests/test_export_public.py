"""`paraat export-public DIR`: the whole public site as static files with relative links."""

from __future__ import annotations

import json
import posixpath
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from paraat.publicinfo import snapshot
from paraat.publicinfo.tests.factories import Network
from paraat.supportpoints.models import SupportPoint

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src|data-sw|data-postcode-index)="([^"]+)"')


def points_shown(html: str) -> list[tuple[str, ...]]:
    """(name, state, address, distance) of every point in a result page, links left out."""
    block = html.split('<ol class="points">', 1)[1].split("</ol>", 1)[0]
    found = re.findall(
        r'<h2><span class="num" aria-hidden="true">\d</span> ([^<]+)</h2>.*?'
        r'<span class="badge[^"]*">([^<]+)</span>.*?'
        r'<p class="address">([^<]+)</p>.*?<p class="distance">([^<]+)</p>',
        block,
        flags=re.S,
    )
    return [tuple(unescape(part) for part in row) for row in found]


def export(target: Path, *args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("export_public", str(target), *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_whole_site_with_working_relative_links(net: Network, tmp_path: Path) -> None:
    site = tmp_path / "site"
    summary = export(site)
    assert "files" in summary
    for path in (
        "index.html",
        "en/index.html",
        "postcode/5341/index.html",
        "postcode/5341AB/index.html",
        "en/postcode/5261/index.html",
        "prepare/index.html",
        "advice/power_outage/index.html",
        "about/index.html",
        "postcodes/index.html",
        "data/points.json",
        "data/postcode/5341.json",
        "posters/area/pc4/5341.pdf",
        "posters/area/wijk/WK082801.pdf",
        "en/posters/point/OSS-01.pdf",
        "manifest.webmanifest",
        "en/manifest.webmanifest",
        "sw.js",
        "static/publicinfo/public.css",
    ):
        assert (site / path).is_file(), path
    broken = []
    for page in site.rglob("*.html"):
        here = page.relative_to(site).as_posix()
        for link in LINK.findall(page.read_text()):
            if link.startswith(("http:", "https:", "mailto:", "#")):
                continue
            assert not link.startswith("/"), f"{here}: absolute link {link}"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here), link))
            if not (site / target).is_file():
                broken.append(f"{here} -> {link}")
    assert not broken, broken[:10]
    worker = (site / "sw.js").read_text()
    assert '"data/points.json"' in worker and '"advice/power_outage/index.html"' in worker
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert manifest["start_url"] == "index.html"
    assert manifest["lang"] == "nl" and manifest["scope"] == "./"
    english = json.loads((site / "en/manifest.webmanifest").read_text())
    assert english["lang"] == "en" and english["scope"] == "../"
    assert english["start_url"] == "index.html"  # en/index.html, next to it
    assert english["name"].startswith("Where do I go?")
    assert 'rel="manifest" href="manifest.webmanifest"' in (site / "en/index.html").read_text()


def test_it_replaces_the_folder_as_a_whole(net: Network, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(site, "--no-posters")
    (site / "left-over.txt").write_text("from an older export")
    export(site, "--no-posters")
    assert (site / "index.html").is_file()
    assert not (site / "left-over.txt").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporaries


def test_it_refuses_an_unknown_region(net: Network, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="code XX"):
        export(tmp_path / "site", "--region", "XX")
    assert not (tmp_path / "site").exists()


@pytest.fixture
def demo(settings: Any) -> None:
    from paraat.areas import demo as areas_demo
    from paraat.core.audit import acting_as
    from paraat.supportpoints import demo as points_demo

    with acting_as(None, "test"):
        areas_demo.load_demo_region()
        points_demo.load()
    snapshot.reset()


def test_it_gives_a_resident_of_5211_the_same_answer_live_and_static(
    demo: None, client: Client, tmp_path: Path
) -> None:
    """A resident of the demo region who enters postcode 5211 gets the nearest noodsteunpunten
    in 's-Hertogenbosch with walking distance, and the same answer from the static export."""
    live = client.get("/public/lookup/", {"postcode": "5211"}, follow=True)
    assert live.status_code == 200
    assert live.redirect_chain[-1][0] == "/public/postcode/5211/"
    shown = points_shown(live.content.decode())
    assert len(shown) == 3
    name, state, address, distance = shown[0]
    assert address.endswith("'s-Hertogenbosch"), address
    assert state == "Niet open"
    assert re.fullmatch(r"ongeveer [\d,]+ k?m \(\d+ minuten lopen\)", distance), distance
    metres = [
        float(d.split()[1].replace(",", ".")) * (1000 if d.split()[2] == "km" else 1)
        for *_rest, d in shown
    ]
    assert metres == sorted(metres)  # nearest first
    site = tmp_path / "site"
    export(site, "--no-posters")
    static = (site / "postcode" / "5211" / "index.html").read_text()
    assert points_shown(static) == shown
    data = json.loads((site / "data" / "postcode" / "5211.json").read_text())
    assert [p["name"] for p in data["nearest"]][: data["shown"]] == [s[0] for s in shown]
    # Every point shown lies in the municipality 's-Hertogenbosch (Rosmalen and Empel included).
    codes = [p["code"] for p in data["nearest"]][: data["shown"]]
    municipalities = dict(
        SupportPoint.objects.filter(code__in=codes).values_list("code", "municipality__name")
    )
    assert [municipalities[c] for c in codes] == ["'s-Hertogenbosch"] * 3
