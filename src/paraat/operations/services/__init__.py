"""Every change during a disruption goes through here, and each writes a logbook entry.

``record_status`` is the one way a status report is stored, whichever way it came in (phone
form, API or a one-line radio message): exactly once per idempotency key, so a retried
submission never duplicates.

The functions live in five modules (logbook, incidents, reports, lines, requests); import them from here.
"""

from paraat.operations.services.incidents import (
    activate,
    create_incident,
    deliver_due_injects,
    points_in_area,
    schedule_injects,
    set_phase,
    tick_checklist,
)
from paraat.operations.services.lines import card_line, line_key, read_line, record_line
from paraat.operations.services.logbook import correct_log_entry, log
from paraat.operations.services.reports import (
    IdempotencyConflict,
    fuel_hours_from_litres,
    record_status,
)
from paraat.operations.services.requests import (
    assign_request,
    claim_request,
    complete_request,
    create_help_request,
    erase_relays,
    record_relay_outcome,
    relay_emergency_report,
    show_relays,
)

__all__ = [
    "IdempotencyConflict",
    "activate",
    "assign_request",
    "card_line",
    "claim_request",
    "complete_request",
    "correct_log_entry",
    "create_help_request",
    "create_incident",
    "erase_relays",
    "show_relays",
    "deliver_due_injects",
    "fuel_hours_from_litres",
    "line_key",
    "log",
    "points_in_area",
    "read_line",
    "record_line",
    "record_relay_outcome",
    "record_status",
    "relay_emergency_report",
    "schedule_injects",
    "set_phase",
    "tick_checklist",
]
