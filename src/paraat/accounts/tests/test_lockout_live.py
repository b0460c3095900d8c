"""Login lockout under attack, against a live server in its own process (issue 11).

Forty parallel attempts for one account never check more passwords than the limit and never let
the right password through once locked; password spraying across 20 account names from one
address is stopped, while the same account still logs in from another address.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.db import connection

from paraat.testing.personas import PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LIMIT = 5
SERVER = Path(__file__).with_name("lockout_server.py")


@dataclass
class Live:
    url: str
    counts: Path

    def checked(self) -> int:
        return len(self.counts.read_text().splitlines())


@pytest.fixture
def live() -> Iterator[Live]:
    work = Path(tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    env = dict(os.environ)
    env.update(
        PARAAT_ENV="test",
        PARAAT_DATA_DIR=str(work),
        PARAAT_LOGIN_MAX_FAILURES=str(LIMIT),
        PARAAT_TRUSTED_PROXIES="1",  # the tests play the proxy and name the client's address
    )
    if connection.vendor == "postgresql":
        # The test database pytest-django made (and flushes after this test).
        db = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{work / 'live.sqlite3'}"
    counts = work / "checked.txt"
    process = subprocess.Popen(
        [sys.executable, str(SERVER), str(counts)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield Live(url=f"http://127.0.0.1:{port}", counts=counts)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _session(live: Live, address: str) -> tuple[requests.Session, str]:
    session = requests.Session()
    session.headers["X-Forwarded-For"] = address
    page = session.get(f"{live.url}/accounts/login/", timeout=60).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    return session, token.group(1)


def _parallel(live: Live, attempts: list[tuple[str, str, str]]) -> list[int]:
    """Log in with every (address, name, password) at the same moment; the HTTP statuses."""
    sessions = [_session(live, address) for address, _, _ in attempts]
    start = threading.Barrier(len(attempts))
    statuses: list[int] = [0] * len(attempts)

    def attempt(index: int) -> None:
        session, token = sessions[index]
        _, name, password = attempts[index]
        start.wait()
        response = session.post(
            f"{live.url}/accounts/login/",
            data={"csrfmiddlewaretoken": token, "username": name, "password": password},
            headers={"Referer": f"{live.url}/accounts/login/"},
            allow_redirects=False,
            timeout=120,
        )
        statuses[index] = response.status_code

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(attempts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_it_checks_no_more_passwords_than_the_limit_under_40_parallel_attempts(
    live: Live,
) -> None:
    statuses = _parallel(live, [("192.0.2.10", "rianne", f"wrong{i}") for i in range(40)])
    assert live.checked() == LIMIT, statuses
    assert statuses.count(429) >= 40 - LIMIT + 1
    assert 302 not in statuses

    # Once locked, forty parallel tries with the right password get nowhere and check nothing.
    statuses = _parallel(live, [("192.0.2.10", "rianne", PASSWORD) for _ in range(40)])
    assert statuses == [429] * 40
    assert live.checked() == LIMIT


def test_it_stops_password_spraying_from_one_address_but_not_the_owner_elsewhere(
    live: Live,
) -> None:
    names = ["rianne"] + [f"user{n:02d}" for n in range(1, 20)]
    statuses = _parallel(live, [("198.51.100.7", name, "Welkom2026!") for name in names])
    assert live.checked() == LIMIT
    assert statuses.count(429) >= 20 - LIMIT
    assert 302 not in statuses

    session, token = _session(live, "198.51.100.7")
    refused = session.post(
        f"{live.url}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": "user19", "password": PASSWORD},
        allow_redirects=False,
        timeout=60,
    )
    assert refused.status_code == 429
    # The attacker did not lock the region coordinator out: from her own address she logs in.
    session, token = _session(live, "203.0.113.20")
    allowed = session.post(
        f"{live.url}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": "rianne", "password": PASSWORD},
        allow_redirects=False,
        timeout=60,
    )
    assert allowed.status_code == 302
