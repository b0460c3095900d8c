"""Who may see the outage clock, edit the region's figures and plan injects, per persona."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from paraat.cascades import access
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

READERS = ("rianne", "olaf", "vera", "cas", "kees")
NOT_READERS = ("pim",)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", READERS)
def test_it_shows_the_timeline_to_the_regions_staff(cast: Cast, name: str) -> None:
    user = getattr(cast, name)
    assert access.can_view_timeline(user, cast.region)
    response = _client(user).get("/outage-clock/?runs=200")
    assert response.status_code == 200
    assert b"<svg" in response.content


@pytest.mark.parametrize("name", NOT_READERS)
def test_it_hides_the_timeline_from_point_leads(cast: Cast, name: str) -> None:
    user = getattr(cast, name)
    assert not access.can_view_timeline(user, cast.region)
    client = _client(user)
    for path in ("/outage-clock/", "/outage-clock/print/", "/outage-clock/chart.svg"):
        assert client.get(path).status_code == 403, path


def test_it_hides_the_region_from_another_regions_coordinator(cast: Cast) -> None:
    assert not access.can_view_timeline(cast.xander, cast.region)
    assert not access.can_edit_figures(cast.xander, cast.region)


def test_it_sends_residents_to_the_login_page(client: Client, cast: Cast) -> None:
    for path in ("/outage-clock/", "/outage-clock/figures/", "/outage-clock/chart.png"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/outage-clock/injects/").status_code == 302


@pytest.mark.parametrize(
    ("name", "allowed"),
    [("rianne", True), ("olaf", False), ("vera", False), ("cas", False), ("kees", False)],
)
def test_it_lets_only_the_coordinator_edit_figures(cast: Cast, name: str, allowed: bool) -> None:
    user = getattr(cast, name)
    assert access.can_edit_figures(user, cast.region) is allowed
    status = _client(user).get("/outage-clock/figures/").status_code
    assert status == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("name", "allowed"),
    [("rianne", True), ("cas", True), ("olaf", False), ("vera", False), ("kees", False)],
)
def test_it_lets_exercise_staff_plan_injects(cast: Cast, name: str, allowed: bool) -> None:
    user = getattr(cast, name)
    assert access.can_schedule_injects(user, cast.region) is allowed
    response = _client(user).post("/outage-clock/injects/", {"incident": "1"})
    assert (response.status_code == 403) is not allowed
