"""A second, non-demo region for tests: Brabant-Noord's own CBS files split in two.

"Maasland" (VR98) gets Oss, Bernheze, Boekel, Land van Cuijk, Maashorst and Meierijstad; "Dommel"
(VR97) the rest (Boxtel, Heusden, 's-Hertogenbosch, Sint-Michielsgestel, Vught). Each group gets its
own municipalities, wijken and PC4 files, written to a folder, so a test starts a region from files
only, exactly as a real region would. ``cbs_rounded_pc4_row`` adds a postcode area whose figures are
rounded the way CBS publishes them: 15 residents, 20 of them aged 15-64.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paraat.areas.demo import DEMO_DIR

MAASLAND = ("GM0828", "GM1721", "GM0755", "GM1982", "GM1991", "GM1948")
CBS_ROUNDED_PC4 = "5399"


@dataclass
class RegionFiles:
    municipalities: Path
    wijken: Path
    pc4: Path
    codes: tuple[str, ...]


def _features(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))
    return data


def _write(folder: Path, name: str, data: dict[str, Any], features: list[Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps({**data, "features": features}), encoding="utf-8")
    return path


def split_region(folder: Path, *, maasland: bool, cbs_rounded_row: bool = False) -> RegionFiles:
    """Write one half of Brabant-Noord's files into ``folder`` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    gemeenten = _features("gemeenten_2022.geojson")
    keep = [
        f for f in gemeenten["features"] if (f["properties"]["gm_code"] in MAASLAND) == maasland
    ]
    codes = tuple(sorted(f["properties"]["gm_code"] for f in keep))
    wijken = _features("wijken_2022.geojson")
    pc4 = _features("pc4_inwoners_2021.geojson")
    pc4_rows = [f for f in pc4["features"] if f["properties"]["gm_code"] in codes]
    if cbs_rounded_row:
        donor = dict(pc4_rows[0])
        donor["properties"] = {
            **donor["properties"],
            "postcode": CBS_ROUNDED_PC4,
            "inwoners": 15,
            "inw_0_14": 0,
            "inw_15_64": 20,
            "inw_65plus": 0,
            "inw_75plus": 0,
        }
        pc4_rows.append(donor)
    return RegionFiles(
        municipalities=_write(folder, "gemeenten.geojson", gemeenten, keep),
        wijken=_write(
            folder,
            "wijken.geojson",
            wijken,
            [f for f in wijken["features"] if f["properties"]["gm_code"] in codes],
        ),
        pc4=_write(folder, "pc4.geojson", pc4, pc4_rows),
        codes=codes,
    )


def fire_stations(folder: Path, codes: tuple[str, ...]) -> Path:
    """The group's fire stations as an import-points file (coordination points), from the
    shipped Brabant-Noord fire stations."""
    data = _features("brandweerkazernes_brabant-noord_partieel.geojson")
    features = []
    for feature in data["features"]:
        props = feature["properties"]
        if props["gm_code"] not in codes:
            continue
        place = str(props["plaats"])
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "code": "CP-" + place.upper().replace(" ", "").replace("-", "")[:12],
                    "name": props["naam"],
                    "tier": "coordination",
                    "lifecycle": "prepared",
                    "building_type": "fire_station",
                    "street": props["straat"],
                    "house_number": props["huisnummer"],
                    "postcode": props["postcode"],
                    "city": place,
                },
            }
        )
    return _write(folder, "brandweerkazernes.geojson", data, features)


def polling_places(folder: Path, codes: tuple[str, ...]) -> Path:
    data = _features("stemlokalen_tk2023.geojson")
    keep = [f for f in data["features"] if f["properties"]["gm_code"] in codes]
    return _write(folder, "stemlokalen.geojson", data, keep)
