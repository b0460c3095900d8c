from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.community import callouts, roster
from paraat.community.constants import Skill
from paraat.community.models import Callout
from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand
from paraat.supportpoints.models import SupportPoint


def as_dict(callout: Callout) -> dict[str, Any]:
    """Who was asked, in which order, and the state (volunteers by number, never by name)."""
    return {
        "callout": callout.pk,
        "point": callout.point.code,
        "incident": callout.incident_id,
        "exercise": callout.incident.is_exercise,
        "skill": callout.skill,
        "needed": callout.needed,
        "accepted": callout.accepted_count,
        "radius_m": callout.radius_m,
        "ring": callout.ring,
        "state": callout.state,
        "asked": [
            {"order": a.order, "volunteer": a.volunteer_id, "distance_m": a.distance_m,
             "ring": a.ring, "channel": a.channel, "state": a.state}
            for a in callout.asks.order_by("order")
        ],
    }  # fmt: skip


class Command(ParaatCommand):
    help = (
        "Call out volunteers for a point: the nearest available ones with the skill (and a valid "
        "certificate) within the radius, capped. With --advance, widen every open call-out whose "
        "wait has passed (run it every minute from cron or a timer)."
    )
    region_option = True
    json_option = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--point", help="support point code")
        parser.add_argument("--need", type=int, default=1, help="number of volunteers needed")
        parser.add_argument("--skill", choices=Skill.values, default=Skill.FIRST_AID)
        parser.add_argument("--radius", type=int, default=2_000, help="first radius in metres")
        parser.add_argument("--max-radius", type=int, help="widest radius (default 4× the first)")
        parser.add_argument("--wait", type=int, default=10, help="minutes before widening")
        parser.add_argument(
            "--advance", action="store_true", help="widen open call-outs that are due"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._handle(**options)
        except CommandError as error:
            if self.wants_json(options):  # a refusal is JSON too, so a script can read why
                self.emit_json({"error": str(error)})
            raise

    def _handle(self, **options: Any) -> None:
        if options["advance"]:
            with acting_as(None, "callout"):
                widened = callouts.advance_callouts()
            self._out([as_dict(c) for c in widened], options["json"])
            return
        if not options["point"]:
            raise CommandError(_("Give --point CODE (or --advance)."))
        target = self.region(options)
        point = SupportPoint.objects.filter(region=target, code=options["point"].upper()).first()
        if point is None:
            raise CommandError(
                _("There is no point %(point)s in %(region)s.")
                % {"point": options["point"], "region": target.code}
            )
        incident = roster.current_incident(point)
        if incident is None:
            raise CommandError(_("There is no open incident or exercise for this point."))
        try:
            with acting_as(None, "callout"):
                callout = callouts.start_callout(
                    incident=incident, point=point, skill=options["skill"], needed=options["need"],
                    radius_m=options["radius"], max_radius_m=options["max_radius"],
                    wait_minutes=options["wait"],
                )  # fmt: skip
        except ValidationError as error:
            raise CommandError(
                "; ".join(m for ms in error.message_dict.values() for m in ms)
            ) from None
        self._out(as_dict(callout), options["json"])

    def _out(self, data: Any, as_json: bool) -> None:
        if as_json:
            self.emit_json(data)
            return
        for item in data if isinstance(data, list) else [data]:
            self.stdout.write(
                _(
                    "Call-out %(callout)s for %(point)s: %(accepted)s/%(needed)s %(skill)s, "
                    "radius %(radius_m)s m, %(state)s"
                )
                % item
            )
            for ask in item["asked"]:
                self.stdout.write(
                    f"  {ask['order']:>3}. "
                    + _(
                        "volunteer #%(volunteer)s %(distance_m)s m (ring %(ring)s, %(channel)s): %(state)s"
                    )
                    % ask
                )
