"""docs/deployment.md followed as written: its environment file and its commands start
`paraat serve` in production mode on the run's database engine, and nginx from Debian's packages
with deploy/nginx-paraat.conf puts TLS in front of it."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from paraat.testing.nginx import HOST, nginx_binary, nginx_conf
from paraat.testing.processes import env_for, free_port, fresh_database, paraat, serving

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[4]
DOC = ROOT / "docs" / "deployment.md"


def _block(marker: str) -> list[str]:
    """The lines of the fenced block right after `<!-- deployment-test: MARKER -->`."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- deployment-test: {marker} -->\n```sh\n(.*?)\n```", text, re.S)
    assert found, f"{DOC.name} has no block marked deployment-test: {marker}"
    return [line for line in found.group(1).splitlines() if line and not line.startswith("#")]


class _Tls(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 that checks the certificate against the server's name."""

    def __init__(self, port: int, context: ssl.SSLContext) -> None:
        super().__init__("127.0.0.1", port, timeout=60, context=context)
        self._tls = context

    def connect(self) -> None:
        raw = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(raw, server_hostname=HOST)


def _get(conn: http.client.HTTPConnection, path: str, **headers: str) -> http.client.HTTPResponse:
    conn.request("GET", path, headers={"Host": HOST, **headers})
    response = conn.getresponse()
    response.read()
    return response


def test_it_runs_behind_nginx_as_the_deployment_doc_says(tmp_path: Path) -> None:
    nginx = nginx_binary()
    with fresh_database(tmp_path, "deploy") as database:
        settings = dict(line.split("=", 1) for line in _block("env"))
        assert settings["PARAAT_ENV"] == "production"
        upstream = free_port()
        secret = tmp_path / "secret-key"
        secret.write_text(secrets.token_urlsafe(64) + "\n")
        # The machine's own values where the doc has placeholders; everything else as written.
        settings.update(
            DATABASE_URL=database,
            PARAAT_DATA_DIR=str(tmp_path / "data"),
            PARAAT_SECRET_KEY_FILE=str(secret),
            PARAAT_WEB_BIND=f"127.0.0.1:{upstream}",
            PARAAT_PUBLIC_MIRROR_DIR=str(tmp_path / "mirror" / "public"),
        )
        env = env_for(database, tmp_path)
        env.update(settings)
        commands = _block("commands")
        assert commands[-1] == "paraat serve", "the doc's commands end by starting the server"
        for command in commands[:-1]:
            assert command.startswith("paraat "), command
            paraat(env, *command.split()[1:])

        http_port, https_port = free_port(), free_port()
        conf = nginx_conf(tmp_path, http_port=http_port, https_port=https_port, upstream=upstream)
        tested = subprocess.run([nginx, "-t", "-c", str(conf)], capture_output=True, text=True)
        assert tested.returncode == 0, tested.stderr

        with serving(env, upstream, bind=False, log=tmp_path / "serve.log"):
            proxy = subprocess.Popen(
                [nginx, "-c", str(conf)], stderr=subprocess.PIPE, start_new_session=True
            )
            try:
                _check_through_proxy(tmp_path, http_port, https_port)
            finally:
                os.killpg(proxy.pid, signal.SIGQUIT)
                proxy.wait(timeout=20)
        log = (tmp_path / "serve.log").read_text()
        assert "GET /health/" in log, "paraat serve logs the requests nginx passed on"


def _check_through_proxy(tmp: Path, http_port: int, https_port: int) -> None:
    context = ssl.create_default_context(cafile=str(tmp / "fullchain.pem"))
    deadline = time.time() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", https_port), timeout=1):
                break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)

    # Plain HTTP only sends the browser to HTTPS.
    plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
    moved = _get(plain, "/accounts/login/?next=/")
    assert moved.status == 301
    assert moved.getheader("Location") == f"https://{HOST}/accounts/login/?next=/"

    # HTTPS reaches Paraat, which knows the request is secure (no redirect loop) ...
    tls = _Tls(https_port, context)
    tls.request("GET", "/health/", headers={"Host": HOST})
    health = tls.getresponse()
    assert health.status == 200
    assert json.loads(health.read()) == {"status": "ok"}
    login = _get(tls, "/accounts/login/")
    assert login.status == 200
    assert "max-age=31536000" in (login.getheader("Strict-Transport-Security") or "")
    cookie = login.getheader("Set-Cookie") or ""
    assert "csrftoken=" in cookie and "Secure" in cookie

    # ... so a form posted over HTTPS passes the CSRF check (a wrong password, not a 403).
    token = cookie.split("csrftoken=", 1)[1].split(";", 1)[0]
    tls.request("GET", "/accounts/login/", headers={"Host": HOST, "Cookie": f"csrftoken={token}"})
    page = tls.getresponse().read().decode()
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert form_token, "the login page has a CSRF token"
    tls.request(
        "POST",
        "/accounts/login/",
        body=urlencode(
            {
                "csrfmiddlewaretoken": form_token.group(1),
                "username": "niemand",
                "password": "x" * 12,
            }
        ),
        headers={
            "Host": HOST,
            "Cookie": f"csrftoken={token}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/accounts/login/",
        },
    )
    posted = tls.getresponse()
    posted.read()
    assert posted.status == 200, f"the login form through nginx answered {posted.status}"

    # The resident pages are kept by nginx for the 3 s Paraat allows, then asked again.
    first = _get(tls, "/public/")
    assert first.status == 200
    assert first.getheader("Cache-Control") == "public, max-age=3, stale-if-error=86400"
    assert first.getheader("X-Cache-Status") in ("MISS", "EXPIRED")
    assert _get(tls, "/public/").getheader("X-Cache-Status") == "HIT"
    time.sleep(4.5)  # nginx counts in whole seconds
    third = _get(tls, "/public/")
    assert third.getheader("X-Cache-Status") in ("REVALIDATED", "EXPIRED")  # asked Paraat again
    # A page for one visitor's location is private: nginx never keeps it.
    near = "/public/near/?lat=51.69&lon=5.30"
    assert _get(tls, near).getheader("X-Cache-Status") == "MISS"
    assert _get(tls, near).getheader("X-Cache-Status") == "MISS"
    # A file of the public mirror is served by nginx itself, without asking Paraat.
    mirror = tmp / "mirror" / "public"
    mirror.mkdir(parents=True, exist_ok=True)
    (mirror / "probe.html").write_text("<p>mirror</p>", encoding="utf-8")
    probe = _get(tls, "/public/probe.html")
    assert probe.status == 200 and probe.getheader("X-Served-From") == "mirror"
    assert probe.getheader("X-Cache-Status") is None
    assert probe.getheader("Cache-Control") == "public, max-age=3, stale-if-error=86400"
    # Staff pages never pass through the cache.
    assert _get(tls, "/accounts/login/").getheader("X-Cache-Status") is None

    # The static files collected by `paraat serve` come through the proxy too.
    style = _get(tls, "/static/core/paraat.css")
    assert style.status == 200
    assert (style.getheader("Content-Type") or "").startswith("text/css")
    tls.close()
    plain.close()
