"""What the alert pages show, computed from an alert (reads only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from paraat.alerts import cap, document, nlalert
from paraat.alerts.models import Alert
from paraat.areas.models import Area, Municipality


@dataclass(frozen=True)
class Preview:
    xml: str
    report: cap.Report
    cell: nlalert.CellText
    published: bool


def cell_text(alert: Alert) -> nlalert.CellText:
    parts = {
        language: nlalert.Part(
            headline=alert.text(language, "headline"),
            description=alert.text(language, "description"),
            instruction=alert.text(language, "instruction"),
            web=alert.web,
        )
        for language in ("nl", "en")
    }
    return nlalert.compose(parts["nl"], parts["en"], status=alert.status)


def preview(alert: Alert) -> Preview:
    """The document as published, or as it would be if it were sent now."""
    published = bool(alert.cap_xml)
    body = bytes(alert.cap_xml) if published else document.build(alert, sent=timezone.now())
    report = cap.check(body)
    return Preview(body.decode("utf-8", "replace"), report, cell_text(alert), published)


def centre_of(region: Any, municipality_codes: list[str], area_codes: list[str]) -> Any:
    """A (lon, lat) in the middle of the chosen areas, for the nearest support points."""
    points = [
        (m.point_lon, m.point_lat)
        for m in Municipality.objects.in_region(region).filter(code__in=municipality_codes)
    ]
    points += [
        (a.point_lon, a.point_lat)
        for a in Area.objects.in_region(region).filter(code__in=area_codes)
    ]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def places_of(region: Any, municipality_codes: list[str], area_codes: list[str]) -> Any:
    """(name, lon, lat) of every municipality and area an alert covers, for its nearest points."""
    found = [
        (m.name, m.point_lon, m.point_lat, m.pk)
        for m in Municipality.objects.in_region(region)
        .filter(code__in=municipality_codes)
        .order_by("name")
    ]
    found += [
        (a.name or a.code, a.point_lon, a.point_lat, a.municipality_id)
        for a in Area.objects.in_region(region).filter(code__in=area_codes).order_by("code")
    ]
    return [place for place in found if place[1] is not None and place[2] is not None]


def places_of_alert(alert: Alert) -> Any:
    """The places of a stored alert (its municipalities and areas)."""
    found = [
        (m.name, m.point_lon, m.point_lat, m.pk) for m in alert.municipalities.order_by("name")
    ]
    found += [
        (a.name or a.code, a.point_lon, a.point_lat, a.municipality_id)
        for a in alert.areas.order_by("code")
    ]
    return [place for place in found if place[1] is not None and place[2] is not None]


def form_initial(alert: Alert) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: getattr(alert, name)
        for name in [
            "risk",
            "status",
            "event",
            "category",
            "response_type",
            "urgency",
            "severity",
            "certainty",
            "web",
            "headline_nl",
            "description_nl",
            "instruction_nl",
            "headline_en",
            "description_en",
            "instruction_en",
            "area_desc",
        ]
    }
    data["effective"] = timezone.localtime(alert.effective) if alert.effective else None
    data["expires"] = timezone.localtime(alert.expires) if alert.expires else None
    data["municipalities"] = [m.code for m in alert.municipalities.all()]
    data["area_codes"] = " ".join(a.code for a in alert.areas.all())
    if alert.polygon:
        from paraat.alerts import geometry

        data["polygon"] = geometry.from_geojson(alert.polygon).wkt
    return data
