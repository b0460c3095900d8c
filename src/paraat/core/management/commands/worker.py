from __future__ import annotations

import argparse
import os
import signal
import threading
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def _stop_with(parent: int) -> None:
    """Stop this worker (as Ctrl-C would: the running task ends first) once ``parent`` is gone."""
    while True:
        time.sleep(1)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            break
        if os.getppid() != parent:
            break
    os.kill(os.getpid(), signal.SIGTERM)


class Command(BaseCommand):
    help = (
        "Run the background worker: optimisations, the static export and large imports that the "
        "web pages start (django-tasks' database worker). `paraat serve` and `paraat demo` start "
        "one themselves; run this when you serve Paraat another way."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="run the jobs that are waiting, then stop"
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds between looks for new jobs when there are none (default 1)",
        )
        parser.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["parent"]:
            threading.Thread(target=_stop_with, args=(options["parent"],), daemon=True).start()
        call_command(
            "db_worker",
            batch=options["batch"],
            interval=options["interval"],
            reload=False,
            startup_delay=not options["batch"],
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
