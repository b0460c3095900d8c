from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from paraat.areas.models import Region
from paraat.programme import continuity, demo, register, services
from paraat.programme.models import CriticalProcess
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD, Cast


def _plain(key: str, hours: int, deps: tuple[str, ...], autonomy: int | None) -> continuity.Process:
    return continuity.Process(key, hours, deps, autonomy is not None, autonomy)


def test_it_times_processes_without_django() -> None:
    found = continuity.timings([
        _plain("burials", 168, ("staff",), None),
        _plain("benefits", 120, ("payments", "systems"), 72),
        _plain("crisis", 2, ("telecom",), 24),
        _plain("passports", 72, ("power",), None),
    ])  # fmt: skip
    assert [t.key for t in found] == ["crisis", "passports", "benefits", "burials"]
    crisis, passports, benefits, burials = found
    assert (crisis.fails_without_h, crisis.fallback_by_h, crisis.fails_with_h) == (2, 2, 26)
    assert (benefits.fails_without_h, benefits.fails_with_h) == (120, 192)
    assert passports.fallback_missing and passports.fails_with_h == 72
    assert not burials.affected and burials.fails_without_h is None
    deadlines = continuity.fallback_deadlines([
        _plain("benefits", 120, ("payments",), 72), _plain("crisis", 2, ("telecom",), 24),
        _plain("passports", 72, ("power",), None),
    ])  # fmt: skip
    assert deadlines == [(2, "crisis"), (120, "benefits")]


@pytest.fixture
def processes(cast: Cast) -> dict[str, CriticalProcess]:
    def save(name: str, municipality: Any, **extra: Any) -> CriticalProcess:
        data = {"municipality": municipality, "name": name, "max_downtime_h": 4,
                "dependencies": ["power"], "owner": "Eigenaar", **extra}  # fmt: skip
        return services.save_process(region=cast.region, data=data)

    return {
        "oss": save("Burgerzaken Oss", cast.oss, fallback="Papier", fallback_autonomy_h=8),
        "vught": save("Uitkeringen Vught", cast.vught),
        "region": save("Meldkamer", None, dependencies=["telecom", "staff"]),
    }


@pytest.mark.django_db
def test_it_refuses_unknown_dependencies_and_hours_without_fallback(cast: Cast) -> None:
    base = {"municipality": cast.oss, "name": "X", "max_downtime_h": 4, "owner": "O"}
    with pytest.raises(ValidationError):
        services.save_process(region=cast.region, data={**base, "dependencies": ["gas"]})
    with pytest.raises(ValidationError):
        services.save_process(region=cast.region, data={**base, "fallback_autonomy_h": 5})
    saved = services.save_process(
        region=cast.region, data={**base, "dependencies": ["staff", "power"]}
    )
    assert saved.dependencies == ["power", "staff"]


@pytest.mark.django_db
def test_it_reads_the_registers_per_organisation(cast: Cast, processes: dict[str, Any]) -> None:
    registers = {r.name: r for r in register.for_region(cast.region)}
    assert [row.process.name for row in registers["Oss"].rows] == ["Burgerzaken Oss"]
    oss = registers["Oss"].rows[0].timing
    assert (oss.fails_without_h, oss.fails_with_h) == (4, 12)
    assert registers[cast.region.name].rows[0].process.name == "Meldkamer"
    data = register.as_dict(cast.region)
    assert data["registers"][0]["processes"][0]["fallback_missing"] is True


