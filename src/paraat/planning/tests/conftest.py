from __future__ import annotations

from typing import Any

import pytest

from paraat.planning.tests.planning_setup import Plan, make_plan


@pytest.fixture
def plan(cast: Any) -> Plan:
    return make_plan(cast)
