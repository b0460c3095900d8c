"""Two regions in one database: nothing of Brabant-Noord's geography reaches the other region."""

from __future__ import annotations

import pytest

from paraat.testing import factories
from paraat.testing.isolation import api_text, command_text, leaked, page_text, status
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
MARKERS = ["Oss", "GM0828", "WK082899", "Geheimwijk", "GM0865"]


def test_it_shows_nothing_of_one_region_to_the_other(cast: Cast) -> None:
    factories.AreaFactory(municipality=cast.oss, code="WK082899", name="Geheimwijk", population=900)
    other = cast.xander.region
    factories.MunicipalityFactory(region=other, code="GM0001", name="Eigenstad")
    pages = page_text(
        cast.xander, "/region/", "/region/?kind=wijk", "/region/areas.geojson?kind=wijk"
    )
    assert "Eigenstad" in pages
    assert leaked(pages, MARKERS) == []
    # Refused (403 or 404), and the refusal names nothing of the other region.
    assert status(cast.xander, "/region/municipality/GM0828/") in (403, 404)
    assert status(cast.xander, "/region/area/wijk/WK082899/") in (403, 404)
    asked = ("/region/municipality/GM0828/", "/region/area/wijk/WK082899/")
    refusals = page_text(cast.xander, *asked)
    for url in asked:  # the error page's language switch returns to the address that was asked
        refusals = refusals.replace(url, "")
    assert leaked(refusals, MARKERS) == []
    api = api_text(cast.xander, "/api/v1/regions/", "/api/v1/municipalities/", "/api/v1/areas/")
    assert "GM0001" in api and leaked(api, MARKERS) == []
    listed = command_text("region", "list", "--json")
    assert "VR99" in listed  # the command line is the server's: it lists every region by code
    summary = command_text("summary", "--json")
    assert "Eigenstad" in summary
