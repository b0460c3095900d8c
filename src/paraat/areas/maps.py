"""Choropleth maps of areas and municipalities, drawn as inline SVG."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from shapely.geometry import shape

from paraat.areas.models import Area, Municipality, Region
from paraat.geo import geojson, svgmap

CIRCLE_FILL = "#3182bd"


SHARE = "share_65_plus"
POPULATION = "population"
LABEL_AREAS_UP_TO = 80  # more areas than this: only the municipalities are named on the map
CIRCLE_MAX_PX = 14.0  # radius of the largest proportional circle


def metric_value(item: Area | Municipality, metric: str) -> float | None:
    if metric == SHARE:
        share = item.share_65_plus
        return None if share is None else round(share * 100, 1)
    return None if item.population is None else float(item.population)


def metric_label(metric: str) -> str:
    return _("share aged 65+ (%)") if metric == SHARE else _("residents")


def _number(value: float, metric: str) -> str:
    if metric == SHARE:
        return f"{number_format(value, decimal_pos=1)}%"
    return number_format(value, decimal_pos=0, force_grouping=True)


def choropleth(
    items: Sequence[Area | Municipality],
    *,
    metric: str,
    title: str,
    extent: Region | Municipality | None = None,
    outlines: Sequence[Municipality] = (),
) -> dict[str, Any]:
    """An SVG map plus its legend; the page shows the same numbers in a table.

    A share is drawn as classes of colour (quantiles, with a legend of their ranges); a count
    (residents) as circles whose area is proportional to it, over light shapes, because a shade
    by head count makes large areas look important. ``outlines`` are municipalities drawn and
    named over the areas (the region's map of its wijken); the areas themselves are named when
    there are few enough of them to read.
    """
    values = [metric_value(i, metric) for i in items]
    named = len(items) <= LABEL_AREAS_UP_TO
    if metric == SHARE:
        colours, breaks = svgmap.classify(values)
    else:
        colours, breaks = [svgmap.NO_DATA if v is None else "#f2f2f2" for v in values], []
    shapes = [
        svgmap.Shape(
            geometry=item.geometry,
            label=f"{item}: {'-' if value is None else _number(value, metric)}",
            fill=colour,
            href=_href(item),
            stroke="#9a9a9a" if metric != SHARE else "#ffffff",
            text=(item.name or item.code) if named and not outlines else "",
            # Under the municipalities' names on the region's map, the areas' own on paper.
            print_text=(item.name or item.code) if outlines else "",
        )
        for item, value, colour in zip(items, values, colours, strict=True)
    ]
    shapes += [
        svgmap.Shape(geometry=m.geometry, label=m.name, fill="none", stroke="#333333", text=m.name)
        for m in outlines
        if m.geometry
    ]
    legend: list[tuple[str, str]] = []
    palette = svgmap.SEQUENTIAL[-max(1, len(breaks) - 1) :]
    for i in range(len(breaks) - 1):
        legend.append(
            (palette[i], f"{_number(breaks[i], metric)} – {_number(breaks[i + 1], metric)}")
        )
    if any(v is None for v in values):
        legend.append((svgmap.NO_DATA, _("unknown")))
    circles, sizes = ([], []) if metric == SHARE else _circles(items, values)
    svg = svgmap.render(
        shapes,
        markers=circles,
        title=title,
        basemap_url=settings.PARAAT_BASEMAP_WMS_URL,
        basemap_layer=settings.PARAAT_BASEMAP_WMS_LAYER,
        extent=geojson.from_geojson(extent.geometry)
        if extent is not None and extent.geometry
        else None,
    )
    return {"svg": svg, "legend": legend, "sizes": sizes, "legend_title": metric_label(metric)}


def _circles(
    items: Sequence[Area | Municipality], values: Sequence[float | None]
) -> tuple[list[svgmap.Marker], list[dict[str, Any]]]:
    """Proportional circles (area by value) at each area's inner point, the largest drawn first
    so small ones stay visible; and the legend's reference circles (size in px, value)."""
    known = [v for v in values if v]
    if not known:
        return [], []
    largest = max(known)
    circles = []
    for item, value in sorted(zip(items, values, strict=True), key=lambda pair: -(pair[1] or 0)):
        if not value or not item.geometry:
            continue
        inner = shape(item.geometry).point_on_surface()
        circles.append(
            svgmap.Marker(
                lon=inner.x,
                lat=inner.y,
                label=f"{item}: {_number(value, POPULATION)}",
                fill=CIRCLE_FILL,
                radius=max(1.0, CIRCLE_MAX_PX * math.sqrt(value / largest)),
                keep_clear=False,  # the municipalities' names may lie over them
            )
        )
    references = [_rounded(largest * part) for part in (1.0, 0.25, 1 / 16)]
    sizes = []
    for value in references:
        radius = round(CIRCLE_MAX_PX * math.sqrt(value / largest), 1)
        box = round(2 * radius + 2, 1)
        sizes.append(
            {"box": box, "centre": box / 2, "radius": radius, "text": _number(value, POPULATION)}
        )
    return circles, sizes


def _rounded(value: float) -> float:
    """A legend's reference value to two significant digits (12,345 -> 12,000)."""
    if value <= 0:
        return value
    digits = 1 - int(math.floor(math.log10(value)))
    return float(round(value, digits))


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
