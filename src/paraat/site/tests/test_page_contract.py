"""One contract for the staff pages found in the URL conf (issue 18).

Every page answers each persona without an error (200, or 403/404/a redirect for one who may not
see it), costs the same number of queries with three times as many points, status reports and
help requests (no N+1 on a list), and passes axe-core (WCAG 2.1 A/AA) in headless Chromium at
1280 px and on a 390 px phone, opened by the first persona of ``PERSONAS`` who may see it.

Pages come from the URL conf, not from a hand-made list: every pattern without a parameter, the
incident pages with the scene's incident, and the pages of a point, a municipality, an area and
a contact with the scene's. Left out, and why:
- ``SKIP``: the API (schemathesis fuzzes it), the public site (publicinfo's tests), static files,
  signing out, the language switch, health probes, downloads and machine formats (their own
  tests) and the links in e-mails (a token of their own);
- patterns with another parameter (an alert, a run, a volunteer, a partner, a programme line,
  a knowledge item, a job): they need objects of their own; their apps' view tests and
  accessibility tests open them, and ``core/tests/test_accessibility_roles.py`` reaches them by
  the links each persona is offered;
- a GET on a POST-only action answers 405 and is not a page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from paraat.operations import services
from paraat.operations.constants import Channel, PointState
from paraat.operations.models import Activation
from paraat.operations.tests.factories import Scene, make_point, make_scene
from paraat.testing.browser import NOT_PAGES
from paraat.testing.personas import PASSWORD, Cast

SKIP = (
    "api/",
    "public/",
    "static/",
    "accounts/logout",
    "accounts/invitation/",
    "accounts/reset/",
    "i18n/",
    "health",
    "admin/",
    "export",
    "download",
    "chart.",
    *NOT_PAGES,
    ".png",
    ".webmanifest",
    "feed",
    "cap/",
    "sw.js",
    "robots.txt",
    "community/join/",
    "community/initiatives/propose/",
    "community/confirm/",
    "community/me/",
    "community/r/",
)
PERSONAS = ("rianne", "olaf", "cas", "pim", "kees")
# Who may not open a page gets a 403, a 404 (not in their region) or is sent elsewhere; a GET on a
# POST-only action answers 405.
ALLOWED = {200, 302, 403, 404, 405}
# The same page with the filters people use most.
VARIANTS = (
    "/region/?kind=wijk&metric=share_65_plus",
    "/points/?tier=local&norm=fail&municipality=GM0828",
)
WIDTHS = (1280, 390)


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """Every route of the URL conf with the names of its parameters."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), list(entry.pattern.regex.groupindex)


def _filled(route: str, parameters: list[str], values: dict[str, str]) -> str | None:
    """The route with the scene's objects in it, or None when the scene has none for it."""
    for shape, value in values.items():
        parts = value.split("/")
        if route.startswith(shape) and len(parameters) == len(parts):
            rest = iter(parts)
            return "/" + re.sub(r"<[^>]+>", lambda _, rest=rest: next(rest), route)
    return None


def pages(scene: Scene, cast: Cast, contact: int) -> list[str]:
    values = {
        "operations/<int:pk>/": str(scene.incident.pk),
        "operations/card/<str:code>/": scene.a.code,
        "points/readiness/<str:code>/": cast.oss.code,
        "points/<str:code>/contacts/<int:pk>/": f"{scene.a.code}/{contact}",
        "points/<str:code>/": scene.a.code,
        "community/points/<str:code>/": scene.a.code,
        "region/municipality/<str:code>/": cast.oss.code,
        "region/area/<str:kind>/<str:code>/": "wijk/WK082801",
        "programme/<str:code>/": cast.oss.code,
    }
    found = set(VARIANTS)
    for route, parameters in _routes(get_resolver().url_patterns):
        if route.startswith("^") or any(part in route for part in SKIP):
            continue
        path = "/" + route if not parameters else _filled(route, parameters, values)
        if path is not None and not path.endswith("/remove/") and "/done/" not in path:
            found.add(path)
    return sorted(found)


def _world(cast: Cast) -> tuple[Scene, int]:
    """A real incident in Oss with reports, a request and a relayed 112 call; Pim leads OSS-01."""
    from paraat.supportpoints import services as point_services
    from paraat.supportpoints.models import Contact
    from paraat.testing import factories

    factories.AreaFactory(
        municipality=cast.oss, code="WK082801", name="Oss-Centrum", population=4000
    )
    scene = make_scene(cast, exercise=False)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    point_services.save_contact(
        point=scene.a, data={"role": "key_holder", "name": "Karel Sleutel", "phone": "0612345678"}
    )
    services.relay_emergency_report(
        incident=scene.incident, point=scene.a, summary="Man onwel", user=cast.cas
    )
    make_point(cast, "OSS-09", dx=1500)  # not activated: the picture offers to activate it
    return scene, Contact.objects.get(point=scene.a).pk


