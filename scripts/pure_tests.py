"""List the test files that test only pure modules, so CI runs them without Django.

A test file qualifies when every `paraat` module it imports is one of the pure modules of the
import-linter contract "pure" (pyproject.toml), or a Django-free test helper, and it imports
nothing of Django and asks for no Django fixture. `scripts/test.sh` runs them with
`pytest -p no:django`, which shows that the pure modules and their tests need no settings.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Test helpers that import no Django.
HELPERS = ("paraat.testing.geometry", "paraat.testing.hostile_files")
DJANGO_FIXTURES = {"db", "transactional_db", "settings", "client", "rf", "cast", "live_server"}


def pure_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["id"] == "pure":
            return [*contract["source_modules"], *HELPERS]
    raise SystemExit("pyproject.toml has no import-linter contract with id 'pure'")


def imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def fixtures(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names.update(arg.arg for arg in node.args.args)
    return names


def is_pure_test(path: Path, pure: list[str]) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = imports(tree)
    if any(name.split(".")[0] in ("django", "rest_framework", "pytest_django") for name in found):
        return False
    if fixtures(tree) & DJANGO_FIXTURES or "django_db" in ast.dump(tree):
        return False
    ours = {name for name in found if name.startswith("paraat")}
    # `from paraat.geo import crs` names paraat.geo and paraat.geo.crs: both must be pure.
    modules = {name for name in ours if not _is_package_parent(name, ours)}
    return bool(modules) and all(
        any(name == p or name.startswith(p + ".") for p in pure) for name in modules
    )


def _is_package_parent(name: str, names: set[str]) -> bool:
    return any(other.startswith(name + ".") for other in names)


def main() -> int:
    pure = pure_modules()
    tests = sorted(ROOT.glob("src/paraat/**/tests/test_*.py"))
    for path in tests:
        if is_pure_test(path, pure):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
