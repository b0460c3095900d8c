#!/bin/sh
# Static checks, the same locally and in CI: ruff (lint + format), mypy, the import layers,
# migrations, translations, no Dutch text outside the catalogue.
set -eu
cd "$(dirname "$0")/.."
export PARAAT_DATA_DIR="${PARAAT_DATA_DIR:-$(mktemp -d)}"
status=0
paths="src scripts"; [ -d benchmarks ] && paths="$paths benchmarks"
echo "== ruff check";  .venv/bin/ruff check $paths || status=1
echo "== ruff format"; .venv/bin/ruff format --check $paths || status=1
echo "== mypy";        .venv/bin/mypy src || status=1
# The layers between apps and the pure modules (pyproject.toml, docs/architecture.md); this
# checkout's source, whatever the environment has installed.
echo "== import layers"; PYTHONPATH=src .venv/bin/lint-imports pyproject.toml --no-cache --no-logo || status=1
echo "== migrations";  .venv/bin/paraat makemigrations --check --dry-run >/dev/null || { echo "missing migrations"; status=1; }
echo "== translations"; .venv/bin/python scripts/messages.py check || status=1
echo "== Dutch outside the catalogue"; .venv/bin/python scripts/check_dutch.py || status=1
exit $status
