"""The continuity registers of a region, read for the pages and the command: each process with
the hours at which it fails in an outage (computed by paraat.programme.continuity)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from paraat.areas.models import Municipality, Region
from paraat.programme import continuity
from paraat.programme.models import CriticalProcess


@dataclass(frozen=True)
class Row:
    process: CriticalProcess
    timing: continuity.Timing


@dataclass(frozen=True)
class Register:
    municipality: Municipality | None  # None: the safety region itself
    name: str
    rows: list[Row]


def rows(processes: Iterable[CriticalProcess]) -> list[Row]:
    by_pk = {p.pk: p for p in processes}
    found = continuity.timings(p.as_plain() for p in by_pk.values())
    return [Row(by_pk[t.key], t) for t in found]  # type: ignore[index]


def of_municipality(municipality: Municipality) -> list[Row]:
    return rows(CriticalProcess.objects.of_municipality(municipality))


def for_region(region: Region) -> list[Register]:
    """The safety region's own register first, then each municipality's, by name."""
    processes = list(CriticalProcess.objects.in_region(region).select_related("municipality"))
    registers = [Register(None, region.name, rows(p for p in processes if p.municipality is None))]
    for m in Municipality.objects.filter(region=region).order_by("name"):
        registers.append(
            Register(m, m.name, rows(p for p in processes if p.municipality_id == m.pk))
        )
    return registers


def affected_in_region(region: Region) -> list[Row]:
    """Every organisation's processes an outage touches, the earliest to fail first: the outage
    clock lists them beside the cascade."""
    processes = CriticalProcess.objects.in_region(region).select_related("municipality")
    return [row for row in rows(processes) if row.timing.affected]


def as_dict(region: Region) -> dict[str, Any]:
    return {
        "region": region.code,
        "registers": [
            {
                "organisation": r.municipality.code if r.municipality else region.code,
                "name": r.name,
                "processes": [_row(row) for row in r.rows],
            }
            for r in for_region(region)
        ],
    }


def _row(row: Row) -> dict[str, Any]:
    p, t = row.process, row.timing
    return {
        "name": p.name, "owner": p.owner, "max_downtime_h": p.max_downtime_h,
        "dependencies": p.dependencies, "fallback": p.fallback,
        "fallback_autonomy_h": p.fallback_autonomy_h, "affected": t.affected,
        "fails_without_h": t.fails_without_h, "fails_with_h": t.fails_with_h,
        "fallback_by_h": t.fallback_by_h, "fallback_missing": t.fallback_missing,
        "is_example": p.is_example,
    }  # fmt: skip
