"""Choropleth maps of areas and municipalities, drawn as inline SVG."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from paraat.areas.models import Area, Municipality, Region
from paraat.geo import geojson, svgmap


def metric_value(item: Area | Municipality, metric: str) -> float | None:
    if metric == "share_65_plus":
        share = item.share_65_plus
        return None if share is None else round(share * 100, 1)
    return None if item.population is None else float(item.population)


def metric_label(metric: str) -> str:
    return _("share aged 65+ (%)") if metric == "share_65_plus" else _("residents")


def choropleth(
    items: Sequence[Area | Municipality],
    *,
    metric: str,
    title: str,
    extent: Region | Municipality | None = None,
) -> dict[str, Any]:
    """An SVG map plus its legend; the page shows the same numbers in a table."""
    values = [metric_value(i, metric) for i in items]
    colours, breaks = svgmap.classify(values)
    shapes = []
    for item, value, colour in zip(items, values, colours, strict=True):
        shown = (
            "-"
            if value is None
            else number_format(
                value, decimal_pos=1 if metric == "share_65_plus" else 0, force_grouping=True
            )
        )
        shapes.append(
            svgmap.Shape(
                geometry=item.geometry, label=f"{item}: {shown}", fill=colour, href=_href(item)
            )
        )
    legend = []
    palette = svgmap.SEQUENTIAL[-max(1, len(breaks) - 1) :]
    for i in range(len(breaks) - 1):
        low, high = breaks[i], breaks[i + 1]
        legend.append(
            (
                palette[i],
                f"{number_format(low, decimal_pos=0 if metric != 'share_65_plus' else 1, force_grouping=True)} – {number_format(high, decimal_pos=0 if metric != 'share_65_plus' else 1, force_grouping=True)}",
            )
        )
    if any(v is None for v in values):
        legend.append((svgmap.NO_DATA, _("unknown")))
    svg = svgmap.render(
        shapes,
        title=title,
        basemap_url=settings.PARAAT_BASEMAP_WMS_URL,
        basemap_layer=settings.PARAAT_BASEMAP_WMS_LAYER,
        extent=geojson.from_geojson(extent.geometry)
        if extent is not None and extent.geometry
        else None,
    )
    return {"svg": svg, "legend": legend, "legend_title": metric_label(metric)}


def _href(item: Area | Municipality) -> str:
    if isinstance(item, Municipality):
        return reverse("areas:municipality", args=[item.code])
    return reverse("areas:area", args=[item.kind, item.code])


def highlight(items: Sequence[Area], *, selected: Area, title: str) -> str:
    """A small locator map: the selected area dark, its neighbours light."""
    shapes = [
        svgmap.Shape(
            geometry=item.geometry,
            label=str(item),
            fill=svgmap.SEQUENTIAL[-1] if item.pk == selected.pk else svgmap.SEQUENTIAL[0],
            stroke="#6b6b6b",
            href=None if item.pk == selected.pk else _href(item),
        )
        for item in items
    ]
    return svgmap.render(shapes, title=title, width=480)
