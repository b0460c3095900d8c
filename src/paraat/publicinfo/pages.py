"""The resident pages, built from a snapshot only (never from the database).

The same builders serve the live site (absolute URLs under /public/) and the static export
(relative links ending in index.html, so a USB stick opened in a browser works). Rendered pages
are kept per snapshot version, so a busy postcode is rendered once per change.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from paraat.areas.constants import AreaKind
from paraat.publicinfo import advice as library
from paraat.publicinfo import maps
from paraat.publicinfo.constants import (
    SHOWN_POINTS,
    USABLE_STATES,
    WALKING_KMH,
    AdvicePhase,
    PublicState,
    Risk,
)
from paraat.publicinfo.links import Site, cached, live_root, render
from paraat.publicinfo.snapshot import AreaEntry, PublicPoint, Snapshot
from paraat.supportpoints.constants import Service, Tier

POSTCODE = re.compile(r"([1-9][0-9]{3})([A-Z]{2})?")
# A coordinate farther than this from every point is outside the region's network.
FAR_METRES = 25_000


# Pages -------------------------------------------------------------------------------------------


def page(name: str, snap: Snapshot, site: Site, **kwargs: Any) -> bytes:
    """Render one page (cached per snapshot version); kwargs are the page's own arguments."""
    key = (name, snap.version, site, tuple(sorted(kwargs.items())))

    def build() -> bytes:
        with translation.override(site.language):
            template, context = BUILDERS[name](snap, site, **kwargs)
            return render(template, {**common(snap, site, name, **kwargs), **context})

    return cached(key, build)


def uncached_page(name: str, snap: Snapshot, site: Site, **kwargs: Any) -> bytes:
    with translation.override(site.language):
        template, context = BUILDERS[name](snap, site, **kwargs)
        return render(template, {**common(snap, site, name, **kwargs), **context})


def _path_of(name: str, **kwargs: Any) -> str:
    """The language-independent path of a page, for the language switch and the export."""
    if name == "postcode":
        return f"postcode/{kwargs['code']}/"
    if name == "advice_risk":
        return f"advice/{kwargs['risk']}/"
    return {
        "home": "",
        "postcodes": "postcodes/",
        "checklist": "prepare/",
        "advice": "advice/",
        "about": "about/",
        "offline": "offline/",
    }.get(name, "")


def common(snap: Snapshot, site: Site, name: str, **kwargs: Any) -> dict[str, Any]:
    other = "en" if site.language == "nl" else "nl"
    if name == "near":
        switch = site.page("", language=other)
    else:
        switch = site.page(_path_of(name, **kwargs), language=other)
    places = snap.places
    return {
        "language": site.language,
        "static": site.static,
        "region_name": places.region_name or _("your region"),
        "other_language": {"code": other, "name": "English" if other == "en" else "Nederlands"},
        "links": {
            "home": site.page(""),
            "checklist": site.page("prepare/"),
            "advice": site.page("advice/"),
            "about": site.page("about/"),
            "postcodes": site.page("postcodes/"),
            "switch": switch,
            "lookup": site.page("postcodes/") if site.static else site.page("lookup/"),
            "near": "" if site.static else site.page("near/"),
            "postcode_pattern": site.page("postcode/CODE/"),
            "postcode_index": site.shared("data/postcodes.json"),
            "points_json": site.shared("data/points.json"),
            "manifest": site.localized("manifest.webmanifest"),
            "sw": site.shared("sw.js"),
            "css": site.asset("public.css"),
            "js": site.asset("public.js"),
            "icon": site.asset("icon.svg"),
        },
        "logo": _logo(snap, site),
        "has_pc6": places.has_pc6,
        "incident": _incident(snap),
        "alerts": _alerts(snap, site.language),
        "alert_links": {
            "feed": site.shared("alerts.atom") if snap.situation.alerts_enabled else "",
        },
        "as_of": when(snap.situation.built_at),
    }


def _logo(snap: Snapshot, site: Site) -> str:
    """The region's logo on the live site (the static export has none: it writes no such file)."""
    places = snap.places
    if site.static or not places.logo:
        return ""
    version = places.logo.rsplit("/", 1)[-1].split(".")[0]
    return f"{live_root(places.region_code)}logo?v={version}"


