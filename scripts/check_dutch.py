"""Fail when a Dutch sentence stands in Python code or a template outside the translation calls.

Every user-facing text goes through gettext with an English message id; the Dutch lives in the
`.po` file (docs/development.md). This finds string literals (not docstrings) outside gettext
calls, and template text outside `{% translate %}` blocks, that read as Dutch: at least two common
Dutch words and more Dutch than English ones. Tests, migrations and test helpers are not scanned.
The files in ALLOWED hold Dutch on purpose, each with its reason.

    .venv/bin/python scripts/check_dutch.py [PATH ...]
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "paraat"

DUTCH = frozenset(
    [
        "aangemaakt",
        "geactiveerd",
        "gedaan",
        "gepland",
        "uit",
        "opgepakt",
        "toegewezen",
        "aan",
        "afgerond",
        "ingetrokken",
        "inhoud",
        "melding",
        "vastgelegd",
        "hulpvraag",
        "noodmelding",
        "fase",
        "bezoekers",
        "brandstof",
        "nodig",
        "openingslijst",
        "oefening",
        "oefeninjects",
        "de",
        "het",
        "een",
        "niet",
        "geen",
        "van",
        "voor",
        "met",
        "rij",
        "veld",
        "bestand",
        "zijn",
        "wordt",
        "worden",
        "staat",
        "bij",
        "naar",
        "ontbreekt",
        "moet",
        "kan",
        "onbekend",
        "ongeldig",
        "punt",
        "punten",
        "gemeente",
        "regio",
        "aantal",
        "inwoners",
        "klaar",
        "laden",
        "fout",
        "datum",
        "uur",
        "minuten",
        "gebruik",
        "alleen",
        "door",
        "wat",
        "waar",
        "uw",
    ]
)
ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "is",
        "not",
        "a",
        "to",
        "in",
        "for",
        "with",
        "no",
        "this",
        "file",
        "row",
        "you",
        "your",
    ]
)
GETTEXT = frozenset(
    {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext",
     "pgettext_lazy", "npgettext"}
)  # fmt: skip
# Dutch on purpose: content of the invented demo region, data formats and the debts still open.
ALLOWED = {
    "demo.py": "the invented demo region's own records (names, descriptions), not interface text",
    "alerts/presets.py": "the Dutch text of the CAP presets, beside their English text",
    "alerts/services.py": "the cancel text of a CAP alert's Dutch info block, beside the English",
    "areas/importers.py": "CBS column names of the files a region imports",
}


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def reads_dutch(text: str) -> bool:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    dutch = sum(word in DUTCH for word in words)
    english = sum(word in ENGLISH for word in words)
    return len(words) >= 2 and dutch >= 2 and dutch > english


def _allowed(path: Path) -> bool:
    relative = path.relative_to(SOURCE).as_posix()
    return any(relative == key or relative.endswith("/" + key) for key in ALLOWED)


def _skipped(path: Path) -> bool:
    parts = path.relative_to(SOURCE).parts
    return "tests" in parts or "migrations" in parts or parts[0] == "testing" or _allowed(path)


def python_findings(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            # An f-string is read as a whole: "{n} punten geactiveerd" has one Dutch word per
            # piece but reads as Dutch.
            text = " ".join(
                part.value
                for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if isinstance(parents.get(node), (ast.Expr, ast.JoinedStr)):
                continue  # a docstring, or a piece of an f-string (read with the whole)
            text = node.value
        else:
            continue
        if _inside_gettext(node, parents) or not reads_dutch(text):
            continue
        found.append(f"{_name(path)}:{node.lineno}: {text[:70]!r}")
    return found


def _inside_gettext(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    current = parents.get(node)
    while current is not None:
        if isinstance(current, ast.Call):
            func = current.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in GETTEXT:
                return True
        current = parents.get(current)
    return False


_TRANSLATED = re.compile(r"\{%\s*blocktranslate.*?endblocktranslate\s*%\}", re.S)
_TAGS = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<script.*?</script>|<style.*?</style>", re.S)
_TEXT = re.compile(r">([^<>]+)<")
_ATTRIBUTES = re.compile(r'(?:alt|title|aria-label|placeholder)="([^"]+)"')


def template_findings(path: Path) -> list[str]:
    text = _TAGS.sub(" ", _TRANSLATED.sub(" ", path.read_text(encoding="utf-8")))
    found = []
    for match in [*_TEXT.finditer(text), *_ATTRIBUTES.finditer(text)]:
        value = " ".join(match.group(1).split())
        if value and reads_dutch(value):
            found.append(f"{_name(path)}: {value[:70]!r}")
    return found


def findings(paths: list[Path]) -> list[str]:
    found: list[str] = []
    for path in paths:
        if path.suffix == ".py":
            found += python_findings(path)
        elif path.suffix == ".html":
            found += template_findings(path)
    return found


def main(argv: list[str]) -> int:
    if argv:
        paths = [Path(arg).resolve() for arg in argv]
    else:
        paths = [
            p for p in sorted(SOURCE.rglob("*")) if p.suffix in (".py", ".html") and not _skipped(p)
        ]
    found = findings(paths)
    for line in found:
        print(f"Dutch outside the catalogue: {line}")
    if found:
        print("Put the text through gettext with an English message id; the Dutch goes in the .po.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
