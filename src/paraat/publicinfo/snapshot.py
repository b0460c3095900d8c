"""The public snapshot: everything a resident's page needs, built from the database once per change
and kept in memory, so a postcode lookup answers without a single database query.

Two parts, rebuilt separately because they change at very different rates:

- **places** (points, their nearest points per postcode area and wijk, advice texts, contacts):
  rebuilt when a point or an advice text changes, and at least every 15 minutes; the distances
  are walks over the region's newest walking network when it has one (``walking.py``), else the
  estimate (straight line × 1.2), and ``Places.walking`` says which;
- **situation** (the open incident, every point's state from its latest status report, alerts):
  rebuilt on every status report, and at least every minute (incidents that close, alerts).

A change commits → ``invalidate()`` writes a new stamp file in ``PARAAT_DATA_DIR/publicinfo`` and
marks this process's snapshot dirty. Every process looks at the stamp at most once a second and
rebuilds what changed on its next request; meanwhile its other threads keep serving the previous
snapshot. A failed rebuild keeps the previous snapshot: the public pages stay up.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from scipy.spatial import cKDTree

from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Municipality, Region
from paraat.geo import nearest as nearest_mod
from paraat.geo.distance import CIRCUITY
from paraat.publicinfo import advice as library
from paraat.publicinfo import bridge
from paraat.publicinfo import walking as streets
from paraat.publicinfo.constants import KEPT_POINTS, RISK_FOR_INCIDENT, PublicState, Risk

log = logging.getLogger(__name__)

CHECK_SECONDS = 1.0
LOOKUP_KINDS = (AreaKind.PC4, AreaKind.PC6, AreaKind.WIJK)
# Kinds whose outline is kept for maps and posters (a PC6 is too small to need one).
OUTLINE_KINDS = (AreaKind.PC4, AreaKind.WIJK)


@dataclass(frozen=True)
class PublicPoint:
    index: int
    code: str
    name: str
    tier: str
    building_type: str
    street: str
    postcode: str
    city: str
    municipality: str
    lon: float
    lat: float
    x: float
    y: float
    wheelchair: bool | None
    planned_services: tuple[str, ...]

    @property
    def address(self) -> str:
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (self.street, place) if p)


@dataclass(frozen=True)
class AreaEntry:
    kind: str
    code: str
    name: str
    municipality: str
    municipality_code: str
    lon: float
    lat: float
    nearest: tuple[tuple[int, float], ...]  # (point index, metres), nearest first
    outline: dict[str, Any] | None = None  # GeoJSON (WGS84)

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip() if self.name else self.code


@dataclass(frozen=True)
class AdviceText:
    risk: str
    phase: str
    language: str
    title: str
    body: str
    sources: tuple[str, ...]
    version: int = 0
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class Places:
    built_at: dt.datetime
    region_code: str
    region_name: str
    points: tuple[PublicPoint, ...]
    areas: dict[str, dict[str, AreaEntry]]
    walking: str  # "network" or "estimate"
    advice: dict[tuple[str, str, str], AdviceText]
    contacts: dict[str, dict[str, str]]  # municipality code -> name, phone, website
    tree: cKDTree | None = field(default=None, compare=False, repr=False)
    intro: dict[str, str] = field(default_factory=dict)  # language -> the region's own intro
    logo: str = ""  # the region's logo file (Region.logo, relative to the data directory)

    @property
    def has_pc6(self) -> bool:
        return bool(self.areas.get(AreaKind.PC6))


@dataclass(frozen=True)
class PointStatus:
    state: str
    services: tuple[str, ...] = ()
    reported_at: dt.datetime | None = None
    stale: bool = False
    since: dt.datetime | None = None  # in this state since (a repeated report does not move it)

    @property
    def from_report(self) -> bool:
        return self.reported_at is not None

    @property
    def state_since(self) -> dt.datetime | None:
        return self.since or self.reported_at


NOT_OPEN = PointStatus(PublicState.NOT_OPEN)


@dataclass(frozen=True)
class IncidentInfo:
    kind: str
    risk: str
    started_at: dt.datetime
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class Situation:
    built_at: dt.datetime
    incidents: tuple[IncidentInfo, ...]
    statuses: dict[str, PointStatus]
    alerts: tuple[dict[str, Any], ...]
    cap: dict[str, bytes] = field(default_factory=dict)  # file name -> CAP 1.2 XML
    alerts_enabled: bool = False  # the alerts app is there: the feed exists (maybe empty)

    @property
    def incident(self) -> IncidentInfo | None:
        return self.incidents[0] if self.incidents else None


@dataclass(frozen=True)
class Snapshot:
    places: Places
    situation: Situation
    version: str
    stamp: tuple[str, str] = ("", "")

    def status(self, point: PublicPoint) -> PointStatus:
        return self.situation.statuses.get(point.code, NOT_OPEN)

    def area(self, kind: str, code: str) -> AreaEntry | None:
        return self.places.areas.get(kind, {}).get(code)

    def nearest_to(self, lon: float, lat: float, k: int = KEPT_POINTS) -> list[tuple[int, float]]:
        """Nearest points of a coordinate (estimated walking metres), from memory only."""
        origin = nearest_mod.project([lon], [lat])
        metres, found = nearest_mod.straight(self.places.tree, origin, k)
        return [(int(i), float(m) * CIRCUITY) for i, m in zip(found[0], metres[0], strict=True)]

    def advice(self, risk: str, phase: str, language: str) -> AdviceText | None:
        advice = self.places.advice
        return advice.get((risk, phase, language)) or advice.get((Risk.GENERAL, phase, language))

    @property
    def current_risk(self) -> str | None:
        incident = self.situation.incident
        return incident.risk if incident else None


# Building from the database ------------------------------------------------------------------


def public_region() -> Region | None:
    """The region the public site serves: PARAAT_PUBLIC_REGION (a code), else the first region
    that has active support points, else the first region."""
    from paraat.supportpoints.models import SupportPoint

    code = settings.PARAAT_PUBLIC_REGION
    if code:
        return Region.objects.filter(code__iexact=code).first()
    with_points = (
        SupportPoint.objects.active().order_by("region_id").values_list("region_id", flat=True)
    )
    first = with_points.first()
    if first is not None:
        return Region.objects.get(pk=first)
    return Region.objects.order_by("pk").first()


def build_places(region: Region | None) -> Places:
    from paraat.publicinfo.models import ActionAdvice, MunicipalityContact
    from paraat.supportpoints.models import PointService, SupportPoint

    now = timezone.now()
    if region is None:
        return Places(now, "", "", (), {}, "estimate", _advice([]), {})
    rows = list(
        SupportPoint.objects.in_region(region)
        .active()
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "services",
                queryset=PointService.objects.filter(available=True).order_by("service"),
                to_attr="offered",
            )
        )
        .order_by("code")
    )
    sites = nearest_mod.project([p.lon for p in rows], [p.lat for p in rows])
    points = tuple(
        PublicPoint(
            index=i,
            code=p.code,
            name=p.name,
            tier=p.tier,
            building_type=p.building_type,
            street=" ".join(part for part in (p.street, p.house_number) if part),
            postcode=p.postcode,
            city=p.city,
            municipality=p.municipality.name,
            lon=p.lon,
            lat=p.lat,
            x=float(sites[i, 0]),
            y=float(sites[i, 1]),
            wheelchair=p.wheelchair_accessible,
            planned_services=tuple(s.service for s in p.offered),  # type: ignore[attr-defined]
        )
        for i, p in enumerate(rows)
    )
    index = nearest_mod.tree(sites)
    areas, walking = _areas(region, sites, index)
    advice = _advice(ActionAdvice.objects.in_region(region))
    contacts = {
        m.code: {"name": m.name, "phone": "", "website": ""}
        for m in Municipality.objects.in_region(region)
    }
    for contact in MunicipalityContact.objects.filter(municipality__region=region).select_related(
        "municipality"
    ):
        contacts[contact.municipality.code].update(phone=contact.phone, website=contact.website)
    intro = {lang: region.public_intro(lang) for lang in ("nl", "en") if region.public_intro(lang)}
    return Places(
        now,
        region.code,
        region.name,
        points,
        areas,
        walking,
        advice,
        contacts,
        tree=index,
        intro=intro,
        logo=region.logo,
    )


def _areas(
    region: Region, sites: np.ndarray, index: cKDTree | None
) -> tuple[dict[str, dict[str, AreaEntry]], str]:
    base = Area.objects.in_region(region).filter(kind__in=LOOKUP_KINDS).order_by("kind", "code")
    rows = list(
        base.values_list(
            "kind",
            "code",
            "name",
            "municipality__name",
            "municipality__code",
            "point_lon",
            "point_lat",
        )
    )
    outlines = dict(
        ((kind, code), geometry)
        for kind, code, geometry in base.filter(kind__in=OUTLINE_KINDS).values_list(
            "kind", "code", "geometry"
        )
    )
    origins = nearest_mod.project([r[5] for r in rows], [r[6] for r in rows])
    found = streets.nearest(region, sites, origins, KEPT_POINTS, index)
    areas: dict[str, dict[str, AreaEntry]] = {kind: {} for kind in LOOKUP_KINDS}
    for i, (kind, code, name, municipality, municipality_code, lon, lat) in enumerate(rows):
        near = tuple(
            (int(j), round(float(m)))
            for j, m in zip(found.index[i], found.metres[i], strict=True)
            if np.isfinite(m)
        )
        areas[kind][code] = AreaEntry(
            kind=kind,
            code=code,
            name=name,
            municipality=municipality,
            municipality_code=municipality_code,
            lon=lon,
            lat=lat,
            nearest=near,
            outline=outlines.get((kind, code)),
        )
    return areas, found.walking


def _advice(rows: Iterable[Any]) -> dict[tuple[str, str, str], AdviceText]:
    """The region's texts, and the shipped text wherever the region has none."""
    found: dict[tuple[str, str, str], AdviceText] = {
        (a.risk, a.phase, a.language): AdviceText(
            a.risk, a.phase, a.language, a.title, a.body, a.sources, 0, None
        )
        for a in library.shipped_advice()
    }
    for row in rows:
        found[(row.risk, row.phase, row.language)] = AdviceText(
            row.risk,
            row.phase,
            row.language,
            row.title,
            row.body,
            tuple(s for s in row.sources.split() if s),
            row.version,
            row.updated_at,
        )
    return found