def when(moment: Any) -> str:
    """A moment as the pages print it (local time, to the minute)."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return formats.date_format(local, "j F Y, H:i")


def _incident(snap: Snapshot) -> dict[str, Any] | None:
    incident = snap.situation.incident
    if incident is None:
        return None
    return {
        "risk": incident.risk,
        "label": Risk(incident.risk).label if incident.risk != Risk.GENERAL else _("a crisis"),
        "places": ", ".join(incident.municipalities),
        "since": when(incident.started_at),
    }


def _alerts(snap: Snapshot, language: str) -> list[dict[str, Any]]:
    """The alerts in this page's language (CAP "nl-NL" counts as "nl"); all when none match."""
    alerts = [dict(a) for a in snap.situation.alerts]
    mine = [a for a in alerts if (a.get("language") or language)[:2].lower() == language]
    chosen = mine or alerts
    for alert in chosen:
        alert["sent_text"] = when(alert.get("sent"))
        alert["expires_text"] = when(alert.get("expires"))
        status = str(alert.get("status") or "").lower()
        alert["exercise"] = status in ("exercise", "test")
        alert["status_label"] = _("EXERCISE") if status == "exercise" else _("TEST")
        alert["language"] = (alert.get("language") or language)[:2].lower()
    return chosen


def covers(alert: dict[str, Any], area: AreaEntry) -> bool:
    """Whether an alert's area covers the postcode area ``area``.

    An alert that names postcode areas covers only those (a PC4 also covers its PC6 codes); else
    it covers the municipalities it touches. An alert that says nothing of its area covers all:
    better one alert too many at the top than a missed one.
    """
    named = [code.split(":", 1) for code in alert.get("area_codes") or () if ":" in code]
    if named and all(kind in (AreaKind.PC4, AreaKind.PC6) for kind, _code in named):
        return any(area.code.startswith(code) or code.startswith(area.code) for _k, code in named)
    municipalities = alert.get("municipality_codes") or ()
    if not municipalities:
        return True
    return area.municipality_code in municipalities


def _split_alerts(snap: Snapshot, site: Site, area: AreaEntry) -> dict[str, Any]:
    """The alerts that cover the postcode first (Actual only); the region's others apart."""
    alerts = _alerts(snap, site.language)
    return {
        "alerts": [a for a in alerts if covers(a, area)],
        "other_alerts": [a for a in alerts if not covers(a, area)],
    }


def _advice_now(snap: Snapshot, site: Site) -> dict[str, Any] | None:
    risk = snap.current_risk
    phase = AdvicePhase.DURING if risk else AdvicePhase.PREPARE
    text = snap.advice(risk or Risk.GENERAL, phase, site.language)
    if text is None:
        return None
    return {
        "title": text.title,
        "blocks": library.blocks(text.body),
        "more": site.page(f"advice/{text.risk}/"),
    }


def home(snap: Snapshot, site: Site, error: str = "", value: str = "") -> tuple[str, dict]:
    return "publicinfo/home.html", {
        "error": error,
        "value": value,
        "advice_now": _advice_now(snap, site),
        "intro": snap.places.intro.get(site.language, ""),
    }


def parse_postcode(raw: str) -> tuple[str, str] | None:
    """'5211', '5211 ab' or '5211AB' → ('5211', '5211AB' or ''); None when it is not a postcode."""
    match = POSTCODE.fullmatch((raw or "").upper().replace(" ", ""))
    if match is None:
        return None
    return match.group(1), (match.group(1) + match.group(2) if match.group(2) else "")


def find_area(snap: Snapshot, raw: str) -> AreaEntry | None:
    """The PC6 area when the region has PC6 data and knows it, else the PC4 area."""
    parsed = parse_postcode(raw)
    if parsed is None:
        return None
    pc4, pc6 = parsed
    if pc6:
        found = snap.area(AreaKind.PC6, pc6)
        if found is not None:
            return found
    return snap.area(AreaKind.PC4, pc4)


def choose(snap: Snapshot, nearby: tuple[tuple[int, float], ...] | list) -> list:
    """Three points: during an incident those open now come first, then the nearest others."""
    candidates = list(nearby)
    if snap.situation.incident is not None:
        points = snap.places.points
        usable = [c for c in candidates if snap.status(points[c[0]]).state in USABLE_STATES]
        candidates = usable + [c for c in candidates if c not in usable]
    return candidates[:SHOWN_POINTS]


STATE_NOTES = {
    PublicState.NOT_OPEN: lambda: _("Not open now. In a crisis, this is where you go."),
    PublicState.OPENING: lambda: _("The point is being opened. Staff are on their way."),
    PublicState.FULL: lambda: _("Go to another point if you can."),
    PublicState.CLOSED: lambda: _("Go to another point."),
    PublicState.LIMITED: lambda: _("Not every service is available."),
}


