"""Alerts for tests, made through the services (so every rule applies)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from paraat.alerts import services
from paraat.alerts.constants import CapStatus, MsgType
from paraat.alerts.models import Alert
from paraat.testing.personas import Cast


def alert_data(**overrides: Any) -> dict[str, Any]:
    now = timezone.now().replace(microsecond=0)
    data: dict[str, Any] = {
        "risk": "power_outage",
        "event": "Langdurige stroomstoring",
        "category": "Infra",
        "response_type": "Prepare",
        "urgency": "Immediate",
        "severity": "Severe",
        "certainty": "Observed",
        "status": CapStatus.ACTUAL,
        "effective": now - dt.timedelta(minutes=5),
        "expires": now + dt.timedelta(hours=12),
        "web": "",
        "headline_nl": "Stroomstoring in Oss",
        "description_nl": "De stroom is uitgevallen in Oss.",
        "instruction_nl": "- Houd deuren dicht.\n- Ga naar het noodsteunpunt voor nieuws.",
        "headline_en": "Power outage in Oss",
        "description_en": "The power is out in Oss.",
        "instruction_en": "- Keep doors closed.\n- Go to the support point for news.",
        "area_desc": "",
    }
    data.update(overrides)
    return data


def draft(
    cast: Cast,
    *,
    author: Any = None,
    municipalities: tuple[str, ...] = ("GM0828",),
    areas: tuple[str, ...] = (),
    drawn: str = "",
    **overrides: Any,
) -> Alert:
    return services.save_alert(
        region=cast.region,
        user=author or cast.rianne,
        data=alert_data(**overrides),
        municipality_codes=list(municipalities),
        area_codes=list(areas),
        drawn=drawn,
    )


def approved(cast: Cast, *, author: Any = None, approver: Any = None, **kwargs: Any) -> Alert:
    alert = draft(cast, author=author, **kwargs)
    return approve_it(alert, author=author or cast.rianne, approver=approver or cast.cas)


def approve_it(alert: Alert, *, author: Any, approver: Any) -> Alert:
    alert = services.submit(alert=alert, user=author)
    return services.approve(alert=alert, user=approver)


def published(cast: Cast, **kwargs: Any) -> Alert:
    alert = approved(cast, **kwargs)
    return services.publish(alert=alert, user=alert.author)


def follow_up(cast: Cast, original: Alert, msg_type: str = MsgType.UPDATE) -> Alert:
    alert = services.start_follow_up(original=original, user=cast.rianne, msg_type=msg_type)
    alert = approve_it(alert, author=cast.rianne, approver=cast.cas)
    return services.publish(alert=alert, user=cast.rianne)
