"""The region's logo and norm profile version on its settings page."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from paraat.areas.tests.test_region_settings import URL, _client, _form
from paraat.core.models import AuditEntry
from paraat.publicinfo import snapshot
from paraat.supportpoints import services as point_services
from paraat.supportpoints.models import NormProfile
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def png(width: int = 2, height: int = 1) -> bytes:
    """A real, tiny PNG (one grey row)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    snapshot.reset()
    yield tmp_path
    snapshot.reset()


def _upload(client: Client, content: bytes, name: str = "logo.png") -> Any:
    return client.post(URL, {**_form(), "logo": SimpleUploadedFile(name, content)})


def test_it_stores_a_png_logo_and_shows_it_on_the_public_site(
    cast: Cast, data_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(_client(cast.rianne), png())
    assert response.status_code == 302
    cast.region.refresh_from_db()
    assert cast.region.logo.startswith("regions/VR21/logo-") and cast.region.logo.endswith(".png")
    assert (data_dir / cast.region.logo).read_bytes() == png()
    served = Client().get("/public/VR21/logo")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served.content == png()
    assert "/public/VR21/logo?v=" in Client().get("/public/VR21/").content.decode()
    assert "/public/VR21/logo?v=" in _client(cast.rianne).get("/region/").content.decode()
    entry = AuditEntry.objects.for_object(cast.region).newest_first().first()
    assert entry is not None and "logo" in {name for name, _b, _a in entry.changed_fields()}


def test_it_replaces_the_old_logo_file(
    cast: Cast, data_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(cast.rianne)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, png(2, 1))
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, png(3, 1))
    assert len(list((data_dir / "regions" / "VR21").glob("logo-*"))) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**_form(), "remove_logo": "on"})
    cast.region.refresh_from_db()
    assert cast.region.logo == ""
    assert list((data_dir / "regions" / "VR21").glob("logo-*")) == []
    assert Client().get("/public/VR21/logo").status_code == 404


@pytest.mark.parametrize(
    ("content", "name", "problem"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.png", "PNG or JPEG"),
        (b"GIF89a" + b"\x00" * 20, "logo.gif", "PNG or JPEG"),
        (b"\x89PNG\r\n\x1a\nbroken", "logo.png", "damaged"),
        (b"\xff\xd8\xff\xe0 no end", "logo.jpg", "damaged"),
    ],
)
def test_it_refuses_a_logo_that_is_no_png_or_jpeg_by_its_content(
    cast: Cast, data_dir: Path, content: bytes, name: str, problem: str
) -> None:
    client = _client(cast.rianne)
    client.post("/i18n/setlang/", {"language": "en"})
    response = _upload(client, content, name)
    assert response.status_code == 400
    assert problem in response.content.decode()
    cast.region.refresh_from_db()
    assert cast.region.logo == "" and cast.region.cap_sender == ""  # nothing half-saved
    assert not (data_dir / "regions").exists()


def test_it_refuses_a_logo_above_the_size_limit(cast: Cast, settings: Any) -> None:
    settings.PARAAT_LOGO_MAX_KB = 1
    response = _upload(_client(cast.rianne), png(2, 1) + b"\x00" * 2048)
    assert response.status_code == 400
    assert "1 KB" in response.content.decode()


def test_it_accepts_a_jpeg(cast: Cast) -> None:
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40 + b"\xff\xd9"
    assert _upload(_client(cast.rianne), jpeg, "logo.jpeg").status_code == 302
    cast.region.refresh_from_db()
    assert cast.region.logo.endswith(".jpg")
    assert Client().get("/public/VR21/logo")["Content-Type"] == "image/jpeg"


def test_it_keeps_one_region_logo_out_of_the_other(cast: Cast) -> None:
    _upload(_client(cast.rianne), png())
    assert Client().get("/public/VR99/logo").status_code == 404
    assert "logo?v=" not in Client().get("/public/VR99/").content.decode()


def test_it_plans_against_the_chosen_norm_profile_version(cast: Cast) -> None:
    first = point_services.ensure_norm_profile(region=cast.region)
    rules = [dict(rule) for rule in first.rules]
    point_services.save_norm_profile(region=cast.region, rules=rules, note="tweede versie")
    page = _client(cast.rianne).get(URL).content.decode()
    assert 'name="norm_profile_version"' in page and "v2" in page
    response = _client(cast.rianne).post(URL, _form(norm_profile_version="1"))
    assert response.status_code == 302
    cast.region.refresh_from_db()
    assert cast.region.norm_profile_version == 1
    assert NormProfile.objects.planned_for(cast.region).version == 1
    assert NormProfile.objects.current_for(cast.region).version == 2
    profile, _rules = point_services.current_rules(cast.region)
    assert profile is not None and profile.version == 1
    entry = AuditEntry.objects.for_object(cast.region).newest_first().first()
    changed = {name: (before, after) for name, before, after in entry.changed_fields()}
    assert changed["norm_profile_version"] == (None, 1)
    # A third version does not move a region that chose one; "newest" follows it again.
    point_services.save_norm_profile(region=cast.region, rules=rules, note="derde")
    assert NormProfile.objects.planned_for(cast.region).version == 1
    _client(cast.rianne).post(URL, _form(norm_profile_version=""))
    cast.region.refresh_from_db()
    assert NormProfile.objects.planned_for(cast.region).version == 3


def test_it_refuses_a_norm_version_of_another_region(cast: Cast) -> None:
    point_services.ensure_norm_profile(region=cast.region)
    response = _client(cast.xander).post(URL, _form(norm_profile_version="1"))
    assert response.status_code == 400
    cast.xander.region.refresh_from_db()
    assert cast.xander.region.norm_profile_version is None