def _grow(cast: Cast, scene: Scene, points: int) -> None:
    """Add activated points in Oss, each with two status reports and an open help request."""
    have = Activation.objects.filter(incident=scene.incident).count()
    for i in range(have, points):
        make_point(cast, f"OSS-{200 + i}", dx=40 * (i + 1))
    services.activate(incident=scene.incident, user=cast.cas)
    for activation in Activation.objects.filter(incident=scene.incident).select_related("point"):
        if activation.latest_report_id is not None:
            continue
        for n, state in enumerate((PointState.OPEN, PointState.FULL)):
            services.record_status(
                incident=scene.incident, point=activation.point, state=state, channel=Channel.API,
                idempotency_key=f"grow-{activation.pk}-{n}", fuel_hours_left=6, needs=["fuel"],
            )  # fmt: skip
        services.create_help_request(
            incident=scene.incident, kind="fuel", description="Diesel", point=activation.point,
            user=cast.cas,
        )  # fmt: skip


def _answers(cast: Cast, paths: list[str]) -> dict[tuple[str, str], tuple[int, int]]:
    """(persona, path) → (status, queries)."""
    found = {}
    for name in PERSONAS:
        client = Client()
        client.force_login(getattr(cast, name))
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            found[(name, path)] = (response.status_code, len(queries))
    return found


def _lines(found: dict[Any, Any]) -> str:
    return "\n".join(f"{key}: {value}" for key, value in sorted(found.items()))


@pytest.mark.django_db
def test_it_finds_the_staff_pages_in_the_url_conf(cast: Cast) -> None:
    scene, contact = _world(cast)
    found = pages(scene, cast, contact)
    assert "/points/" in found
    assert f"/operations/{scene.incident.pk}/requests/" in found
    assert f"/points/{scene.a.code}/contacts/{contact}/" in found
    assert "/region/area/wijk/WK082801/" in found
    assert not [path for path in found if "<" in path or "api/" in path]


@pytest.mark.django_db
def test_it_answers_every_persona_in_the_same_queries_with_three_times_the_rows(
    cast: Cast,
) -> None:
    scene, contact = _world(cast)
    paths = pages(scene, cast, contact)
    _grow(cast, scene, 5)
    few = _answers(cast, paths)
    _grow(cast, scene, 15)
    many = _answers(cast, paths)
    errors = {key: status for key, (status, _) in many.items() if status not in ALLOWED}
    assert not errors, _lines(errors)
    changed = {key: (few[key][0], status) for key, (status, _) in many.items()}
    assert not {k: v for k, v in changed.items() if v[0] != v[1]}, _lines(changed)
    assert sum(1 for status, _ in many.values() if status == 200) > 150
    growing = {
        key: (few[key][1], count)
        for key, (status, count) in many.items()
        if status == 200 and count != few[key][1]
    }
    assert not growing, _lines(growing)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the markup does not depend on the database: checked once, in the SQLite run",
)
def test_it_has_no_axe_violation_on_any_page_on_a_desktop_or_a_phone(
    live_server: Any, browser: Any, cast: Cast
) -> None:
    from playwright.sync_api import expect

    from paraat.testing.browser import axe_violations, describe, login

    scene, contact = _world(cast)
    paths = pages(scene, cast, contact)
    statuses = {key: status for key, (status, _) in _answers(cast, paths).items()}
    problems, opened = [], 0
    left = set(paths)
    for name in PERSONAS:
        mine = [p for p in paths if p in left and statuses[(name, p)] == 200]
        if not mine:
            continue
        context = browser.new_context(
            locale="nl-NL", service_workers="block", viewport={"width": WIDTHS[0], "height": 900}
        )
        tab = context.new_page()
        login(tab, live_server.url, name, PASSWORD)
        tab.wait_for_load_state()
        for path in mine:
            response = tab.goto(f"{live_server.url}{path}")
            assert response is not None
            if "text/html" not in (response.headers.get("content-type") or ""):
                continue
            expect(tab.locator("h1")).to_have_count(1)
            for width in WIDTHS:
                tab.set_viewport_size({"width": width, "height": 900})
                violations = axe_violations(tab)
                if violations:
                    problems.append(f"{path} as {name} at {width} px:\n{describe(violations)}")
            tab.set_viewport_size({"width": WIDTHS[0], "height": 900})
            left.discard(path)
            opened += 1
        context.close()
    assert opened > 60
    assert not problems, "\n".join(problems)
