"""Two regions in one database: a coordinator reads only their own region's audit trail."""

from __future__ import annotations

import pytest

from paraat.core import audit
from paraat.core.models import AuditEntry
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing import factories
from paraat.testing.isolation import leaked, page_text
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _elsewhere(cast: Cast) -> None:
    factories.MunicipalityFactory(
        region=cast.xander.region, code="GM0001", name="Eigenstad", centre_rd=(100_000, 450_000)
    )


def test_it_shows_neither_region_the_others_entries(cast: Cast) -> None:
    other = cast.xander.region
    with audit.acting_as(cast.rianne):
        cast.vught.name = "Vught Geheim"
        cast.vught.save()
        SupportPointFactory(region=cast.region, code="CP-GEHEIM", name="Geheime Kazerne")
    with audit.acting_as(cast.xander):
        factories.MunicipalityFactory(
            region=other, code="GM0001", name="Eigenstad", centre_rd=(100_000, 450_000)
        )
        SupportPointFactory(
            region=other, code="CP-EIGEN", name="Eigen Kazerne", at=(100_000, 450_000)
        )
    xander_sees = page_text(cast.xander, "/audit/")
    assert "Eigen Kazerne" in xander_sees and "Eigenstad" in xander_sees
    assert leaked(xander_sees, ["Vught Geheim", "Geheime Kazerne", "rianne"]) == []
    rianne_sees = page_text(cast.rianne, "/audit/")
    assert "Geheime Kazerne" in rianne_sees and "Vught Geheim" in rianne_sees
    assert leaked(rianne_sees, ["Eigen Kazerne", "Eigenstad", "xander"]) == []


def test_it_places_an_entry_in_the_region_of_the_changed_row_not_the_actor(cast: Cast) -> None:
    _elsewhere(cast)
    with audit.acting_as(cast.rianne):
        point = SupportPointFactory(
            region=cast.xander.region, code="CP-X", name="X", at=(100_000, 450_000)
        )
    regions = {e.region_id for e in AuditEntry.objects.for_object(point)}
    assert regions == {cast.xander.region.pk}


def test_it_places_rows_without_a_region_field_through_their_foreign_keys(cast: Cast) -> None:
    assert audit.region_path(type(cast.oss)) == ("region",)
    assert audit.region_id_of(cast.oss) == cast.region.pk
    assert audit.region_id_of(cast.region) == cast.region.pk
    assert audit.region_id_of(cast.olaf) == cast.region.pk
    entry = AuditEntry.objects.for_object(cast.olaf).newest_first().first()
    assert entry is not None and entry.region_id == cast.region.pk


def test_it_assigns_existing_entries_their_region_when_migrating(cast: Cast) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("paraat.core.migrations.0003_audit_entry_region")
    _elsewhere(cast)
    point = SupportPointFactory(
        region=cast.xander.region, code="CP-X", name="X", at=(100_000, 450_000)
    )
    with audit.acting_as(cast.rianne):
        cast.oss.name = "Oss gewijzigd"
        cast.oss.save()
    AuditEntry.objects.create(model="gone.model", object_pk="1", object_repr="?", action="update")
    AuditEntry.objects.update(region=None)
    migration.assign_regions(apps, None)
    regions = {e.region_id for e in AuditEntry.objects.for_object(point)}
    assert regions == {cast.xander.region.pk}
    assert AuditEntry.objects.for_object(cast.oss).newest_first()[0].region == cast.region
    assert AuditEntry.objects.get(model="gone.model").region is None
