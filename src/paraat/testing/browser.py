"""Headless Chromium (Debian's package) driven by Playwright, with axe-core for accessibility."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("PARAAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Paths that are files, not pages: what a walk over the staff pages leaves out.
NOT_PAGES = (".csv", ".geojson", ".gpkg", ".xlsx", ".pdf", ".json", ".xml", ".atom", ".svg")


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test.sh installs it")
        pytest.skip("Chromium is not installed (scripts/test.sh installs it)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import expect, sync_playwright

    # A loaded CI machine renders slower than the 5 s Playwright waits by default.
    expect.set_options(timeout=20_000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # No service workers: the public site's worker keeps fetching pages to cache after a test has
    # finished, and those requests reach the live server while the test database is flushed.
    # The offline test makes its own context with the worker allowed.
    context = browser.new_context(locale="nl-NL", service_workers="block")
    tab = context.new_page()
    yield tab
    context.close()


def login(page: Any, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].nl-button--primary")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core WCAG 2.1 A/AA violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            # Only the violations are read: axe skips gathering the passes, several times faster.
            "resultTypes": ["violations"],
        },
    )
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:3])
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} — {targets}")
    return "\n".join(lines)
