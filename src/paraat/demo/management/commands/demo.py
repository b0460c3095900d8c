from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.audit import acting_as
from paraat.core.serving import exec_gunicorn
from paraat.demo.accounts import DEMO_ACCOUNTS
from paraat.demo.loaders import DEMO_PASSWORD, LOADERS


class Command(BaseCommand):
    help = (
        "Load the Brabant-Noord demo region (if not loaded yet) with demo accounts, and serve Paraat "
        "on http://127.0.0.1:8000. Not for production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="load the demo data and stop")
        parser.add_argument(
            "--reload", action="store_true", help="load the demo data again even if present"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("paraat demo is not for production (PARAAT_ENV=production)")
        self.say(
            _("Updating the database (%(name)s)…") % {"name": settings.DATABASES["default"]["NAME"]}
        )
        call_command("migrate", interactive=False, verbosity=0)
        from paraat.areas.models import Region

        if options["reload"] or not Region.objects.exists():
            self.say(_("Loading the demo region Brabant-Noord (about a minute)…"))
            with acting_as(None, "demo"):
                for step, (name, loader) in enumerate(LOADERS, start=1):
                    self.say(f"  [{step}/{len(LOADERS)}] {name}…")
                    started = time.monotonic()
                    for line in loader():
                        self.stdout.write(f"      {line}")
                    seconds = f"{time.monotonic() - started:.1f}"
                    self.say("      " + _("done in %(seconds)s s") % {"seconds": seconds})
        self.stdout.write(self.style.SUCCESS(accounts_text(options["host"], options["port"])))
        if options["no_serve"]:
            return
        self.say(_("Collecting static files and starting the web server (Ctrl-C stops it)…"))
        serve(options["host"], options["port"])

    def say(self, text: str) -> None:
        """One progress line, shown at once (not held in a buffer while the next step runs)."""
        self.stdout.write(text)
        self.stdout.flush()


def accounts_text(host: str, port: int) -> str:
    rows = "\n".join(f"    {username:<14} {label}" for username, label, *_rest in DEMO_ACCOUNTS)
    running = _("Paraat is running on %(url)s") % {"url": f"http://{host}:{port}/"}
    accounts = _("Demo accounts (the password for all of them: %(password)s):") % {
        "password": DEMO_PASSWORD
    }
    two_factor = _(
        "Two-factor login is off in the demo (PARAAT_REQUIRE_2FA=false); in production it is "
        "required."
    )
    return f"\n{running}\n{accounts}\n{rows}\n{two_factor}\n"


def serve(host: str, port: int) -> None:
    """Serve with gunicorn (threads), the same server and settings as `paraat serve`."""
    exec_gunicorn(
        bind=f"{host}:{port}",
        workers=settings.PARAAT_WEB_WORKERS,
        threads=settings.PARAAT_WEB_THREADS,
        timeout=settings.PARAAT_WEB_TIMEOUT,
    )
