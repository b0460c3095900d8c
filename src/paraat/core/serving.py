"""How Paraat is served: one gunicorn command line, used by `paraat serve` and `paraat demo`."""

from __future__ import annotations

import os
import subprocess
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


def start_worker() -> subprocess.Popen[bytes]:
    """`paraat worker` beside the web server; it stops by itself when this process (gunicorn,
    after the exec) is gone, so a laptop needs no second command."""
    return subprocess.Popen(  # noqa: S603 - a fixed argument list, no shell
        [sys.executable, "-m", "paraat", "worker", "--parent", str(os.getpid())],
    )


def start_mirror(directory: str) -> subprocess.Popen[bytes]:
    """`paraat export-public DIR --follow` beside the web server: the public mirror that the
    reverse proxy serves (docs/public-site.md); it stops by itself with this process."""
    return subprocess.Popen(  # noqa: S603 - a fixed argument list, no shell
        [sys.executable, "-m", "paraat", "export-public", directory, "--follow",
         "--parent", str(os.getpid())],
    )  # fmt: skip


def exec_gunicorn(
    *, bind: str, workers: int, threads: int, timeout: int, with_worker: bool = True
) -> None:
    """Collect the static files, start the background worker (unless told not to), then replace
    this process by gunicorn (signals reach it directly)."""
    call_command("collectstatic", interactive=False, verbosity=0)
    if with_worker:
        start_worker()
    if settings.PARAAT_PUBLIC_MIRROR_DIR:
        start_mirror(settings.PARAAT_PUBLIC_MIRROR_DIR)
    argv = gunicorn_argv(bind=bind, workers=workers, threads=threads, timeout=timeout)
    sys.stdout.flush()
    os.execvp(argv[0], argv)  # noqa: S606 - replaces this process with gunicorn, fixed arguments
