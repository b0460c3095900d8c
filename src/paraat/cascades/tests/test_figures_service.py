"""The region's partner figures: validated by the outage model, versioned and audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from paraat.cascades import services
from paraat.cascades.models import RegionalFigures
from paraat.cascades.tests.django_helpers import WATER
from paraat.core.models import AuditEntry
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_stores_figures_and_counts_versions(cast: Cast) -> None:
    first = services.save_regional_figures(region=cast.region, data=WATER, user=cast.rianne)
    assert first.version == 1
    second = services.save_regional_figures(
        region=cast.region, data={**WATER, "water_days_likely": 9.0}, user=cast.rianne
    )
    assert second.pk == first.pk and second.version == 2
    assert RegionalFigures.objects.get().updated_by == cast.rianne


def test_it_writes_an_override_the_model_accepts(cast: Cast) -> None:
    figures = services.save_regional_figures(region=cast.region, data=WATER)
    backup = figures.override()["services"]["drinking_water_production"]["backup"]
    assert (backup["min"], backup["likely"], backup["max"], backup["unit"]) == (
        7.0,
        10.0,
        14.0,
        "d",
    )
    assert backup["source"] == "region-water"


def test_it_joins_the_audit_trail(cast: Cast) -> None:
    services.save_regional_figures(region=cast.region, data=WATER)
    entry = AuditEntry.objects.filter(model="cascades.regionalfigures").get()
    assert entry.after is not None and entry.after["water_days_likely"] == 10.0


def test_it_refuses_a_likely_value_outside_the_range(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        services.save_regional_figures(
            region=cast.region, data={**WATER, "water_days_likely": 20.0}
        )
    assert "water_days_likely" in error.value.message_dict
    assert not RegionalFigures.objects.exists()


def test_it_refuses_a_figure_without_source(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        services.save_regional_figures(
            region=cast.region,
            data={"masts_extended_percent": 30.0, "masts_source": ""},
        )
    assert "masts_source" in error.value.message_dict


def test_it_names_the_field_the_model_refuses_in_advanced_figures(cast: Cast) -> None:
    extra = {"services": {"grid": {"backup": {"min": 1, "likely": 2, "max": 3}}}}
    with pytest.raises(ValidationError) as error:
        services.save_regional_figures(region=cast.region, data={"extra": extra})
    messages = error.value.message_dict["extra"]
    assert any("services.grid.backup.source" in m for m in messages)
    assert not RegionalFigures.objects.exists()
