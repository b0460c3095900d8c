"""The demo region's loaders, in the order they run: each app's own ``demo.load()``.

The list is written out, not discovered, so that the demo's dependencies on the apps are plain
imports that import-linter sees (the demo package sits above every app).
"""

from __future__ import annotations

from collections.abc import Callable

from paraat.alerts import demo as alerts_demo
from paraat.areas import demo as areas_demo
from paraat.community import demo as community_demo
from paraat.demo import accounts as accounts_demo
from paraat.demo.accounts import DEMO_PASSWORD
from paraat.knowledge import demo as knowledge_demo
from paraat.operations import demo as operations_demo
from paraat.planning import demo as planning_demo
from paraat.programme import demo as programme_demo
from paraat.publicinfo import demo as publicinfo_demo
from paraat.supportpoints import demo as supportpoints_demo

__all__ = ["DEMO_PASSWORD", "LOADERS"]

# (name shown while loading, loader); the order of INSTALLED_APPS, which the loaders rely on.
LOADERS: list[tuple[str, Callable[[], list[str]]]] = [
    ("areas", areas_demo.load),
    ("accounts", accounts_demo.load),
    ("supportpoints", supportpoints_demo.load),
    ("operations", operations_demo.load),
    ("publicinfo", publicinfo_demo.load),
    ("planning", planning_demo.load),
    ("alerts", alerts_demo.load),
    ("community", community_demo.load),
    ("programme", programme_demo.load),
    ("knowledge", knowledge_demo.load),
]