@pytest.mark.django_db
def test_it_lets_olaf_edit_oss_processes_only(
    client: Any, cast: Cast, processes: dict[str, Any]
) -> None:
    assert log_in(client, "olaf", PASSWORD)
    assert client.get(f"/programme/continuity/{processes['oss'].pk}/").status_code == 200
    assert client.get(f"/programme/continuity/{processes['vught'].pk}/").status_code == 403
    assert client.get(f"/programme/continuity/{processes['region'].pk}/").status_code == 403
    response = client.post("/programme/continuity/new/", {
        "municipality": cast.oss.pk, "name": "Afval ophalen", "max_downtime_h": "48",
        "dependencies": ["power", "staff"], "fallback": "Handmatig", "fallback_autonomy_h": "24",
        "owner": "Olaf",
    })  # fmt: skip
    assert response.status_code == 302
    made = CriticalProcess.objects.get(name="Afval ophalen")
    assert made.municipality == cast.oss and made.dependencies == ["power", "staff"]
    client.post("/programme/continuity/new/", {
        "municipality": cast.vught.pk, "name": "Sneaky", "max_downtime_h": "1", "owner": "O",
    })  # fmt: skip
    client.post(
        "/programme/continuity/new/", {"name": "Sneaky", "max_downtime_h": "1", "owner": "O"}
    )
    assert not CriticalProcess.objects.filter(name="Sneaky").exists()
    page = client.get("/programme/GM0828/").content.decode()
    assert "Burgerzaken Oss" in page and "Afval ophalen" in page and "Uitkeringen Vught" not in page


@pytest.mark.django_db
def test_it_lets_the_coordinator_keep_the_regions_register(
    client: Any, cast: Cast, processes: dict[str, Any]
) -> None:
    assert log_in(client, "rianne", PASSWORD)
    response = client.post(f"/programme/continuity/{processes['region'].pk}/", {
        "name": "Meldkamer", "max_downtime_h": "1", "dependencies": ["telecom"],
        "fallback": "Uitwijklocatie", "fallback_autonomy_h": "12", "owner": "Rianne",
    })  # fmt: skip
    assert response.status_code == 302
    saved = CriticalProcess.objects.get(pk=processes["region"].pk)
    assert saved.municipality is None and saved.fallback_autonomy_h == 12
    body = client.get("/programme/continuity/").content.decode()
    assert "Meldkamer" in body and "Burgerzaken Oss" in body and "Uitkeringen Vught" in body


@pytest.mark.django_db
def test_it_shows_nothing_of_one_region_to_another(
    client: Any, cast: Cast, processes: dict[str, Any]
) -> None:
    elders = Region.objects.get(code="VR99")
    services.save_process(region=elders, data={
        "name": "Elders proces", "max_downtime_h": 3, "owner": "X",
    })  # fmt: skip
    assert log_in(client, "xander", PASSWORD)
    body = client.get("/programme/continuity/").content.decode()
    assert "Elders proces" in body
    assert "Burgerzaken Oss" not in body and "Meldkamer" not in body
    for process in processes.values():
        assert client.get(f"/programme/continuity/{process.pk}/").status_code == 404
    names = [row.process.name for r in register.for_region(cast.region) for row in r.rows]
    assert "Elders proces" not in names


@pytest.mark.django_db
def test_it_lists_the_affected_processes_on_the_outage_clock(
    client: Any, cast: Cast, processes: dict[str, Any]
) -> None:
    cache.clear()  # the simulation result is cached; the processes are read fresh
    services.save_process(region=cast.region, data={
        "municipality": cast.oss, "name": "Begraven", "max_downtime_h": 168,
        "dependencies": ["staff"], "owner": "O",
    })  # fmt: skip
    assert log_in(client, "kees", PASSWORD)
    body = client.get("/outage-clock/?runs=20").content.decode()
    table = body[body.index('id="critical-processes"') :].split("</table>")[0]
    assert "Meldkamer" in table and "Burgerzaken Oss" in table and "Uitkeringen Vught" in table
    assert "Begraven" not in table  # not touched by an outage


@pytest.mark.django_db
def test_it_loads_an_invented_register_for_one_demo_municipality(cast: Cast) -> None:
    assert demo._continuity(cast.region) and not demo._continuity(cast.region)  # once only
    names = list(CriticalProcess.objects.of_municipality(cast.oss).values_list("name", flat=True))
    assert len(names) == 4 and all("verzonnen voorbeeld" in n for n in names)
    first = register.of_municipality(cast.oss)[0]
    assert first.process.name.startswith("Crisiscommunicatie") and first.timing.fails_with_h == 26
