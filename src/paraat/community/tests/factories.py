"""Community test data: postcode areas around Oss and volunteers registered through the service.

Offsets are RD New metres from the centre of Oss, so distances can be checked by hand.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from paraat.areas.constants import AreaKind
from paraat.community import services
from paraat.community.models import Volunteer
from paraat.testing import factories, geometry
from paraat.testing.personas import Cast

_codes = itertools.count(5300)


def postcode_at(cast: Cast, dx: float, dy: float = 0.0, municipality: Any = None) -> str:
    """A fresh PC4 area of 100 m centred dx, dy metres from the centre of Oss."""
    code = str(next(_codes))
    factories.AreaFactory(
        municipality=municipality or cast.oss,
        kind=AreaKind.PC4,
        code=code,
        name=code,
        centre_rd=(geometry.OSS_RD[0] + dx, geometry.OSS_RD[1] + dy),
        size_m=100.0,
    )
    return code


def make_volunteer(
    cast: Cast,
    name: str,
    *,
    dx: float = 0.0,
    dy: float = 0.0,
    skills: tuple[str, ...] = ("first_aid",),
    certified: bool = True,
    email: str | None = None,
    phone: str = "",
    **data: Any,
) -> Volunteer:
    today = timezone.localdate()
    expires = today + dt.timedelta(days=365) if certified else today - dt.timedelta(days=1)
    certified_skills = [s for s in skills if s in ("first_aid", "aed", "bhv")]
    return services.register_volunteer(
        region=cast.region,
        data={
            "name": name,
            "email": email if email is not None else f"{name.lower()}@example.nl",
            "phone": phone,
            "postcode": postcode_at(cast, dx, dy),
            "skills": list(skills),
            "certificates": [
                {"skill": s, "issuer": "Het Oranje Kruis", "expires_on": expires}
                for s in certified_skills
            ],
            **data,
        },
    )
