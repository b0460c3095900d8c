"""Demo: the shipped advice texts for Brabant-Noord, so the editor and the public site have them."""

from __future__ import annotations

from paraat.areas.demo import REGION_CODE
from paraat.areas.models import Region
from paraat.publicinfo import services


def load() -> list[str]:
    region = Region.objects.filter(code=REGION_CODE).first()
    if region is None:
        return []
    counts = services.load_advice(region=region)
    return [
        f"{counts['created']} adviesteksten voor inwoners geladen (/public/ toont de publiekssite)"
    ]
