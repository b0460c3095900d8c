"""One-line status messages (radio, SMS, keyed in by an operator), stored as status reports."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.utils import timezone

from paraat.operations.constants import Channel
from paraat.operations.models import Incident, StatusReport
from paraat.operations.services.reports import record_status
from paraat.supportpoints.models import SupportPoint


def line_key(*, incident: Incident, line: str, at: dt.datetime) -> str:
    """The idempotency key of a one-line message: the same line for the same incident and moment
    keyed in twice is one report; the same words on a later day or in another incident are new."""
    normalised = " ".join(line.upper().split())
    text = f"{incident.pk}|{at.astimezone(dt.UTC).isoformat()}|{normalised}"
    return "line:" + hashlib.sha256(text.encode()).hexdigest()[:40]


class _RegionPoints:
    """The region's points as the codec's ``known_points``: ``code in points`` reads that one
    point (one query, kept), instead of every code of the region and then the point again."""

    def __init__(self, region_id: int) -> None:
        self.region_id = region_id
        self.found: dict[str, SupportPoint | None] = {}

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        if code not in self.found:
            self.found[code] = SupportPoint.objects.filter(
                region_id=self.region_id, code=code
            ).first()
        return self.found[code] is not None


def read_line(
    *, incident: Incident, line: str, reference: dt.datetime | None = None
) -> tuple[Any, SupportPoint]:
    """Parse a keyed-in line against the region's points, without storing it: what the operator
    reads back before the point lead confirms. Raises StatusLineError if refused."""
    from paraat.operations.statusline import parse_line

    known = _RegionPoints(incident.region_id)
    parsed = parse_line(line, reference=reference or timezone.now(), known_points=known)
    point = known.found.get(parsed.status.point_code)
    if point is None:  # the codec checked the code; a point's code never changes in between
        point = SupportPoint.objects.get(
            region_id=incident.region_id, code=parsed.status.point_code
        )
    return parsed, point


def record_line(
    *,
    incident: Incident,
    line: str,
    reporter: Any = None,
    reference: dt.datetime | None = None,
    received_at: dt.datetime | None = None,
) -> tuple[StatusReport, bool]:
    """Store a one-line status message the point lead has confirmed (raises StatusLineError if
    refused). The same line for the same incident and moment is one report (see ``line_key``)."""
    parsed, point = read_line(incident=incident, line=line, reference=reference)
    status = parsed.status
    return record_status(
        incident=incident,
        point=point,
        idempotency_key=line_key(incident=incident, line=parsed.line, at=parsed.at),
        state=status.state.lower(),
        channel=Channel.LINE,
        services_available=[s.lower() for s in status.services],
        visitors=status.visitors,
        fuel_hours_left=None if status.fuel_hours is None else float(status.fuel_hours),
        needs=[n.lower() for n in status.needs],
        reporter=reporter,
        reported_at=parsed.at,
        raw_line=parsed.line,
        received_at=received_at,
    )


def card_line(*, point: SupportPoint, now: dt.datetime | None = None) -> str:
    """The line printed on a point's instruction card: its code, the services it offers, its fuel."""
    from paraat.operations.statusline import StatusLine, make_line
    from paraat.supportpoints.facts import autonomy_hours

    moment = timezone.localtime(now or timezone.now())
    offered = frozenset(s.service.upper() for s in point.services.all() if s.available)
    hours, _note = autonomy_hours(point)
    return make_line(
        StatusLine(
            point_code=point.code,
            time=moment.time().replace(second=0, microsecond=0),
            day=moment.day,
            state="OPEN",
            services=offered,
            fuel_hours=None if hours is None else int(hours),
        )
    )
