"""Two regions in one database: nothing of Brabant-Noord's alerts reaches the other region's staff."""

from __future__ import annotations

import pytest

from paraat.alerts.tests.factories import draft, published
from paraat.testing.isolation import leaked, page_text, status
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
MARKERS = ["Stroomstoring in Oss", "Geheim concept"]


def test_it_shows_nothing_of_one_region_to_the_other(cast: Cast) -> None:
    live = published(cast)
    concept = draft(cast, headline_nl="Geheim concept")
    assert leaked(page_text(cast.xander, "/alerts/"), MARKERS) == []
    for alert in (live, concept):
        path = f"/alerts/{alert.pk}/"
        assert status(cast.xander, path) in (403, 404)
        assert leaked(page_text(cast.xander, path), MARKERS) == []
    # The control: the alerts' own region sees both.
    assert leaked(page_text(cast.rianne, "/alerts/"), MARKERS) == MARKERS
