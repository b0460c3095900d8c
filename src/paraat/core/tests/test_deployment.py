"""docs/deployment.md followed as written: its environment file and its commands start
`paraat serve` in production mode on the run's database engine, and nginx from Debian's packages
with deploy/nginx-paraat.conf puts TLS in front of it."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from paraat.testing.processes import env_for, free_port, fresh_database, paraat, serving

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[4]
DOC = ROOT / "docs" / "deployment.md"
SITE = ROOT / "deploy" / "nginx-paraat.conf"
HOST = "paraat.example.nl"


def _block(marker: str) -> list[str]:
    """The lines of the fenced block right after `<!-- deployment-test: MARKER -->`."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- deployment-test: {marker} -->\n```sh\n(.*?)\n```", text, re.S)
    assert found, f"{DOC.name} has no block marked deployment-test: {marker}"
    return [line for line in found.group(1).splitlines() if line and not line.startswith("#")]


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"{SITE.name} no longer holds {old!r}: update this test and the doc"
    return text.replace(old, new)


def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        pytest.skip("nginx is not installed (scripts/test.sh installs Debian's nginx-light)")
    return found


def _certificate(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "fullchain.pem", tmp / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}",
         "-addext", f"subjectAltName=DNS:{HOST}"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def _nginx_conf(tmp: Path, *, http_port: int, https_port: int, upstream: int) -> Path:
    cert, key = _certificate(tmp)
    site = SITE.read_text(encoding="utf-8")
    site = _replace(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = _replace(site, "listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = _replace(site, "server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    site = _replace(site, f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(cert))
    site = _replace(site, f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(key))
    site = _replace(site, "root /var/www/letsencrypt;", f"root {tmp};")
    site = _replace(site, "/var/cache/nginx/paraat", str(tmp / "cache"))
    (tmp / "site.conf").write_text(site, encoding="utf-8")
    temp = "\n".join(
        f"    {kind}_temp_path {tmp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = tmp / "nginx.conf"
    main.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {tmp / 'nginx.pid'};\n"
        f"error_log {tmp / 'error.log'} info;\n"
        "events { worker_connections 256; }\n"
        "http {\n    include /etc/nginx/mime.types;\n"
        f"    access_log {tmp / 'access.log'};\n{temp}\n    include {tmp / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    return main


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
    nginx = _nginx()
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
        )
        env = env_for(database, tmp_path)
        env.update(settings)
        commands = _block("commands")
        assert commands[-1] == "paraat serve", "the doc's commands end by starting the server"
        for command in commands[:-1]:
            assert command.startswith("paraat "), command
            paraat(env, *command.split()[1:])

        http_port, https_port = free_port(), free_port()
        conf = _nginx_conf(tmp_path, http_port=http_port, https_port=https_port, upstream=upstream)
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
    # Staff pages never pass through the cache.
    assert _get(tls, "/accounts/login/").getheader("X-Cache-Status") is None

    # The static files collected by `paraat serve` come through the proxy too.
    style = _get(tls, "/static/core/paraat.css")
    assert style.status == 200
    assert (style.getheader("Content-Type") or "").startswith("text/css")
    tls.close()
    plain.close()
