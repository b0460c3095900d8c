"""Demo accounts: one per persona, all with the demo password (`paraat.demo.loaders`)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.accounts.services import create_user
from paraat.areas.models import Municipality, Region

DEMO_PASSWORD = "paraat-demo"  # noqa: S105 - the published demo password, refused in production

# (username, description, role, municipality codes)
DEMO_ACCOUNTS: list[tuple[str, Promise, Role, list[str]]] = [
    ("coordinator", _("region coordinator (the whole region)"), Role.REGION_COORDINATOR, []),
    ("oss", _("officer of the municipality of Oss"), Role.MUNICIPAL_OFFICER, ["GM0828"]),
    ("vught", _("officer of the municipality of Vught"), Role.MUNICIPAL_OFFICER, ["GM0865"]),
    ("operator", _("crisis operator"), Role.CRISIS_OPERATOR, []),
    ("puntleider", _("lead of a noodsteunpunt"), Role.POINT_LEAD, []),
    ("kijker", _("read only"), Role.VIEWER, []),
]


def load() -> list[str]:
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
    return [_("%(count)s demo accounts made") % {"count": made}]
