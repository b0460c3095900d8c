"""Two regions in one database: nothing of Brabant-Noord's incidents reaches the other region."""

from __future__ import annotations

import pytest

from paraat.operations.tests.factories import make_scene
from paraat.testing.isolation import api_text, leaked, page_text, status
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
MARKERS = ["Stroomuitval Oss", "CP-OSS", "OSS-01", "VUG-01"]


def test_it_shows_nothing_of_one_region_to_the_other(cast: Cast) -> None:
    scene = make_scene(cast)
    pk = scene.incident.pk
    pages = page_text(cast.xander, "/operations/")
    assert leaked(pages, MARKERS) == []
    for path in (f"/operations/{pk}/", f"/operations/{pk}/log/", f"/operations/{pk}/requests/"):
        assert status(cast.xander, path) in (403, 404)
        assert leaked(page_text(cast.xander, path), MARKERS) == []
    api = api_text(cast.xander, "/api/v1/incidents/", f"/api/v1/incidents/{pk}/")
    assert leaked(api, MARKERS) == []
    # The control: the incident's own region does see it.
    assert "Stroomuitval Oss" in page_text(cast.cas, "/operations/")
