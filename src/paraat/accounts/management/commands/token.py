from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.accounts import tokens
from paraat.accounts.models import ApiToken, User
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    help = (
        "API tokens: `token create USERNAME --days 90` prints a new key once (only its hash is "
        "stored); `token revoke PREFIX` or `token revoke --user USERNAME` stops keys at once; "
        "`token list USERNAME`. Creation and revocation are in the audit trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="make a key for a user and print it once")
        create.add_argument("username")
        create.add_argument(
            "--days",
            type=int,
            default=tokens.DEFAULT_DAYS,
            help=f"days the key stays valid (1-{tokens.MAX_DAYS}, default {tokens.DEFAULT_DAYS})",
        )
        create.add_argument("--name", default="", help="what the key is for, e.g. 'radio desk'")
        revoke = sub.add_parser("revoke", help="stop a key (by its prefix) or all of a user's keys")
        revoke.add_argument("prefix", nargs="?", help="the key's prefix as `token list` shows it")
        revoke.add_argument("--user", help="revoke every key of this user")
        listing = sub.add_parser("list", help="a user's keys with expiry, last use and revocation")
        listing.add_argument("username")
        for sub_parser in (create, revoke, listing):
            self.add_json_argument(sub_parser)

    def handle(self, *args: Any, **options: Any) -> None:
        handler = {"create": self._create, "revoke": self._revoke, "list": self._list}
        handler[options["action"]](options)

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user %(name)s.") % {"name": username})
        return user

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        if not user.is_active:
            raise CommandError(_("%(name)s is deactivated.") % {"name": user.username})
        if not 1 <= options["days"] <= tokens.MAX_DAYS:
            raise CommandError(
                _("--days must be between 1 and %(max)d.") % {"max": tokens.MAX_DAYS}
            )
        token, key = tokens.create_api_token(user=user, days=options["days"], name=options["name"])
        if self.wants_json(options):
            self.emit_json({**_row(token), "key": key})
            return
        self.stdout.write(key)
        self.stderr.write(
            _("Key for %(name)s, valid until %(until)s. It is shown only now: store it safely.")
            % {"name": user.username, "until": f"{timezone.localtime(token.expires_at):%Y-%m-%d}"}
        )

    def _revoke(self, options: dict[str, Any]) -> None:
        if bool(options["prefix"]) == bool(options["user"]):
            raise CommandError(_("Give either a key prefix or --user USERNAME."))
        if options["user"]:
            found = list(ApiToken.objects.of_user(self._user(options["user"])))
        else:
            found = list(ApiToken.objects.filter(prefix=options["prefix"]))
            if not found:
                raise CommandError(_("There is no key %(prefix)s.") % {"prefix": options["prefix"]})
        for token in found:
            tokens.revoke_api_token(token=token)
        if self.wants_json(options):
            self.emit_json({"revoked": [_row(t) for t in found]})
        else:
            self.stdout.write(_("%(count)d key(s) revoked.") % {"count": len(found)})

    def _list(self, options: dict[str, Any]) -> None:
        rows = [_row(t) for t in ApiToken.objects.of_user(self._user(options["username"]))]
        if self.wants_json(options):
            self.emit_json({"tokens": rows})
            return
        for row in rows:
            state = (
                _("revoked")
                if row["revoked_at"]
                else _("valid until %(d)s") % {"d": row["expires_at"][:10]}
            )
            self.stdout.write(f"{row['prefix']}  {row['name'] or '-'}  {state}")


def _row(token: ApiToken) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "user": token.user.username,
        "prefix": token.prefix,
        "name": token.name,
        "created_at": iso(token.created_at),
        "expires_at": iso(token.expires_at),
        "last_used_at": iso(token.last_used_at),
        "revoked_at": iso(token.revoked_at),
    }
