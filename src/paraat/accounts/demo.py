"""Demo accounts: one per persona, all with the demo password."""

from __future__ import annotations

from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.accounts.services import create_user

# (username, description, role, municipality codes)
DEMO_ACCOUNTS: list[tuple[str, str, Role, list[str]]] = [
    ("coordinator", "regiocoördinator (hele regio)", Role.REGION_COORDINATOR, []),
    ("oss", "ambtenaar gemeente Oss", Role.MUNICIPAL_OFFICER, ["GM0828"]),
    ("vught", "ambtenaar gemeente Vught", Role.MUNICIPAL_OFFICER, ["GM0865"]),
    ("operator", "crisisfunctionaris", Role.CRISIS_OPERATOR, []),
    ("puntleider", "leider van een noodsteunpunt", Role.POINT_LEAD, []),
    ("kijker", "alleen lezen", Role.VIEWER, []),
]


def load() -> list[str]:
    from paraat.areas.models import Municipality, Region
    from paraat.core.management.commands.demo import DEMO_PASSWORD

    region = Region.objects.get(code="VR21")
    made = 0
    for username, _label, role, codes in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        create_user(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            region=region,
            municipalities=Municipality.objects.filter(code__in=codes),
        )
        made += 1
    return [f"{made} demo-accounts aangemaakt"]
