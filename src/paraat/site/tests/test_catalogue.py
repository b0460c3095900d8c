"""The .po files are the only source of the Dutch: every msgid translated, none fuzzy, compiled."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[4]


def _messages() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages", ROOT / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_has_every_msgid_translated_and_compiled() -> None:
    assert _messages().problems() == []


def test_it_names_the_line_of_an_untranslated_or_fuzzy_entry(tmp_path: Path) -> None:
    messages = _messages()
    locale = tmp_path / "locale"
    shutil.copytree(messages.LOCALE, locale)
    dutch = locale / "nl" / "LC_MESSAGES" / "django.po"
    dutch.write_text(
        dutch.read_text(encoding="utf-8")
        + '\n#, fuzzy\nmsgid "A guessed text"\nmsgstr "Een gok"\n'
        + '\nmsgid "A new text"\nmsgstr ""\n',
        encoding="utf-8",
    )
    found = messages.problems(locale)
    assert any("fuzzy: 'A guessed text'" in line for line in found)
    assert any("untranslated: 'A new text'" in line and str(dutch) in line for line in found)
    assert any("older than its .po" in line for line in found)  # the .mo predates the edit
    messages.compile_all(locale)
    assert not any("older than its .po" in line for line in messages.problems(locale))
