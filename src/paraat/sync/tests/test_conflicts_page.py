"""The conflict log page: coordinator and crisis operators read it, the coordinator decides."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from paraat.core.models import AuditEntry
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.sync import journal
from paraat.sync.constants import ConflictKind, ConflictStatus
from paraat.sync.models import Conflict, Peer
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

LAPTOP = "1a2b3c4d5e6f"


def make_conflict(region: object, point: SupportPoint, **kw: object) -> Conflict:
    me = journal.instance()
    values = {
        "region": region, "kind": ConflictKind.OVERWRITTEN, "model": "supportpoints.supportpoint",
        "record_uid": str(point.uid), "record_repr": str(point), "field": "name",
        "kept_value": point.name, "kept_stamp": f"0001764684000000-0000-{me.node}",
        "other_value": "Sporthal (laptop)", "other_stamp": f"0001764680400000-0003-{LAPTOP}",
        "other_origin": LAPTOP, **kw,
    }  # fmt: skip
    return Conflict.objects.create(**values)


@pytest.fixture
def conflict(cast: Cast) -> Conflict:
    Peer.objects.create(node=LAPTOP, name="CP Oss")
    point = SupportPointFactory(region=cast.region, code="OSS-01", name="Sporthal De Rusheuvel")
    return make_conflict(cast.region, point)


def test_it_lists_both_values_with_their_instance_and_stamp(
    client: Client, cast: Cast, conflict: Conflict
) -> None:
    client.force_login(cast.rianne)
    page = client.get("/sync/conflicts/").content.decode()
    assert "Sporthal De Rusheuvel" in page and "Sporthal (laptop)" in page
    assert "CP Oss" in page and conflict.other_stamp in page and conflict.kept_stamp in page
    assert "Deze waarde houden" in page


def test_it_lets_the_coordinator_take_the_other_value_with_an_audit_entry(
    client: Client, cast: Cast, conflict: Conflict
) -> None:
    client.force_login(cast.rianne)
    response = client.post("/sync/conflicts/", {"conflict": conflict.pk, "choice": "take"})
    assert response.status_code == 302
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.RESOLVED and conflict.resolved_by == cast.rianne
    assert SupportPoint.objects.get(code="OSS-01").name == "Sporthal (laptop)"
    assert AuditEntry.objects.filter(actor=cast.rianne, model="sync.conflict").exists()
    assert "Sporthal (laptop)" not in client.get("/sync/conflicts/").content.decode()


def test_it_lets_the_coordinator_keep_this_sides_value(
    client: Client, cast: Cast, conflict: Conflict
) -> None:
    client.force_login(cast.rianne)
    client.post("/sync/conflicts/", {"conflict": conflict.pk, "choice": "keep"})
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.RESOLVED
    assert SupportPoint.objects.get(code="OSS-01").name == "Sporthal De Rusheuvel"


def test_it_shows_a_help_request_conflict_as_needing_a_decision(
    client: Client, cast: Cast, conflict: Conflict
) -> None:
    conflict.kind = ConflictKind.NEEDS_DECISION
    conflict.save()
    client.force_login(cast.rianne)
    assert "Beslissing nodig" in client.get("/sync/conflicts/").content.decode()


def test_it_shows_the_crisis_operator_the_log_without_a_decision(
    client: Client, cast: Cast, conflict: Conflict
) -> None:
    client.force_login(cast.cas)
    page = client.get("/sync/conflicts/")
    assert page.status_code == 200 and "Sporthal (laptop)" in page.content.decode()
    assert "Deze waarde houden" not in page.content.decode()
    response = client.post("/sync/conflicts/", {"conflict": conflict.pk, "choice": "take"})
    assert response.status_code == 403
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.OPEN


@pytest.mark.parametrize("persona", ["kees", "olaf", "pim"])
def test_it_refuses_viewers_officers_and_point_leads(
    client: Client, cast: Cast, conflict: Conflict, persona: str
) -> None:
    client.force_login(getattr(cast, persona))
    assert client.get("/sync/conflicts/").status_code == 403
    assert (
        client.post("/sync/conflicts/", {"conflict": conflict.pk, "choice": "take"}).status_code
        == 403
    )


def test_it_shows_xander_nothing_of_brabant_noords_conflicts(
    client: Client, cast: Cast, conflict: Conflict
) -> None:
    elsewhere = SupportPoint(uid=uuid.uuid4(), code="ELD-01", name="Dorpshuis Elders")
    mine = make_conflict(cast.xander.region, elsewhere)  # the record need not be here to list
    client.force_login(cast.xander)
    page = client.get("/sync/conflicts/").content.decode()
    assert "Dorpshuis Elders" in page and "Sporthal De Rusheuvel" not in page
    response = client.post("/sync/conflicts/", {"conflict": conflict.pk, "choice": "take"})
    assert response.status_code == 404
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.OPEN and mine.status == ConflictStatus.OPEN