def build_situation(region: Region | None) -> Situation:
    """Alerts and the points' states: read from ``operations.state``, real incidents only."""
    from paraat.operations import state as point_state
    from paraat.operations.constants import Freshness, PointState

    now = timezone.now()
    if region is None:
        return Situation(now, (), {}, ())
    alerts = bridge.current_alerts(region)
    cap = bridge.cap_documents(region)
    # Exercises never reach residents: only real incidents change the public pages.
    incidents = list(point_state.real_incidents(region).prefetch_related("municipalities"))
    infos = tuple(
        IncidentInfo(
            kind=i.kind,
            risk=RISK_FOR_INCIDENT.get(i.kind, Risk.GENERAL),
            started_at=i.started_at,
            municipalities=tuple(sorted(m.name for m in i.municipalities.all())),
        )
        for i in incidents
    )
    states = {
        PointState.OPEN: PublicState.OPEN,
        PointState.LIMITED: PublicState.LIMITED,
        PointState.FULL: PublicState.FULL,
        PointState.CLOSED: PublicState.CLOSED,
    }
    statuses: dict[str, PointStatus] = {}
    for current in point_state.real_states(region, incidents=incidents, now=now).values():
        if current.state is None:
            statuses[current.code] = PointStatus(PublicState.OPENING)
            continue
        statuses[current.code] = PointStatus(
            state=states.get(PointState(current.state), PublicState.OPENING),
            services=current.services,
            reported_at=current.reported_at,
            stale=current.freshness == Freshness.STALE,
            since=current.since,
        )
    return Situation(now, infos, statuses, alerts, cap, bridge.available())


