"""Upload size limits per kind: a file over its kind's limit is refused on the upload page with
the sizes, before any import starts; a file under it goes through."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from paraat.testing.fingerprint import database_fingerprint
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _post(client: Client, url: str, field: str, size: int, name: str) -> str:
    upload = SimpleUploadedFile(name, b"x" * size, "application/octet-stream")
    return client.post(url, {field: upload}).content.decode()


@pytest.mark.parametrize(
    ("kind", "url", "field", "name"),
    [
        ("areas", "areas:import", "file", "wijken.csv"),
        ("points", "supportpoints:exchange", "file", "punten.csv"),
        ("cap", "alerts:import", "document", "alert.xml"),
    ],
)
def test_it_refuses_an_upload_over_the_limit_of_its_kind(
    cast: Cast, settings: object, kind: str, url: str, field: str, name: str
) -> None:
    limits = {"areas": 3, "points": 3, "cap": 3}
    limits[kind] = 1
    settings.PARAAT_UPLOAD_MAX_MB = limits  # type: ignore[attr-defined]
    client = Client()
    client.force_login(cast.rianne)
    before = database_fingerprint()
    page = _post(client, reverse(url), field, MB + 1, name)
    assert "Het bestand is 1.0 MB; hier wordt hoogstens 1 MB aangenomen." in page
    assert database_fingerprint() == before
    # The same file under a higher limit reaches the importer (which refuses its content).
    limits[kind] = 2
    page = _post(client, reverse(url), field, MB + 1, name)
    assert "hoogstens 1 MB" not in page
