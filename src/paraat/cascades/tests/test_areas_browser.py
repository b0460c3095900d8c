"""The outage clock with its coverage per area passes axe-core (WCAG 2.1 A/AA)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from paraat.cascades.tests.django_helpers import three_wijken
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_areas_accessibly(live_server: Any, page: Any, cast: Cast) -> None:
    cache.clear()
    three_wijken(cast)
    login(page, live_server.url, "kees", PASSWORD)
    page.goto(f"{live_server.url}/outage-clock/?runs=50")
    expect(page.get_by_role("img", name="Dekking per gemeente en gebied")).to_be_visible()
    table = page.get_by_role("table", name="Dekking per gebied bij stroomuitval")
    expect(table.get_by_role("row", name="Centrum")).to_contain_text("T+12u")
    violations = axe_violations(page)
    assert not violations, describe(violations)
