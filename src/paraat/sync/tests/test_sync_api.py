"""/api/v1/sync/: who may exchange, region scoping, a refused batch, and the client's errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from paraat.accounts.tokens import create_api_token
from paraat.operations.tests.factories import make_point, make_scene
from paraat.supportpoints.constants import Tier
from paraat.sync import bundle, exchange
from paraat.sync.models import Peer
from paraat.testing.personas import Cast
from paraat.testing.processes import free_port

pytestmark = pytest.mark.django_db


def auth(user: Any) -> dict[str, str]:
    _token, key = create_api_token(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def pulled(
    client: Client, user: Any, key: dict[str, str] | None = None, **query: str
) -> bundle.Bundle:
    reply = client.get("/api/v1/sync/changes/", query, **(key or auth(user)))
    assert reply.status_code == 200, reply.content
    return bundle.parse(reply.content.decode(), "development-only-sync-secret", "pull")


def test_it_pulls_the_region_changes_for_a_crisis_operator(client: Client, cast: Cast) -> None:
    scene = make_scene(cast)
    key = auth(cast.cas)
    data = pulled(client, cast.cas, key)
    uids = {c["uid"] for c in data.changes}
    assert str(scene.a.uid) in uids and str(scene.incident.uid) in uids
    assert data.header["until"] >= len(data.changes) > 5
    again = pulled(client, cast.cas, key, since=str(data.header["until"]))
    assert again.changes == []


def test_it_pulls_only_the_records_of_one_coordination_point(client: Client, cast: Cast) -> None:
    make_scene(cast)
    other = make_point(cast, "CP-ELDERS", dx=3000, tier=Tier.COORDINATION, parent=None)
    data = pulled(client, cast.cas, coordination_point="CP-OSS")
    points = {c["uid"] for c in data.changes if c["model"] == "supportpoints.supportpoint"}
    assert str(other.uid) not in points and len(points) == 4


def test_it_refuses_viewers_and_shows_another_region_nothing(client: Client, cast: Cast) -> None:
    make_scene(cast)
    assert client.get("/api/v1/sync/changes/", **auth(cast.kees)).status_code == 403
    assert client.get("/api/v1/sync/changes/", **auth(cast.olaf)).status_code == 403
    assert client.get("/api/v1/sync/changes/").status_code in (401, 403)
    xander = cast.xander
    xander.role = "region_coordinator"
    xander.save()
    key = auth(xander)  # its own creation is in the other region's audit trail
    seen = pulled(client, xander, key).changes
    assert seen and {c["fields"]["region"] for c in seen} == {"VR99"}  # its own trail only
    reply = client.get("/api/v1/sync/snapshot/", {"coordination_point": "CP-OSS"}, **auth(xander))
    assert reply.status_code == 400 and "CP-OSS" in reply.json()["detail"]


def test_it_refuses_a_batch_with_a_change_of_another_region_whole(
    client: Client, cast: Cast
) -> None:
    make_scene(cast)
    text = exchange.pull_text(region=cast.region, since=0)
    # The same batch pushed by a token of the other region: nothing of it is merged.
    xander = cast.xander
    xander.role = "region_coordinator"
    xander.save()
    data = bundle.parse(text, "development-only-sync-secret", "pull")
    other = {"node": "abcdef012345", "name": "elders", "role": "laptop"}
    batch = exchange._dumps({"instance": other, "since": 0, "until": 1}, data.changes)
    reply = client.post(
        "/api/v1/sync/changes/", batch, content_type="application/x-ndjson", **auth(xander)
    )
    assert reply.status_code == 400 and "another region" in reply.json()["detail"]
    assert not Peer.objects.filter(node="abcdef012345").exists()  # rolled back whole
    forged = batch.replace('"elders"', '"forged"', 1)
    reply = client.post(
        "/api/v1/sync/changes/", forged, content_type="application/x-ndjson", **auth(cast.cas)
    )
    assert reply.status_code == 400
    assert "signature does not match" in reply.json()["detail"]


def test_it_says_clearly_when_the_server_cannot_be_reached_or_the_token_is_bad(
    live_server: Any, cast: Cast
) -> None:
    with pytest.raises(CommandError, match="cannot reach the server"):
        call_command("sync", "--with", f"http://127.0.0.1:{free_port()}", "--token", "x")
    with pytest.raises(CommandError, match="refused the token"):
        call_command("sync", "--with", live_server.url, "--token", "not-a-token")
    with pytest.raises(CommandError, match="no token"):
        call_command("sync", "--with", live_server.url)


def test_it_refuses_to_init_a_database_that_is_not_empty(cast: Cast, tmp_path: Any) -> None:
    path = tmp_path / "cp.jsonl"
    make_scene(cast)
    exchange.write_snapshot(region=cast.region, coordination_point="CP-OSS", path=path)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines[0]["kind"] == "snapshot" and any("ref" in line for line in lines[1:])
    users = [
        line["ref"] for line in lines[1:] if line.get("ref", {}).get("model") == "accounts.user"
    ]
    assert users and all(u["fields"]["password"] == "!" for u in users)
    assert not any(u["fields"]["username"] == "xander" for u in users)
    with pytest.raises(CommandError, match="not empty"):
        call_command("instance", "init", "--from", str(path), "--coordination-point", "CP-OSS")
