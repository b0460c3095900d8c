#!/bin/sh
# Install Paraat with its test dependencies (and Debian's Chromium and nginx), run the
# static checks, then the whole test suite. Extra arguments go to pytest.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/test runs the suite on PostgreSQL.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh all
# Debian's Chromium for the browser tests and nginx for the deployment test (docs/deployment.md).
NEED=""
command -v chromium >/dev/null 2>&1 || NEED="chromium fonts-dejavu-core"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || NEED="$NEED nginx-light"
if [ -n "$NEED" ]; then
  echo "Installing from Debian's packages for the browser and deployment tests:$NEED"
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $NEED >/dev/null
  # The test starts its own nginx on free ports; the package's service on port 80 is not needed.
  case "$NEED" in *nginx*) $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true ;; esac
fi
if [ "${PARAAT_SKIP_CHECKS:-}" != "1" ]; then
  sh scripts/check.sh
fi
export PARAAT_ENV=test
export PARAAT_DATA_DIR="${PARAAT_DATA_DIR:-$(mktemp -d)}"
# Both cores (at most four): the browser walks and server tests wait more than they compute.
# A test file stays on one worker; extra arguments go last, so `-n 0` runs in one process.
# Files go out in the order of collection, where src/paraat/conftest.py puts the longest first
# (not xdist's default of the files with the most tests first, which leaves the long single
# tests to the end).
PYTEST=".venv/bin/python -m pytest -n auto --maxprocesses 4 --dist loadfile --no-loadscope-reorder"
# The pure modules' tests first, without Django (scripts/pure_tests.py finds them), then the rest
# with Django. Only for a whole run (no test paths given) that also ran the checks, so the
# PostgreSQL run of .ci/run takes every test with Django.
WHOLE=1
for arg in "$@"; do
  case "$arg" in -*) ;; *) if [ -e "${arg%%::*}" ]; then WHOLE=0; fi ;; esac
done
IGNORE=""
if [ "$WHOLE" = "1" ] && [ "${PARAAT_SKIP_CHECKS:-}" != "1" ]; then
  PURE=$(.venv/bin/python scripts/pure_tests.py)
  echo "== pure modules, without Django"
  # shellcheck disable=SC2086
  $PYTEST -p no:django "$@" $PURE
  for path in $PURE; do IGNORE="$IGNORE --ignore=$path"; done
  echo "== everything else, with Django"
fi
# shellcheck disable=SC2086
exec $PYTEST $IGNORE "$@"
