"""Seed a database for crash tests and load benchmarks, and drive a running server over HTTP.

Run as `python -m paraat.testing.loadkit seed --points 500 --out seed.json` against the database
named by DATABASE_URL; the JSON holds the incident id, the point codes and API tokens.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any


def seed(points: int) -> dict[str, Any]:
    """A region with one municipality, `points` prepared points, an exercise incident and tokens."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paraat.settings")
    django.setup()
    from django.core.management import call_command

    from paraat.accounts.constants import Role
    from paraat.accounts.services import create_user
    from paraat.accounts.tokens import create_api_token
    from paraat.areas.models import Municipality
    from paraat.operations import services
    from paraat.operations.constants import IncidentKind
    from paraat.supportpoints import services as point_services
    from paraat.supportpoints.constants import Lifecycle, Tier
    from paraat.testing import factories, geometry

    call_command("migrate", verbosity=0)
    region = factories.RegionFactory(code="VRLOAD", name="Laadtest")
    made = factories.MunicipalityFactory(region=region, code="GM0828", name="Oss", size_m=30_000.0)
    x0, y0 = geometry.OSS_RD
    lon, lat = geometry.point_wgs84(x0, y0)
    point_services.save_point(
        region=region,
        data={
            "code": "CP-0",
            "name": "Coördinatiepunt",
            "tier": Tier.COORDINATION,
            "lifecycle": Lifecycle.PREPARED,
            "lon": lon,
            "lat": lat,
        },
    )
    codes = []
    for i in range(points):
        lon, lat = geometry.point_wgs84(
            x0 - 12_000 + (i % 25) * 1_000, y0 - 12_000 + (i // 25) * 1_000 % 24_000
        )
        code = f"P{i:04d}"
        point_services.save_point(
            region=region,
            data={
                "code": code,
                "name": f"Punt {i}",
                "tier": Tier.LOCAL,
                "lifecycle": Lifecycle.PREPARED,
                "lon": lon,
                "lat": lat,
            },
            coordination_code="CP-0",
        )
        codes.append(code)
    operator = create_user(
        username="load-operator",
        password="load-operator-pw-1",
        role=Role.CRISIS_OPERATOR,
        region=region,
    )
    municipality = Municipality.objects.get(pk=made.pk)
    incident = services.create_incident(
        region=region,
        title="Laadtest",
        kind=IncidentKind.POWER_OUTAGE,
        is_exercise=True,
        municipalities=[municipality],
        user=operator,
    )
    services.activate(incident=incident, user=operator)
    token = create_api_token(user=operator, days=1)[1]
    return {"incident": incident.pk, "codes": codes, "token": token, **_phone_session(operator)}


def _phone_session(user: Any) -> dict[str, Any]:
    """A logged-in session and a CSRF secret for the phone form, without a login over HTTP."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = get_random_string(32)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )
    return {"cookie": cookie, "csrf": csrf}


@dataclass
class Result:
    status: int
    seconds: float
    body: bytes
    location: str = ""


class Client:
    """A keep-alive HTTP client for one thread."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port, self.token = host, port, token
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        timeout: float = 30,
        *,
        form: dict[str, str] | None = None,
        cookie: str = "",
    ) -> Result:
        """A JSON request with the API token; with ``form`` a form post with the session
        ``cookie`` instead (the phone form)."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {
            "Authorization": f"Token {self.token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Accept": "text/html",
            }
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            start = time.perf_counter()
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
                continue
            location = response.getheader("Location", "") or ""
            return Result(response.status, time.perf_counter() - start, payload, location)
        raise RuntimeError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def report_body(code: str, key: str, minute: int) -> dict[str, Any]:
    return {
        "point": code,
        "idempotency_key": key,
        "state": "open" if minute % 7 else "limited",
        "visitors": (minute * 3) % 120,
        "fuel_hours_left": max(0.0, 72 - minute / 60),
        "needs": ["fuel"] if minute % 11 == 0 else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    seed_parser = sub.add_parser("seed")
    seed_parser.add_argument("--points", type=int, default=500)
    seed_parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    if args.command == "seed":
        data = seed(args.points)
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
