"""The point services: the norm result follows the facts, inspections become tasks, and the
officer's scope holds for every way in (the 'Done when' of the registry)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from paraat.supportpoints import access, exchange, services
from paraat.supportpoints.constants import NormResult, TaskStatus, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import Network, SupportPointFactory, make_network
from paraat.testing import geometry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def net(cast: Cast) -> Network:
    return make_network(cast)


def _power(point: SupportPoint) -> tuple[str, str]:
    outcome = next(o for o in services.assessment(point).outcomes if o.rule_id == "power_autonomy")
    return outcome.result, str(outcome.reason)


def _change(point: SupportPoint, **data: object) -> SupportPoint:
    services.save_point(region=point.region, point=point, data=data)
    point.refresh_from_db()
    return point


def test_it_fails_the_norm_when_the_fuel_stock_drops_and_says_why(net: Network) -> None:
    point = net.ready
    assert point.norm_result == NormResult.PASS
    assert _power(point) == ("pass", _power(point)[1]) and "100 uur" in _power(point)[1]
    point = _change(point, fuel_litres=90.0)  # 90 l at 3 l/h: 30 hours
    assert point.norm_result == NormResult.FAIL
    assert point.norm_gaps == ["power_autonomy"]
    result, reason = _power(point)
    assert result == "fail"
    assert "30 uur" in reason and "72 uur" in reason
    point = _change(point, fuel_litres=240.0)  # 80 hours
    assert point.norm_result == NormResult.PASS


def test_it_follows_the_generator_and_explains_a_missing_one(net: Network) -> None:
    point = _change(net.ready, generator_kw=None, fuel_litres=None, fuel_consumption_lph=None)
    assert point.norm_result == NormResult.UNKNOWN
    assert "Onbekend" in _power(point)[1]
    point = _change(point, mobile_generator_connection=True)
    assert point.norm_result == NormResult.FAIL
    assert "mobiel aggregaat" in _power(point)[1]
    point = _change(point, generator_kw=20.0, fuel_litres=400.0, fuel_consumption_lph=4.0)
    assert point.norm_result == NormResult.PASS
    assert "100 uur" in _power(point)[1]


def test_it_turns_inspection_findings_into_tasks_and_updates_readiness(
    cast: Cast, net: Network
) -> None:
    point = net.ready
    old_test = point.generator_last_test
    today = timezone.localdate()
    inspection = services.record_inspection(
        point=point,
        visited_on=today,
        inspector=cast.olaf,
        checklist={"generator_runs": True, "water_in_stock": False},
        findings="Watervoorraad verlopen.",
        tasks=[{"description": "Water vervangen", "owner": "Facilitair", "due_date": today}],
        generator_tested=True,
    )
    task = inspection.tasks.get()
    assert (task.owner, task.status, task.point) == ("Facilitair", TaskStatus.OPEN, point)
    point.refresh_from_db()
    assert point.generator_last_test == today and today > old_test
    services.complete_task(task=task)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_at is not None


def test_it_stores_nothing_of_an_inspection_with_a_half_finding(cast: Cast, net: Network) -> None:
    with pytest.raises(ValidationError):
        services.record_inspection(
            point=net.ready,
            visited_on=timezone.localdate(),
            inspector=cast.olaf,
            checklist={},
            tasks=[{"description": "Iets", "owner": "", "due_date": None}],
        )
    assert not net.ready.inspections.exists()
    with pytest.raises(ValidationError):
        services.record_inspection(
            point=net.ready,
            visited_on=timezone.localdate() + dt.timedelta(days=1),
            inspector=cast.olaf,
            checklist={},
        )


def test_it_lets_the_oss_officer_register_assess_and_export_oss_points_only(
    cast: Cast, net: Network, tmp_path: Path
) -> None:
    olaf = cast.olaf
    allowed = access.editable_municipality_ids(olaf, cast.region)
    assert allowed == {cast.oss.pk}
    lon, lat = geometry.point_wgs84(geometry.OSS_RD[0] + 300, geometry.OSS_RD[1] + 300)
    point = services.save_point(
        region=cast.region,
        data={"code": "OSS-05", "name": "Nieuw", "tier": Tier.COORDINATION, "lon": lon, "lat": lat},
        allowed_municipalities=allowed,
    )
    assert access.can_edit_point(olaf, point)
    assert services.assessment(point).result in NormResult.values
    mine = [p for p in access.visible_points(olaf, cast.region) if access.can_edit_point(olaf, p)]
    assert {p.code for p in mine} == {"CP-OSS", "OSS-01", "OSS-02", "KAND-01", "OSS-05"}
    assert exchange.export_points(mine, tmp_path / "oss.gpkg") == 5
    # Vught's points: visible, not changeable, and no point can be placed there.
    assert not access.can_edit_point(olaf, net.vught)
    vlon, vlat = geometry.point_wgs84(*geometry.VUGHT_RD)
    with pytest.raises(ValidationError, match="buiten de gemeenten"):
        services.save_point(
            region=cast.region,
            data={"code": "VUG-05", "name": "X", "tier": "coordination", "lon": vlon, "lat": vlat},
            allowed_municipalities=allowed,
        )
    assert not SupportPoint.objects.filter(code="VUG-05").exists()


def test_it_lets_the_region_coordinator_see_and_change_all(cast: Cast, net: Network) -> None:
    rianne = cast.rianne
    assert access.visible_points(rianne, cast.region).count() == 6
    assert access.editable_municipality_ids(rianne, cast.region) is None
    assert all(access.can_edit_point(rianne, p) for p in SupportPoint.objects.all())
    assert all(access.can_view_contacts(rianne, p) for p in SupportPoint.objects.all())
    assert not access.visible_points(cast.xander, cast.region).exists()


def test_it_shows_contacts_only_to_officers_of_the_municipality_and_the_region(
    cast: Cast, net: Network
) -> None:
    assert access.can_view_contacts(cast.olaf, net.ready)
    assert not access.can_view_contacts(cast.vera, net.ready)
    for user in (cast.cas, cast.pim, cast.kees, cast.xander):
        assert not access.can_view_contacts(user, net.ready)


def test_it_keeps_a_local_point_under_a_coordination_point(cast: Cast, net: Network) -> None:
    with pytest.raises(ValidationError, match="coördinatiepunt"):
        SupportPointFactory(region=cast.region, code="LOS-1", tier=Tier.LOCAL)
    with pytest.raises(ValidationError):
        SupportPointFactory(region=cast.region, code="LOS-2", tier=Tier.LOCAL, parent="OSS-01")


def test_it_fails_the_norm_for_a_generator_too_small_for_the_need(net: Network) -> None:
    point = _change(net.ready, generator_kw=5.0, power_need_kw=20.0, fuel_litres=1000.0)
    assert point.norm_result == NormResult.FAIL
    assert point.norm_gaps == ["power_autonomy"]
    result, reason = _power(point)
    assert result == "fail" and "5 kW" in reason and "20 kW" in reason
    point = _change(point, generator_kw=25.0)
    assert point.norm_result == NormResult.PASS
