"""Olaf removes an activity of Oss by clicking: from its edit page to the confirmation page,
which passes the accessibility check, and back on the municipality page without it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from paraat.programme.models import Activity
from paraat.programme.tests.helpers import make_programme
from paraat.testing.browser import axe_violations, describe, login
from paraat.testing.personas import PASSWORD, Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_removes_an_activity_by_clicking(live_server: Any, page: Any, cast: Cast) -> None:
    scene = make_programme(cast)
    login(page, live_server.url, "olaf", PASSWORD)
    page.goto(f"{live_server.url}/programme/GM0828/")
    page.get_by_role("link", name="Buurtgesprekken").click()
    page.get_by_role("link", name="Verwijderen Buurtgesprekken").click()
    expect(page.locator("h1")).to_have_text("Een activiteit verwijderen")
    expect(page.locator("main")).to_contain_text("Buurtgesprekken")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.locator("h1")).to_contain_text("Oss")
    expect(page.get_by_role("link", name="Buurtgesprekken")).to_have_count(0)
    assert not Activity.objects.filter(pk=scene.stated.pk).exists()
