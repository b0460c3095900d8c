#!/bin/sh
# Create .venv (Python 3.11+) and install Paraat from the lock file. Used by demo.sh and test.sh.
#   scripts/bootstrap.sh          runtime dependencies (requirements/lock.txt)
#   scripts/bootstrap.sh all      plus test and benchmark dependencies (requirements/lock-all.txt)
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Paraat needs Python 3.11 or newer")'
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
LOCK=requirements/lock.txt
[ "${1:-}" = "all" ] && LOCK=requirements/lock-all.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$LOCK"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
  || .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
