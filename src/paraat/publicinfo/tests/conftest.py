from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from paraat.publicinfo.tests.factories import Network
    from paraat.testing.personas import Cast


@pytest.fixture(autouse=True)
def fresh_snapshot(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[None]:
    """Every test starts without a public snapshot and with its own stamp file (the pure tests of
    this folder, run with ``-p no:django``, have neither)."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from paraat.publicinfo import links, snapshot

    settings = request.getfixturevalue("settings")
    settings.DATA_DIR = tmp_path / "data"
    snapshot.reset()
    links.clear_cache()
    yield
    snapshot.reset()
    links.clear_cache()


@pytest.fixture
def net(cast: Cast) -> Network:
    from paraat.publicinfo.tests.factories import make_network

    return make_network(cast)
