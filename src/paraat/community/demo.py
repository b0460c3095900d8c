"""Synthetic demo volunteers and partners for Brabant-Noord. Every one is invented: the name says
so, the e-mail addresses end in .invalid (a domain that can never receive mail), volunteers have
no phone numbers and partners' numbers are all zeros."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Region
from paraat.community import availability, partners, services
from paraat.community.constants import (
    CERTIFIED_SKILLS,
    Organisation,
    PartnerKind,
    PowerDependency,
    Skill,
    VolunteerOrigin,
)
from paraat.community.models import Partner, PointStaffing, Volunteer
from paraat.supportpoints.models import SupportPoint

REGION_CODE = "VR21"
COUNT = 240
ISSUERS = {"first_aid": "Het Oranje Kruis", "aed": "Nederlandse Reanimatie Raad", "bhv": "NIBHV"}


def load() -> list[str]:
    region = Region.objects.get(code=REGION_CODE)
    return _volunteers(region) + _partners(region)


def _volunteers(region: Region) -> list[str]:
    if Volunteer.objects.in_region(region).exists():
        return ["vrijwilligers al aanwezig"]
    rng = random.Random(13)  # noqa: S311 - invented demo data, seeded
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


# (name, kind, backup hours min / likely / max, sends a liaison, what they promise)
PARTNERS = (
    ("Verzonnen Waterbedrijf Brabant (demo)", PartnerKind.WATER, (24.0, 72.0, 120.0), True,
     "Noodwater via tappunten bij de noodsteunpunten vanaf dag 2."),
    ("Verzonnen Netbeheerder Zuid (demo)", PartnerKind.GRID, None, True,
     "Prioriteit bij herstel voor ziekenhuizen en noodsteunpunten."),
    ("Verzonnen Mobiel Netwerk (demo)", PartnerKind.TELECOM, (4.0, 8.0, 12.0), False,
     "Mobiele aggregaten voor masten bij de coördinatiepunten."),
    ("Verzonnen Thuiszorg Maasland (demo)", PartnerKind.CARE, (2.0, 6.0, 12.0), True,
     "Belt cliënten met apparatuur thuis binnen 4 uur na uitval en meldt wie hulp nodig heeft."),
    ("Verzonnen Supermarktketen (demo)", PartnerKind.SUPERMARKET, (2.0, 8.0, 24.0), False,
     "Houdt een filiaal per gemeente open voor contante verkoop."),
    ("Verzonnen Brandstofleverancier (demo)", PartnerKind.FUEL, (24.0, 48.0, 96.0), False,
     "Levert eerst aan aggregaten van noodsteunpunten en zorg."),
    ("Verzonnen Rode Kruis-afdeling (demo)", PartnerKind.RED_CROSS, None, True,
     "Ready2Help-vrijwilligers voor de bemensing van noodsteunpunten."),
)  # fmt: skip


def _partners(region: Region) -> list[str]:
    if Partner.objects.in_region(region).exists():
        return ["partners al aanwezig"]
    today = timezone.localdate()
    care = None
    for n, (name, kind, hours, liaison, promises) in enumerate(PARTNERS, start=1):
        low, likely, high = hours or (None, None, None)
        partner = partners.register_partner(region=region, data={
            "name": name, "kind": kind, "control_room_phone": f"000-000000{n}",
            "radio_channel": f"Verzonnen gespreksgroep {n}", "sends_liaison": liaison,
            "agreement": f"Verzonnen convenant {n} (demo)",
            "agreement_signed_on": today - dt.timedelta(days=400),
            # One review overdue, so the list shows how that looks.
            "agreement_review_on": today + dt.timedelta(days=-10 if n == 2 else 200),
            "backup_hours_min": low, "backup_hours": likely, "backup_hours_max": high,
            "promises": promises,
        })  # fmt: skip
        partners.add_contact(partner=partner, data={
            "name": f"Verzonnen contactpersoon {n}", "role": "Liaison",
            "email": f"partner{n}@voorbeeld.invalid", "is_liaison": liaison,
        })  # fmt: skip
        if kind == PartnerKind.CARE:
            care = partner
    areas = list(
        Area.objects.filter(municipality__region=region, kind=AreaKind.PC4).order_by("code")[:12]
    )
    rng = random.Random(21)  # noqa: S311 - invented demo data, seeded
    assert care is not None
    for area in areas:
        for dependency in PowerDependency.values:
            partners.record_power_dependent(
                partner=care, area=area, dependency=dependency, count=rng.randint(0, 25)
            )
    return [f"{len(PARTNERS)} verzonnen partners, met cliënten met apparatuur thuis in {len(areas)} gebieden"]  # fmt: skip
