"""`paraat kit DIR --coordination-point CODE`: the blackout kit for a USB stick."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from io import StringIO
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.operations import statusline
from paraat.operations.constants import PointState
from paraat.publicinfo.tests.factories import Network, report, start_incident
from paraat.supportpoints.models import SupportPoint
from paraat.sync import bundle
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|src)="([^"]+)"')


def kit(target: Path, *args: str) -> str:
    """The command for Brabant-Noord (VR21) unless another region is named."""
    out = StringIO()
    region = () if "--region" in args else ("--region", "VR21")
    call_command("kit", str(target), *args, *region, stdout=out)
    return out.getvalue()


def pages_of(pdf: Path) -> list[tuple[str, np.ndarray]]:
    document = pdfium.PdfDocument(pdf.read_bytes())
    found = []
    for page in document:
        text = " ".join(page.get_textpage().get_text_range().split())
        image = np.asarray(page.render(scale=1).to_pil().convert("L"), dtype=int)
        found.append((text, image))
    return found


def test_it_writes_the_paper_and_site_of_its_own_points(net: Network, tmp_path: Path) -> None:
    target = tmp_path / "stick" / "kit"
    kit(target, "--coordination-point", "cp-oss")

    points = sorted(p.name for p in (target / "punten").iterdir())
    assert points == ["CP-OSS", "OSS-01", "OSS-02", "OSS-03"]  # the retired OSS-09 is left out
    for code in points:
        for name in ("radiokaart.pdf", "statusformulier.pdf", "hulpvraagformulier.pdf"):
            for _text, image in pages_of(target / "punten" / code / name):
                assert abs(image.shape[0] - 842) <= 1 and abs(image.shape[1] - 595) <= 1  # A4
                assert (image < 100).mean() > 0.005, name  # ink on the page
                # Nothing runs off the sheet: the outer 5 mm stay blank.
                edge = np.concatenate([image[:, :14].ravel(), image[:, -14:].ravel()])
                assert (edge < 200).mean() < 0.001, name
    card = " ".join(text for text, _ in pages_of(target / "punten" / "OSS-01" / "radiokaart.pdf"))
    assert f"OSS-01/{statusline.card_mark('OSS-01')}" in card
    assert "Spelalfabet" in card and "controlecijfer" in card.lower()  # printed in Dutch
    status = " ".join(
        text for text, _ in pages_of(target / "punten" / "OSS-01" / "statusformulier.pdf")
    )
    for field in ("DDUUMM", "V####", "F###", "OPEN / BEPERKT / VOL / DICHT"):
        assert field in status, field
    request = " ".join(
        text for text, _ in pages_of(target / "punten" / "OSS-01" / "hulpvraagformulier.pdf")
    )
    assert "[ ] F Brandstof" in request and "[ ] Spoed" in request

    # The public site of the area: Oss postcodes, not Vught's, with links that work from the stick.
    site = target / "publiek"
    assert (site / "postcode" / "5341" / "index.html").exists()
    assert not (site / "postcode" / "5261").exists()
    index = (site / "index.html").read_text()
    for link in LINK.findall(index):
        if link.startswith(("#", "mailto:", "tel:")):
            continue
        assert not link.startswith(("http://", "https://", "/")), link
        path = posixpath.normpath(posixpath.join("", link.split("#")[0]))
        assert (site / path).exists() or (site / path / "index.html").exists(), link

    readme = (target / "LEESMIJ.txt").read_text()
    assert "Brandweerkazerne Oss (CP-OSS)" in readme
    assert "radiokaart.pdf" in readme and "zonder internet" in readme
    assert "OSS-03  Bibliotheek Oss" in readme

    manifest = json.loads((target / "inhoud.json").read_text())
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()} - {
        "inhoud.json"
    }
    assert set(listed) == on_disk
    for path, entry in listed.items():
        body = (target / path).read_bytes()
        assert entry["bytes"] == len(body)
        assert entry["sha256"] == hashlib.sha256(body).hexdigest()


def test_it_never_puts_an_exercise_state_on_the_stick(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    incident = start_incident(cast, exercise=True)
    report(cast, incident, net.near, PointState.OPEN)
    kit(tmp_path / "kit", "--coordination-point", "CP-OSS")
    page = (tmp_path / "kit" / "publiek" / "postcode" / "5341" / "index.html").read_text()
    assert "Wijkcentrum De Ruwaard" in page
    assert "Open" not in re.findall(r'<span class="badge[^"]*">([^<]+)</span>', page)
    assert "oefening" not in page.lower()


def test_it_refuses_an_unknown_point_and_leaves_the_old_kit(net: Network, tmp_path: Path) -> None:
    target = tmp_path / "kit"
    kit(target, "--coordination-point", "CP-OSS")
    before = (target / "inhoud.json").read_bytes()
    with pytest.raises(CommandError, match="OSS-01 is geen coördinatiepunt van VR21.*CP-OSS"):
        kit(target, "--coordination-point", "OSS-01")
    assert (target / "inhoud.json").read_bytes() == before
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".kit")
    ] == []  # no half-written kit


def test_it_reports_as_json(net: Network, tmp_path: Path) -> None:
    out = kit(tmp_path / "kit", "--coordination-point", "CP-OSS", "--json")
    data = json.loads(out)
    assert data["coordination_point"] == "CP-OSS"
    assert data["points"] == ["CP-OSS", "OSS-01", "OSS-02", "OSS-03"]
    assert data["parts"]["punten"] == 4 * 5
    assert data["files"] == len(json.loads((tmp_path / "kit" / "inhoud.json").read_text())["files"])


def test_it_keeps_other_regions_out(cast: Cast, net: Network, tmp_path: Path) -> None:
    # Xander's region VR99 has no coordination point CP-OSS: Brabant-Noord's is not reachable.
    with pytest.raises(CommandError, match="CP-OSS is geen coördinatiepunt van VR99"):
        kit(tmp_path / "kit", "--coordination-point", "CP-OSS", "--region", "VR99")
    assert not (tmp_path / "kit").exists()


def test_it_adds_the_latest_bundle_for_the_laptop_without_other_regions(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    elsewhere = AuditEntry.objects.create(
        region=cast.xander.region, actor_label="xander", action=AuditAction.UPDATE,
        model="supportpoints.supportpoint", object_pk="1", object_repr="Dorpshuis Elders",
    )  # fmt: skip
    out = kit(tmp_path / "kit", "--coordination-point", "CP-OSS", "--json")
    path = tmp_path / "kit" / "laptop" / "bundel.jsonl"
    read = bundle.read(path, settings.PARAAT_SYNC_SECRET)  # signed, every line checked
    uids = {c.get("uid") for c in read.changes}
    hub = SupportPoint.objects.get(code="CP-OSS")
    assert str(hub.uid) in uids and str(elsewhere.uid) not in uids
    assert "Dorpshuis Elders" not in path.read_text()
    assert read.header["region"] == "VR21"
    assert json.loads(out)["bundle"]["count"] == len(read.changes) > 0
    readme = (tmp_path / "kit" / "LEESMIJ.txt").read_text()
    assert "paraat instance init --from laptop/bundel.jsonl --coordination-point CP-OSS" in readme
    assert "De nieuwste bundel voor de laptop" in readme
