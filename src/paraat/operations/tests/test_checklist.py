"""The opening checklist every activated point gets: ticked on its page, logged with who and when."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from paraat.operations import picture, services
from paraat.operations.constants import ChecklistItem, LogKind
from paraat.operations.models import Activation, LogEntry
from paraat.operations.tests.factories import make_scene
from paraat.supportpoints import services as point_services
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_gives_every_activated_point_the_whole_checklist_unticked(cast: Cast) -> None:
    scene = make_scene(cast)
    for activation in Activation.objects.filter(incident=scene.incident):
        assert activation.checklist == dict.fromkeys(ChecklistItem.values, False)
        assert [label for _, label, _ in activation.checklist_items()][0] == str(
            ChecklistItem.KEYS.label
        )


def test_it_ticks_an_item_once_and_logs_who_did_it(cast: Cast) -> None:
    scene = make_scene(cast)
    activation = Activation.objects.get(incident=scene.incident, point=scene.a)
    services.tick_checklist(activation=activation, item="keys", done=True, user=cast.pim)
    services.tick_checklist(activation=activation, item="keys", done=True, user=cast.pim)
    activation.refresh_from_db()
    assert activation.checklist["keys"] is True and activation.checklist_done == 1
    entries = LogEntry.objects.filter(
        incident=scene.incident, kind=LogKind.ACTIVATION, point=scene.a
    )
    assert [e.author for e in entries] == [cast.pim]
    assert "OSS-01" in entries[0].text and "1/6" in entries[0].text
    with pytest.raises(ValidationError):
        services.tick_checklist(activation=activation, item="coffee", done=True, user=cast.pim)


def test_it_lets_a_point_lead_tick_his_own_point_on_the_page_only(cast: Cast) -> None:
    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    own = Activation.objects.get(incident=scene.incident, point=scene.a)
    other = Activation.objects.get(incident=scene.incident, point=scene.b)
    client = Client()
    client.force_login(cast.pim)
    url = f"/operations/{scene.incident.pk}/checklist/"
    page = client.get(url).content.decode()
    assert "OSS-01" in page and "OSS-02" not in page
    assert client.post(url, {"activation": own.pk, "item": "power", "done": "1"}).status_code == 302
    refused = client.post(url, {"activation": other.pk, "item": "power", "done": "1"})
    assert refused.status_code == 400
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.checklist["power"], other.checklist["power"]) == (True, False)
    client.post(url, {"activation": own.pk, "item": "power", "done": "0"})
    own.refresh_from_db()
    assert own.checklist["power"] is False


def test_it_shows_checklist_progress_in_the_picture(cast: Cast) -> None:
    scene = make_scene(cast)
    activation = Activation.objects.get(incident=scene.incident, point=scene.a)
    for item in ("keys", "power", "signage"):
        services.tick_checklist(activation=activation, item=item, done=True, user=cast.cas)
    rows = {r["code"]: r for r in picture.build(scene.incident).as_dict()["points"]}
    assert (rows["OSS-01"]["checklist_done"], rows["OSS-01"]["checklist_items"]) == (3, 6)
    assert rows["OSS-02"]["checklist_done"] == 0
