from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.accounts import services
from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Municipality
from paraat.core.audit import acting_as
from paraat.core.management.base import ParaatCommand, resolve_region
from paraat.supportpoints.models import SupportPoint


class Command(ParaatCommand):
    help = (
        "Accounts: `user add USERNAME --role ROLE --email ADDRESS [--municipality GMxxxx ...] "
        "[--point CODE ...]` creates an account and e-mails a one-time link (72 hours) to set a "
        "password; `user list`; `user deactivate USERNAME` (the person stays in the audit trail); "
        "`user reset-2fa USERNAME` after a lost phone (logged)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="create an account and send the invitation e-mail")
        add.add_argument("username")
        add.add_argument("--role", required=True, choices=Role.values)
        add.add_argument("--email", required=True, help="where the invitation goes")
        add.add_argument(
            "--municipality",
            action="append",
            default=[],
            metavar="GMxxxx",
            help="a municipal officer's municipality (repeat for more)",
        )
        add.add_argument(
            "--point",
            action="append",
            default=[],
            metavar="CODE",
            help="a point lead's support point (repeat for more)",
        )
        add.add_argument("--first-name", default="")
        add.add_argument("--last-name", default="")
        listing = sub.add_parser("list", help="the accounts of the region")
        deactivate = sub.add_parser("deactivate", help="stop an account; its history stays")
        deactivate.add_argument("username")
        reset = sub.add_parser("reset-2fa", help="remove a user's authenticator app (logged)")
        reset.add_argument("username")
        reset.add_argument("--reason", default="", help="why, for the audit trail")
        for sub_parser in (add, listing):
            self.add_region_argument(sub_parser)
        for sub_parser in (add, listing, deactivate, reset):
            self.add_json_argument(sub_parser)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"].replace("-", "_")
        with acting_as(None, f"user-{options['action']}"):
            getattr(self, f"_{action}")(options)

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user %(name)s.") % {"name": username})
        return user

    def _add(self, options: dict[str, Any]) -> None:
        region = resolve_region(options["region"])
        codes = [c.upper() for c in options["municipality"]]
        municipalities = list(Municipality.objects.in_region(region).filter(code__in=codes))
        points = list(SupportPoint.objects.filter(region=region, code__in=options["point"]))
        missing = sorted(set(codes) - {m.code for m in municipalities})
        missing += sorted(set(options["point"]) - {p.code for p in points})
        if missing:
            raise CommandError(
                _("%(codes)s do not belong to region %(region)s.")
                % {"codes": ", ".join(missing), "region": region.code}
            )
        try:
            user = services.invite_user(
                username=options["username"],
                email=options["email"],
                role=Role(options["role"]),
                region=region,
                municipalities=municipalities,
                points=points,
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except services.AccountError as error:
            raise CommandError(str(error)) from None
        if self.wants_json(options):
            self.emit_json(_row(user))
            return
        self.stdout.write(
            _("%(name)s (%(role)s, %(region)s) is invited by e-mail to %(email)s.")
            % {
                "name": user.username,
                "role": user.get_role_display(),
                "region": region.code,
                "email": user.email,
            }
        )

    def _list(self, options: dict[str, Any]) -> None:
        region = resolve_region(options["region"])
        users = (
            User.objects.filter(region=region)
            .prefetch_related("municipalities", "led_points")
            .order_by("username")
        )
        rows = [_row(user) for user in users]
        if self.wants_json(options):
            self.emit_json({"region": region.code, "users": rows})
            return
        for row in rows:
            scope = ", ".join(row["municipalities"] + row["points"])
            state = _("active") if row["is_active"] else _("deactivated")
            self.stdout.write(f"{row['username']}  {row['role']}  {scope or '-'}  {state}")

    def _deactivate(self, options: dict[str, Any]) -> None:
        user = services.deactivate_user(user=self._user(options["username"]))
        if self.wants_json(options):
            self.emit_json(_row(user))
            return
        self.stdout.write(_("%(name)s can no longer log in.") % {"name": user.username})

    def _reset_2fa(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        removed = services.reset_second_factor(user=user, reason=options["reason"])
        if self.wants_json(options):
            self.emit_json({**_row(user), "devices_removed": removed})
            return
        self.stdout.write(
            _("%(name)s sets up a new authenticator app at the next login.")
            % {"name": user.username}
        )


def _row(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "email": user.email,
        "role": user.role,
        "region": user.region.code if user.region else None,
        "municipalities": sorted(m.code for m in user.municipalities.all()),
        "points": sorted(p.code for p in user.led_points.all()),
        "is_active": user.is_active,
        "has_password": user.has_usable_password(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }
