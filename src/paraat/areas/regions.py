"""Starting a safety region from its own municipalities file (`paraat region create`, first-run setup).

The region's outline is the union of its municipalities. Creating it again with the same code,
name and file changes nothing; a code that names another region, or a municipality that belongs
to another region, is refused with the reason and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from django.db import transaction
from django.utils.translation import gettext_noop

from paraat.areas import services
from paraat.areas.constants import ImportKind
from paraat.areas.importers import parse_areas
from paraat.areas.models import Municipality, Region
from paraat.geo.readers import Problem, ReadError, read_features

CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9-]{1,9}")


@dataclass
class RegionResult:
    region: Region
    created: bool
    municipalities: services.ImportResult

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.region.code,
            "name": self.region.name,
            "created": self.created,
            "municipalities": self.municipalities.as_dict(),
        }


def normalise_code(code: str) -> str:
    return code.strip().upper()


def create_region(
    *,
    code: str,
    name: str,
    path: str | Path,
    population_year: int | None = None,
    display_name: str | None = None,
) -> RegionResult:
    """Create (or refresh) region ``code`` with the municipalities in the file at ``path``.

    Raises ReadError naming the file, row and field of every problem; then nothing is stored.
    """
    code = normalise_code(code)
    name = name.strip()
    table = read_features(path, display_name=display_name)
    problems: list[Problem] = []
    if not CODE_PATTERN.fullmatch(code):
        problems.append(
            Problem(
                table.file,
                None,
                "--code",
                gettext_noop("'%(code)s' is not a region code (example: VR21)"),
                {"code": code},
            )
        )
    if not name:
        problems.append(
            Problem(table.file, None, "--name", gettext_noop("the name of the region is missing"))
        )
    existing = Region.objects.filter(code=code).first()
    if existing is not None and existing.name != name:
        problems.append(
            Problem(
                table.file,
                None,
                "--code",
                gettext_noop(
                    "code %(code)s is already the region %(name)s; choose another code or the "
                    "same name"
                ),
                {"code": code, "name": existing.name},
            )
        )
    parsed = parse_areas(table, kind=ImportKind.MUNICIPALITY)
    owners = {
        m.code: m.region
        for m in Municipality.objects.filter(code__in=[r.code for r in parsed.records])
        .exclude(region__code=code)
        .select_related("region")
    }
    for record in parsed.records:
        owner = owners.get(record.code)
        if owner is not None:
            problems.append(
                Problem(
                    table.file,
                    record.row,
                    "gm_code",
                    gettext_noop(
                        "municipality %(code)s already belongs to region %(region)s (%(name)s)"
                    ),
                    {"code": record.code, "region": owner.code, "name": owner.name},
                )
            )
    if problems:
        raise ReadError(problems)
    outline = shapely.union_all([record.geometry for record in parsed.records])
    with transaction.atomic():
        region = services.ensure_region(code=code, name=name, geometry=outline)
        result = services.import_areas(
            path=path,
            region=region,
            kind=ImportKind.MUNICIPALITY,
            display_name=table.file,
            population_year=population_year,
        )
    return RegionResult(region=region, created=existing is None, municipalities=result)


def region_rows() -> list[dict[str, Any]]:
    """Every region with its counts, for `paraat region list`."""
    from django.db.models import Count

    regions = Region.objects.annotate(
        municipality_count=Count("municipalities", distinct=True),
        user_count=Count("users", distinct=True),
    ).order_by("code")
    return [
        {
            "code": region.code,
            "name": region.name,
            "municipalities": region.municipality_count,
            "users": region.user_count,
        }
        for region in regions
    ]
