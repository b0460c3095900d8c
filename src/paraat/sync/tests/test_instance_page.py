"""The instance page: this Paraat, its peers, and a warning when the laptop is out of step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from paraat.sync import bundle, journal, services
from paraat.sync.constants import Role
from paraat.sync.models import Peer
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

WARNING = "meer dan 24 uur geleden"


def laptop() -> None:
    me = journal.instance()
    me.role, me.name = Role.LAPTOP, "CP Oss"
    me.save()


def test_it_shows_this_instance_and_its_peers(client: Client, cast: Cast) -> None:
    me = journal.instance()
    Peer.objects.create(
        node="9f8e7d6c5b4a", name="Regio Brabant-Noord", role=Role.REGION,
        last_stamp="0001764684000000-0002-9f8e7d6c5b4a", last_exchange_at=timezone.now(),
    )  # fmt: skip
    client.force_login(cast.rianne)
    page = client.get("/sync/").content.decode()
    assert me.node in page and "Regioserver" in page
    assert "Regio Brabant-Noord" in page and "0001764684000000-0002-9f8e7d6c5b4a" in page
    assert WARNING not in page


def test_it_warns_when_the_laptop_last_exchanged_with_the_region_a_day_ago(
    client: Client, cast: Cast
) -> None:
    laptop()
    Peer.objects.create(
        node="9f8e7d6c5b4a", name="Regio", role=Role.REGION,
        last_exchange_at=timezone.now() - dt.timedelta(hours=25),
    )  # fmt: skip
    client.force_login(cast.rianne)
    page = client.get("/sync/").content.decode()
    assert 'class="nl-alert nl-alert--warning"' in page and WARNING in page


def test_it_warns_when_the_laptop_never_exchanged_with_the_region(
    client: Client, cast: Cast
) -> None:
    laptop()
    Peer.objects.create(
        node="aaaa", name="CP Vught", role=Role.LAPTOP, last_exchange_at=timezone.now()
    )
    client.force_login(cast.rianne)
    page = client.get("/sync/").content.decode()
    assert "heeft nog geen bundel met de regio uitgewisseld" in page


def test_it_does_not_warn_a_laptop_in_step_with_the_region(client: Client, cast: Cast) -> None:
    laptop()
    Peer.objects.create(
        node="9f8e7d6c5b4a", name="Regio", role=Role.REGION,
        last_exchange_at=timezone.now() - dt.timedelta(hours=23),
    )  # fmt: skip
    client.force_login(cast.rianne)
    assert "nl-alert--warning" not in client.get("/sync/").content.decode()


@pytest.mark.parametrize("persona", ["cas", "olaf", "kees", "pim"])
def test_it_is_for_coordinators_only(client: Client, cast: Cast, persona: str) -> None:
    client.force_login(getattr(cast, persona))
    assert client.get("/sync/").status_code == 403


def test_it_remembers_the_role_of_the_instance_a_bundle_came_from(
    client: Client, cast: Cast, tmp_path: Path, settings: Any
) -> None:
    laptop()
    path = tmp_path / "regio.jsonl"
    header = {"instance": {"node": "9f8e7d6c5b4a", "name": "Regio", "role": "region"}}
    bundle.write(path, header, [], settings.PARAAT_SYNC_SECRET)
    services.import_bundle(path=path)
    peer = Peer.objects.get(node="9f8e7d6c5b4a")
    assert peer.role == Role.REGION and peer.last_exchange_at is not None
    client.force_login(cast.rianne)
    assert "nl-alert--warning" not in client.get("/sync/").content.decode()