def NOT_ACTIVATED_NOTE() -> str:  # noqa: N802 (a note like those in STATE_NOTES)
    return _("Not opened for this incident. Go to a point that is open.")


def distance_text(metres: float, walking: str) -> str:
    minutes = max(1, round(metres / (WALKING_KMH * 1000 / 60)))
    if metres < 1000:
        amount = _("%(m)s m") % {"m": int(round(metres / 10) * 10)}
    else:
        amount = _("%(km)s km") % {"km": formats.number_format(metres / 1000, 1)}
    walk = ngettext("%(n)s minute on foot", "%(n)s minutes on foot", minutes) % {"n": minutes}
    if walking == "network":
        return f"{amount} ({walk})"
    return _("about %(amount)s (%(walk)s)") % {"amount": amount, "walk": walk}


def shown_point(
    snap: Snapshot,
    site: Site,
    number: int,
    point: PublicPoint,
    metres: float,
    walking: str | None = None,
) -> dict[str, Any]:
    """What a result page shows of a point: its facts (``point_facts``) and its state now
    (``point_status``)."""
    return {
        **point_facts(snap, site, number, point, metres, walking),
        **point_status(snap, point),
    }


def point_facts(
    snap: Snapshot,
    site: Site,
    number: int,
    point: PublicPoint,
    metres: float,
    walking: str | None = None,
) -> dict[str, Any]:
    """What a status report never changes: the point's number in the list, name, address,
    distance and poster (``STATIC_FIELDS``)."""
    return {
        "number": number,
        "code": point.code,
        "name": point.name,
        "address": point.address,
        "municipality": "" if point.municipality in point.address else point.municipality,
        "kind": _("Coordination point (fire station)")
        if point.tier == Tier.COORDINATION
        else _("Emergency support point"),
        "distance": distance_text(metres, walking or snap.places.walking),
        "metres": round(metres),
        "wheelchair": point.wheelchair,
        "poster": site.localized(f"posters/point/{point.code}.pdf"),
    }


def point_status(snap: Snapshot, point: PublicPoint) -> dict[str, Any]:
    """A point's state as a result page shows it (``STATE_FIELDS``), in the active language."""
    status = snap.status(point)
    known = _service_values()
    if status.from_report:
        services = [Service(s).label for s in status.services if s in known]
        services_heading = _("Available now")
    else:
        services = [Service(s).label for s in point.planned_services if s in known]
        services_heading = _("In a crisis this point offers")
    reported = ""
    # What a resident needs: since when the point is in this state, not the time of every report
    # that repeats it (which would change ~1,200 PC6 pages a report); stale: the last report.
    if status.reported_at is not None and status.stale:
        reported = _("Last report: %(when)s. This may have changed.") % {
            "when": when(status.reported_at)
        }
    elif status.reported_at is not None:
        reported = _("Since %(when)s, as reported by the point.") % {
            "when": when(status.state_since)
        }
    note = STATE_NOTES.get(PublicState(status.state))
    if status.state == PublicState.NOT_OPEN and snap.situation.incident is not None:
        # During a real incident a point that was not activated is no place to go.
        note = NOT_ACTIVATED_NOTE
    return {
        "state": status.state,
        "state_label": PublicState(status.state).label,
        "state_note": note() if note else "",
        "reported": reported,
        "stale": status.stale,
        "services": services,
        "services_heading": services_heading,
    }


@functools.cache
def _service_values() -> frozenset[str]:
    return frozenset(Service.values)  # (``Service.values`` builds a new list each call)


# A point's block on a result page, in parts ------------------------------------------------------
#
# A status report changes only the state of a point (its badge, note, report time and services),
# never its name, address or distance. The block is rendered as a frame (``_point.html``, with a
# slot for each state part) and the state parts (``_point_state.html``, ``_point_report.html``);
# both are kept by their content, so a block after a report costs two string joins, and the
# public mirror (``export.Mirror``) can rebuild thousands of pages a second.

STATIC_FIELDS = (
    "number", "code", "name", "address", "municipality", "kind", "distance", "wheelchair", "poster",
)  # fmt: skip
STATE_FIELDS = (
    "state", "state_label", "state_note", "reported", "stale", "services", "services_heading",
)  # fmt: skip
# Slots are marked with a token no page can contain by chance (letters and digits only, so
# escaping leaves it as it is).
SLOT = f"PARAATSLOT{secrets.token_hex(6)}"
SLOT_PATTERN = re.compile(SLOT + r"([a-z0-9]+)X")


