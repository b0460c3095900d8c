"""Synthetic demo volunteers for Brabant-Noord. Every one is invented: the name says so, the
e-mail addresses end in .invalid (a domain that can never receive mail) and there are no phone
numbers."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Region
from paraat.community import availability, services
from paraat.community.constants import CERTIFIED_SKILLS, Organisation, Skill, VolunteerOrigin
from paraat.community.models import PointStaffing, Volunteer
from paraat.supportpoints.models import SupportPoint

REGION_CODE = "VR21"
COUNT = 240
ISSUERS = {"first_aid": "Het Oranje Kruis", "aed": "Nederlandse Reanimatie Raad", "bhv": "NIBHV"}


def load() -> list[str]:
    region = Region.objects.get(code=REGION_CODE)
    if Volunteer.objects.in_region(region).exists():
        return ["vrijwilligers al aanwezig"]
    rng = random.Random(13)
    areas = list(
        Area.objects.filter(municipality__region=region, kind=AreaKind.PC4).order_by("code")
    )
    points = list(SupportPoint.objects.in_region(region).active())
    if not areas or not points:
        return ["geen vrijwilligers: de regio heeft geen PC4-gebieden of actieve punten"]
    today = timezone.localdate()
    for n in range(1, COUNT + 1):
        area = rng.choice(areas)
        skills = rng.sample(Skill.values, k=rng.randint(1, 3))
        slots = [s for s in availability.ALL_SLOTS if rng.random() < 0.7]
        volunteer = services.register_volunteer(
            region=region,
            data={
                "name": f"Verzonnen vrijwilliger {n:03d}",
                "email": f"vrijwilliger{n:03d}@voorbeeld.invalid",
                "postcode": area.code,
                "skills": skills,
                "organisation": rng.choice(Organisation.values),
                "availability": slots,
                "certificates": [
                    {
                        "skill": s,
                        "issuer": ISSUERS[s],
                        "expires_on": today + dt.timedelta(days=rng.randint(-60, 900)),
                    }
                    for s in skills
                    if s in CERTIFIED_SKILLS
                ],  # fmt: skip
            },
            origin=VolunteerOrigin.IMPORT,
        )
        nearby = [p for p in points if p.municipality_id == volunteer.municipality_id]
        if nearby:
            volunteer.points.add(rng.choice(nearby))
    staffed = [PointStaffing(point=p, minimum_staff=2) for p in points]
    PointStaffing.objects.bulk_create(staffed, ignore_conflicts=True)
    return [f"{COUNT} verzonnen vrijwilligers (e-mail op .invalid, geen telefoonnummers)"]
