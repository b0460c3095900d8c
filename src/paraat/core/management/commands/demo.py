from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from paraat.core.audit import acting_as
from paraat.core.serving import exec_gunicorn

DEMO_PASSWORD = "paraat-demo"


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
        self.say(f"Database bijwerken ({settings.DATABASES['default']['NAME']})…")
        call_command("migrate", interactive=False, verbosity=0)
        from paraat.areas.models import Region

        if options["reload"] or not Region.objects.exists():
            self.say("Demoregio Brabant-Noord laden (ongeveer een minuut)…")
            with acting_as(None, "demo"):
                for step, loader in enumerate(loaders := list(demo_loaders()), start=1):
                    self.say(f"  [{step}/{len(loaders)}] {loader.__module__.split('.')[1]}…")
                    started = time.monotonic()
                    for line in loader():
                        self.stdout.write(f"      {line}")
                    self.say(f"      klaar in {time.monotonic() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS(accounts_text(options["host"], options["port"])))
        if options["no_serve"]:
            return
        self.say("Statische bestanden verzamelen en de webserver starten (Ctrl-C stopt hem)…")
        serve(options["host"], options["port"])

    def say(self, text: str) -> None:
        """One progress line, shown at once (not held in a buffer while the next step runs)."""
        self.stdout.write(text)
        self.stdout.flush()


def load_all() -> list[str]:
    """Run each app's demo loader (module `demo` with a `load()` function), in INSTALLED_APPS order."""
    lines: list[str] = []
    for loader in demo_loaders():
        lines.extend(loader())
    return lines


def demo_loaders() -> Iterator[Callable[[], list[str]]]:
    """Each app's demo `load()` function, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("paraat."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        loader = getattr(module, "load", None)
        if loader is not None:
            yield loader


def accounts_text(host: str, port: int) -> str:
    from paraat.accounts.demo import DEMO_ACCOUNTS

    rows = "\n".join(f"    {username:<14} {label}" for username, label, *_ in DEMO_ACCOUNTS)
    return (
        f"\nParaat draait op http://{host}:{port}/\n"
        f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):\n{rows}\n"
        "Twee-factor-inloggen is in de demo uit (PARAAT_REQUIRE_2FA=false); in productie is het verplicht.\n"
    )


def serve(host: str, port: int) -> None:
    """Serve with gunicorn (threads), the same server and settings as `paraat serve`."""
    exec_gunicorn(
        bind=f"{host}:{port}",
        workers=settings.PARAAT_WEB_WORKERS,
        threads=settings.PARAAT_WEB_THREADS,
        timeout=settings.PARAAT_WEB_TIMEOUT,
    )
