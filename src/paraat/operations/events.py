"""The events the operations app sends when a point's state may have changed.

``operations`` owns the current state of a point during an incident (``operations.state``). Other
apps do not listen to saves of its models: they register a receiver here, and the owner sends one
event per change after the transaction commits (as Zulip's ``send_event_on_commit``). A rolled
back change sends nothing; a change that touches several rows (a report and its activation)
sends one event.

Receivers are called in the order they registered; one that fails is logged and the others still
run, so the public pages can never break a status report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StateChanged:
    """The state of points in an incident changed (report, activation, phase, new incident)."""

    region_id: int
    incident_id: int
    real: bool  # False for an exercise: such a change must never reach residents or real alerts
    point_ids: tuple[int, ...] = ()
    reason: str = ""


Receiver = Callable[[StateChanged], None]
_receivers: dict[str, Receiver] = {}


def register(name: str, receiver: Receiver) -> None:
    """Call ``receiver`` after every committed state change (``name`` keeps it registered once)."""
    _receivers[name] = receiver


def unregister(name: str) -> None:
    _receivers.pop(name, None)


def send_on_commit(event: StateChanged) -> None:
    """Deliver ``event`` to every receiver once the current transaction commits."""
    transaction.on_commit(lambda: _deliver(event))


def _deliver(event: StateChanged) -> None:
    for name, receiver in list(_receivers.items()):
        try:
            receiver(event)
        except Exception:  # one receiver must not stop the others or the report
            log.exception("receiver %s failed on %s", name, event)
