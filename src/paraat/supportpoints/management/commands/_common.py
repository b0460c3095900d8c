"""What the support point commands share: picking the region and reporting file problems."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from paraat.areas.models import Region
from paraat.core.management.base import resolve_region
from paraat.geo.readers import ReadError


def region(code: str | None) -> Region:
    """The shared `--region` rule of every command (see paraat.core.management.base)."""
    return resolve_region(code)


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def refuse(stdout: Any, error: ReadError, as_json: bool) -> CommandError:
    """Print the problems (JSON when asked) and return the error that makes the exit code 1."""
    if as_json:
        stdout.write(dump({"ok": False, "problems": [p.as_dict() for p in error.problems]}))
    return CommandError(
        _("Nothing imported:") + "\n" + "\n".join(f"  - {p}" for p in error.problems)
    )
