#!/bin/sh
# Install Paraat and run the Brabant-Noord demo on http://127.0.0.1:8000 (SQLite in ./var).
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
exec .venv/bin/paraat demo "$@"