def slot(name: str) -> SafeString:
    return mark_safe(f"{SLOT}{name}X")  # noqa: S308 - letters and digits only


def split_slots(rendered: str) -> tuple[list[str], list[str]]:
    """A rendered text with slots: its parts between the slots, and the slots' names in order."""
    pieces = SLOT_PATTERN.split(rendered)
    return pieces[0::2], pieces[1::2]


def point_html(p: dict[str, Any], language: str) -> SafeString:
    """The block of one point on a result page (``p`` from ``shown_point``)."""
    frame = point_frame(p, language)
    state, report = point_state(p, language)
    return mark_safe(  # noqa: S308 - parts rendered by the templates, the state escaped
        frame[0] + escape(p["state"]) + frame[1] + state + frame[2] + report + frame[3]
    )


def point_frame(p: dict[str, Any], language: str) -> tuple[str, ...]:
    """A point's block without its state: the parts around the state's three slots. The block
    is rendered once per point and language (``_point_frame``); its number and distance, which
    differ from page to page, are joined in."""
    parts = _point_frame(language, tuple(p[f] for f in FRAME_FIELDS))
    return (
        parts[0],
        parts[1] + str(escape(p["number"])) + parts[2],
        parts[3] + str(escape(p["distance"])) + parts[4],
        parts[5],
    )


def point_state(p: dict[str, Any], language: str) -> tuple[str, str]:
    """A point's state as its block shows it: the badge and note, the report and services."""
    return _point_state(
        language, tuple(tuple(p[f]) if f == "services" else p[f] for f in STATE_FIELDS)
    )


# The block's slots, in the order ``_point.html`` shows them.
FRAME_SLOTS = ["state", "number", "html", "distance", "report"]
FRAME_FIELDS = tuple(f for f in STATIC_FIELDS if f not in FRAME_SLOTS)


@functools.lru_cache(maxsize=16384)
def _point_frame(language: str, values: tuple[Any, ...]) -> tuple[str, ...]:
    p = {
        **dict(zip(FRAME_FIELDS, values, strict=True)),
        **{name: slot(name) for name in ("state", "number", "distance")},
    }
    context = {"p": p, "state_html": slot("html"), "report_html": slot("report")}
    with translation.override(language):
        parts, names = split_slots(render("publicinfo/_point.html", context).decode().rstrip("\n"))
    if names != FRAME_SLOTS:
        raise ValueError(
            f"publicinfo/_point.html must show each of {FRAME_SLOTS} once, in order: {names}"
        )
    return tuple(parts)


@functools.lru_cache(maxsize=4096)
def _point_state(language: str, values: tuple[Any, ...]) -> tuple[str, str]:
    context = {"p": dict(zip(STATE_FIELDS, values, strict=True))}
    with translation.override(language):
        return (
            render("publicinfo/_point_state.html", context).decode().rstrip("\n"),
            render("publicinfo/_point_report.html", context).decode().rstrip("\n"),
        )


def _result(
    snap: Snapshot,
    site: Site,
    *,
    heading: str,
    here: tuple[float, float, str],
    nearby: list | tuple,
    outline: dict[str, Any] | None,
    note: str = "",
    poster: str = "",
    walking: str | None = None,
) -> tuple[str, dict]:
    """``walking`` overrides how distances were found (a location lookup is always an estimate)."""
    walking = walking or snap.places.walking
    chosen = choose(snap, nearby)
    points = snap.places.points
    shown = [
        shown_point(snap, site, n, points[i], m, walking) for n, (i, m) in enumerate(chosen, 1)
    ]
    for p in shown:
        p["html"] = point_html(p, site.language)
    svg = result_map(snap, here, chosen, outline) if shown else ""
    if walking == "network":
        distance_note = _("Distances are walking distances over the street network.")
    else:
        distance_note = _(
            "Distances are estimates: the straight-line distance times 1.2, because streets "
            "do not run straight. The real walk can be longer, for example along a canal."
        )
    return "publicinfo/result.html", {
        "heading": heading,
        "note": note,
        "shown": shown,
        "map": svg,
        "here_label": here[2],
        "distance_note": distance_note,
        "advice_now": _advice_now(snap, site),
        "poster": poster,
    }


