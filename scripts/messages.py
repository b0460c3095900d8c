"""The translation catalogues: check them and compile them. The .po files are the source.

    .venv/bin/python scripts/messages.py check     # untranslated, fuzzy, or .mo out of date: fail
    .venv/bin/python scripts/messages.py compile   # write the .mo files from the .po files

New text: `paraat makemessages -l nl -l en --add-location file` adds its msgids to the .po files
with an empty msgstr; write the Dutch in src/paraat/locale/nl/LC_MESSAGES/django.po (the English
catalogue keeps the msgids), then compile. polib reads and writes the catalogues, so neither
step needs GNU gettext (makemessages does: Debian's gettext package).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src/paraat/locale"
LANGUAGES = ("nl", "en")


def catalogue(language: str, locale: Path = LOCALE) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


def problems(locale: Path = LOCALE) -> list[str]:
    """What is wrong with the catalogues under ``locale``, one line each naming file and line."""
    found: list[str] = []
    for language in LANGUAGES:
        path = catalogue(language, locale)
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime + 1 < path.stat().st_mtime:
            found.append(f"{mo} is missing or older than its .po (compile)")
    dutch = catalogue("nl", locale)
    for entry in polib.pofile(str(dutch)):
        if entry.obsolete:
            continue
        where = f"{dutch}:{entry.linenum}"
        if "fuzzy" in entry.flags:
            # msgmerge's guess from a similar string: never shipped.
            found.append(f"{where}: fuzzy: {entry.msgid!r}")
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not translations or not all(translations):
            found.append(f"{where}: untranslated: {entry.msgid!r}")
    return found


def compile_all(locale: Path = LOCALE) -> None:
    for language in LANGUAGES:
        path = catalogue(language, locale)
        polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))


def main(argv: list[str]) -> int:
    if argv[1:] == ["compile"]:
        compile_all()
        argv = [argv[0], "check"]
    if argv[1:] != ["check"]:
        print(__doc__)
        return 2
    found = problems()
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
