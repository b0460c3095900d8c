"""Content-Security-Policy and Permissions-Policy on every response, and every page still works
under the policy in Chromium (issue 11)."""

from __future__ import annotations

from collections import deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from paraat.operations.tests.factories import make_scene
from paraat.testing.browser import login
from paraat.testing.personas import PASSWORD, Cast

PATHS = ["/accounts/login/", "/public/", "/api/v1/", "/no-such-page/", "/static/core/paraat.css"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_it_sends_both_policies_on_every_response(cast: Cast, path: str) -> None:
    response = Client().get(path)
    policy = response.headers.get("Content-Security-Policy", "")
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";")) if part
    )
    assert directives.get("script-src") == "'self'", policy
    assert directives.get("object-src") == "'none'"
    assert directives.get("frame-ancestors") == "'none'"
    assert directives.get("base-uri") == "'self'"
    permissions = response.headers.get("Permissions-Policy", "")
    assert "camera=()" in permissions and "microphone=()" in permissions
    assert "geolocation=(self)" in permissions


SKIP = ("/accounts/logout/", "/i18n/", "/api/", "/audit/")
DOWNLOADS = (".csv", ".xlsx", ".gpkg", ".pdf", ".xml", ".json", ".geojson", ".svg", ".png", ".zip")


def _crawl(page: Any, base: str, start: list[str], limit: int) -> tuple[set[str], list[str]]:
    """Follow same-site links breadth first; every CSP violation and script error seen."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    seen: set[str] = set()
    queue = deque(start)
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(base + path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("load")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlsplit(urldefrag(href)[0])
            if f"{url.scheme}://{url.netloc}" != base:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if url.path.startswith(SKIP) or url.path.endswith(DOWNLOADS) or "download" in url.query:
                continue
            if target not in seen:
                queue.append(target)
    return seen, problems


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("who", "start"),
    [
        ("rianne", ["/region/", "/points/", "/operations/", "/planning/", "/outage-clock/"]),
        ("cas", ["/operations/", "/alerts/", "/alerts/new/"]),
        ("pim", ["/operations/"]),
        (None, ["/public/", "/public/en/"]),
    ],
)
def test_it_has_no_csp_violations_on_any_page(
    live_server: Any, page: Any, cast: Cast, who: str | None, start: list[str]
) -> None:
    make_scene(cast)
    if who is not None:
        login(page, live_server.url, who, PASSWORD)
        page.wait_for_load_state("load")
    seen, problems = _crawl(page, live_server.url, start, limit=45)
    assert len(seen) >= len(start)
    assert not problems, "\n".join(problems[:20])
