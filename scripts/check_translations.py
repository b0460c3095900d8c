"""Fail when the Dutch catalogue has untranslated or fuzzy entries, or is not compiled.

Stdlib only, so CI needs no gettext tools.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src/paraat/locale"


def entries(path: Path) -> list[dict[str, str | bool]]:
    found: list[dict[str, str | bool]] = []
    current: dict[str, str | bool] = {}
    key = ""
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current:
                found.append(current)
            current, key = {}, ""
            continue
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            current[key] = str(current.get(key, "")) + ast.literal_eval(line)
            continue
        name, _, value = line.partition(" ")
        key = name
        current[key] = ast.literal_eval(value)
    return found


def main() -> int:
    problems: list[str] = []
    for lang in ("nl", "en"):
        po = LOCALE / lang / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime + 1 < po.stat().st_mtime:
            problems.append(
                f"{mo.relative_to(ROOT)} is missing or older than its .po (run scripts/i18n_nl.py)"
            )
    for entry in entries(LOCALE / "nl" / "LC_MESSAGES" / "django.po"):
        msgid = entry.get("msgid")
        if not msgid:
            continue
        if entry.get("fuzzy"):
            problems.append(f"fuzzy: {msgid!r}")
        translations = [v for k, v in entry.items() if str(k).startswith("msgstr")]
        if not translations or not all(translations):
            problems.append(f"untranslated: {msgid!r}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
