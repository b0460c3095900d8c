#!/bin/sh
# Install Paraat with its test dependencies (and Debian's Chromium for browser tests), run the
# static checks, then the whole test suite. Extra arguments go to pytest.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/test runs the suite on PostgreSQL.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh all
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium from Debian's packages for the browser tests…"
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if [ "${PARAAT_SKIP_CHECKS:-}" != "1" ]; then
  sh scripts/check.sh
fi
export PARAAT_ENV=test
export PARAAT_DATA_DIR="${PARAAT_DATA_DIR:-$(mktemp -d)}"
exec .venv/bin/python -m pytest "$@"
