"""Posters to print before a crisis: an A4 per postcode area or wijk, and a door poster per point.

Drawn with reportlab alone (standard PDF fonts, shapes for the map), from a snapshot, so they can
be made in any process and in the static export without system libraries.
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from shapely.geometry import shape

from paraat.geo import crs as geocrs
from paraat.publicinfo import advice as library
from paraat.publicinfo.constants import AdvicePhase, PublicState, Risk
from paraat.publicinfo.pages import distance_text
from paraat.publicinfo.snapshot import AreaEntry, PublicPoint, Snapshot
from paraat.supportpoints.constants import Service

BLUE = HexColor("#154273")
ORANGE = HexColor("#d94801")
LIGHT = HexColor("#e5eef8")
GREY = HexColor("#4a4a4a")
STATE_COLOURS = {
    PublicState.OPEN: HexColor("#1a7f37"),
    PublicState.LIMITED: HexColor("#8a4600"),
    PublicState.FULL: HexColor("#6639ba"),
    PublicState.CLOSED: HexColor("#a40e26"),
    PublicState.OPENING: HexColor("#154273"),
    PublicState.NOT_OPEN: HexColor("#154273"),
}
MARGIN = 40.0
WIDTH, HEIGHT = A4


_binary_lock = threading.Lock()
_binary_users = 0
_saved_a85: Any = None


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Write the compressed page streams as binary, not ASCII85 (reportlab's default for 7-bit
    channels): a PDF file needs no 7-bit safety, and the pure-Python encoder took a third of an
    export's time. The setting is global in reportlab; it is put back when the last poster ends."""
    global _binary_users, _saved_a85
    with _binary_lock:
        if _binary_users == 0:
            _saved_a85 = rl_config.useA85
        _binary_users += 1
        rl_config.useA85 = 0
    try:
        yield
    finally:
        with _binary_lock:
            _binary_users -= 1
            if _binary_users == 0:
                rl_config.useA85 = _saved_a85


class _Page:
    """A canvas with a cursor that moves down as text is written."""

    def __init__(self, title: str) -> None:
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("Paraat")
        self.y = HEIGHT - MARGIN

    def band(self, title: str, subtitle: str) -> None:
        c = self.canvas
        c.setFillColor(BLUE)
        c.rect(0, HEIGHT - 120, WIDTH, 120, stroke=0, fill=1)
        c.setFillColor(white)
        size = _fit(title, "Helvetica-Bold", 30, WIDTH - 2 * MARGIN)
        c.setFont("Helvetica-Bold", size)
        c.drawString(MARGIN, HEIGHT - 62, title)
        c.setFont("Helvetica", 14)
        for i, line in enumerate(simpleSplit(subtitle, "Helvetica", 14, WIDTH - 2 * MARGIN)[:2]):
            c.drawString(MARGIN, HEIGHT - 88 - i * 17, line)
        self.y = HEIGHT - 120 - 26

    def text(
        self,
        text: str,
        *,
        size: float = 11,
        bold: bool = False,
        colour: Any = None,
        indent: float = 0,
        width: float | None = None,
        gap: float = 3,
    ) -> None:
        font = "Helvetica-Bold" if bold else "Helvetica"
        c = self.canvas
        c.setFillColor(colour or HexColor("#1a1a1a"))
        c.setFont(font, size)
        usable = (width or WIDTH - 2 * MARGIN) - indent
        for line in simpleSplit(text, font, size, usable):
            c.drawString(MARGIN + indent, self.y - size, line)
            self.y -= size * 1.25
        self.y -= gap

    def bullets(self, items: Sequence[str], *, size: float = 10.5) -> None:
        for item in items:
            self.canvas.setFillColor(BLUE)
            self.canvas.circle(MARGIN + 4, self.y - size * 0.65, 2, stroke=0, fill=1)
            self.text(item, size=size, indent=12, gap=1.5)

    def finish(self, footer: str) -> bytes:
        c = self.canvas
        c.setFillColor(GREY)
        c.setFont("Helvetica", 8.5)
        for i, line in enumerate(simpleSplit(footer, "Helvetica", 8.5, WIDTH - 2 * MARGIN)[:3]):
            c.drawString(MARGIN, 28 - i * 10.5, line)
        c.showPage()
        c.save()
        return self.buffer.getvalue()


