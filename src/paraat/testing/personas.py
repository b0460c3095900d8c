"""The people in our tests, in one place (after healthchecks' hc/test.py).

- Rianne is the region coordinator of Brabant-Noord: she sees and edits everything in the region.
- Olaf is a municipal officer of Oss: he edits Oss and must not edit Vught.
- Vera is a municipal officer of Vught.
- Cas is a crisis operator: he sees the whole region and runs operations.
- Pim leads a noodsteunpunt: he reports only for his own points.
- Kees is a viewer: he reads, never writes.
- Xander works for another region and sees nothing of Brabant-Noord.
- A resident has no account at all (an anonymous client).
"""

from __future__ import annotations

from dataclasses import dataclass

from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Municipality, Region
from paraat.testing import factories, geometry

PASSWORD = "correct horse battery"


@dataclass
class Cast:
    region: Region
    oss: Municipality
    vught: Municipality
    rianne: User
    olaf: User
    vera: User
    cas: User
    pim: User
    kees: User
    xander: User


def make_cast() -> Cast:
    region = factories.RegionFactory()
    oss = factories.MunicipalityFactory(
        region=region, code="GM0828", name="Oss", centre_rd=geometry.OSS_RD
    )
    vught = factories.MunicipalityFactory(
        region=region, code="GM0865", name="Vught", centre_rd=geometry.VUGHT_RD
    )
    other = factories.RegionFactory(code="VR99", name="Elders")
    return Cast(
        region=region,
        oss=oss,
        vught=vught,
        rianne=factories.UserFactory(
            username="rianne", role=Role.REGION_COORDINATOR, region=region
        ),
        olaf=factories.UserFactory(
            username="olaf", role=Role.MUNICIPAL_OFFICER, region=region, municipalities=[oss]
        ),
        vera=factories.UserFactory(
            username="vera", role=Role.MUNICIPAL_OFFICER, region=region, municipalities=[vught]
        ),
        cas=factories.UserFactory(username="cas", role=Role.CRISIS_OPERATOR, region=region),
        pim=factories.UserFactory(username="pim", role=Role.POINT_LEAD, region=region),
        kees=factories.UserFactory(username="kees", role=Role.VIEWER, region=region),
        xander=factories.UserFactory(username="xander", role=Role.REGION_COORDINATOR, region=other),
    )
