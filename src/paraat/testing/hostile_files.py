"""Running the hostile-file corpora (``paraat/testing/hostile/``, see its README.md) as tests.

Each file goes through the real command, as an officer would run it. ``outcome`` says what
happened: imported, or refused with the message the command printed; anything else (a traceback
of any kind) is raised, so the test fails with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

from paraat.testing.fingerprint import database_fingerprint

HOSTILE_DIR = Path(__file__).with_name("hostile")


@dataclass(frozen=True)
class Outcome:
    refused: bool
    message: str
    changed: bool  # did the database fingerprint change?


def outcome(command: str, *args: str) -> Outcome:
    before = database_fingerprint()
    out = StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=out)
    except CommandError as error:
        return Outcome(True, f"{error}\n{out.getvalue()}", database_fingerprint() != before)
    except SystemExit as exit_:  # cap-validate ends with exit code 1 for a document it refuses
        if exit_.code in (0, None):
            raise
        return Outcome(True, out.getvalue(), database_fingerprint() != before)
    return Outcome(False, out.getvalue(), database_fingerprint() != before)


def corpus(kind: str) -> list[str]:
    return sorted(p.name for p in (HOSTILE_DIR / kind).iterdir() if p.name != "manifest.json")
