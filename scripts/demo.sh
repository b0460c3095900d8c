#!/bin/sh
# Install Paraat and run the Brabant-Noord demo on http://127.0.0.1:8000 (SQLite in ./var).
set -eu
cd "$(dirname "$0")/.."
echo "Paraat demo: installing into .venv, then loading the Brabant-Noord demo into ./var."
sh scripts/bootstrap.sh
echo "Starting paraat demo…"
exec .venv/bin/paraat demo "$@"