def result_map(
    snap: Snapshot,
    here: tuple[float, float, str],
    chosen: Iterable[tuple[int, float]],
    outline: dict[str, Any] | None,
) -> str:
    """The map of a result page: ``here`` and the chosen points, numbered as in the list."""
    points = snap.places.points
    return maps.result_map(
        title=_("Map: %(place)s and the nearest points, numbered as in the list")
        % {"place": here[2]},
        here=here,
        points=[
            (points[i].lon, points[i].lat, f"{n}. {points[i].name}")
            for n, (i, _m) in enumerate(chosen, 1)
        ],
        outline=outline,
    )


def postcode(snap: Snapshot, site: Site, code: str) -> tuple[str, dict]:
    area = find_area(snap, code)
    if area is None:
        return not_found(snap, site, value=code)
    note = ""
    parsed = parse_postcode(code)
    if parsed and parsed[1] and area.kind == AreaKind.PC4:
        note = _("We looked up the area of the first 4 digits, %(pc4)s.") % {"pc4": area.code}
    label = _("Postcode %(code)s") % {"code": _pretty(area.code)}
    poster = (
        site.localized(f"posters/area/{area.kind}/{area.code}.pdf")
        if area.kind == AreaKind.PC4
        else ""
    )
    template, context = _result(
        snap,
        site,
        heading=_("Emergency support points near postcode %(code)s") % {"code": _pretty(area.code)},
        here=(area.lon, area.lat, label),
        nearby=area.nearest,
        outline=area.outline,
        note=note,
        poster=poster,
    )
    return template, {**context, **_split_alerts(snap, site, area)}


def postcode_map(snap: Snapshot, area: AreaEntry, chosen: Iterable[tuple[int, float]]) -> str:
    """The map of ``area``'s page showing ``chosen`` (as ``postcode`` draws it)."""
    label = _("Postcode %(code)s") % {"code": _pretty(area.code)}
    return result_map(snap, (area.lon, area.lat, label), chosen, area.outline)


def postcode_shell(snap: Snapshot, site: Site, code: str) -> tuple[list[str], list[str]]:
    """The postcode page of a known area with slots (``slot``) for what a status report changes:
    each shown point's block (``b0``, ``b1``, …), the map and the "as of" time; returns the parts
    between the slots and the slots' names (``export.Mirror`` joins them)."""
    with translation.override(site.language):
        template, context = postcode(snap, site, code)
        count = len(context["shown"])
        context["shown"] = [{"html": slot(f"b{n}")} for n in range(count)]
        names = [f"b{n}" for n in range(count)]
        if context["map"]:
            context["map"] = slot("map")
            names.append("map")
        names.append("asof")
        context = {**common(snap, site, "postcode", code=code), **context, "as_of": slot("asof")}
        parts, found = split_slots(render(template, context).decode())
    if found != names:
        raise ValueError(f"{template} must show each slot once, in order: {found}")
    return parts, found


def _pretty(code: str) -> str:
    return f"{code[:4]} {code[4:]}" if len(code) == 6 else code


def near(snap: Snapshot, site: Site, lon: float, lat: float) -> tuple[str, dict]:
    nearby = snap.nearest_to(lon, lat)
    note = ""
    if not nearby or nearby[0][1] > FAR_METRES:
        note = _(
            "This place seems to be outside %(region)s. Look at crisis.nl for the safety region "
            "where you are."
        ) % {"region": snap.places.region_name}
    return _result(
        snap,
        site,
        heading=_("Emergency support points near your location"),
        here=(lon, lat, _("Your location")),
        nearby=nearby,
        outline=None,
        note=note,
        walking="estimate",  # from memory: straight line x circuity, never the network
    )


def not_found(snap: Snapshot, site: Site, value: str = "") -> tuple[str, dict]:
    return "publicinfo/not_found.html", {
        "value": value,
        "error": _(
            "We do not know postcode %(code)s in %(region)s. Check the number, or look at "
            "crisis.nl for the safety region where you live."
        )
        % {"code": value, "region": snap.places.region_name},
    }


