"""nginx from Debian's packages with deploy/nginx-paraat.conf, on free ports of 127.0.0.1, for the
deployment test and the spike benchmark: the repository's site file with only the machine's
values put in (ports, certificate, folders), so what is tested is what a region installs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SITE = ROOT / "deploy" / "nginx-paraat.conf"
HOST = "paraat.example.nl"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        pytest.skip("nginx is not installed (scripts/test.sh installs Debian's nginx-light)")
    return found


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"{SITE.name} no longer holds {old!r}: update this test and the doc"
    return text.replace(old, new)


def certificate(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "fullchain.pem", tmp / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}",
         "-addext", f"subjectAltName=DNS:{HOST}"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def nginx_conf(
    tmp: Path, *, http_port: int, https_port: int, upstream: int, mirror: Path | None = None
) -> Path:
    """The site file with this machine's values; ``mirror`` is the folder that holds `public/`
    (PARAAT_PUBLIC_MIRROR_DIR is ``mirror / "public"``), by default ``tmp / "mirror"``."""
    cert, key = certificate(tmp)
    site = SITE.read_text(encoding="utf-8")
    site = _replace(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = _replace(site, "listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = _replace(site, "server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    site = _replace(site, f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(cert))
    site = _replace(site, f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(key))
    site = _replace(site, "root /var/www/letsencrypt;", f"root {tmp};")
    site = _replace(site, "/var/cache/nginx/paraat", str(tmp / "cache"))
    site = _replace(site, "root /var/www/paraat;", f"root {mirror or tmp / 'mirror'};")
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
