"""The first-run web setup: a one-time key from `paraat setup-token`, the region's own files."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from paraat.accounts.constants import Role
from paraat.accounts.models import User
from paraat.areas.models import Area, Municipality, Region
from paraat.supportpoints.models import SupportPoint
from paraat.testing.logins import log_in
from paraat.testing.regions import RegionFiles, fire_stations, polling_places, split_region

pytestmark = pytest.mark.django_db
PASSWORD = "a long coordinator phrase"


def _key() -> str:
    out = StringIO()
    call_command("setup_token", stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def _upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def _form(key: str, files: RegionFiles, folder: Path, **extra: Any) -> dict[str, Any]:
    return {
        "setup_token": key,
        "code": "VR97",
        "name": "Dommel",
        "municipalities": _upload(files.municipalities),
        "wijken": _upload(files.wijken),
        "pc4": _upload(files.pc4),
        "points": _upload(fire_stations(folder, files.codes)),
        "polling_places": _upload(polling_places(folder, files.codes)),
        "username": "dora",
        "email": "dora@dommel.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


def test_it_sends_a_fresh_install_to_the_setup(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/setup/"


def test_it_starts_a_region_with_its_coordinator_from_the_page(tmp_path: Path) -> None:
    files = split_region(tmp_path, maasland=False, cbs_rounded_row=True)
    response = Client().post("/setup/", _form(_key(), files, tmp_path))
    assert response.status_code == 302, response.content.decode()[:2000]
    region = Region.objects.get(code="VR97")
    assert Municipality.objects.filter(region=region).count() == 5
    assert Area.objects.in_region(region).of_kind("pc4").filter(code="5399").exists()
    assert SupportPoint.objects.filter(region=region, tier="coordination").count() == 3
    assert SupportPoint.objects.filter(region=region, tier="candidate").exists()
    dora = User.objects.get(username="dora")
    assert (dora.role, dora.region) == (Role.REGION_COORDINATOR, region)
    client = Client()
    assert log_in(client, "dora", PASSWORD)
    assert "Dommel" in client.get("/region/").content.decode()


def test_it_refuses_a_used_or_unknown_key(tmp_path: Path) -> None:
    files = split_region(tmp_path, maasland=False)
    key = _key()
    assert Client().post("/setup/", _form(key, files, tmp_path)).status_code == 302
    again = Client().post("/setup/", _form(key, files, tmp_path, code="VR96", username="x"))
    assert "setup_token" in again.context["form"].errors
    wrong = Client().post("/setup/", _form("guess", files, tmp_path, code="VR96", username="x"))
    assert "setup_token" in wrong.context["form"].errors
    assert list(Region.objects.values_list("code", flat=True)) == ["VR97"]


def test_it_stores_nothing_from_a_bad_file_and_keeps_the_key(tmp_path: Path) -> None:
    files = split_region(tmp_path, maasland=False)
    bad = tmp_path / "wijken.csv"
    bad.write_text("wk_code;inwoners;x;y\nWK079601;veel;5.3;51.7\n", encoding="utf-8")
    key = _key()
    response = Client().post("/setup/", _form(key, files, tmp_path, wijken=_upload(bad)))
    assert response.status_code == 400
    assert "wijken.csv, rij 2, veld &#x27;inwoners&#x27;" in response.content.decode()
    assert not Region.objects.exists() and not User.objects.exists()
    assert Client().post("/setup/", _form(key, files, tmp_path)).status_code == 302
