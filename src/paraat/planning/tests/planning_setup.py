"""A hand-computable planning case in Oss (see test_coverage.py for the arithmetic).

Three square areas of 1 km, spread over 100 cells of 100 m each:
- A around the point P1 (1,000 residents, 200 aged 65+): every cell within 1 km of P1;
- C just east of A (1,000 residents): 46 of its 100 cells within 1 km of P1;
- B 3 km north of A (500 residents): no cell within 1 km of P1.
Candidate S1 sits in the middle of B (adds 500), candidate S2 2 km east of P1 (adds 460).
"""

from __future__ import annotations

from dataclasses import dataclass

from paraat.areas.models import Area
from paraat.supportpoints.constants import Lifecycle, NormResult, Tier
from paraat.supportpoints.models import SupportPoint
from paraat.supportpoints.tests.factories import SupportPointFactory
from paraat.testing import factories
from paraat.testing.geometry import OSS_RD
from paraat.testing.personas import Cast

X, Y = OSS_RD
TOTAL = 2_500.0
COVERED = 1_000.0 + 460.0


@dataclass
class Plan:
    a: Area
    b: Area
    c: Area
    p1: SupportPoint
    s1: SupportPoint
    s2: SupportPoint


def make_plan(cast: Cast) -> Plan:
    a = factories.AreaFactory(
        municipality=cast.oss,
        code="WK082801",
        name="Centrum",
        centre_rd=(X, Y),
        population=1000,
        age_65_plus=200,
    )
    c = factories.AreaFactory(
        municipality=cast.oss,
        code="WK082802",
        name="Oost",
        centre_rd=(X + 1000, Y),
        population=1000,
        age_65_plus=100,
    )
    b = factories.AreaFactory(
        municipality=cast.oss,
        code="WK082803",
        name="Noord",
        centre_rd=(X, Y + 3000),
        population=500,
        age_65_plus=50,
    )
    p1 = SupportPointFactory(
        region=cast.region,
        code="OSS-01",
        name="Wijkcentrum",
        tier=Tier.COORDINATION,
        lifecycle=Lifecycle.DESIGNATED,
        at=(X, Y),
    )
    s1 = SupportPointFactory(
        region=cast.region,
        code="KAN-01",
        name="School Noord",
        tier=Tier.CANDIDATE,
        lifecycle=Lifecycle.CANDIDATE,
        at=(X, Y + 3000),
    )
    s2 = SupportPointFactory(
        region=cast.region,
        code="KAN-02",
        name="Sporthal Oost",
        tier=Tier.CANDIDATE,
        lifecycle=Lifecycle.CANDIDATE,
        at=(X + 2000, Y),
    )
    SupportPoint.objects.filter(pk=p1.pk).update(norm_result=NormResult.PASS)
    p1.refresh_from_db()
    return Plan(a=a, b=b, c=c, p1=p1, s1=s1, s2=s2)
