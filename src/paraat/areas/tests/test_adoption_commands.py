"""Done when (issue 12): a region that is not the demo, started with commands only from its own
CBS municipalities, wijken and PC4 files (one PC4 row rounded the CBS way) and its own fire
stations and polling places; its officer and point lead invited by command through a real SMTP
server, both log in and see only their own region."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from paraat.areas.models import Area, Region
from paraat.supportpoints.models import SupportPoint
from paraat.testing.logins import log_in
from paraat.testing.regions import CBS_ROUNDED_PC4, fire_stations, polling_places, split_region
from paraat.testing.smtp import Mailbox

pytestmark = pytest.mark.django_db
PASSWORD = "a long new pass phrase"


def _run(*args: str) -> Any:
    out = StringIO()
    call_command(*args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def _start(folder: Path, *, maasland: bool, code: str, name: str) -> None:
    files = split_region(folder, maasland=maasland, cbs_rounded_row=not maasland)
    _run("region", "create", str(files.municipalities), "--code", code, "--name", name)
    _run("import_areas", str(files.wijken), "--region", code)
    pc4 = _run("import_areas", str(files.pc4), "--region", code)
    if not maasland:
        assert [w["row"] for w in pc4["warnings"]] != []
    _run("import_points", str(fire_stations(folder, files.codes)), "--region", code)
    _run(
        "import_points", str(polling_places(folder, files.codes)), "--region", code,
        "--polling-places",
    )  # fmt: skip


def _accept(mailbox: Mailbox, address: str, username: str) -> Client:
    client = Client()
    form = client.get(urlsplit(mailbox.link(address)).path, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert log_in(client, username, PASSWORD)
    return client


def test_it_starts_two_regions_with_commands_and_their_people_see_only_their_own(
    tmp_path: Path, smtp: Mailbox, django_capture_on_commit_callbacks: Any
) -> None:
    _start(tmp_path / "m", maasland=True, code="VR98", name="Maasland")
    _start(tmp_path / "d", maasland=False, code="VR97", name="Dommel")
    regions = _run("region", "list")["regions"]
    assert [(r["code"], r["municipalities"]) for r in regions] == [("VR97", 5), ("VR98", 6)]
    dommel = Region.objects.get(code="VR97")
    assert Area.objects.in_region(dommel).get(kind="pc4", code=CBS_ROUNDED_PC4).age_15_64 == 20
    assert SupportPoint.objects.filter(region=dommel, code="CP-HELVOIRT").exists()

    with django_capture_on_commit_callbacks(execute=True):
        _run(
            "user", "add", "otto", "--role", "municipal_officer", "--municipality", "GM0865",
            "--email", "otto@vught.example", "--region", "VR97",
        )  # fmt: skip
        _run(
            "user", "add", "lea", "--role", "point_lead", "--point", "CP-HELVOIRT",
            "--email", "lea@helvoirt.example", "--region", "VR97",
        )  # fmt: skip
        _run(
            "user", "add", "mara", "--role", "region_coordinator",
            "--email", "mara@maasland.example", "--region", "VR98",
        )  # fmt: skip
    for address, username, own, other in (
        ("otto@vught.example", "otto", "Dommel", "Maasland"),
        ("lea@helvoirt.example", "lea", "Dommel", "Maasland"),
        ("mara@maasland.example", "mara", "Maasland", "Dommel"),
    ):
        client = _accept(smtp, address, username)
        page = client.get("/region/").content.decode()
        assert own in page and other not in page
    listed = _run("user", "list", "--region", "VR97")["users"]
    assert [u["username"] for u in listed] == ["lea", "otto"]
