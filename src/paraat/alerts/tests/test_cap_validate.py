"""`paraat cap-validate FILE`: says what is wrong, exit code 1 when the document is not valid."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).with_name("data")


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("cap_validate", *args, stdout=out)
    except SystemExit as stop:
        return int(stop.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_it_accepts_a_valid_document() -> None:
    code, out = run(str(DATA / "spec" / "cap12_appendix_a2.xml"))
    assert code == 0
    assert out.strip().endswith("valid CAP 1.2")


def test_it_names_the_version_of_a_cap_1_1_document() -> None:
    code, out = run(str(DATA / "refused" / "us_nws_2021_blizzard_warning_cap11.xml"))
    assert code == 1
    assert "NOT valid (CAP 1.1" in out
    assert "only CAP 1.2" in out


def test_it_lists_schema_problems_as_json() -> None:
    code, out = run(
        str(DATA / "refused" / "se_krisinformation_2018_not_schema_valid.cap"), "--json"
    )
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False and data["schema_valid"] is False and data["version"] == "1.2"
    assert data["problems"][0]["check"] == "schema"
    assert "area" in data["problems"][0]["field"]


def test_it_reports_the_platform_rules(tmp_path: Path) -> None:
    text = (DATA / "golden" / "paraat_alert.xml").read_text(encoding="utf-8")
    path = tmp_path / "z.xml"
    path.write_text(
        text.replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>"), encoding="utf-8"
    )
    code, out = run(str(path))
    assert code == 1
    assert "[rule] references: a Cancel must reference the original" in out
    code, _ = run(str(path), "--schema-only")
    assert code == 0


def test_it_says_when_the_file_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read the file"):
        run(str(tmp_path / "missing.xml"))
