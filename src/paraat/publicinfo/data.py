"""The public data (points, postcodes) as JSON, and what makes the site installable: the web app
manifest and the service worker that keeps an offline copy."""

from __future__ import annotations

import json
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, pgettext

from paraat.areas.constants import AreaKind
from paraat.publicinfo.constants import SHOWN_POINTS, Risk
from paraat.publicinfo.links import LANGUAGES, Site, render
from paraat.publicinfo.snapshot import AreaEntry, Snapshot

# JSON ------------------------------------------------------------------------------------------


def points_data(snap: Snapshot) -> dict[str, Any]:
    situation = snap.situation
    incident = situation.incident
    return {
        "region": {"code": snap.places.region_code, "name": snap.places.region_name},
        "as_of": situation.built_at.isoformat(),
        "walking": snap.places.walking,
        "incident": {
            "kind": incident.kind,
            "risk": incident.risk,
            "started_at": incident.started_at.isoformat(),
            "municipalities": list(incident.municipalities),
        }
        if incident
        else None,
        "points": [
            {
                "code": p.code,
                "name": p.name,
                "tier": p.tier,
                "address": p.address,
                "municipality": p.municipality,
                "lon": p.lon,
                "lat": p.lat,
                "state": snap.status(p).state,
                "services_now": list(snap.status(p).services),
                "planned_services": list(p.planned_services),
                "reported_at": snap.status(p).reported_at.isoformat()  # type: ignore[union-attr]
                if snap.status(p).reported_at
                else None,
                "since": snap.status(p).state_since.isoformat()  # type: ignore[union-attr]
                if snap.status(p).state_since
                else None,
                "stale": snap.status(p).stale,
            }
            for p in snap.places.points
        ],
    }


def postcode_data(snap: Snapshot, area: AreaEntry) -> dict[str, Any]:
    """An area's nearest points (``KEPT_POINTS``), nearest first, by code: what its page chooses
    from. It holds no state: ``points.json`` has the states, and the page shows the first
    ``shown`` of these, during a real incident those open now (``USABLE_STATES``) first. So a
    status report never changes this file; only what asks for a full export does."""
    points = snap.places.points
    return {
        "postcode": area.code,
        "kind": area.kind,
        "municipality": area.municipality,
        "walking": snap.places.walking,
        "places_as_of": snap.places.built_at.isoformat(),
        "shown": SHOWN_POINTS,
        "nearest": [
            {
                "code": points[i].code,
                "name": points[i].name,
                "address": points[i].address,
                "metres": round(m),
            }
            for i, m in area.nearest
        ],
    }


def postcode_index(snap: Snapshot) -> dict[str, list[float]]:
    """Every PC4 with its representative point, for finding a postcode page from a location."""
    return {
        code: [round(a.lon, 5), round(a.lat, 5)]
        for code, a in sorted(snap.places.areas.get(AreaKind.PC4, {}).items())
    }


# Installable: manifest and service worker ------------------------------------------------------


def precache_urls(site: Site) -> list[str]:
    """What the service worker keeps for offline use: the advice pages and the last known points."""
    urls = []
    for language in LANGUAGES:
        urls += [
            site.page(path, language) for path in ("", "prepare/", "advice/", "about/", "offline/")
        ]
        urls += [site.page(f"advice/{risk}/", language) for risk in Risk.values]
    urls += [site.shared("data/points.json"), site.shared("data/postcodes.json")]
    urls += [site.asset(name) for name in ("public.css", "public.js", "icon.svg")]
    return urls


def manifest(snap: Snapshot, site: Site) -> bytes:
    """The web app manifest in the site's language: the Dutch app starts on the Dutch home page,
    the English one (en/manifest.webmanifest) on the English home page."""
    region = snap.places.region_name
    with translation.override(site.language):
        title = gettext("Where do I go?")
        data = {
            "name": f"{title} · {region}" if region else title,
            "short_name": pgettext("short name of the installed app", "Support point"),
            "description": gettext(
                "Emergency support points, their current state and what you can do in a crisis."
            ),
            "lang": site.language,
            "start_url": site.page(""),
            "scope": _scope(site),
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#154273",
            "icons": [
                {"src": site.asset("icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": site.asset("icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {"src": site.asset("icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            ],
        }
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _scope(site: Site) -> str:
    """The whole site in both languages; a static copy's English manifest lies in en/."""
    if not site.static:
        return site.shared("")
    return "./" if site.language == "nl" else "../"


def service_worker(site: Site) -> bytes:
    return render(
        "publicinfo/sw.js",
        {
            "precache": json.dumps(precache_urls(site)),
            "home": json.dumps(site.page("")),
            "offline": json.dumps({lang: site.page("offline/", lang) for lang in LANGUAGES}),
        },
    )
