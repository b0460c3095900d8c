"""The Brabant-Noord demo region: real CBS data shipped in the package (see demo_data/*/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from paraat.areas import services
from paraat.areas.constants import ImportKind
from paraat.areas.models import Region
from paraat.geo.readers import read_features

DEMO_DIR = Path(__file__).resolve().parent / "demo_data" / "brabant-noord"
REGION_CODE = "VR21"
REGION_NAME = "Brabant-Noord"

FILES = [
    ("gemeenten_2022.geojson", ImportKind.MUNICIPALITY, 2022),
    ("wijken_2022.geojson", ImportKind.WIJK, 2022),
    ("pc4_inwoners_2021.geojson", ImportKind.PC4, 2021),
]


@transaction.atomic
def load_demo_region() -> tuple[Region, list[services.ImportResult]]:
    """Load (or refresh) the demo region's outline, municipalities, wijken and postcode areas."""
    outline = read_features(DEMO_DIR / "veiligheidsregio_brabant-noord.geojson")
    geometry = outline.geometries[0]
    region = services.ensure_region(code=REGION_CODE, name=REGION_NAME, geometry=geometry)
    results = [
        services.import_areas(path=DEMO_DIR / name, region=region, kind=kind, population_year=year)
        for name, kind, year in FILES
    ]
    return region, results


def load() -> list[str]:
    """Hook for `paraat demo`."""
    _region, results = load_demo_region()
    return [result.summary() for result in results]