def build(region: Region | None = None) -> Snapshot:
    """A fresh snapshot of the public region (used by the store, the export and the tests)."""
    region = region if region is not None else public_region()
    return Snapshot(build_places(region), build_situation(region), _token(), read_stamp())


# The per-process store -------------------------------------------------------------------------


def _token() -> str:
    return f"{int(time.time()):x}{secrets.token_hex(3)}"


def stamp_path() -> Path:
    return Path(settings.DATA_DIR) / "publicinfo" / "stamp"


def read_stamp() -> tuple[str, str]:
    try:
        places, situation = stamp_path().read_text().split()[:2]
        return places, situation
    except (OSError, ValueError):
        return ("", "")


def _write_stamp(stamp: tuple[str, str]) -> None:
    path = stamp_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".stamp-{os.getpid()}-{threading.get_ident()}")
        temporary.write_text(" ".join(stamp))
        os.replace(temporary, path)
    except OSError:
        log.exception("could not write the public snapshot stamp %s", path)


class _Store:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.snapshot: Snapshot | None = None
        self.checked_at = 0.0
        self.dirty_places = False
        self.dirty_situation = False


# One store per region code the public site was asked for; "" is the installation's default region
# (the unprefixed /public/ pages: PARAAT_PUBLIC_REGION or the first region with points).
_stores: dict[str, _Store] = {}
_stores_lock = threading.Lock()
DEFAULT = ""


