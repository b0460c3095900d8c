"""The logbook's own lines, written as a message and its parameters and read in the reader's
language (issue 18).

A line the system writes (a report came in, points were activated, a request was claimed) is
stored as ``LogEntry.message`` (one of ``LogMessage``) with ``LogEntry.params`` (plain JSON:
codes, numbers, names). ``shown`` renders it at the moment it is read, in the active language,
so the English interface shows English lines and the Dutch one Dutch lines of the same entry.
``LogEntry.text`` keeps the line as it was written, in the installation's language
(``LANGUAGE_CODE``): the record as the logbook's readers at the time saw it, what a CSV or an
older copy of Paraat reads. Notes and corrections people type have no message: their text is
shown as written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from paraat.operations.constants import Channel, ChecklistItem, Need, Phase, PointState, Priority

Params = Mapping[str, Any]


class LogMessage(models.TextChoices):
    INCIDENT_CREATED = "incident_created", gettext_lazy("Incident created")
    POINTS_ACTIVATED = "points_activated", gettext_lazy("Points activated")
    PHASE = "phase", gettext_lazy("Phase")
    CHECKLIST = "checklist", gettext_lazy("Opening checklist")
    INJECTS_PLANNED = "injects_planned", gettext_lazy("Exercise injects planned")
    INJECT_DUE = "inject_due", gettext_lazy("Exercise inject")
    STATUS_REPORT = "status_report", gettext_lazy("Status report")
    REQUEST_MADE = "request_made", gettext_lazy("Help request")
    REQUEST_CLAIMED = "request_claimed", gettext_lazy("Help request claimed")
    REQUEST_ASSIGNED = "request_assigned", gettext_lazy("Help request assigned")
    REQUEST_DONE = "request_done", gettext_lazy("Help request done")
    REQUEST_CANCELLED = "request_cancelled", gettext_lazy("Help request withdrawn")
    RELAY_RECEIVED = "relay_received", gettext_lazy("Emergency report relayed")
    RELAY_OUTCOME = "relay_outcome", gettext_lazy("Emergency report handled")


def _label(choices: type[models.TextChoices], value: Any) -> str:
    """A choice's label in the active language; an unknown value (from a newer copy) as is."""
    return str(choices(value).label) if value in choices.values else str(value)


def _codes(params: Params) -> str:
    codes = ", ".join(params.get("codes", []))
    return f"{codes} …" if params.get("more") else codes


def _incident_created(p: Params) -> str:
    return _("%(kind)s created: %(title)s (%(municipalities)s)") % {
        "kind": _("Exercise") if p.get("exercise") else _("Incident"),
        "title": p.get("title", ""),
        "municipalities": ", ".join(p.get("municipalities", [])),
    }


def _points_activated(p: Params) -> str:
    count = int(p.get("count", 0))
    return ngettext(
        "%(count)d point activated: %(codes)s", "%(count)d points activated: %(codes)s", count
    ) % {"count": count, "codes": _codes(p)}


def _phase(p: Params) -> str:
    return _("Phase: %(phase)s") % {"phase": _label(Phase, p.get("phase"))}


def _checklist(p: Params) -> str:
    values = {
        "point": p.get("point", ""),
        "item": _label(ChecklistItem, p.get("item")),
        "done": p.get("done_count", 0),
        "total": p.get("total", 0),
    }
    if p.get("done"):
        return _("%(point)s opening checklist: %(item)s done (%(done)d/%(total)d)") % values
    return _("%(point)s opening checklist: %(item)s no longer done (%(done)d/%(total)d)") % values


def _injects_planned(p: Params) -> str:
    count = int(p.get("count", 0))
    if p.get("source"):
        return ngettext(
            "%(count)d exercise inject planned from %(source)s",
            "%(count)d exercise injects planned from %(source)s",
            count,
        ) % {"count": count, "source": p["source"]}
    return ngettext(
        "%(count)d exercise inject planned", "%(count)d exercise injects planned", count
    ) % {"count": count}


def _inject_due(p: Params) -> str:
    return _("[EXERCISE] T+%(hours)s h — %(title)s: %(message)s") % {
        "hours": f"{float(p.get('hours', 0)):g}",
        "title": p.get("title", ""),
        "message": p.get("message", ""),
    }


# A point's state as a word in a logbook line (lower case, as it is said over the radio).
STATE_WORDS: dict[str, Any] = {
    PointState.OPEN: pgettext_lazy("point state in the logbook", "open"),
    PointState.LIMITED: pgettext_lazy("point state in the logbook", "limited"),
    PointState.FULL: pgettext_lazy("point state in the logbook", "full"),
    PointState.CLOSED: pgettext_lazy("point state in the logbook", "closed"),
}


