#!/bin/sh
# Create .venv (Python 3.11+) and install Paraat from the lock file. Used by demo.sh and test.sh.
#   scripts/bootstrap.sh          runtime dependencies (requirements/lock.txt)
#   scripts/bootstrap.sh all      plus test and benchmark dependencies (requirements/lock-all.txt)
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Paraat needs Python 3.11 or newer")'
say() { printf '%s\n' "$*"; }
LOCK=requirements/lock.txt
[ "${1:-}" = "all" ] && LOCK=requirements/lock-all.txt
PACKAGES=$(grep -c '^[A-Za-z0-9]' "$LOCK")
if [ ! -x .venv/bin/python ]; then
  say "[1/4] Making a Python environment in .venv ($("$PYTHON" --version))…"
  "$PYTHON" -m venv .venv
  say "      The first install downloads about $PACKAGES packages and takes a minute or two."
else
  say "[1/4] Using the Python environment in .venv."
fi
say "[2/4] Updating pip…"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
say "[3/4] Installing the $PACKAGES pinned packages of $LOCK (nothing to do when they are there)…"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$LOCK"
say "[4/4] Installing Paraat itself (the paraat command)…"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
  || .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
say "      Ready: .venv/bin/paraat"
