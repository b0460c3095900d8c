"""Where a volunteer lives, as precisely as she lets us: a PC6 or PC4 area's representative point."""

from __future__ import annotations

import re

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Municipality, Region
from paraat.geo.nearest import point_rd

POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})?\s*$")


def normalise_postcode(text: str) -> str | None:
    """'5341 ab' → '5341AB', '5341' → '5341'; None when it is no Dutch postcode."""
    match = POSTCODE.match(text or "")
    if match is None:
        return None
    return match.group(1) + (match.group(2) or "").upper()


def postcode_location(region: Region, postcode: str) -> tuple[Municipality, float, float] | None:
    """The municipality and lon/lat of a postcode in the region: PC6 if known, else its PC4."""
    candidates = [(AreaKind.PC6, postcode)] if len(postcode) == 6 else []
    candidates.append((AreaKind.PC4, postcode[:4]))
    for kind, code in candidates:
        area = (
            Area.objects.select_related("municipality")
            .filter(kind=kind, code=code, municipality__region=region)
            .first()
        )
        if area is not None:
            return area.municipality, area.point_lon, area.point_lat
    return None


rd = point_rd  # one lon/lat in RD New metres (paraat.geo.nearest)
