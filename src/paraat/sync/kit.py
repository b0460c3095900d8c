"""The blackout kit: one folder for a USB stick that a coordination point takes into a long outage.

It holds what works without Paraat running: the public site of the points' area as plain HTML
that opens from the stick in any browser, the posters, radio cards and blank paper forms of its
points as PDF, the latest bundle for the laptop instance of the coordination point (what
`paraat instance init --from FILE` starts a laptop with), and a README in Dutch that says what each part is
for. The folder is written
beside its target and swapped in as a whole, so a kit on the stick is never half written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from paraat.areas.models import Region
from paraat.core import files
from paraat.operations import paper
from paraat.publicinfo import export, posters, snapshot
from paraat.supportpoints.models import SupportPoint
from paraat.sync import exchange

MANIFEST = "inhoud.json"
README = "LEESMIJ.txt"
LAPTOP = "laptop"
BUNDLE = "bundel.jsonl"


class KitError(Exception):
    """The kit cannot be made as asked (unknown coordination point, nothing to put in it)."""


@dataclass
class KitResult:
    target: Path
    coordination_point: str
    points: list[str]
    municipalities: list[str]
    parts: dict[str, int] = field(default_factory=dict)  # part -> number of files
    files: list[dict[str, Any]] = field(default_factory=list)  # path, bytes, sha256
    bundle: dict[str, Any] = field(default_factory=dict)  # count, until, made_at

    def as_json(self) -> dict[str, Any]:
        return {
            "target": str(self.target),
            "coordination_point": self.coordination_point,
            "points": self.points,
            "municipalities": self.municipalities,
            "parts": self.parts,
            "files": len(self.files),
            "bytes": sum(f["bytes"] for f in self.files),
            "bundle": self.bundle,
        }


def coordination_point(region: Region, code: str) -> SupportPoint:
    found = (
        SupportPoint.objects.in_region(region)
        .coordination()
        .select_related("municipality")
        .filter(code__iexact=code.strip())
        .first()
    )
    if found is None:
        known = ", ".join(
            SupportPoint.objects.in_region(region).coordination().values_list("code", flat=True)
        )
        raise KitError(
            translation.gettext(
                "%(code)s is not a coordination point of %(region)s (known: %(known)s)."
            )
            % {"code": code, "region": region.code, "known": known or "-"}
        )
    return found


def points_of(region: Region, hub: SupportPoint) -> list[SupportPoint]:
    """The coordination point and the active local points it steers, by code."""
    local = list(
        SupportPoint.objects.in_region(region)
        .active()
        .filter(coordination_point=hub)
        .select_related("municipality")
        .order_by("code")
    )
    return [hub, *local]


def area_snapshot(snap: snapshot.Snapshot, municipality_codes: set[str]) -> snapshot.Snapshot:
    """The public snapshot with only the postcode and area pages of these municipalities.

    Every point of the region stays: a resident near the edge of the area may be nearest to a
    point over the border, and the nearest-point indexes refer to the whole list.
    """
    areas = {
        kind: {
            code: entry
            for code, entry in entries.items()
            if entry.municipality_code in municipality_codes
        }
        for kind, entries in snap.places.areas.items()
    }
    places = dataclasses.replace(snap.places, areas=areas)
    return dataclasses.replace(snap, places=places)


def write_kit(
    region: Region,
    code: str,
    target: Path,
    *,
    progress: Callable[[str], None] | None = None,
) -> KitResult:
    """Write the kit of coordination point ``code`` to ``target`` (replaced as a whole)."""
    say = progress or (lambda _message: None)
    hub = coordination_point(region, code)
    points = points_of(region, hub)
    municipalities = sorted({p.municipality.code for p in points if p.municipality_id})
    target = Path(target).resolve()
    result = KitResult(
        target=target,
        coordination_point=hub.code,
        points=[p.code for p in points],
        municipalities=municipalities,
    )
    work = files.work_folder(target)
    try:
        with translation.override("nl"):
            say(translation.gettext("Public site of the area…"))
            snap = area_snapshot(snapshot.build(region), set(municipalities))
            export.export_site(snap, work / "publiek", region=region, posters_too=False)
            by_code = {p.code: p for p in snap.places.points}
            for point in points:
                say(translation.gettext("Paper for %(code)s…") % {"code": point.code})
                folder = work / "punten" / point.code
                public = by_code.get(point.code)
                if public is not None:
                    _write(folder / "poster.pdf", posters.point_poster(snap, public, "nl"))
                    _write(folder / "poster-en.pdf", posters.point_poster(snap, public, "en"))
                _write(folder / "radiokaart.pdf", paper.radio_card(point))
                _write(folder / "statusformulier.pdf", paper.status_form(point))
                _write(folder / "hulpvraagformulier.pdf", paper.request_form(point))
            say(translation.gettext("Bundle for a laptop instance…"))
            (work / LAPTOP).mkdir()
            exported = exchange.write_snapshot(
                region=region, coordination_point=hub.code, path=work / LAPTOP / BUNDLE
            )
            result.bundle = {k: exported[k] for k in ("count", "until", "made_at")}
            _write(work / README, _readme(region, hub, points, snap, exported).encode())
        _inventory(work, result)
        (work / MANIFEST).write_text(
            json.dumps(
                {**result.as_json(), "made_at": timezone.now().isoformat(), "files": result.files},
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
        work.chmod(0o755)
        files.replace_folder(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return result


def _write(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def _inventory(work: Path, result: KitResult) -> None:
    """Every file with its size and SHA-256, so a copy on a stick can be checked."""
    for path in sorted(p for p in work.rglob("*") if p.is_file()):
        relative = path.relative_to(work).as_posix()
        body = path.read_bytes()
        result.files.append(
            {"path": relative, "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}
        )
        part = relative.split("/", 1)[0] if "/" in relative else "kit"
        result.parts[part] = result.parts.get(part, 0) + 1


def _readme(
    region: Region,
    hub: SupportPoint,
    points: list[SupportPoint],
    snap: snapshot.Snapshot,
    exported: dict[str, Any],
) -> str:
    return render_to_string(
        "sync/kit_readme.txt",
        {
            "region": region,
            "hub": hub,
            "points": points[1:],
            "made_at": timezone.localtime(),
            "postcodes": sum(len(entries) for entries in snap.places.areas.values()),
            "manifest": MANIFEST,
            "bundle": f"{LAPTOP}/{BUNDLE}",
            "changes": exported["count"],
            "code": hub.code,
            "until": exported["until"],
        },
    )