def postcodes(snap: Snapshot, site: Site) -> tuple[str, dict]:
    groups: dict[str, list[dict[str, str]]] = {}
    for code, area in sorted(snap.places.areas.get(AreaKind.PC4, {}).items()):
        groups.setdefault(area.municipality, []).append(
            {"code": code, "url": site.page(f"postcode/{code}/")}
        )
    districts: dict[str, list[dict[str, str]]] = {}
    for code, area in sorted(snap.places.areas.get(AreaKind.WIJK, {}).items()):
        districts.setdefault(area.municipality, []).append(
            {"name": area.name or code, "url": site.localized(f"posters/area/wijk/{code}.pdf")}
        )
    return "publicinfo/postcodes.html", {
        "groups": sorted(groups.items()),
        "districts": sorted(districts.items()),
    }


def checklist(snap: Snapshot, site: Site) -> tuple[str, dict]:
    data = library.checklist()
    language = site.language
    groups = [
        {"title": g[language], "items": [item[language] for item in g["items"]]}
        for g in data["groups"]
    ]
    sources = library.source_names()
    return "publicinfo/checklist.html", {
        "groups": groups,
        "sources": [sources[key] for key in data["sources"] if key in sources],
    }


def advice_index(snap: Snapshot, site: Site) -> tuple[str, dict]:
    risks = [
        {
            "label": label,
            "url": site.page(f"advice/{value}/"),
            "current": value == snap.current_risk,
        }
        for value, label in Risk.choices
    ]
    return "publicinfo/advice_index.html", {"risks": risks}


def advice_risk(snap: Snapshot, site: Site, risk: str) -> tuple[str, dict]:
    sources = library.source_names()
    phases = []
    used: list[str] = []
    for phase, label in AdvicePhase.choices:
        text = snap.advice(risk, phase, site.language)
        if text is None:
            continue
        used += [s for s in text.sources if s not in used]
        phases.append(
            {
                "phase": phase,
                "label": label,
                "title": text.title,
                "blocks": library.blocks(text.body),
                "version": text.version,
                "updated": when(text.updated_at) if text.updated_at else "",
            }
        )
    return "publicinfo/advice_risk.html", {
        "risk_label": Risk(risk).label,
        "phases": phases,
        "sources": [sources[key] for key in used if key in sources],
    }


def about(snap: Snapshot, site: Site) -> tuple[str, dict]:
    places = snap.places
    return "publicinfo/about.html", {
        "point_count": len(places.points),
        "postcode_count": len(places.areas.get(AreaKind.PC4, {})),
        "pc6_count": len(places.areas.get(AreaKind.PC6, {})),
        "walking": places.walking,
        "sources": sorted(library.source_names().values()),
        "stale_minutes": settings.PARAAT_STATUS_STALE_MINUTES,
        "places_as_of": when(places.built_at),
    }


def point_page(point: PublicPoint) -> str:
    """The public page that shows a point's live state: its postcode's page (else the home)."""
    pc4 = point.postcode.replace(" ", "")[:4]
    return f"postcode/{pc4}/" if POSTCODE.fullmatch(pc4) else ""


def offline(snap: Snapshot, site: Site) -> tuple[str, dict]:
    """What the phone shows for a page it never saved while there is no internet.

    The service worker answers such a page with this one: it says so, and lists the region's
    points as last known (with JavaScript: the nearest to the postcode asked for first, from the
    saved postcode list).
    """
    points = sorted(snap.places.points, key=lambda p: (p.municipality, p.name))
    return "publicinfo/offline.html", {
        "points": [
            {
                "code": p.code,
                "name": p.name,
                "address": p.address,
                "municipality": p.municipality,
                "lon": round(p.lon, 5),
                "lat": round(p.lat, 5),
            }
            for p in points
        ],
        "places_as_of": when(snap.places.built_at),
    }


def regions_page(regions: Iterable[Any], language: str) -> bytes:
    """/public/ of an installation with several regions: links to each region's own site."""
    other = "en" if language == "nl" else "nl"
    with translation.override(language):
        return render(
            "publicinfo/regions.html",
            {
                "language": language,
                "other_language": {
                    "code": other,
                    "name": "English" if other == "en" else "Nederlands",
                },
                "switch": Site(other).page(""),
                "css": Site(language).asset("public.css"),
                "icon": Site(language).asset("icon.svg"),
                "regions": [
                    {"code": r.code, "name": r.name, "url": Site(language, region=r.code).page("")}
                    for r in regions
                ],
            },
        )


BUILDERS: dict[str, Callable[..., tuple[str, dict]]] = {
    "offline": offline,
    "home": home,
    "postcode": postcode,
    "near": near,
    "not_found": not_found,
    "postcodes": postcodes,
    "checklist": checklist,
    "advice": advice_index,
    "advice_risk": advice_risk,
    "about": about,
}
