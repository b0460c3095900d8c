from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from paraat.publicinfo.tests.factories import Network, make_network
from paraat.testing.personas import Cast


@pytest.fixture(autouse=True)
def fresh_snapshot(settings: Any, tmp_path: Any) -> Iterator[None]:
    """Every test starts without a public snapshot and with its own stamp file."""
    from paraat.publicinfo import links, snapshot

    settings.DATA_DIR = tmp_path / "data"
    snapshot.reset()
    links.clear_cache()
    yield
    snapshot.reset()
    links.clear_cache()


@pytest.fixture
def net(cast: Cast) -> Network:
    return make_network(cast)
