"""Steps of the two-instance test, each run in its own process against its own database.

    python -m paraat.sync.tests.scenario STEP [N]

``cast``: the people, region and municipalities (what `instance init` will copy; both sides).
``seed``: the region's points, an incident with its points activated and one help request.
``region``/``laptop``: the writes each side makes while they are apart.
``dump``: what is in the database, as JSON on stdout, to compare the two sides.
"""

from __future__ import annotations

import json
import os
import sys

import django


def main(step: str, count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paraat.settings")
    django.setup()
    from paraat.accounts.models import User
    from paraat.core.models import AuditEntry
    from paraat.operations import services
    from paraat.operations.constants import Channel, Need, PointState
    from paraat.operations.models import HelpRequest, Incident, LogEntry, StatusReport
    from paraat.operations.tests.factories import make_scene
    from paraat.supportpoints import services as point_services
    from paraat.supportpoints.models import SupportPoint
    from paraat.sync.models import Change, Conflict
    from paraat.testing.personas import make_cast

    if step == "cast":
        from django.conf import settings

        # Fast password hashing, as in the suite (conftest.py): nobody signs in with a password
        # here, and seven PBKDF2 hashes would cost seconds in each database.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        make_cast()
        return
    if step == "seed":
        from paraat.testing.personas import Cast

        users = {u.username: u for u in User.objects.all()}
        from paraat.areas.models import Municipality, Region

        region = Region.objects.get(code="VR21")
        cast = Cast(
            region=region,
            oss=Municipality.objects.get(code="GM0828"),
            vught=Municipality.objects.get(code="GM0865"),
            **{
                name: users[name]
                for name in ("rianne", "olaf", "vera", "cas", "pim", "kees", "xander")
            },
        )
        scene = make_scene(cast)
        services.create_help_request(
            incident=scene.incident, kind=Need.DRINKING_WATER, description="Water voor 40 mensen", user=cast.cas,
            point=scene.a,
        )  # fmt: skip
        return
    incident = Incident.objects.get()
    cas = User.objects.get(username="cas")
    point = SupportPoint.objects.get(code="OSS-01")
    request = HelpRequest.objects.get()
    if step in ("region", "laptop"):
        name = "Sporthal De Rusheuvel" if step == "region" else "Sporthal Rusheuvel (laptop)"
        data: dict[str, object] = {"name": name}
        data["capacity" if step == "region" else "notes"] = (
            120 if step == "region" else "sleutel bij buren"
        )
        point_services.save_point(region=point.region, point=point, data=data)
        if step == "region":
            services.complete_request(request=request, user=cas, outcome="geleverd")
        else:
            services.claim_request(request=request, user=cas)
        return
    if step in ("region-reports", "laptop-reports"):
        # Every record the services acknowledged, by uid: each must end up on both sides once.
        acknowledged = []
        for n in range(count):
            report, _created = services.record_status(
                incident=incident, point=point, idempotency_key=f"{step}-{n}",
                state=PointState.OPEN, channel=Channel.WEB, visitors=n, reporter=cas,
            )  # fmt: skip
            acknowledged.append(str(report.uid))
        entry = services.log(incident=incident, author=cas, text=f"Notitie {step}")
        print(json.dumps({"reports": acknowledged, "log": [str(entry.uid)]}))
        return
    if step == "dump":
        out = {
            "points": sorted(SupportPoint.objects.values_list("uid", "code", "name", "capacity", "notes")),
            "requests": sorted(HelpRequest.objects.values_list("uid", "status")),
            "reports": sorted(StatusReport.objects.values_list("uid", "idempotency_key")),
            "log": sorted(LogEntry.objects.values_list("uid", "text")),
            "audit_uids": sorted(AuditEntry.objects.values_list("uid", flat=True)),
            "journaled_audit": sorted(
                Change.objects.filter(model="core.auditentry").values_list("record_uid", flat=True)
            ),
            "conflicts": sorted(Conflict.objects.values_list("model", "field", "kind", "kept_value", "other_value")),
        }  # fmt: skip
        print(json.dumps(out, default=str))
        return
    raise SystemExit(f"unknown step {step}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