def _store_for(code: str) -> _Store:
    store = _stores.get(code)
    if store is None:
        with _stores_lock:
            store = _stores.setdefault(code, _Store())
    return store


def invalidate(*, places: bool = True) -> None:
    """Something public changed (and is committed): tell this and every other process."""
    old = read_stamp()
    new = (_token() if places else old[0] or _token(), _token())
    _write_stamp(new)
    if places:
        forget_regions()
    for store in list(_stores.values()):
        store.dirty_situation = True
        store.dirty_places = store.dirty_places or places


def reset() -> None:
    """Forget every snapshot in this process (tests; a new database)."""
    forget_regions()
    with _stores_lock:
        stores = list(_stores.values())
        _stores.clear()
    for store in stores:
        with store.lock:
            store.snapshot = None


def current(region_code: str = DEFAULT) -> Snapshot:
    """The snapshot to answer with; rebuilt only when something changed or it grew old.

    ``region_code`` is a region's code (the /public/<code>/ pages; the caller checked that it
    exists, see ``region_codes``), or empty for the installation's default public region.
    """
    store = _store_for(region_code)
    snap = store.snapshot
    now = time.monotonic()
    if snap is not None and not store.dirty_situation and now - store.checked_at < CHECK_SECONDS:
        return snap
    store.checked_at = now
    need_places, need_situation = _needs(store, snap)
    if snap is not None and not (need_places or need_situation):
        return snap
    return _refresh(store, region_code, snap, need_places)


def _needs(store: _Store, snap: Snapshot | None) -> tuple[bool, bool]:
    if snap is None:
        return True, True
    stamp = read_stamp()
    wall = timezone.now()
    places_age = (wall - snap.places.built_at).total_seconds()
    situation_age = (wall - snap.situation.built_at).total_seconds()
    need_places = (
        store.dirty_places
        or stamp[0] != snap.stamp[0]
        or places_age > getattr(settings, "PARAAT_PUBLIC_PLACES_MAX_AGE", 900)
    )
    need_situation = (
        need_places
        or store.dirty_situation
        or stamp[1] != snap.stamp[1]
        or situation_age > getattr(settings, "PARAAT_PUBLIC_SITUATION_MAX_AGE", 60)
    )
    return need_places, need_situation


