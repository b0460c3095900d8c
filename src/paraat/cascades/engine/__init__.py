"""The outage clock: a cascade timeline of a long outage (issue 7), in plain Python.

No Django here: the web app, the `paraat cascade` command and the benchmarks all call these
functions with plain data. The public API:

    load_scenario(name_or_path, overrides=None) -> Scenario
        A shipped scenario ("power-outage-nl", "water-outage-nl", "payments-cyber-nl") or a
        .toml/.json file, with a region's overrides (dict, file or list of those) merged on
        top. Bad data raises ScenarioError naming each file and field.
    simulate(scenario, *, points=None, runs=1000, seed=0, weather="mild", measures=()) -> Result
        The run on likely values plus `runs` Monte Carlo runs, 15-minute steps from T0 to 7 days.
    compare(a, b) -> Comparison
        Per service the change in time-to-likely-down; decision points that moved.
    render(result, path, *, lang="nl") -> Path
        The swimlane chart as SVG, PNG or PDF (from the extension).
    timeline_table / decisions_table / effects_table / figures_table(result, *, lang) -> Table
        The same information as plain rows, for accessible HTML tables.
    injects(result, *, lang="nl") -> list[Inject]
        Exercise injects (time offset, title, message) for the operations module.
    areas.for_result(result, areas, names) -> (area clocks, municipality clocks)
        Per area the hours its coverage by noodsteunpunten drops as points run out of power.
    Result.to_json() is what `paraat cascade run --json` prints.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import areas
from .compare import Comparison, DecisionChange, ServiceChange, compare
from .errors import Issue, ScenarioError
from .injects import Inject, injects
from .loading import available_scenarios, load_points, load_scenario, parse_points
from .measures import apply_measures, load_measures
from .model import Measure, Point, Scenario
from .result import DecisionPoint, PointOutcome, Result, ServiceOutcome
from .simulate import simulate
from .tables import Table, decisions_table, effects_table, figures_table, timeline_table
from .text import format_offset

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def render(result: Result, path: str | os.PathLike[str], *, lang: str = "nl") -> Path:
    """Write the swimlane chart; imported lazily so JSON-only callers never load matplotlib.

    (The drawing lives in `swimlane.py`: a submodule named `render` would replace this
    function as a package attribute on first import.)
    """
    from .swimlane import render as render_chart

    return render_chart(result, path, lang=lang)


def build_figure(result: Result, *, lang: str = "nl") -> Figure:
    """The swimlane chart as a matplotlib Figure."""
    from .swimlane import build_figure as build

    return build(result, lang=lang)


__all__ = [
    "areas",
    "Comparison",
    "DecisionChange",
    "DecisionPoint",
    "Inject",
    "Issue",
    "Measure",
    "Point",
    "PointOutcome",
    "Result",
    "Scenario",
    "ScenarioError",
    "ServiceChange",
    "ServiceOutcome",
    "Table",
    "apply_measures",
    "available_scenarios",
    "build_figure",
    "compare",
    "decisions_table",
    "effects_table",
    "figures_table",
    "format_offset",
    "injects",
    "load_measures",
    "load_points",
    "load_scenario",
    "parse_points",
    "render",
    "simulate",
    "timeline_table",
]
