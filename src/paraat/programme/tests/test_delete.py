"""Removing what a region entered by mistake: activities, lines, ambitions and critical processes.
The same people who may edit a row may remove it; another region finds nothing (404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from paraat.areas.models import Region
from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.programme import services
from paraat.programme.models import Activity, Ambition, CriticalProcess, ProgrammeLine
from paraat.programme.tests.helpers import Scene, make_programme
from paraat.testing.logins import log_in
from paraat.testing.personas import PASSWORD, Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast: Cast) -> Scene:
    return make_programme(cast)


def _process(cast: Cast, name: str, municipality: Any) -> CriticalProcess:
    return services.save_process(region=cast.region, data={
        "municipality": municipality, "name": name, "max_downtime_h": 4, "owner": "Team",
        "dependencies": ["power"], "fallback": "Aggregaat", "fallback_autonomy_h": 12,
    })  # fmt: skip


def _deleted(instance: Any) -> AuditEntry | None:
    label = instance._meta.label_lower
    return AuditEntry.objects.filter(
        model=label, object_pk=str(instance.pk), action=AuditAction.DELETE
    ).first()


def test_it_lets_olaf_remove_an_activity_of_oss_only(client: Any, scene: Scene) -> None:
    assert log_in(client, "olaf", PASSWORD)
    edit = client.get(f"/programme/activities/{scene.stated.pk}/").content.decode()
    assert f"/programme/activities/{scene.stated.pk}/delete/" in edit
    page = client.get(f"/programme/activities/{scene.stated.pk}/delete/")
    assert page.status_code == 200 and "Buurtgesprekken" in page.content.decode()
    assert Activity.objects.filter(pk=scene.stated.pk).exists()  # GET removes nothing
    pk = scene.stated.pk
    response = client.post(f"/programme/activities/{pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/programme/GM0828/"
    assert not Activity.objects.filter(pk=pk).exists()
    entry = _deleted(scene.stated)
    assert entry is not None and entry.actor == scene.cast.olaf
    for other in (scene.vught.pk,):  # Vught's activity: not his to remove
        assert client.get(f"/programme/activities/{other}/delete/").status_code == 403
        assert client.post(f"/programme/activities/{other}/delete/").status_code == 403
    assert Activity.objects.filter(pk=scene.vught.pk).exists()
    assert ProgrammeLine.objects.filter(pk=scene.stated.line_id).exists()  # the line stays


def test_it_lets_the_coordinator_remove_a_region_wide_activity(
    client: Any, cast: Cast, scene: Scene
) -> None:
    wide = services.save_activity(region=cast.region, data={
        "municipality": None, "line": scene.lines[1], "title": "Regionale campagne", "owner": "VR",
    })  # fmt: skip
    assert log_in(client, "olaf", PASSWORD)
    assert client.post(f"/programme/activities/{wide.pk}/delete/").status_code == 403
    assert log_in(client, "rianne", PASSWORD)
    response = client.post(f"/programme/activities/{wide.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/programme/"
    assert client.post(f"/programme/activities/{scene.vught.pk}/delete/").status_code == 302
    assert not Activity.objects.filter(pk__in=[wide.pk, scene.vught.pk]).exists()
    assert Activity.objects.filter(municipality=cast.oss).count() == 4


def test_it_refuses_a_line_that_still_has_activities_or_ambitions(cast: Cast, scene: Scene) -> None:
    line = scene.lines[2]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.delete_line(line=line, user=cast.rianne)
    assert refused.value.messages == [
        "This line still has 4 activities and 1 ambition. Remove those or move them to another "
        "line first."
    ]
    assert ProgrammeLine.objects.filter(pk=line.pk).exists()
    assert (
        Activity.objects.filter(line=line).count() == 4
        and Ambition.objects.filter(line=line).exists()
    )


def test_it_removes_a_line_once_the_coordinator_has_emptied_it(
    client: Any, cast: Cast, scene: Scene
) -> None:
    line = scene.lines[2]
    assert log_in(client, "rianne", PASSWORD)
    assert (
        f"/programme/lines/{line.pk}/delete/"
        in client.get(f"/programme/lines/{line.pk}/").content.decode()
    )
    page = client.get(f"/programme/lines/{line.pk}/delete/").content.decode()
    assert 'id="refusal"' in page and "4" in page.split('id="refusal"')[1].split("</p>")[0]
    assert "Buurtgesprekken" in page and 'id="remove"' not in page
    assert f"/programme/GM0828/lines/{line.pk}/" in page  # the ambition to withdraw first
    assert client.post(f"/programme/lines/{line.pk}/delete/").status_code == 409
    assert ProgrammeLine.objects.filter(pk=line.pk).exists()
    # Move one activity to another line, remove the others, withdraw Oss's ambition.
    client.post(f"/programme/activities/{scene.points.pk}/", {
        "municipality": cast.oss.pk, "line": scene.lines[0].pk, "title": "Punten inrichten",
        "owner": "Olaf", "status": "running",
    })  # fmt: skip
    assert Activity.objects.get(pk=scene.points.pk).line == scene.lines[0]
    for activity in (scene.coverage, scene.exercises, scene.stated):
        assert client.post(f"/programme/activities/{activity.pk}/delete/").status_code == 302
    assert (
        f"/programme/GM0828/lines/{line.pk}/delete/"
        in client.get(f"/programme/GM0828/lines/{line.pk}/").content.decode()
    )
    assert client.get(f"/programme/GM0828/lines/{line.pk}/delete/").status_code == 200
    assert client.post(f"/programme/GM0828/lines/{line.pk}/delete/").status_code == 302
    page = client.get(f"/programme/lines/{line.pk}/delete/").content.decode()
    assert 'id="refusal"' not in page and 'id="remove"' in page
    response = client.post(f"/programme/lines/{line.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/programme/setup/"
    assert not ProgrammeLine.objects.filter(pk=line.pk).exists()
    assert [n.number for n in ProgrammeLine.objects.in_region(cast.region)] == [1, 2, 4, 5]
    assert _deleted(line) is not None
    assert Activity.objects.filter(pk=scene.points.pk).exists()


def test_it_lets_only_the_coordinator_remove_a_line(client: Any, scene: Scene) -> None:
    empty = scene.lines[4]
    assert log_in(client, "olaf", PASSWORD)
    assert client.get(f"/programme/lines/{empty.pk}/delete/").status_code == 403
    assert client.post(f"/programme/lines/{empty.pk}/delete/").status_code == 403
    assert log_in(client, "vera", PASSWORD)  # Vught may not withdraw Oss's ambition
    line = scene.lines[2].pk
    assert client.post(f"/programme/GM0828/lines/{line}/delete/").status_code == 403
    assert ProgrammeLine.objects.filter(pk=empty.pk).exists()
    assert Ambition.objects.filter(line_id=line).exists()


def test_it_lets_olaf_remove_a_process_of_the_register_of_oss_only(
    client: Any, cast: Cast, scene: Scene
) -> None:
    oss = _process(cast, "Burgerzaken", cast.oss)
    vught = _process(cast, "Vergunningen", cast.vught)
    region = _process(cast, "Meldkamer", None)
    assert log_in(client, "olaf", PASSWORD)
    assert (
        f"/programme/continuity/{oss.pk}/delete/"
        in client.get(f"/programme/continuity/{oss.pk}/").content.decode()
    )
    page = client.get(f"/programme/continuity/{oss.pk}/delete/")
    assert page.status_code == 200 and "Burgerzaken" in page.content.decode()
    for other in (vught, region):
        assert client.get(f"/programme/continuity/{other.pk}/delete/").status_code == 403
        assert client.post(f"/programme/continuity/{other.pk}/delete/").status_code == 403
    response = client.post(f"/programme/continuity/{oss.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/programme/continuity/"
    assert list(CriticalProcess.objects.in_region(cast.region).order_by("name")) == [region, vught]
    assert _deleted(oss) is not None
    assert log_in(client, "rianne", PASSWORD)
    assert client.post(f"/programme/continuity/{region.pk}/delete/").status_code == 302
    assert list(CriticalProcess.objects.in_region(cast.region)) == [vught]


def test_it_removes_nothing_of_one_region_for_another(
    client: Any, cast: Cast, scene: Scene
) -> None:
    process = _process(cast, "Burgerzaken", cast.oss)
    empty = scene.lines[4]
    line = scene.lines[2].pk
    assert log_in(client, "xander", PASSWORD)
    urls = [
        f"/programme/activities/{scene.stated.pk}/delete/",
        f"/programme/lines/{empty.pk}/delete/",
        f"/programme/continuity/{process.pk}/delete/",
        f"/programme/GM0828/lines/{line}/delete/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert Activity.objects.filter(pk=scene.stated.pk).exists()
    assert ProgrammeLine.objects.filter(pk=empty.pk).exists()
    assert CriticalProcess.objects.filter(pk=process.pk).exists()
    assert Ambition.objects.filter(line_id=line).exists()
    assert Region.objects.filter(code="VR99").exists()
