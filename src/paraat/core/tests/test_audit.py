"""The audit trail covers every domain model and records who changed what, before and after."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from paraat.core import audit
from paraat.core.constants import AuditAction
from paraat.core.models import AuditEntry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_records_before_and_after_values_with_the_actor(cast: Cast) -> None:
    with audit.acting_as(cast.rianne):
        cast.oss.population = 12_345
        cast.oss.save()
    entry = AuditEntry.objects.for_object(cast.oss).newest_first().first()
    assert entry is not None
    assert (entry.action, entry.actor, entry.actor_label) == (
        AuditAction.UPDATE,
        cast.rianne,
        "rianne",
    )
    assert ("population", 10_000, 12_345) in entry.changed_fields()


def test_it_records_deletes_and_never_stores_password_hashes(cast: Cast) -> None:
    cast.kees.set_password("something else entirely")
    cast.kees.save()
    entry = AuditEntry.objects.for_object(cast.kees).newest_first().first()
    assert entry is not None and "password" not in (entry.after or {})
    pk = cast.kees.pk
    cast.kees.delete()
    assert AuditEntry.objects.filter(
        model="accounts.user", object_pk=str(pk), action=AuditAction.DELETE
    ).exists()


def test_it_covers_every_model_of_every_paraat_app() -> None:
    paraat_models = {
        m._meta.label_lower for m in apps.get_models() if m.__module__.startswith("paraat.")
    }
    assert set(audit.audited_models()) == paraat_models - audit.EXCLUDED
    assert "areas.area" in audit.audited_models() and "accounts.user" in audit.audited_models()


def test_it_shows_the_trail_to_the_coordinator_only(cast: Cast) -> None:
    with audit.acting_as(cast.rianne):
        cast.vught.name = "Vught (gewijzigd)"
        cast.vught.save()
    client = Client()
    client.force_login(cast.rianne)
    body = client.get(reverse("audit")).content.decode()
    assert "Vught (gewijzigd)" in body
    client.force_login(cast.olaf)
    assert client.get(reverse("audit")).status_code == 403
