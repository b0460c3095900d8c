"""Fill the Dutch catalogue from translations kept here, then compile it.

Run: .venv/bin/python scripts/i18n_nl.py  (after `paraat makemessages -l nl -l en`).
Needs polib (pip install polib); the project itself only needs the compiled .mo files.
Every app adds its strings to TRANSLATIONS_<APP> dicts in scripts/i18n/*.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "src/paraat/locale/nl/LC_MESSAGES/django.po"


def load_translations() -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((ROOT / "scripts/i18n").glob("*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        merged.update(module.NL)
    return merged


def main() -> int:
    translations = load_translations()
    po = polib.pofile(str(CATALOGUE))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            singular = translations.get(entry.msgid)
            plural = translations.get(entry.msgid_plural)
            if singular and plural:
                entry.msgstr_plural = {0: singular, 1: plural}
            elif not all(entry.msgstr_plural.values()):
                missing.append(entry.msgid)
        elif entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
        elif not entry.msgstr or "fuzzy" in entry.flags:
            # A fuzzy entry is msgmerge's guess from a similar string: never ship it.
            entry.msgstr = ""
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    po.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    en = polib.pofile(str(CATALOGUE).replace("/nl/", "/en/"))
    en.save_as_mofile(str(CATALOGUE.with_suffix(".mo")).replace("/nl/", "/en/"))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
