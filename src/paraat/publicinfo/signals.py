"""Keep the public snapshot current without other apps calling us.

A saved support point or service changes the places (locations, what a point offers), and so
does a walking network registered or removed in the planning app (the walking distances); a saved
incident, activation or status report changes the situation (which points are open). Each handler
only marks the snapshot stale after commit; the rebuild happens on the next public request.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from paraat.publicinfo import services


def _places_changed(sender: Any, **kwargs: Any) -> None:
    services.public_data_changed()


def _situation_changed(sender: Any, **kwargs: Any) -> None:
    services.public_state_changed()


def connect() -> None:
    from paraat.areas.models import Area, Municipality
    from paraat.operations.models import Activation, Incident, StatusReport
    from paraat.planning.models import WalkingNetwork
    from paraat.supportpoints.models import PointService, SupportPoint

    for model in (SupportPoint, PointService, Area, Municipality, WalkingNetwork):
        post_save.connect(
            _places_changed, sender=model, dispatch_uid=f"publicinfo-{model.__name__}"
        )
        post_delete.connect(
            _places_changed, sender=model, dispatch_uid=f"publicinfo-del-{model.__name__}"
        )
    for situation_model in (Incident, Activation, StatusReport):
        post_save.connect(
            _situation_changed,
            sender=situation_model,
            dispatch_uid=f"publicinfo-{situation_model.__name__}",
        )
