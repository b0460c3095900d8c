from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from paraat.core.serving import exec_gunicorn


class Command(BaseCommand):
    help = (
        "Run the production web server (gunicorn with threads; workers and threads from "
        "PARAAT_WEB_WORKERS and PARAAT_WEB_THREADS). Put a reverse proxy such as nginx in front "
        "of it for TLS (see docs/deployment.md). Starts the background worker too, unless "
        "--no-worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=settings.PARAAT_WEB_BIND,
            help=f"HOST:PORT or unix:PATH to listen on (default {settings.PARAAT_WEB_BIND})",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.PARAAT_WEB_WORKERS,
            help=f"worker processes (default {settings.PARAAT_WEB_WORKERS})",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.PARAAT_WEB_THREADS,
            help=f"threads per worker (default {settings.PARAAT_WEB_THREADS})",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background worker (when `paraat worker` runs on its own)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        exec_gunicorn(
            with_worker=not options["no_worker"],
            bind=options["bind"],
            workers=max(1, options["workers"]),
            threads=max(1, options["threads"]),
            timeout=settings.PARAAT_WEB_TIMEOUT,
        )
