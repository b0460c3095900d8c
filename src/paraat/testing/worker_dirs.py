"""A pytest plugin (loaded with ``-p`` in pyproject.toml) that gives each pytest-xdist worker a
data directory of its own.

The suite runs in two processes (``scripts/test.sh``). Settings read ``PARAAT_DATA_DIR`` once, when
pytest-django loads them, before any conftest runs; so the directory is chosen here, at import,
for the worker (``gw0``, ``gw1``, ...) and the servers and commands its tests start. Without it the
workers would share uploads, exports, mail files and the public snapshot's stamp.
"""

from __future__ import annotations

import os
from pathlib import Path

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and not os.environ.get("PARAAT_WORKER_DATA_DIR"):
    _base = Path(os.environ.get("PARAAT_DATA_DIR", Path.cwd() / "var"))
    _own = _base / _worker
    _own.mkdir(parents=True, exist_ok=True)
    os.environ["PARAAT_DATA_DIR"] = str(_own)
    os.environ["PARAAT_WORKER_DATA_DIR"] = str(_own)
