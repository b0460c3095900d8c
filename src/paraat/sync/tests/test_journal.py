"""The journal of a status report: the same changes as before it cost two statements (issue 16).

The report, the activation's pointer and the log entry are journaled in one insert, with the
portable keys taken from the rows the service already holds, no field stamps looked up for the
append-only rows, and a clock that reads the journal's newest stamp in the same statement as the
node id, so another process's change or a merge always orders before the next local one.
"""

from __future__ import annotations

from typing import Any

import pytest

from paraat.operations import services
from paraat.operations.models import Activation, LogEntry, StatusReport
from paraat.operations.tests.factories import make_scene
from paraat.sync import hlc, journal, registry
from paraat.sync.models import Change
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _report(cast: Cast, scene: Any, key: str, state: str = "open") -> StatusReport:
    report, created = services.record_status(
        incident=scene.incident, point=scene.a, idempotency_key=key, state=state,
        channel="api", reporter=cast.cas,
    )  # fmt: skip
    assert created
    return report


def _looked_up(row: Any) -> dict[str, Any]:
    """The row's portable values with every foreign key looked up (as the journal once did)."""
    fresh = type(row)._default_manager.get(pk=row.pk)
    return registry.values_of(fresh, fk_key=registry._fk_key)


def test_it_journals_a_report_as_it_did_when_it_looked_everything_up(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    first = _report(cast, scene, "one")
    pointer = Change.objects.filter(model="operations.activation").latest("pk")
    second = _report(cast, scene, "two", state="full")
    activation = Activation.objects.get(incident=scene.incident, point=scene.a)
    entry = LogEntry.objects.filter(kind="status").latest("pk")

    made = list(Change.objects.order_by("-pk")[:3])[::-1]
    assert [c.model for c in made] == [
        "operations.statusreport", "operations.activation", "operations.logentry",
    ]  # fmt: skip
    report_change, activation_change, entry_change = made
    assert report_change.record_uid == str(second.uid)
    assert report_change.fields == _looked_up(second)
    assert report_change.base == {name: "" for name in report_change.fields}
    assert entry_change.fields == _looked_up(entry)
    assert activation_change.record_uid == str(activation.uid)
    assert activation_change.fields == {"latest_report": str(second.uid)}
    assert activation_change.base == {"latest_report": pointer.stamp}
    assert pointer.fields["latest_report"] == str(first.uid)
    stamps = [c.stamp for c in made]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    assert pointer.stamp < stamps[0]
    assert {c.origin for c in made} == {journal.instance().node}


def test_it_stamps_after_a_change_another_process_wrote(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    _report(cast, scene, "one")  # this process's clock is running
    me = journal.instance().node
    ahead = hlc.Stamp(
        hlc.wall_ms() + 3_600_000, 5, me
    )  # another worker, or a merge of a fast clock
    Change.objects.create(
        model="operations.logentry", record_uid="00000000-0000-0000-0000-000000000001",
        stamp=str(ahead), origin=me, fields={}, base={},
    )  # fmt: skip
    _report(cast, scene, "two")
    newer = Change.objects.filter(model="operations.statusreport").latest("pk")
    assert hlc.Stamp.parse(newer.stamp) > ahead


def test_it_reads_what_is_stored_when_the_row_was_not_held_under_a_lock(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    activation = Activation.objects.get(incident=scene.incident, point=scene.a)
    stale = activation.checklist
    Activation.objects.filter(pk=activation.pk).update(checklist={"keys": True})
    activation.checklist = stale  # saving the old value back is a change of what is stored
    changes = Change.objects.filter(model="operations.activation", record_uid=str(activation.uid))
    known = changes.count()
    activation.save(update_fields=["checklist"])
    assert changes.count() == known + 1
    assert changes.latest("pk").fields == {"checklist": stale}
