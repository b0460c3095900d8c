"""How Paraat is served: one gunicorn command line, used by `paraat serve` and `paraat demo`."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command


def gunicorn_argv(*, bind: str, workers: int, threads: int, timeout: int) -> list[str]:
    """The gunicorn command line: threaded workers, access log on stdout, errors on stderr."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "paraat.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--timeout",
        str(timeout),
        # Only the reverse proxy on this machine may say which scheme and client a request has.
        "--forwarded-allow-ips",
        ",".join(settings.PARAAT_FORWARDED_ALLOW_IPS),
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
    ]


def exec_gunicorn(*, bind: str, workers: int, threads: int, timeout: int) -> None:
    """Collect the static files, then replace this process by gunicorn (signals reach it directly)."""
    call_command("collectstatic", interactive=False, verbosity=0)
    argv = gunicorn_argv(bind=bind, workers=workers, threads=threads, timeout=timeout)
    sys.stdout.flush()
    os.execvp(argv[0], argv)
