"""No Dutch sentence stands in code or templates outside the translation calls: the `.po` file is
the only source of the Dutch (scripts/check_dutch.py, run by scripts/check.sh)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[4]
SCRIPT = ROOT / "scripts" / "check_dutch.py"

pytestmark = pytest.mark.skipif(not SCRIPT.is_file(), reason="needs the source checkout")


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_dutch", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_dutch"] = module
    spec.loader.exec_module(module)
    return module


def test_it_finds_no_dutch_outside_the_catalogue_in_the_source() -> None:
    assert _checker().main([]) == 0


def test_it_finds_a_dutch_literal_but_not_one_through_gettext(tmp_path: Path) -> None:
    module = tmp_path / "views.py"
    module.write_text(
        "from django.utils.translation import gettext as _\n\n"
        'def f():\n    """Een docstring in het Nederlands mag."""\n'
        '    ok = _("the code is missing")\n'
        '    also = _("de code ontbreekt in het bestand")\n'
        '    return "de code ontbreekt in het bestand", ok, also\n',
        encoding="utf-8",
    )
    found = _checker().findings([module])
    assert len(found) == 1 and ":7:" in found[0] and "de code ontbreekt" in found[0]


def test_it_finds_dutch_text_in_a_template_outside_translate(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text(
        '{% load i18n %}<h1>{% translate "Where to go" %}</h1>\n'
        "<p>Er is geen punt bij u in de buurt.</p>\n"
        '<img alt="kaart van de gemeente met de punten" src="x.png">\n'
        "{% blocktranslate %}Er is geen punt bij u in de buurt.{% endblocktranslate %}\n",
        encoding="utf-8",
    )
    found = _checker().findings([template])
    assert len(found) == 2
    assert any("Er is geen punt" in line for line in found)
    assert any("kaart van de gemeente" in line for line in found)


def test_it_reads_an_f_string_as_a_whole(tmp_path: Path) -> None:
    module = tmp_path / "services.py"
    module.write_text(
        "def f(n, code):\n"
        '    logged = f"{n} punten geactiveerd: {code}"\n'
        '    also = f"Hulpvraag #{n} toegewezen aan {code}"\n'
        '    fine = f"{n} points activated: {code}"\n'
        "    return logged, also, fine\n",
        encoding="utf-8",
    )
    found = _checker().findings([module])
    assert [line.split(":")[1] for line in found] == ["2", "3"]
