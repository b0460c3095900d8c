"""The common operational picture of an incident: every activated point's latest state, read in a
fixed number of queries so it stays fast with hundreds of points refreshing every few seconds."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.operations import state as state_rules
from paraat.operations.constants import Freshness, Need, Phase, PointState
from paraat.operations.models import Activation, HelpRequest, Incident, LogEntry, fuel_hours_at

FUEL_WARNING_HOURS = 12
# A point without a status report: counted and coloured beside the PointState values.
NO_REPORT = "unknown"
NO_REPORT_COLOUR = "#6e7781"


@dataclass(frozen=True, slots=True)
class Place:
    """A point's municipality or coordination point, as the picture shows it."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class PicturePoint:
    """The columns of a support point the picture shows (a plain row, not a model instance)."""

    code: str
    name: str
    lon: float
    lat: float
    municipality: Place
    coordination_point_id: int | None
    coordination_point: Place | None


@dataclass(frozen=True, slots=True)
class PictureActivation:
    checklist: dict[str, bool]

    @property
    def checklist_done(self) -> int:
        return sum(1 for done in self.checklist.values() if done)


@dataclass(frozen=True, slots=True)
class PictureReport:
    """The latest report of a point, the columns the picture shows."""

    state: str
    reported_at: dt.datetime
    visitors: int | None
    services_available: list[str]
    needs: list[str]
    comms_working: bool | None
    fuel_hours_left: float | None
    power_source: str

    def get_state_display(self) -> str:
        return str(dict(PointState.choices).get(self.state, self.state))

    def fuel_hours_now(self, now: dt.datetime) -> float | None:
        return fuel_hours_at(self.fuel_hours_left, self.power_source, self.reported_at, now)


@dataclass(slots=True)
class PointRow:
    point: PicturePoint
    activation: PictureActivation
    report: PictureReport | None
    open_requests: int
    now: dt.datetime

    @property
    def state(self) -> str:
        return self.report.state if self.report else NO_REPORT

    @property
    def freshness(self) -> Freshness:
        return state_rules.freshness(self.report.reported_at if self.report else None, self.now)

    @property
    def stale(self) -> bool:
        """An old report; a point that has never reported is "no report yet", not stale."""
        return self.freshness == Freshness.STALE

    @property
    def fuel_hours(self) -> float | None:
        return self.report.fuel_hours_now(self.now) if self.report else None

    @property
    def age_minutes(self) -> int | None:
        if self.report is None:
            return None
        return int((self.now - self.report.reported_at).total_seconds() // 60)

    @property
    def needs_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(n, n)) for n in (self.report.needs if self.report else [])]

    @property
    def fuel_low(self) -> bool:
        hours = self.fuel_hours
        return hours is not None and hours < FUEL_WARNING_HOURS

    def as_dict(self) -> dict[str, Any]:
        report, point, parent = self.report, self.point, self.point.coordination_point
        freshness = self.freshness
        return {
            "code": point.code,
            "name": point.name,
            "municipality": point.municipality.name,
            "coordination_point": parent.code if parent else None,
            "lon": point.lon,
            "lat": point.lat,
            "state": report.state if report else NO_REPORT,
            "stale": freshness == Freshness.STALE,
            "freshness": freshness.value,
            "age_minutes": self.age_minutes,
            "fuel_hours": report.fuel_hours_now(self.now) if report else None,
            "visitors": report.visitors if report else None,
            "services_available": report.services_available if report else [],
            "needs": report.needs if report else [],
            "comms_working": report.comms_working if report else None,
            "open_requests": self.open_requests,
            "checklist_done": self.activation.checklist_done,
            "checklist_items": len(self.activation.checklist),
            "reported_at": report.reported_at.isoformat() if report else None,
        }


