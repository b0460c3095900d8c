"""Hostile one-line status messages (paraat/testing/hostile/status-lines/lines.json) through
`paraat status-line parse`: the controls are read, everything else is refused with the field to
blame as JSON (exit code 1) or as a message, never a traceback."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from paraat.testing.hostile_files import HOSTILE_DIR

LINES = json.loads((HOSTILE_DIR / "status-lines" / "lines.json").read_text(encoding="utf-8"))
ACCEPTED = {"CONTROL: the example of docs/status-line.md", "CONTROL: lower case is accepted"}
ACCEPTED.add("CR LF at the end (SMS gateway)")
ACCEPTED.add("tabs between fields")  # P2 reads any white space between fields
FIELDS = {"line", "version", "point", "time", "state", "services", "visitors", "fuel", "needs"}
FIELDS.add("check")


@pytest.mark.parametrize("case", LINES, ids=[case["note"][:40] for case in LINES])
def test_it_reads_or_refuses_a_hostile_line_without_a_traceback(case: dict[str, str]) -> None:
    out = StringIO()
    if case["note"] in ACCEPTED:
        call_command("status_line", "parse", case["line"], "--json", stdout=out)
        assert json.loads(out.getvalue())["point"] == "OSS-03"
        return
    with pytest.raises(SystemExit) as exit_:
        call_command("status_line", "parse", case["line"], "--json", stdout=out)
    assert exit_.value.code == 1
    answer = json.loads(out.getvalue())
    assert answer["ok"] is False
    assert answer["field"] in FIELDS
    assert answer["message_nl"] and answer["message_en"]
    with pytest.raises(CommandError, match=r"^Geweigerd \("):
        call_command("status_line", "parse", case["line"], stdout=StringIO())
