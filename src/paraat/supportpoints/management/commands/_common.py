"""What the support point commands share: picking the region and reporting file problems."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from paraat.areas.models import Region
from paraat.geo.readers import ReadError


def region(code: str | None) -> Region:
    if code:
        found = Region.objects.filter(code=code).first()
        if found is None:
            raise CommandError(f"Regio {code} bestaat niet")
        return found
    regions = list(Region.objects.all()[:2])
    if len(regions) != 1:
        raise CommandError(
            "Geef --region op"
            if regions
            else "Er is nog geen regio; laad eerst een regio (paraat demo)"
        )
    return regions[0]


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def refuse(stdout: Any, error: ReadError, as_json: bool) -> CommandError:
    """Print the problems (JSON when asked) and return the error that makes the exit code 1."""
    if as_json:
        stdout.write(dump({"ok": False, "problems": [p.__dict__ for p in error.problems]}))
    return CommandError("Niets geïmporteerd:\n" + "\n".join(f"  - {p}" for p in error.problems))
