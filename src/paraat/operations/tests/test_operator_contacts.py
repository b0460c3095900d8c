"""The crisis operator calls the points he activates: he sees their contacts, every view logged,
and every point name on the picture links to the point (issue 10)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from paraat.core.models import AuditEntry
from paraat.operations import services
from paraat.operations.tests.factories import make_point, make_scene
from paraat.supportpoints import services as point_services
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _contact_views(point: object) -> int:
    return AuditEntry.objects.for_object(point).filter(action="view").count()  # type: ignore[arg-type]


def test_it_shows_the_operator_the_contacts_of_activated_points_and_logs_each_view(
    cast: Cast,
) -> None:
    scene = make_scene(cast)
    idle = make_point(cast, "OSS-09", dx=1500)  # registered after activation: not activated
    for point, name in ((scene.a, "Karel Sleutel"), (idle, "Ida Reserve")):
        point_services.save_contact(
            point=point, data={"role": "key_holder", "name": name, "phone": "0612345678"}
        )
    client = _client(cast.cas)

    page = client.get("/points/OSS-01/").content.decode()
    assert "Karel Sleutel" in page and "0612345678" in page
    assert _contact_views(scene.a) == 1
    client.get("/points/OSS-01/")
    assert _contact_views(scene.a) == 2  # every view, not only the first

    page = client.get("/points/OSS-09/").content.decode()
    assert "Ida Reserve" not in page and _contact_views(idle) == 0

    services.set_phase(incident=scene.incident, phase="closed", user=cast.cas)
    page = client.get("/points/OSS-01/").content.decode()
    assert "Karel Sleutel" not in page and _contact_views(scene.a) == 2


def test_it_keeps_contacts_from_viewers_and_point_leads_of_other_points(cast: Cast) -> None:
    scene = make_scene(cast)
    point_services.save_contact(
        point=scene.b, data={"role": "key_holder", "name": "Karel Sleutel", "phone": "06"}
    )
    point_services.set_leads(point=scene.a, users=[cast.pim])
    for user in (cast.kees, cast.pim, cast.xander):
        response = _client(user).get("/points/OSS-02/")
        assert "Karel Sleutel" not in response.content.decode()
    assert _contact_views(scene.b) == 0


def test_it_links_every_point_name_on_the_picture_to_the_point(cast: Cast) -> None:
    scene = make_scene(cast)
    page = _client(cast.cas).get(f"/operations/{scene.incident.pk}/").content.decode()
    codes = [scene.hub.code, scene.a.code, scene.b.code]
    for code in codes:
        # in the table and on the map
        assert len(re.findall(rf'<a href="/points/{code}/"', page)) >= 2, code
    rows = re.findall(r'<th scope="row">(.*?)</th>', page)
    assert rows and all(row.startswith('<a href="/points/') for row in rows)
