"""The region's own introduction (its settings page) on the public home page, in each language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from paraat.areas import services
from paraat.publicinfo.tests.factories import Network
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_shows_the_region_intro_on_the_home_page_in_each_language(
    client: Client, cast: Cast, net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    assert "Welkom bij" not in client.get("/public/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_region_settings(
            region=cast.region,
            sender="",
            web="",
            contact="",
            public_intro_nl="Welkom bij de noodsteunpunten.",
            public_intro_en="Welcome to the support points.",
            default_threshold_m=None,
            default_capacity=None,
            small_count_threshold=None,
        )
    dutch = client.get("/public/").content.decode()
    english = client.get("/public/en/").content.decode()
    assert "Welkom bij de noodsteunpunten." in dutch and "Welcome to" not in dutch
    assert "Welcome to the support points." in english and "Welkom bij" not in english
