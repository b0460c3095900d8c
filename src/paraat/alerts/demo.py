"""Demo alert for Brabant-Noord: one published exercise alert, so the alert pages, the feed and
the resident pages have something to show.

It goes through the same steps as a real alert: the coordinator writes it from the power-outage
template, the crisis operator approves it and the coordinator publishes it. Its CAP status is
Exercise, so every output marks it as an exercise. Runs after the support points' demo
(INSTALLED_APPS order), so the template names the nearest noodsteunpunten.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation

from paraat.accounts.models import User
from paraat.alerts import presenters, presets, services
from paraat.alerts.constants import CapStatus
from paraat.alerts.models import Alert
from paraat.areas.demo import REGION_CODE
from paraat.areas.models import Region
from paraat.publicinfo.constants import Risk

MUNICIPALITY = "GM0796"  # 's-Hertogenbosch
DAYS_IN_FORCE = 14


def load() -> list[str]:
    region = Region.objects.filter(code=REGION_CODE).first()
    author = User.objects.filter(username="coordinator").first()
    reviewer = User.objects.filter(username="operator").first()
    if region is None or author is None or reviewer is None:
        return []
    if Alert.objects.filter(region=region).exists():
        return []
    with translation.override("nl"):
        centre = presenters.centre_of(region, [MUNICIPALITY], [])
        data: dict[str, object] = dict(presets.fill(region, Risk.POWER_OUTAGE, centre=centre))
        now = timezone.now().replace(second=0, microsecond=0)
        data.update(
            status=CapStatus.EXERCISE,
            effective=now,
            expires=now + dt.timedelta(days=DAYS_IN_FORCE),
            area_desc="Gemeente 's-Hertogenbosch",
        )
        alert = services.save_alert(
            region=region,
            user=author,
            data=data,
            municipality_codes=[MUNICIPALITY],
            area_codes=[],
        )
        services.submit(alert=alert, user=author)
        services.approve(alert=alert, user=reviewer)
        services.publish(alert=alert, user=author)
    return ["1 oefenwaarschuwing (stroomuitval, 's-Hertogenbosch) gepubliceerd"]
