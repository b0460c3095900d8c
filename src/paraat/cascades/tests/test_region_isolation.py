"""Two regions in one database: one region's partner figures and points stay out of the other's
outage clock, on its pages and in `paraat cascade run --region`."""

from __future__ import annotations

import json

import pytest

from paraat.cascades import services
from paraat.cascades.tests.django_helpers import WATER, small_network
from paraat.testing.isolation import command_text, leaked, page_text
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
NOTE = "Geheime cijfers van Brabant-Noord"


def test_it_shows_nothing_of_one_region_to_the_other(cast: Cast) -> None:
    small_network(cast)
    services.save_regional_figures(region=cast.region, data=WATER, user=cast.rianne, note=NOTE)
    assert leaked(page_text(cast.xander, "/outage-clock/figures/"), [NOTE]) == []
    other = json.loads(command_text("cascade", "run", "--json", "--runs", "0", "--region", "VR99"))
    own = json.loads(command_text("cascade", "run", "--json", "--runs", "0", "--region", "VR21"))
    assert other["region"]["code"] == "VR99" and other["region"]["points"] == 0
    assert not other["region"]["figures_version"]
    assert own["region"]["points"] == 4 and own["region"]["figures_version"] == 1
