"""Demo knowledge for Brabant-Noord: two knowledge sessions with their documents, a presentation
and a link. Every item is an invented example and says so; the files are made on the spot."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from paraat.areas.models import Region
from paraat.knowledge import samples, services
from paraat.knowledge.constants import ItemKind, OrganisationKind, ProgrammeLine, Risk
from paraat.knowledge.models import KnowledgeItem

REGION_CODE = "VR21"
INVENTED = "Verzonnen voorbeeld voor de demo."
ORGANISATIONS = [
    ("Netbeheerder Brabant (verzonnen)", OrganisationKind.VITAL_PARTNER),
    ("Drinkwaterbedrijf Noord (verzonnen)", OrganisationKind.VITAL_PARTNER),
    ("GHOR Brabant-Noord (verzonnen)", OrganisationKind.COLUMN_PARTNER),
]


def load() -> list[str]:
    region = Region.objects.filter(code=REGION_CODE).first()
    if region is None:
        return ["geen kennisitems: regio VR21 ontbreekt"]
    if KnowledgeItem.objects.in_region(region).exists():
        return ["kennisitems al aanwezig"]
    organisations = [
        services.add_organisation(region=region, name=name, kind=kind)
        for name, kind in ORGANISATIONS
    ]
    soon = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=14)
    first = services.add_item(
        region=region, user=None,
        data={
            "kind": ItemKind.KNOWLEDGE_SESSION, "title": "Kennissessie langdurige stroomuitval",
            "description": f"{INVENTED} Wat valt wanneer uit, en wat betekent dat voor de noodsteunpunten?",
            "programme_line": ProgrammeLine.PREPAREDNESS, "risk": Risk.POWER_OUTAGE,
            "tags": "stroomuitval, noodsteunpunten, vitale partners",
            "starts_at": soon - dt.timedelta(days=60), "location": "Brandweerkazerne Oss (verzonnen)",
        },
        upload=services.Upload("verslag-kennissessie-stroomuitval.pdf", samples.pdf(
            "Verslag kennissessie langdurige stroomuitval (verzonnen)",
            [INVENTED, "Na vier uur zonder stroom vallen de meeste mobiele masten uit. De "
             "netbeheerder verwacht bij een regionale storing een herstel in fasen.",
             "Afspraak: elk noodsteunpunt oefent de opstart met het noodaggregaat."],
        )),
    )  # fmt: skip
    services.record_attendance(item=first, attendee_count=34, organisations=organisations)
    second = services.add_item(
        region=region, user=None,
        data={
            "kind": ItemKind.KNOWLEDGE_SESSION, "title": "Kennissessie drinkwater bij crisis",
            "description": f"{INVENTED} Noodwater uitdelen: 3 liter per persoon per dag.",
            "programme_line": ProgrammeLine.AGREEMENTS, "risk": Risk.DRINKING_WATER,
            "tags": "drinkwater, noodwater", "starts_at": soon,
            "location": "Gemeentehuis Vught (verzonnen)",
        },
        upload=services.Upload("draaiboek-noodwater.docx", samples.docx(
            "Draaiboek noodwater (verzonnen)",
            [INVENTED, "Uitgiftepunten voor noodwater: één per 2.500 inwoners, binnen "
             "loopafstand. Het drinkwaterbedrijf levert tappunten en flessen."],
        )),
        organisations=organisations[1:2],
    )  # fmt: skip
    services.add_item(
        region=region, user=None,
        data={
            "kind": ItemKind.PRESENTATION, "title": "Presentatie weerbaarheid voor de raad",
            "description": INVENTED, "programme_line": ProgrammeLine.AWARENESS,
            "risk": Risk.GENERAL, "tags": "raad, handelingsperspectief",
        },
        upload=services.Upload("weerbaarheid-raad.pptx", samples.pptx(
            "Weerbaarheid in Brabant-Noord (verzonnen)",
            [INVENTED, "Noodsteunpunten in elke gemeente", "Handelingsperspectief: 72 uur zelfredzaam"],
        )),
    )  # fmt: skip
    services.add_item(
        region=region, user=None,
        data={
            "kind": ItemKind.LINK, "title": "Denk vooruit: bereid je voor op een noodsituatie",
            "description": "Overheidssite met handelingsperspectief voor inwoners.",
            "programme_line": ProgrammeLine.AWARENESS, "risk": Risk.GENERAL,
            "url": "https://www.denkvooruit.nl/", "tags": "noodpakket",
        },
    )  # fmt: skip
    return [f"kennisplatform: 4 items, waarvan 2 kennissessies ({first.pk}, {second.pk})"]
