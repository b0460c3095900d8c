"""A live Paraat server for the parallel-login tests: own process, a thread per request, each
with its own database connection, and a password hasher that counts every password it checks.

    python lockout_server.py COUNT_FILE      (prints the port, then serves until killed)
"""

from __future__ import annotations

import os
import sys
import threading

import django
from django.contrib.auth.hashers import MD5PasswordHasher

COUNT_FILE = sys.argv[1] if len(sys.argv) > 1 else ""
_lock = threading.Lock()


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, tests only) that appends a line to COUNT_FILE for every check."""

    algorithm = "counting_md5"

    def verify(self, password: str, encoded: str) -> bool:
        with _lock, open(COUNT_FILE, "a", encoding="utf-8") as out:
            out.write("checked\n")
        return super().verify(password, encoded)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paraat.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        call_command("migrate", verbosity=0)
    from paraat.accounts.constants import Role
    from paraat.accounts.models import User
    from paraat.testing.personas import PASSWORD

    for number in range(20):
        name = "rianne" if number == 0 else f"user{number:02d}"
        if not User.objects.filter(username=name).exists():
            User.objects.create_user(username=name, password=PASSWORD, role=Role.VIEWER)
    open(COUNT_FILE, "w").close()

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.daemon_threads = True
    server.set_app(get_wsgi_application())
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
