"""The first-run web setup: a region, its areas and points, and its first coordinator, at once.

Opened by a one-time key from `paraat setup-token`, so only someone with the server's command line
can start it. Everything is one transaction: a bad file leaves nothing behind, and the key stays
usable to try again. Each step can be redone later on the region's own pages and commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas import regions, services
from paraat.areas.models import Region
from paraat.core import audit


class SetupRefused(Exception):
    """The setup key is unknown, used or expired."""


@dataclass
class SetupResult:
    region: Region
    coordinator: User
    summaries: list[str] = field(default_factory=list)


def run_first_setup(
    *,
    setup_key: str,
    code: str,
    name: str,
    municipalities: Path,
    areas: list[Path],
    points: Path | None,
    polling_places: Path | None,
    username: str,
    email: str,
    password: str,
) -> SetupResult:
    """Create the region from its files and its first region coordinator; all or nothing.

    Raises ReadError (file, row, field) for a bad file and SetupRefused for a bad key.
    """
    from paraat.accounts import services as accounts_services
    from paraat.accounts import tokens
    from paraat.supportpoints import exchange, polling

    with transaction.atomic(), audit.acting_as(None, "first-run setup"):
        if not tokens.use_setup_token(setup_key):
            raise SetupRefused()
        created = regions.create_region(code=code, name=name, path=municipalities)
        region = created.region
        summaries = [created.municipalities.summary()]
        for path in areas:
            summaries.append(services.import_areas(path=path, region=region).summary())
        if points is not None:
            result: dict[str, Any] = exchange.import_points(path=points, region=region)
            summaries.append(f"{points.name}: {result['created']} + {result['updated']}")
        if polling_places is not None:
            result = polling.import_polling_places(path=polling_places, region=region)
            summaries.append(f"{polling_places.name}: {result['created']} + {result['updated']}")
        coordinator = accounts_services.create_user(
            username=username,
            password=password,
            role=Role.REGION_COORDINATOR,
            region=region,
            email=email,
        )
    return SetupResult(region=region, coordinator=coordinator, summaries=summaries)
