"""Keep the public snapshot current without other apps calling us.

A saved support point or service changes the places (locations, what a point offers), and so
does a walking network registered or removed in the planning app (the walking distances). Each
handler only marks the snapshot stale after commit; the rebuild happens on the next public request.

The situation (which points are open) is owned by ``operations``: it sends one
``operations.events.StateChanged`` after each committed change, and ``_situation_changed`` marks
the situation stale once, only for real incidents (an exercise never changes the public pages).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from paraat.publicinfo import services, snapshot


def _places_changed(sender: Any, **kwargs: Any) -> None:
    services.public_data_changed()


def _situation_changed(event: Any) -> None:
    """Called after commit by operations; exercise changes never reach residents."""
    if event.real:
        snapshot.invalidate(places=False)


def connect() -> None:
    from paraat.areas.models import Area, Municipality, Region
    from paraat.operations import events
    from paraat.planning.models import WalkingNetwork
    from paraat.publicinfo import export
    from paraat.supportpoints.models import PointService, SupportPoint

    # Region: its public-site introduction (the region's settings page).
    for model in (SupportPoint, PointService, Area, Municipality, Region, WalkingNetwork):
        post_save.connect(
            _places_changed, sender=model, dispatch_uid=f"publicinfo-{model.__name__}"
        )
        post_delete.connect(
            _places_changed, sender=model, dispatch_uid=f"publicinfo-del-{model.__name__}"
        )
    events.register("publicinfo.snapshot", _situation_changed)
    events.register("publicinfo.export", export.note_state_changed)
