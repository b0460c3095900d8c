from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from paraat.testing.personas import Cast


@pytest.fixture(autouse=True)
def knowledge_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Each test's own file store (the pure extraction tests, run without Django, need none)."""
    folder = tmp_path / "knowledge"
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").PARAAT_KNOWLEDGE_DIR = folder
    return folder


@pytest.fixture
def partner(cast: Cast) -> Any:
    """Paula works for the grid operator, a vital partner of Brabant-Noord."""
    from paraat.accounts.constants import Role
    from paraat.knowledge import services
    from paraat.testing import factories

    paula = factories.UserFactory(username="paula", role=Role.PARTNER, region=cast.region)
    services.add_organisation(
        region=cast.region, name="Netbeheerder", kind="vital_partner", members=[paula]
    )
    return paula
