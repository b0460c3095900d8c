"""Polling places (stemlokalen) as candidate sites for noodsteunpunten.

Mobile polling stations are not buildings: they are skipped with a note. A polling place within
50 m of a registered point is that point already and is skipped too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from paraat.areas.locate import municipality_at
from paraat.areas.models import Region
from paraat.geo.nearest import point_rd
from paraat.geo.readers import Problem, ReadError
from paraat.supportpoints import services
from paraat.supportpoints.constants import BuildingType, Lifecycle, Tier
from paraat.supportpoints.exchange import _bool, _point_table, _text
from paraat.supportpoints.models import SupportPoint

POLLING_CATEGORY = {
    "buurthuis_wijkcentrum": BuildingType.COMMUNITY_CENTRE,
    "school_onderwijs": BuildingType.SCHOOL,
    "sporthal_sportpark": BuildingType.SPORTS_HALL,
    "zorg_wonen": BuildingType.CARE_HOME,
    "gemeentehuis_overheid": BuildingType.TOWN_HALL,
    "kerk_religie": BuildingType.CHURCH,
    "bibliotheek": BuildingType.LIBRARY,
    "brandweer": BuildingType.FIRE_STATION,
}


def import_polling_places(*, path: str | Path, region: Region) -> dict[str, Any]:
    """Polling places (stemlokalen) as candidate sites; mobile polling stations are skipped with a note."""
    table, coords = _point_table(path, None)
    created = updated = 0
    skipped: list[str] = []
    registered = [
        (p, point_rd(p.lon, p.lat))
        for p in SupportPoint.objects.in_region(region).exclude(tier=Tier.CANDIDATE)
    ]
    with transaction.atomic():
        for row, line, xy in zip(table.rows, table.row_numbers, coords, strict=True):
            name = _text(row.get("naam"))
            if (
                _text(row.get("type_stembureau")) == "mobiel"
                or _text(row.get("categorie")) == "mobiel"
            ):
                skipped.append(
                    _("row %(row)s: %(name)s is a mobile polling station, not a building")
                    % {"row": line, "name": name}
                )
                continue
            if xy is None:
                skipped.append(
                    _("row %(row)s: %(name)s has no location") % {"row": line, "name": name}
                )
                continue
            here = point_rd(*xy) if xy is not None else None
            twin = next(
                (
                    p
                    for p, at in registered
                    if here is not None and np.hypot(at[0] - here[0], at[1] - here[1]) < 50
                ),
                None,
            )
            if twin is not None:
                skipped.append(f"rij {line}: {name} is al geregistreerd als {twin.code}")
                continue
            if municipality_at(region, *xy) is None:
                skipped.append(f"rij {line}: {name} ligt buiten {region.name}")
                continue
            code = f"SL{_text(row.get('bron_id'))}"
            existing = SupportPoint.objects.filter(region=region, code=code).first()
            if existing is not None and existing.tier != Tier.CANDIDATE:
                updated += 1  # already designated: keep what the region decided
                continue
            number = " ".join(
                p for p in (_text(row.get("huisnummer")), _text(row.get("huisletter"))) if p
            )
            data = {
                "code": code,
                "name": name or code,
                "tier": Tier.CANDIDATE,
                "lifecycle": Lifecycle.CANDIDATE,
                "building_type": POLLING_CATEGORY.get(
                    _text(row.get("categorie")), BuildingType.OTHER
                ),
                "street": _text(row.get("straat")),
                "house_number": number,
                "postcode": _text(row.get("postcode")),
                "city": _text(row.get("plaats")),
                "lon": xy[0],
                "lat": xy[1],
                "wheelchair_accessible": _bool(row.get("toegankelijk_lichamelijke_beperking")),
                "source": f"stemlokaal {_text(row.get('verkiezing'))} #{_text(row.get('bron_id'))}",
            }
            try:
                services.save_point(region=region, data=data, point=existing)
            except ValidationError as exc:
                raise ReadError(
                    [
                        Problem(table.file, line, f, m)
                        for f, ms in exc.message_dict.items()
                        for m in ms
                    ]
                ) from None
            if existing is None:
                created += 1
            else:
                updated += 1
    return {"created": created, "updated": updated, "skipped": skipped}
