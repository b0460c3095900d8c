"""One contract for every staff page: logged in as each role, at 1280 px and on a 390 px phone,
axe-core finds no WCAG 2.1 A/AA violation and no page scrolls sideways (issue 10).

The pages are not listed by hand: the test walks every link a role is offered, starting from its
start page, so a new page is checked as soon as a menu or another page links to it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from paraat.testing.browser import NOT_PAGES, axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)
MAX_PAGES = 30  # per role; the walk is breadth first, so the pages nearest the menu come first
# Not pages: downloads, machine formats, the public site (tested by publicinfo), leaving.
SKIP = (
    "/api/",
    "/public/",
    "/static/",
    "/accounts/logout",
    "/i18n/",
    "/health/",
    *NOT_PAGES,
    "/export",
    "/download",
    "/cap/",
    "/feed",
)
ROLES = ["rianne", "olaf", "cas", "pim", "kees", "paula"]  # paula: a partner, made by the scene


@pytest.fixture
def scene(cast: Cast) -> Any:
    from paraat.operations import services
    from paraat.operations.constants import Channel
    from paraat.operations.tests.factories import make_scene
    from paraat.supportpoints import services as point_services
    from paraat.testing import factories

    factories.AreaFactory(
        municipality=cast.oss, code="WK082801", name="Oss-Centrum", population=4000
    )
    scene = make_scene(cast)
    point_services.set_leads(point=scene.a, users=[cast.pim])
    point_services.save_contact(
        point=scene.a, data={"role": "key_holder", "name": "Karel Sleutel", "phone": "0612345678"}
    )
    services.record_status(
        incident=scene.incident,
        point=scene.a,
        idempotency_key="a1",
        state="open",
        channel=Channel.API,
        fuel_hours_left=5,
        needs=["fuel"],
    )
    services.create_help_request(
        incident=scene.incident, kind="fuel", description="Diesel", point=scene.a, user=cast.cas
    )
    _knowledge(cast)
    return scene


def _knowledge(cast: Cast) -> None:
    """Paula of a vital partner (the partner role) and an event with a document to walk to."""
    from paraat.accounts.constants import Role
    from paraat.knowledge import samples
    from paraat.knowledge import services as knowledge_services
    from paraat.testing import factories

    paula = factories.UserFactory(username="paula", role=Role.PARTNER, region=cast.region)
    grid = knowledge_services.add_organisation(
        region=cast.region, name="Netbeheerder", members=[paula]
    )
    item = knowledge_services.add_item(
        region=cast.region, user=paula, data={"kind": "knowledge_session", "title": "Kennissessie"},
        upload=knowledge_services.Upload("verslag.pdf", samples.pdf("Verslag", ["Stroomuitval"])),
    )  # fmt: skip
    knowledge_services.record_attendance(item=item, attendee_count=20, organisations=[grid])


def _wanted(href: str, base: str) -> str | None:
    parts = urlsplit(href)
    if parts.netloc and f"{parts.scheme}://{parts.netloc}" != base:
        return None
    path = parts.path
    if not path.startswith("/") or any(s in path for s in SKIP) or parts.query:
        return None
    return path


def _sideways(page: Any) -> tuple[int, list[str]]:
    """How many pixels the page is wider than the window (0: no sideways scrolling), and the
    outermost elements that stick out, to say where to look."""
    return tuple(  # type: ignore[return-value]
        page.evaluate(
            """() => {
              const width = document.documentElement.clientWidth;
              const over = document.documentElement.scrollWidth - width;
              const culprits = [];
              if (over > 0) {
                for (const el of document.body.querySelectorAll("*")) {
                  if (el.getBoundingClientRect().right <= width + 1) continue;
                  let up = el.parentElement, clipped = false;
                  while (up && !clipped) {
                    clipped = getComputedStyle(up).overflowX !== "visible";
                    up = up.parentElement;
                  }
                  if (!clipped) culprits.push(el.tagName.toLowerCase() + "." + el.getAttribute("class"));
                  if (culprits.length >= 3) break;
                }
              }
              return [over, culprits];
            }"""
        )
    )


@pytest.mark.parametrize("persona", ROLES)
def test_it_has_no_axe_violation_and_no_sideways_scroll_for_any_role(
    live_server: Any, browser: Any, scene: Any, persona: str
) -> None:
    context = browser.new_context(
        locale="nl-NL", service_workers="block", viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    login(tab, live_server.url, persona, PASSWORD)
    tab.wait_for_load_state()
    start = urlsplit(tab.url).path
    queue, seen, problems = [start], {start}, []
    checked = 0
    while queue and checked < MAX_PAGES:
        path = queue.pop(0)
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 900})
            response = tab.goto(f"{live_server.url}{path}")
            if response is None or response.status != 200:
                problems.append(f"{path}: HTTP {response.status if response else '?'}")
                break
            if "text/html" not in (response.headers.get("content-type") or ""):
                break
            wider, culprits = _sideways(tab)
            if wider > 0:
                problems.append(f"{path} at {width} px: {wider} px too wide ({culprits})")
            violations = axe_violations(tab)
            if violations:
                problems.append(f"{path} at {width} px:\n{describe(violations)}")
        else:
            checked += 1
            for href in tab.eval_on_selector_all(
                "a[href]",
                "els => els.map(e => new URL(e.getAttribute('href'), location.href).href)",
            ):
                found = _wanted(href, live_server.url)
                if found and found not in seen:
                    seen.add(found)
                    queue.append(found)
    context.close()
    assert checked >= 3, (persona, seen)
    assert not problems, f"{persona} ({checked} pages):\n" + "\n".join(problems)
