"""The layers of docs/architecture.md hold by themselves: `lint-imports` (run by
scripts/check.sh) fails on a new upward import, which would make a cycle between apps, and on
Django imported into a pure module. Shown on a temporary copy of the source."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(
    not (ROOT / "pyproject.toml").is_file(), reason="needs the source checkout"
)


def _copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "src" / "paraat",
        tmp_path / "src" / "paraat",
        ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "templates", "*.mo"),
    )
    return tmp_path


def _lint(copy: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    return subprocess.run(
        [str(LINT), "pyproject.toml", "--no-cache"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_it_keeps_the_contracts_on_the_source_as_it_is(tmp_path: Path) -> None:
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_it_fails_on_an_import_that_makes_a_cycle_between_apps(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    # areas sits below publicinfo, which imports areas: this import would close a cycle.
    _append(copy / "src/paraat/areas/locate.py", "import paraat.publicinfo.snapshot  # noqa")
    result = _lint(copy)
    assert result.returncode == 1
    assert "Apps import only the layers below them" in result.stdout
    assert "paraat.areas.locate -> paraat.publicinfo.snapshot" in result.stdout


def test_it_fails_on_django_in_a_pure_module(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    _append(copy / "src/paraat/planning/optimise/_common.py", "import django.conf  # noqa")
    result = _lint(copy)
    assert result.returncode == 1
    assert "Pure modules import neither Django" in result.stdout
    assert "paraat.planning.optimise._common -> django" in result.stdout


def test_it_fails_on_a_pure_module_reaching_django_through_an_app(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    # Indirect: the constants module defines TextChoices, so it brings Django along.
    _append(copy / "src/paraat/geo/cells.py", "import paraat.areas.constants  # noqa")
    result = _lint(copy)
    assert result.returncode == 1
    assert "paraat.geo.cells -> paraat.areas.constants" in result.stdout