@dataclass
class Picture:
    incident: Incident
    rows: list[PointRow]
    now: dt.datetime
    open_requests: list[HelpRequest] = field(default_factory=list)
    # ``as_dict``'s answer, made once: a shared picture is written out for every screen.
    _as_dict: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def counts(self) -> dict[str, int]:
        counter = Counter(row.state for row in self.rows)
        return {state: counter.get(state, 0) for state in [*PointState.values, NO_REPORT]}

    @property
    def stale_rows(self) -> list[PointRow]:
        return [row for row in self.rows if row.stale]

    @property
    def fuel_low_rows(self) -> list[PointRow]:
        return sorted((row for row in self.rows if row.fuel_low), key=lambda r: r.fuel_hours or 0)

    @property
    def reporting_share(self) -> float:
        return (
            (sum(1 for row in self.rows if row.report is not None) / len(self.rows))
            if self.rows
            else 0.0
        )

    def grouped(self, by: str = "coordination_point") -> list[tuple[str, list[PointRow]]]:
        groups: dict[str, list[PointRow]] = defaultdict(list)
        for row in self.rows:
            if by == "municipality":
                key = row.point.municipality.name
            else:
                parent = row.point.coordination_point
                key = (
                    f"{parent.name} ({parent.code})"
                    if parent
                    else f"{row.point.name} ({row.point.code})"
                )
            groups[key].append(row)
        return sorted(groups.items())

    def as_dict(self) -> dict[str, Any]:
        """The picture as the API writes it; the same dict on every call (read it, never change
        it: a shared picture hands it to every request)."""
        if self._as_dict is None:
            self._as_dict = self._written()
        return self._as_dict

    def _written(self) -> dict[str, Any]:
        return {
            "incident": {
                "id": self.incident.pk,
                "title": self.incident.title,
                "exercise": self.incident.is_exercise,
                "phase": self.incident.phase,
            },
            "generated_at": self.now.isoformat(),
            "counts": self.counts(),
            "stale": len(self.stale_rows),
            "fuel_below_12h": len(self.fuel_low_rows),
            "open_requests": len(self.open_requests),
            "points": [row.as_dict() for row in self.rows],
        }


# Only the columns the picture shows, as plain tuples: model instances (five per point, with their
# init signals) made up most of the time of a refresh with 500 points.
PICTURE_COLUMNS = (
    "checklist", "point__code", "point__name", "point__lon", "point__lat",
    "point__municipality__name", "point__coordination_point_id",
    "point__coordination_point__code", "point__coordination_point__name", "point_id",
    "latest_report_id", "latest_report__state", "latest_report__reported_at",
    "latest_report__visitors", "latest_report__services_available", "latest_report__needs",
    "latest_report__comms_working", "latest_report__fuel_hours_left",
    "latest_report__power_source",
)  # fmt: skip


def build(
    incident: Incident,
    now: dt.datetime | None = None,
    *,
    municipality_ids: set[int] | None = None,
) -> Picture:
    """Three queries whatever the number of points or reports.

    ``municipality_ids`` narrows the picture to the points (and their help requests) of those
    municipalities: a municipal officer's scope. None: the whole region.
    """
    now = now or timezone.now()
    activations_qs = Activation.objects.filter(incident=incident)
    requests_qs = HelpRequest.objects.filter(incident=incident)
    if municipality_ids is not None:
        activations_qs = activations_qs.filter(point__municipality_id__in=municipality_ids)
        requests_qs = requests_qs.filter(point__municipality_id__in=municipality_ids)
    requests = list(requests_qs.open().select_related("point").order_by("-priority", "created_at"))
    per_point = dict(
        requests_qs.open().exclude(point=None).values_list("point_id").annotate(n=Count("pk"))
    )
    places: dict[tuple[str, str], Place] = {}  # one object per municipality or parent point

    def place(code: str, name: str) -> Place:
        key = (code, name)
        found = places.get(key)
        if found is None:
            found = places[key] = Place(code, name)
        return found

    rows = []
    for (
        checklist, code, name, lon, lat, municipality, parent_id, parent_code, parent_name,
        point_id, report_id, state, reported_at, visitors, services_available, needs,
        comms_working, fuel_hours_left, power_source,
    ) in activations_qs.order_by("point__code").values_list(*PICTURE_COLUMNS):  # fmt: skip
        point = PicturePoint(
            code=code, name=name, lon=lon, lat=lat, municipality=place("", municipality),
            coordination_point_id=parent_id,
            coordination_point=None if parent_id is None else place(parent_code, parent_name),
        )  # fmt: skip
        report = None
        if report_id is not None:
            report = PictureReport(
                state=state, reported_at=reported_at, visitors=visitors,
                services_available=services_available, needs=needs, comms_working=comms_working,
                fuel_hours_left=fuel_hours_left, power_source=power_source,
            )  # fmt: skip
        rows.append(
            PointRow(point, PictureActivation(checklist), report, per_point.get(point_id, 0), now)
        )
    return Picture(incident=incident, rows=rows, now=now, open_requests=requests)


logger = logging.getLogger(__name__)
_Key = tuple[str, int, frozenset[int] | None]
_shared: OrderedDict[_Key, tuple[float, Picture]] = OrderedDict()
_rebuilding: set[_Key] = set()
_shared_lock = threading.Lock()
SHARED_MOST = 64  # pictures kept per process (incident and scope), the least recently used go