def _fit(text: str, font: str, size: float, width: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    while size > 12 and stringWidth(text, font, size) > width:
        size -= 1
    return size


def _numbers(page: _Page, snap: Snapshot, municipality_code: str) -> None:
    page.text(_("Numbers to remember"), size=13, bold=True, colour=BLUE)
    contact = snap.places.contacts.get(municipality_code, {})
    rows = [
        ("112", _("Emergency: danger to people or animals")),
        ("0800-9009", _("Power or gas outage")),
    ]
    name = contact.get("name", "")
    if contact.get("phone"):
        rows.append((contact["phone"], _("Municipality of %(name)s") % {"name": name}))
    elif contact.get("website"):
        rows.append((contact["website"], _("Municipality of %(name)s") % {"name": name}))
    for number, label in rows:
        page.canvas.setFont("Helvetica-Bold", 13)
        page.canvas.setFillColor(HexColor("#1a1a1a"))
        page.canvas.drawString(MARGIN, page.y - 13, number)
        page.canvas.setFont("Helvetica", 11)
        page.canvas.drawString(MARGIN + 150, page.y - 12, label)
        page.y -= 18
    page.y -= 6


# Outline (by identity, held so the id stays its own) -> its rings and their bounds. The outlines
# live in a snapshot and are drawn on many posters (every area poster draws its neighbours), so
# each is reprojected and simplified once, not once per poster. A rebuilt snapshot brings new
# outline objects: the cache is emptied when full, so it holds a few snapshots' outlines at most.
_RINGS: dict[int, tuple[dict[str, Any], list[tuple[Any, tuple[float, float, float, float]]]]] = {}
_RINGS_KEPT = 3_000


def _rings(outline: dict[str, Any] | None) -> list[Any]:
    """Exterior rings of a GeoJSON outline in RD New metres (simplified to 10 m)."""
    return [ring for ring, _bounds in _bounded_rings(outline)]


def _bounded_rings(
    outline: dict[str, Any] | None,
) -> list[tuple[Any, tuple[float, float, float, float]]]:
    """The rings of ``outline`` with (min x, max x, min y, max y) each, computed once."""
    import numpy as np

    if not outline:
        return []
    known = _RINGS.get(id(outline))
    if known is not None and known[0] is outline:
        return known[1]
    geom = geocrs.reproject(shape(outline), geocrs.WGS84, geocrs.RD_NEW).simplify(10)
    polygons = getattr(geom, "geoms", [geom])
    rings = [np.asarray(p.exterior.coords) for p in polygons if p.geom_type == "Polygon"]
    found = [
        (
            r,
            (
                float(r[:, 0].min()),
                float(r[:, 0].max()),
                float(r[:, 1].min()),
                float(r[:, 1].max()),
            ),
        )
        for r in rings
    ]
    if len(_RINGS) >= _RINGS_KEPT:
        _RINGS.clear()
    _RINGS[id(outline)] = (outline, found)
    return found


def _path_code(px: Any, py: Any) -> str:
    """PDF path operators for a closed ring (points in page units), at 1/100 pt: what reportlab's
    path object writes point by point, formatted in one go."""
    import numpy as np

    n = len(px)
    flat = np.empty(2 * n)
    flat[0::2], flat[1::2] = px, py
    return ("%.2f %.2f m " + "%.2f %.2f l " * (n - 1) + "h") % tuple(flat.tolist())


def _map(
    page: _Page,
    *,
    outline: dict[str, Any] | None,
    here: tuple[float, float],
    points: Sequence[tuple[float, float]],
    context: Sequence[dict[str, Any]] = (),
    height: float = 230,
) -> None:
    """The area and the numbered points, to scale, in a box across the page; the neighbouring
    postcode areas are drawn in grey so a reader can find their way."""
    import numpy as np

    c = page.canvas
    left, top, width = MARGIN, page.y, WIDTH - 2 * MARGIN
    c.setStrokeColor(HexColor("#8a8a8a"))
    c.setFillColor(HexColor("#fafafa"))
    c.rect(left, top - height, width, height, stroke=1, fill=1)
    rings = _rings(outline)
    lons = [here[0], *(p[0] for p in points)]
    lats = [here[1], *(p[1] for p in points)]
    xs, ys = geocrs.to_rd(np.asarray(lons), np.asarray(lats))
    all_x = np.concatenate([xs, *(r[:, 0] for r in rings)]) if rings else xs
    all_y = np.concatenate([ys, *(r[:, 1] for r in rings)]) if rings else ys
    span_x = max(float(all_x.max() - all_x.min()), 400.0)
    span_y = max(float(all_y.max() - all_y.min()), 400.0)
    scale = min((width - 60) / span_x, (height - 60) / span_y)
    cx, cy = float(all_x.min() + all_x.max()) / 2, float(all_y.min() + all_y.max()) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return left + width / 2 + (x - cx) * scale, top - height / 2 + (y - cy) * scale

    def draw(ring: Any, *, fill: Any, stroke: Any, line: float) -> None:
        c.setFillColor(fill)
        c.setStrokeColor(stroke)
        c.setLineWidth(line)
        px = left + width / 2 + (ring[:, 0] - cx) * scale
        py = top - height / 2 + (ring[:, 1] - cy) * scale
        # Fill and stroke (B), as drawPath(stroke=1, fill=1) writes it.
        c.addLiteral(_path_code(px, py) + (" B" if fill is not None else " S"))

    c.saveState()
    clip = c.beginPath()
    clip.rect(left, top - height, width, height)
    c.clipPath(clip, stroke=0, fill=0)
    half_w, half_h = width / 2 / scale, height / 2 / scale
    for other in context:
        for ring, (min_x, max_x, min_y, max_y) in _bounded_rings(other):
            if (
                max_x < cx - half_w
                or min_x > cx + half_w
                or max_y < cy - half_h
                or min_y > cy + half_h
            ):
                continue
            draw(ring, fill=HexColor("#fafafa"), stroke=HexColor("#b0b0b0"), line=0.6)
    for ring in rings:
        draw(ring, fill=LIGHT, stroke=BLUE, line=1.5)
    hx, hy = at(float(xs[0]), float(ys[0]))
    c.setFillColor(BLUE)
    c.rect(hx - 5, hy - 5, 10, 10, stroke=0, fill=1)
    for n, (x, y) in enumerate(zip(xs[1:], ys[1:], strict=True), start=1):
        px, py = at(float(x), float(y))
        c.setFillColor(ORANGE)
        c.setStrokeColor(HexColor("#000000"))
        c.setLineWidth(0.8)
        c.circle(px, py, 10, stroke=1, fill=1)
        c.setFillColor(white)
        c.setFont("Helvetica-Bold", 11)
        c.drawCentredString(px, py - 4, str(n))
    c.restoreState()
    c.setStrokeColor(HexColor("#8a8a8a"))
    c.setLineWidth(1)
    c.rect(left, top - height, width, height, stroke=1, fill=0)
    c.setFillColor(GREY)
    c.setFont("Helvetica", 8.5)
    c.drawString(
        left, top - height - 11, _("Blue square: your area. Numbers: the points in the list.")
    )
    page.y = top - height - 24


def _advice_items(snap: Snapshot, risk: str, phase: str, language: str, limit: int) -> list[str]:
    text = snap.advice(risk, phase, language)
    if text is None:
        return []
    items: list[str] = []
    for block in library.blocks(text.body):
        items.extend(block["items"] if block["kind"] == "ul" else [block["text"]])
    return items[:limit]


def area_poster(snap: Snapshot, area: AreaEntry, language: str = "nl") -> bytes:
    """An A4 for a postcode area or wijk: where to go, a small map, what to do, which numbers."""
    with translation.override(language), _binary_streams():
        if area.kind == "wijk":
            where = _("District %(name)s (%(municipality)s)") % {
                "name": area.name or area.code,
                "municipality": area.municipality,
            }
        else:
            where = _("Postcode %(code)s (%(municipality)s)") % {
                "code": area.code,
                "municipality": area.municipality,
            }
        title = _("Where do I go in a crisis?")
        page = _Page(f"{title} {where}")
        page.band(title, where)
        page.text(
            _(
                "Are power, phone or internet down for a long time? Go to an emergency support "
                "point. There you get news and help, and you can report an emergency."
            ),
            size=12,
        )
        points = snap.places.points
        chosen = [(points[i], m) for i, m in area.nearest[:3]]
        _map(
            page,
            outline=area.outline,
            here=(area.lon, area.lat),
            points=[(p.lon, p.lat) for p, _m in chosen],
            context=[a.outline for a in snap.places.areas.get("pc4", {}).values() if a.outline],
        )
        page.text(_("Nearest emergency support points"), size=13, bold=True, colour=BLUE)
        for n, (point, metres) in enumerate(chosen, start=1):
            page.text(f"{n}. {point.name}", size=12, bold=True, gap=0)
            page.text(
                f"{point.address} · {distance_text(metres, snap.places.walking)}",
                size=10.5,
                indent=14,
                gap=4,
            )
        page.y -= 4
        page.text(_("If the power is out for a long time"), size=13, bold=True, colour=BLUE)
        page.bullets(_advice_items(snap, Risk.POWER_OUTAGE, AdvicePhase.DURING, language, 8))
        page.y -= 4
        _numbers(page, snap, area.municipality_code)
        footer = _(
            "%(region)s · made %(date)s. Print this poster and hang it where your household "
            "sees it. Points and advice can change: look at the website of your municipality."
        ) % {"region": snap.places.region_name, "date": _date(snap)}
        return page.finish(footer)


def point_poster(
    snap: Snapshot, point: PublicPoint, language: str = "nl", *, url: str = ""
) -> bytes:
    """For the door of a point, printed in advance: what it is, what it offers when open, where to
    look for the live state (``url`` in words and as a QR code) and where else to go.

    A poster hangs for months, so it never states whether the point is open: that would be
    wrong soon after it was printed ("NOT OPEN" on the door of a point that opened).
    """
    with translation.override(language), _binary_streams():
        page = _Page(point.name)
        page.band(_("Emergency support point"), point.name)
        page.text(point.address, size=14, bold=True)
        c = page.canvas
        height = 110
        top = page.y
        c.setFillColor(BLUE)
        c.rect(MARGIN, top - height, WIDTH - 2 * MARGIN, height, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont("Helvetica-Bold", 26)
        c.drawString(MARGIN + 16, top - 40, _("Is this point open now?"))
        room = WIDTH - 2 * MARGIN - 32 - (height if url else 0)
        if url:
            lines = [_("Look on the website:"), url]
        else:
            lines = [_("Listen to the regional radio station, or ask at a coordination point.")]
        y = top - 64
        for line in lines:
            size = _fit(line, "Helvetica", 13, room)
            c.setFont("Helvetica-Bold" if line == url else "Helvetica", size)
            c.drawString(MARGIN + 16, y, line)
            y -= 18
        if url:
            _qr(c, url, x=WIDTH - MARGIN - height + 8, y=top - height + 8, size=height - 16)
        page.y -= height + 18
        page.text(_("When it is open, this point offers"), size=13, bold=True, colour=BLUE)
        labels = [str(Service(s).label) for s in point.planned_services if s in Service.values]
        page.bullets(labels or [_("Information")], size=12)
        page.y -= 6
        others = [(i, m) for i, m in snap.nearest_to(point.lon, point.lat, 4) if i != point.index]
        if others:
            page.text(
                _("Full or closed? The nearest other points:"), size=13, bold=True, colour=BLUE
            )
            for i, metres in others[:3]:
                other = snap.places.points[i]
                page.text(
                    # From memory (nearest_to): always the estimate, never the network.
                    f"{other.name} — {other.address} · {distance_text(metres, 'estimate')}",
                    size=11,
                )
            page.y -= 6
        municipality = next(
            (
                code
                for code, c in snap.places.contacts.items()
                if c.get("name") == point.municipality
            ),
            "",
        )
        _numbers(page, snap, municipality)
        footer = _("%(region)s · made %(date)s.") % {
            "region": snap.places.region_name,
            "date": _date(snap),
        }
        return page.finish(footer)


def _qr(canvas: Canvas, url: str, *, x: float, y: float, size: float) -> None:
    """A QR code of ``url`` on a white square (reportlab's own encoder: no system library)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.renderPDF import draw
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(url, barBorder=2)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    draw(drawing, canvas, x, y)


def _date(snap: Snapshot) -> str:
    return _moment(snap.situation.built_at)


def _moment(moment: Any) -> str:
    return str(formats.date_format(timezone.localtime(moment), "j F Y, H:i"))
