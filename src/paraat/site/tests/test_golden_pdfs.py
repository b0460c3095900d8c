"""The coverage report, the sitrep and an area poster as pictures kept in the repository (issue 17).

Each is made from fixed data at a fixed moment, rendered to PNG with pdfium and compared with its
golden file in ``golden/``; a change shows in the diff as a changed picture, which a reviewer
looks at. Rendering may differ by a few pixels between versions of pdfium, so a page counts as
the same when fewer than 0.2% of its pixels differ visibly. After a deliberate change of layout:

    PARAAT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest src/paraat/site/tests/test_golden_pdfs.py

writes the new pictures; without it, a difference fails and leaves the new picture next to the
test's temporary folder for a look.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from paraat.operations import picture, sitrep
from paraat.operations import services as operations
from paraat.operations.constants import Channel, IncidentKind, PointState
from paraat.operations.tests.factories import make_point
from paraat.planning import exports, services
from paraat.planning.models import CoverageRun
from paraat.planning.tests.planning_setup import make_plan
from paraat.publicinfo import posters, snapshot
from paraat.publicinfo.tests.factories import make_network
from paraat.testing import geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).with_name("golden")
# Reports write a moment of this year without the year ("26 november 15:00"), so theirs is in the
# current year; the poster writes the year, so its moment is fixed.
MOMENT = dt.datetime(dt.datetime.now(dt.UTC).year, 11, 26, 14, 0, tzinfo=dt.UTC)
POSTER_MOMENT = dt.datetime(2026, 11, 26, 14, 0, tzinfo=dt.UTC)
SCALE = 0.75  # 446 x 631 px per A4 page: enough to see the layout, small in the repository
VISIBLE = 48  # grey levels: smaller differences are anti-aliasing


def _pages(pdf: bytes) -> list[Image.Image]:
    return [page.render(scale=SCALE).to_pil().convert("L") for page in pdfium.PdfDocument(pdf)]


def _matches_golden(pdf: bytes, name: str, tmp_path: Path) -> None:
    pages = _pages(pdf)
    if os.environ.get("PARAAT_UPDATE_GOLDEN"):
        for old in GOLDEN.glob(f"{name}-*.png"):
            old.unlink()
        for number, image in enumerate(pages, start=1):
            image.save(GOLDEN / f"{name}-{number}.png", optimize=True)
        return
    golden = sorted(GOLDEN.glob(f"{name}-*.png"))
    assert len(golden) == len(pages), f"{name}: {len(pages)} pages, golden has {len(golden)}"
    for number, image in enumerate(pages, start=1):
        expected = Image.open(GOLDEN / f"{name}-{number}.png")
        new = tmp_path / f"{name}-{number}.png"
        if expected.size != image.size:
            image.save(new)
            pytest.fail(
                f"{name} page {number}: size {image.size}, golden {expected.size}; see {new}"
            )
        differ = np.abs(np.asarray(image, int) - np.asarray(expected, int)) > VISIBLE
        if differ.mean() > 0.002:
            image.save(new)
            pytest.fail(
                f"{name} page {number}: {differ.mean():.2%} of the pixels differ from "
                f"{GOLDEN.name}/{name}-{number}.png; the new picture is {new}"
            )


def test_it_keeps_the_coverage_report_as_a_golden_picture(cast: Cast, tmp_path: Path) -> None:
    make_plan(cast)
    run = services.run_coverage(region=cast.region, user=cast.rianne)
    CoverageRun.objects.filter(pk=run.pk).update(created_at=MOMENT)
    run.refresh_from_db()
    _matches_golden(exports.pdf(run), "coverage-report", tmp_path)


def test_it_keeps_the_sitrep_as_a_golden_picture(cast: Cast, tmp_path: Path) -> None:
    hub = make_point(cast, "CP-OSS", tier="coordination", parent=None)
    points = [
        hub,
        make_point(cast, "OSS-01", dx=1_500),
        make_point(cast, "OSS-02", at=(geometry.OSS_RD[0] - 1_800, geometry.OSS_RD[1] + 900)),
        make_point(cast, "OSS-03", at=(geometry.OSS_RD[0], geometry.OSS_RD[1] - 2_000)),
        make_point(cast, "VUG-01", at=geometry.VUGHT_RD, parent="CP-OSS"),
    ]
    started = MOMENT - dt.timedelta(hours=3)
    incident = operations.create_incident(
        region=cast.region,
        title="Stroomuitval Oss",
        kind=IncidentKind.POWER_OUTAGE,
        is_exercise=True,
        municipalities=[cast.oss, cast.vught],
        user=cast.cas,
        started_at=started,
        at=started,
    )
    operations.activate(incident=incident, user=cast.cas, at=started)
    for n, (point, state, fuel) in enumerate(
        zip(
            points,
            [PointState.OPEN, PointState.FULL, PointState.LIMITED, PointState.CLOSED],
            [30.0, 9.0, None, None],
            strict=False,
        )  # fmt: skip
    ):
        moment = MOMENT - dt.timedelta(minutes=20 + 10 * n)
        operations.record_status(
            incident=incident,
            point=point,
            idempotency_key=f"golden-{n}",
            state=state,
            channel=Channel.API,
            fuel_hours_left=fuel,
            visitors=40 * (n + 1),
            reporter=cast.cas,
            reported_at=moment,
            received_at=moment,
        )
    report = sitrep.Sitrep(view=picture.build(incident, now=MOMENT), highlights=[])
    _matches_golden(sitrep.pdf(report), "sitrep", tmp_path)


def test_it_keeps_an_area_poster_as_a_golden_picture(cast: Cast, tmp_path: Path) -> None:
    make_network(cast)
    snap = snapshot.build()
    snap = dataclasses.replace(snap, situation=dataclasses.replace(snap.situation, built_at=MOMENT))
    area = snap.area("pc4", "5341")
    assert area is not None
    _matches_golden(posters.area_poster(snap, area, "nl"), "area-poster", tmp_path)