def _refresh(store: _Store, region_code: str, snap: Snapshot | None, need_places: bool) -> Snapshot:
    # With a snapshot in hand, one thread rebuilds and the others keep answering with the old one.
    if not store.lock.acquire(blocking=snap is None):
        return snap  # type: ignore[return-value]
    try:
        if snap is None and store.snapshot is not None:
            return store.snapshot  # another thread built it while this one waited
        stamp = read_stamp()
        need_places = need_places or store.dirty_places
        store.dirty_places = store.dirty_situation = False
        if snap is None or need_places:
            region = _region_by_code(region_code) if region_code else public_region()
        else:
            region = _region(snap)
        places = build_places(region) if snap is None or need_places else snap.places
        fresh = Snapshot(places, build_situation(region), _token(), stamp)
        if snap is None or need_places:
            _build_directory(stamp[0], time.monotonic())  # regions(): no query per request
        store.snapshot = fresh
        return fresh
    except Exception:
        if snap is None:
            raise
        log.exception("public snapshot rebuild failed; still serving the previous one")
        return snap
    finally:
        store.lock.release()


def _region_by_code(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def _region(snap: Snapshot) -> Region | None:
    return Region.objects.filter(code=snap.places.region_code).first()


def region_of(snap: Snapshot) -> Region | None:
    """The region a snapshot was built for (one query; for the alerts feed)."""
    return _region(snap)


def install(snap: Snapshot, region_code: str = DEFAULT) -> None:
    """Use this snapshot in this process (tests and the export)."""
    store = _store_for(region_code)
    with store.lock:
        store.snapshot = snap
        store.checked_at = time.monotonic()
        store.dirty_places = store.dirty_situation = False


# Which regions the public site serves ----------------------------------------------------------


@dataclass(frozen=True)
class PublicRegion:
    code: str
    name: str
    points: int  # active support points: a region without any has no public site yet


@dataclass
class _Directory:
    lock: threading.Lock = field(default_factory=threading.Lock)
    regions: dict[str, PublicRegion] | None = None
    stamp: str = ""
    checked_at: float = 0.0


_directory = _Directory()


def regions() -> dict[str, PublicRegion]:
    """Every region by code, kept in memory like the snapshot (rebuilt when the places change),
    so a request under /public/<code>/ costs no query to tell a region from a mistyped code."""
    now = time.monotonic()
    found = _directory.regions
    if found is not None and now - _directory.checked_at < CHECK_SECONDS:
        return found
    stamp = read_stamp()[0]
    if found is not None and stamp == _directory.stamp and now - _directory.checked_at < 60:
        _directory.checked_at = now
        return found
    return _build_directory(stamp, now)


def _build_directory(stamp: str, now: float) -> dict[str, PublicRegion]:
    from collections import Counter

    from paraat.supportpoints.models import SupportPoint

    with _directory.lock:
        active = Counter(SupportPoint.objects.active().values_list("region__code", flat=True))
        made = {
            code: PublicRegion(code, name, active[code])
            for code, name in Region.objects.order_by("name", "code").values_list("code", "name")
        }
        _directory.regions, _directory.stamp, _directory.checked_at = made, stamp, now
    return made


def several_regions() -> bool:
    """The installation serves more than one region to residents: /public/ lists them.

    Only regions with active points count: a region just created (no points yet) does not turn a
    single-region public site into a list.
    """
    if settings.PARAAT_PUBLIC_REGION:
        return False
    return sum(1 for r in regions().values() if r.points) > 1


def forget_regions() -> None:
    _directory.regions = None
