"""What the resident side reads from ``paraat.alerts``: current alerts, CAP documents, the feed.

``paraat.alerts.public`` provides ``current_alerts(region)``, ``cap_documents(region)`` and
``atom_feed(region, *, base_url)``. The alerts app sits above this one (it uses the advice library
and tells the public site when an alert changes), so it hands that module in at start-up with
``register()`` (``AlertsConfig.ready``) instead of this module importing it. This module turns its
answers into plain data for the snapshot. When no provider is registered (or it fails), the
resident pages show no alerts and keep working: an alert problem must never take the public pages
down.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)

# Alert fields the resident pages show; anything else the alerts app adds is ignored.
FIELDS = (
    "identifier",
    "headline",
    "description",
    "instruction",
    "severity",
    "urgency",
    "event",
    "area",
    "sent",
    "expires",
    "status",
    "language",
    "web",
    "municipality_codes",
    "area_codes",
)

# Residents only ever see real alerts: Exercise and Test stay with staff (alerts.public filters
# them too; this keeps the public pages right whatever a provider returns).
PUBLIC_STATUSES = ("", "Actual")


_provider: ModuleType | None = None


def register(provider: ModuleType) -> None:
    """Take ``provider`` (a module with the functions above) as the source of alerts."""
    global _provider
    _provider = provider


def _module() -> ModuleType | None:
    return _provider


def available() -> bool:
    """True when the alerts app offers its public functions."""
    module = _module()
    return module is not None and hasattr(module, "current_alerts")


def _plain(alert: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(alert) and not isinstance(alert, type):
        raw: Mapping[str, Any] = dataclasses.asdict(alert)
    elif isinstance(alert, Mapping):
        raw = alert
    else:
        raw = {key: getattr(alert, key, None) for key in (*FIELDS, "area_names", "areas")}
    found = {key: raw.get(key) for key in FIELDS}
    names = raw.get("area_names") or raw.get("areas") or raw.get("area")
    if isinstance(names, list | tuple):
        found["area"] = ", ".join(str(name) for name in names)
    elif names:
        found["area"] = str(names)
    for key in ("sent", "expires"):
        if not isinstance(found[key], dt.datetime):
            found[key] = None
    for key in ("headline", "description", "instruction", "severity", "status", "language", "web"):
        found[key] = str(found[key] or "")
    for key in ("municipality_codes", "area_codes"):
        value = found[key]
        found[key] = tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()
    return found


def current_alerts(region: Any) -> tuple[dict[str, Any], ...]:
    """Alerts in force for the region, as plain dicts (newest first, as the alerts app orders)."""
    module = _module()
    provider = getattr(module, "current_alerts", None)
    if provider is None:
        return ()
    try:
        found = [_plain(alert) for alert in provider(region)]
    except Exception:  # alerts must never take the public pages down
        log.exception("paraat.alerts.public.current_alerts failed")
        return ()
    return tuple(
        alert for alert in found if alert["headline"] and alert["status"] in PUBLIC_STATUSES
    )


def cap_documents(region: Any) -> dict[str, bytes]:
    """File name → CAP 1.2 XML of every alert in the feed (empty without the alerts app)."""
    provider = getattr(_module(), "cap_documents", None)
    if provider is None:
        return {}
    try:
        return {_safe_name(str(name)): bytes(data) for name, data in provider(region).items()}
    except Exception:
        log.exception("paraat.alerts.public.cap_documents failed")
        return {}


def cap_document(region: Any, name: str) -> bytes | None:
    """One published CAP document by file name, also a replaced or cancelled one (None: none)."""
    provider = getattr(_module(), "cap_document", None)
    if provider is None:
        return None
    try:
        found = provider(region, name)
    except Exception:
        log.exception("paraat.alerts.public.cap_document failed")
        return None
    return None if found is None else bytes(found)


def atom_feed(region: Any, *, base_url: str) -> bytes | None:
    """The Atom feed of current alerts, linking each CAP document under ``base_url``."""
    provider = getattr(_module(), "atom_feed", None)
    if provider is None:
        return None
    try:
        return bytes(provider(region, base_url=base_url))
    except Exception:
        log.exception("paraat.alerts.public.atom_feed failed")
        return None


def _safe_name(name: str) -> str:
    """A CAP file name as a single path part (the export writes it inside cap/)."""
    cleaned = name.replace("\\", "/").rsplit("/", 1)[-1]
    if not cleaned or cleaned in (".", ".."):
        raise ValueError(f"unusable CAP file name {name!r}")
    return cleaned