def _status_report(p: Params) -> str:
    state = str(p.get("state", ""))
    parts = [
        _("%(point)s: %(state)s")
        % {"point": p.get("point", ""), "state": str(STATE_WORDS.get(state, state))}
    ]
    if p.get("visitors") is not None:
        visitors = int(p["visitors"])
        parts.append(
            ngettext("%(count)d visitor", "%(count)d visitors", visitors) % {"count": visitors}
        )
    if p.get("fuel_hours") is not None:
        parts.append(_("fuel %(hours)s h") % {"hours": f"{float(p['fuel_hours']):g}"})
    if p.get("needs"):
        needs = ", ".join(_label(Need, need) for need in p["needs"])
        parts.append(_("needs: %(needs)s") % {"needs": needs})
    if p.get("note"):
        parts.append(str(p["note"]))
    return _("%(report)s (via %(channel)s)") % {
        "report": "; ".join(parts),
        "channel": _label(Channel, p.get("channel")),
    }


def _request_made(p: Params) -> str:
    values = {
        "priority": _label(Priority, p.get("priority")).lower(),
        "point": p.get("point", ""),
        "need": _label(Need, p.get("need")),
        "description": p.get("description", ""),
    }
    if p.get("point"):
        return _("Help request (%(priority)s) %(point)s: %(need)s: %(description)s") % values
    return _("Help request (%(priority)s) %(need)s: %(description)s") % values


def _request_claimed(p: Params) -> str:
    return _("Help request #%(number)s claimed by %(name)s") % {
        "number": p.get("number"),
        "name": p.get("name", ""),
    }


def _request_assigned(p: Params) -> str:
    return _("Help request #%(number)s assigned to %(name)s") % {
        "number": p.get("number"),
        "name": p.get("name", ""),
    }


def _request_closed(done: bool) -> Callable[[Params], str]:
    def render(p: Params) -> str:
        values = {"number": p.get("number"), "outcome": p.get("outcome", "")}
        if done:
            if p.get("outcome"):
                return _("Help request #%(number)s done: %(outcome)s") % values
            return _("Help request #%(number)s done") % values
        if p.get("outcome"):
            return _("Help request #%(number)s withdrawn: %(outcome)s") % values
        return _("Help request #%(number)s withdrawn") % values

    return render


def _relay_received(p: Params) -> str:
    return _("Emergency report #%(number)s via %(point)s (contents in the report)") % {
        "number": p.get("number"),
        "point": p.get("point", ""),
    }


def _relay_outcome(p: Params) -> str:
    return _("Outcome of emergency report #%(number)s recorded (contents in the report)") % {
        "number": p.get("number")
    }


RENDER: dict[str, Callable[[Params], str]] = {
    LogMessage.INCIDENT_CREATED: _incident_created,
    LogMessage.POINTS_ACTIVATED: _points_activated,
    LogMessage.PHASE: _phase,
    LogMessage.CHECKLIST: _checklist,
    LogMessage.INJECTS_PLANNED: _injects_planned,
    LogMessage.INJECT_DUE: _inject_due,
    LogMessage.STATUS_REPORT: _status_report,
    LogMessage.REQUEST_MADE: _request_made,
    LogMessage.REQUEST_CLAIMED: _request_claimed,
    LogMessage.REQUEST_ASSIGNED: _request_assigned,
    LogMessage.REQUEST_DONE: _request_closed(done=True),
    LogMessage.REQUEST_CANCELLED: _request_closed(done=False),
    LogMessage.RELAY_RECEIVED: _relay_received,
    LogMessage.RELAY_OUTCOME: _relay_outcome,
}


def shown(message: str, params: Params, text: str) -> str:
    """The line in the active language; ``text`` (as written) for a typed line, or for a message
    this copy of Paraat does not know (a newer laptop's, synced in)."""
    render = RENDER.get(message)
    if render is None:
        return text
    try:
        return render(params)
    except (KeyError, TypeError, ValueError):  # parameters of another version: the record stands
        return text


def written(message: str, params: Params) -> str:
    """The line as stored in ``LogEntry.text``: in the installation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return RENDER[message](params)


# Authors that are no person; the logbook writes the name once, as a signature, in the
# installation's language (``in_house``).
SYSTEM = gettext_lazy("system")
REPORT = gettext_lazy("report")
EXERCISE_CONTROL = gettext_lazy("exercise control")


def in_house(name: Any) -> str:
    """``name`` (lazy) in the installation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(name)
