"""One source for the outage clock: the partners' backup power recorded in the community app sets
the clock's figures (the region's own figures and the national ones only hold for kinds of partner
the region has none of); and the areas with power-dependent clients show at 4 hours."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from paraat.cascades import overrides, runs, services
from paraat.cascades.tests.django_helpers import WATER, small_network
from paraat.community import partners
from paraat.community.constants import PartnerKind, PowerDependency
from paraat.community.models import Partner
from paraat.testing import factories
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
SETTINGS = runs.RunSettings(runs=0)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _water_down(cast: Cast) -> float | None:
    return runs.run(cast.region, SETTINGS).service("drinking_water_production").likely_down_hours


def _water(cast: Cast, hours: float) -> Partner:
    return partners.register_partner(region=cast.region, data={
        "name": "Waterbedrijf Brabant", "kind": PartnerKind.WATER, "backup_hours": hours,
    })  # fmt: skip


def test_it_moves_the_clock_when_a_partner_changes_its_backup(cast: Cast) -> None:
    national = _water_down(cast)
    partner = _water(cast, 12.0)
    assert _water_down(cast) == pytest.approx(12.0, abs=0.5)
    partners.update_partner(partner=partner, data={"name": partner.name, "kind": partner.kind, "backup_hours": 30.0})  # fmt: skip
    assert _water_down(cast) == pytest.approx(30.0, abs=0.5)
    assert national != _water_down(cast)


def test_it_prefers_the_partner_to_the_regions_own_figures(cast: Cast) -> None:
    services.save_regional_figures(region=cast.region, data=WATER)
    regional = _water_down(cast)
    _water(cast, 12.0)
    assert _water_down(cast) == pytest.approx(12.0, abs=0.5) != regional
    doc, _ = runs.region_override(cast.region, SETTINGS.scenario)
    assert overrides.partner_sources(doc or {}) == {
        "drinking_water_production": "Waterbedrijf Brabant"
    }


def test_it_lets_the_weakest_partner_of_a_kind_set_the_figure() -> None:
    doc = overrides.partner_override([
        overrides.PartnerBackup("fuel", "A", (24.0, 72.0, 96.0)),
        overrides.PartnerBackup("fuel", "B", (12.0, 80.0, 90.0)),
        overrides.PartnerBackup("red_cross", "C", (1.0, 1.0, 1.0)),
    ])  # fmt: skip
    block = doc["services"]["fuel"]["backup"]
    assert (block["min"], block["likely"], block["max"], block["unit"]) == (12.0, 72.0, 90.0, "h")
    assert set(doc["services"]) == {"fuel"}
    assert overrides.partner_override([]) == {}


def test_it_sets_the_telecom_partners_hours_on_masts_with_longer_backup(cast: Cast) -> None:
    partners.register_partner(region=cast.region, data={
        "name": "Mobiel Netwerk", "kind": PartnerKind.TELECOM, "backup_hours": 20.0,
        "backup_hours_min": 10.0, "backup_hours_max": 30.0})  # fmt: skip
    doc, _ = runs.region_override(cast.region, SETTINGS.scenario)
    assert doc is not None
    extended = doc["services"]["mobile"]["backup"]["classes"]["extended"]
    assert extended["likely"] == 20.0
    runs.run(cast.region, SETTINGS)  # the model accepts it


def _clients(cast: Cast) -> None:
    care = partners.register_partner(region=cast.region, data={"name": "Thuiszorg", "kind": PartnerKind.CARE})  # fmt: skip
    big = factories.AreaFactory(municipality=cast.oss, kind="pc4", code="5341", name="")
    small = factories.AreaFactory(municipality=cast.oss, kind="pc4", code="5342", name="")
    partners.record_power_dependent(partner=care, area=big, dependency=PowerDependency.OXYGEN, count=23)  # fmt: skip
    partners.record_power_dependent(partner=care, area=small, dependency=PowerDependency.OXYGEN, count=2)  # fmt: skip


def test_it_lists_areas_with_power_dependent_clients_on_the_page(cast: Cast) -> None:
    small_network(cast)
    _clients(cast)
    client = Client()
    client.force_login(cast.rianne)
    page = client.get("/outage-clock/?runs=200").content.decode()
    table = page[page.index('id="power-dependent"') : page.index('id="decision-points"')]
    assert "5341" in table and "<td>23</td>" in table and "5342" in table
    assert "<td>2</td>" not in table


def test_it_gives_the_same_table_in_the_command_json(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    _clients(cast)
    call_command("cascade", "run", "--json", "--runs", "20", "--region", cast.region.code)
    data = json.loads(capsys.readouterr().out)["power_dependent"]
    assert data["hours"] == 4 and data["power_out"] is True
    assert [(a["area"], a["total"]) for a in data["areas"]] == [("5341", 23), ("5342", None)]
