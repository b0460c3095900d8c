"""Templates per risk pull in the region's action advice and the nearest open support points."""

from __future__ import annotations

import pytest

from paraat.alerts import presets
from paraat.publicinfo import services as public_services
from paraat.publicinfo.models import ActionAdvice
from paraat.supportpoints.constants import Lifecycle, Tier
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing import geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _point(cast: Cast, code: str, dx: float, **kwargs: object) -> None:
    SupportPointFactory(
        region=cast.region,
        code=code,
        name=f"Punt {code}",
        tier=kwargs.pop("tier", Tier.LOCAL),
        parent=kwargs.pop("parent", "CP-01"),
        at=(geometry.OSS_RD[0] + dx, geometry.OSS_RD[1]),
        **kwargs,
    )


def test_it_uses_the_regions_own_advice_text(cast: Cast) -> None:
    public_services.load_advice(region=cast.region)
    row = ActionAdvice.objects.get(
        region=cast.region, risk="power_outage", phase="during", language="nl"
    )
    row.title, row.body = "Eigen kop", "- Eigen advies van de regio."
    row.save()
    data = presets.fill(cast.region, "power_outage")
    assert data["headline_nl"] == "Eigen kop"
    assert data["instruction_nl"] == "- Eigen advies van de regio."
    assert data["headline_en"] == "The power is out"  # shipped text, not edited
    assert data["category"] == "Infra" and data["event"] == "Langdurige stroomstoring"


def test_it_names_the_nearest_open_points_and_skips_candidates(cast: Cast) -> None:
    _point(cast, "CP-01", 50, tier=Tier.COORDINATION, parent=None)
    _point(cast, "OSS-01", 300)
    _point(cast, "OSS-02", 2000, lifecycle=Lifecycle.PREPARED)
    _point(cast, "OSS-03", 100, tier=Tier.CANDIDATE, lifecycle=Lifecycle.CANDIDATE, parent=None)
    _point(cast, "OSS-04", 150, lifecycle=Lifecycle.RETIRED)
    _point(cast, "OSS-05", 4000)
    _point(cast, "OSS-06", 4500)
    lon, lat = geometry.point_wgs84(*geometry.OSS_RD)
    data = presets.fill(cast.region, "flood", centre=(lon, lat))
    text = data["instruction_nl"]
    assert "Noodsteunpunten dichtbij:" in text
    assert text.index("Punt OSS-01") < text.index("Punt OSS-02") < text.index("Punt OSS-05")
    assert (
        "CP-01" not in text
        and "OSS-03" not in text
        and "OSS-04" not in text
        and "OSS-06" not in text
    )
    assert "- Punt OSS-01 (ca. 0,3 km)" in text
    assert "Emergency support points nearby:" in data["instruction_en"]


def test_it_works_without_points_or_advice(cast: Cast) -> None:
    data = presets.fill(cast.region, "storm", centre=(5.5, 51.7))
    assert data["headline_nl"]
    assert "Noodsteunpunten" not in data["instruction_nl"]


def test_it_puts_reported_open_points_first_and_skips_closed_ones_during_an_incident(
    cast: Cast,
) -> None:
    from paraat.operations import services as operations
    from paraat.operations.constants import Channel, PointState
    from paraat.operations.tests.factories import make_point, make_scene

    scene = make_scene(cast, exercise=False)  # OSS-01 at +500 m, OSS-02 at -800 m
    make_point(cast, "OSS-09", dx=100)  # nearest, but no report
    for point, state, key in ((scene.a, PointState.CLOSED, "k1"), (scene.b, PointState.OPEN, "k2")):
        operations.record_status(
            incident=scene.incident,
            point=point,
            idempotency_key=key,
            state=state,
            channel=Channel.API,
        )
    lon, lat = geometry.point_wgs84(*geometry.OSS_RD)
    text = presets.fill(cast.region, "power_outage", centre=(lon, lat))["instruction_nl"]
    assert "Punt OSS-01" not in text  # closed
    assert text.index("Punt OSS-02") < text.index("Punt OSS-09")  # reported open comes first


def test_it_starts_as_an_exercise_while_an_exercise_incident_runs(cast: Cast) -> None:
    from paraat.operations.tests.factories import make_scene

    assert presets.fill(cast.region, "flood")["status"] == "Actual"
    make_scene(cast, exercise=True)
    assert presets.fill(cast.region, "flood")["status"] == "Exercise"


def test_it_names_points_for_every_municipality_the_alert_covers(cast: Cast) -> None:
    from paraat.alerts import presenters
    from paraat.operations.tests.factories import make_point

    make_point(cast, "CP-OSS", tier=Tier.COORDINATION, parent=None)
    make_point(cast, "OSS-01", dx=300)
    make_point(cast, "OSS-02", dx=600)
    make_point(cast, "VUG-01", at=geometry.VUGHT_RD)
    places = presenters.places_of(cast.region, ["GM0828", "GM0865"], [])
    assert [place[0] for place in places] == ["Oss", "Vught"]
    text = presets.fill(cast.region, "power_outage", places=places)["instruction_nl"]
    assert "Punt OSS-01" in text and "Punt VUG-01" in text
    assert text.index("Oss:") < text.index("Punt OSS-01") < text.index("Vught:")
    assert text.index("Vught:") < text.index("Punt VUG-01")
    assert text.count("Punt OSS-01") == 1  # named once, under the nearest place first


def test_it_keeps_the_shipped_power_outage_points_in_the_cell_text(cast: Cast) -> None:
    from paraat.alerts import nlalert
    from paraat.operations.tests.factories import make_point

    make_point(cast, "CP-OSS", tier=Tier.COORDINATION, parent=None)
    for number in range(1, 4):
        make_point(cast, f"OSS-0{number}", dx=300 * number)
    lon, lat = geometry.point_wgs84(*geometry.OSS_RD)
    data = presets.fill(cast.region, "power_outage", centre=(lon, lat))
    parts = {
        language: nlalert.Part(
            data[f"headline_{language}"],
            data[f"description_{language}"],
            data[f"instruction_{language}"],
        )
        for language in ("nl", "en")
    }
    cell = nlalert.compose(parts["nl"], parts["en"])
    assert cell.fits and cell.shortened  # the advice was too long for one message
    dutch, english = cell.text.split("\n***\n")
    for block, heading in ((dutch, "Noodsteunpunten dichtbij:"), (english, "nearby:")):
        assert heading in block
        after = block.split(heading, 1)[1]
        assert "Punt OSS-01" in after and "Punt OSS-03" in after  # the list, not a bare heading
    assert "Verwarm" not in dutch or "- Kijk of uw buren" in dutch  # advice goes from the end