def shared(incident: Incident, *, municipality_ids: set[int] | None = None) -> Picture:
    """The picture for screens that poll it, shared by every request of this process.

    Built once, then handed out until it is ``PARAAT_PICTURE_MAX_AGE_SECONDS`` old; the first
    request after that gets it once more and starts one rebuild in a thread of its own, which
    replaces it when done (stale while revalidating, as HTTP caches do). Twenty screens
    refreshing every 10 seconds then cost one build per process every few seconds instead of
    two a second, and none of them waits for one while reports come in by the hundred (issue 16).
    The picture says when it was built (``generated_at``); a page a person opens uses ``build``.
    A closed incident's picture is built as it was when it closed, as its page shows it.
    """
    if incident.phase == Phase.CLOSED:
        return build(incident, incident.closed_at, municipality_ids=municipality_ids)
    max_age = settings.PARAAT_PICTURE_MAX_AGE_SECONDS
    if max_age <= 0 or connection.in_atomic_block:
        return build(incident, municipality_ids=municipality_ids)
    key = (
        connection.alias,
        incident.pk,
        None if municipality_ids is None else frozenset(municipality_ids),
    )
    with _shared_lock:
        found = _shared.get(key)
        if found is not None:
            _shared.move_to_end(key)
            if time.monotonic() - found[0] < max_age or key in _rebuilding:
                return found[1]
            _rebuilding.add(key)
    if found is None:
        fresh = build(incident, municipality_ids=municipality_ids)
        _keep(key, fresh)
        return fresh
    threading.Thread(
        target=_rebuild, args=(key, incident, municipality_ids), name="picture", daemon=True
    ).start()
    return found[1]


def _keep(key: _Key, view: Picture) -> None:
    with _shared_lock:
        _shared[key] = (time.monotonic(), view)
        _shared.move_to_end(key)
        while len(_shared) > SHARED_MOST:
            _shared.popitem(last=False)


def _rebuild(key: _Key, incident: Incident, municipality_ids: set[int] | None) -> None:
    try:
        _keep(key, build(incident, municipality_ids=municipality_ids))
    except Exception:  # the previous picture stays; the next request tries again
        logger.exception("rebuilding the picture of incident %s failed", incident.pk)
    finally:
        with _shared_lock:
            _rebuilding.discard(key)
        connection.close()  # this thread's own connection


def forget_shared() -> None:
    """Drop every shared picture of this process (a test that changes the database)."""
    with _shared_lock:
        _shared.clear()


StaffingSource = Callable[[Incident, dt.datetime | None], list[Any]]
_staffing_source: StaffingSource | None = None


def register_staffing_source(source: StaffingSource) -> None:
    """Rosters belong to the community app, which sits above this one: it hands in the function
    that answers which points fall short (``CommunityConfig.ready``)."""
    global _staffing_source
    _staffing_source = source


def staffing_shortfalls(incident: Incident, now: dt.datetime | None = None) -> list[Any]:
    """Points that fall below their minimum staff in the next 12 hours, as the community app's
    rosters say (one owner); none without that app."""
    if _staffing_source is None:
        return []
    return _staffing_source(incident, now)


def highlights(incident: Incident, limit: int = 15) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(incident=incident, highlight=True).order_by("-created_at")[:limit]
    )


STATE_COLOURS: dict[str, str] = {
    PointState.OPEN: "#1a7f37",
    PointState.LIMITED: "#b35900",
    PointState.FULL: "#8250df",
    PointState.CLOSED: "#a40e26",
}


def map_layers(view: Picture) -> tuple[list[Any], list[Any]]:
    """The points by state over their municipalities, each named: for the page (SVG) and the
    sitrep's PDF alike."""
    from paraat.geo import svgmap

    states = dict(PointState.choices)
    markers = [
        svgmap.Marker(
            lon=row.point.lon,
            lat=row.point.lat,
            label=f"{row.point.code} {row.point.name}: {states.get(row.state, _('no report'))}",
            href=reverse("supportpoints:detail", args=[row.point.code]),
            fill=STATE_COLOURS.get(row.state, NO_REPORT_COLOUR),
            symbol="square" if row.point.coordination_point_id is None else "circle",
            text=row.point.code,
        )
        for row in view.rows
    ]
    shapes = [
        svgmap.Shape(
            geometry=m.geometry, label=m.name, fill="#f2f2f2", stroke="#9a9a9a", text=m.name
        )
        for m in view.incident.municipalities.all()
    ]
    return shapes, markers


def map_legend() -> list[tuple[str, str]]:
    """The colours of the states on the map, and of a point without a report."""
    return [(STATE_COLOURS[state], str(state.label)) for state in PointState] + [
        (NO_REPORT_COLOUR, _("no report"))
    ]


def map_svg(view: Picture) -> str:
    """The points on a plain SVG map of the area (no tile server: it works in the blackout)."""
    from paraat.geo import svgmap

    shapes, markers = map_layers(view)
    return svgmap.render(
        shapes,
        markers=markers,
        title=_("Points of %(title)s by state") % {"title": view.incident.title},
        width=640,
    )
