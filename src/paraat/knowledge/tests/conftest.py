from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from paraat.accounts.constants import Role
from paraat.testing import factories
from paraat.testing.personas import Cast


@pytest.fixture(autouse=True)
def knowledge_dir(settings: Any, tmp_path: Path) -> Path:
    settings.PARAAT_KNOWLEDGE_DIR = tmp_path / "knowledge"
    return settings.PARAAT_KNOWLEDGE_DIR


@pytest.fixture
def partner(cast: Cast) -> Any:
    """Paula works for the grid operator, a vital partner of Brabant-Noord."""
    from paraat.knowledge import services

    paula = factories.UserFactory(username="paula", role=Role.PARTNER, region=cast.region)
    services.add_organisation(
        region=cast.region, name="Netbeheerder", kind="vital_partner", members=[paula]
    )
    return paula
