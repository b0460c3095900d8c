"""`paraat knowledge search QUERY --json` prints the matching items, and nothing else."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from paraat.knowledge import samples, services
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def test_it_prints_the_items_that_match_as_json(cast: Cast):
    item = services.add_item(
        region=cast.region, user=cast.rianne, data={"kind": "exercise", "title": "Oefening Vught"},
        upload=services.Upload("o.pdf", samples.pdf("Oefening", ["Het aggregaat startte niet."])),
    )  # fmt: skip
    out = StringIO()
    call_command("knowledge", "search", "aggregaten", "--region", "VR21", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["count"] == 1 and data["items"][0]["id"] == item.pk
    assert data["items"][0]["kind"] == "exercise"
