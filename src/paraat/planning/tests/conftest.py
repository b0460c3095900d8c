from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from paraat.planning.tests.planning_setup import Plan


@pytest.fixture
def plan(cast: Any) -> Plan:
    # Imported here, so the pure optimisation tests in this folder also run without Django.
    from paraat.planning.tests.planning_setup import make_plan

    return make_plan(cast)
