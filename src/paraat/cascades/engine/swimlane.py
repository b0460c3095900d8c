"""The swimlane chart of a run, as SVG, PNG or PDF.

One lane per service; in each lane the share of runs in which the service is down (bottom band,
vermillion with diagonal hatching) and degraded (orange with dots), the rest working (light).
Colours are from the Okabe-Ito palette, which stays distinguishable with the common forms of
colour blindness, and the hatching and the numbered decision markers keep the chart readable
in black and white print. The time axis is a square-root scale: the first hours, when most
systems fail, get room without hiding the week.

Built on matplotlib's object API (no pyplot), so rendering is safe inside a web process.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from paraat.geo.text import gettext_noop, in_language, pgettext

from .result import Result
from .text import format_offset, state_label

COLOURS = {"up": "#E3F1F9", "degraded": "#E69F00", "down": "#D55E00"}
HATCHES = {"up": "", "degraded": "..", "down": "///"}
EDGE = "#3A3A3A"
TICKS = (0, 2, 4, 8, 12, 24, 48, 72, 96, 120, 144, 168)
FORMATS = (".svg", ".png", ".pdf")
LANE = 0.8


def _decision_groups(result: Result) -> list[tuple[float, list[int]]]:
    """Decision numbers (1-based) grouped by time, so markers at one time share a label."""
    groups: dict[float, list[int]] = {}
    for number, decision in enumerate(result.decisions, start=1):
        groups.setdefault(round(decision.hours, 4), []).append(number)
    return sorted(groups.items())


def build_figure(result: Result, *, lang: str = "nl") -> Figure:
    """The chart as a matplotlib Figure (callers may save it in any format)."""
    services = result.services
    notes = [
        textwrap.fill(
            f"{n}. {format_offset(d.hours, lang)}: {d.text(lang)}", 150, subsequent_indent="    "
        )
        for n, d in enumerate(result.decisions, start=1)
    ]
    note_lines = sum(note.count("\n") + 1 for note in notes)
    lanes_height = 0.42 * len(services) + 1.6
    notes_height = 0.16 * note_lines + 0.4
    figure = Figure(figsize=(13, lanes_height + notes_height), layout="constrained")
    grid = figure.add_gridspec(2, 1, height_ratios=[lanes_height, notes_height])
    ax = figure.add_subplot(grid[0])
    text_ax = figure.add_subplot(grid[1])
    text_ax.axis("off")

    times = result.times
    horizon = result.scenario.horizon_hours
    ax.set_xscale("function", functions=(_sqrt, _square))
    ax.set_xlim(0, horizon)
    ax.set_ylim(-0.2, len(services) + 0.7)
    for lane, outcome in enumerate(services):
        base = len(services) - 1 - lane + (1 - LANE) / 2
        keep, p_down, p_degraded = _breakpoints(outcome.p_down, outcome.p_degraded)
        down_top = base + LANE * p_down
        degraded_top = down_top + LANE * p_degraded
        x = times[keep]
        ax.fill_between(x, base, base + LANE, color=COLOURS["up"], linewidth=0, step="post")
        for state, low, high in (("down", base, down_top), ("degraded", down_top, degraded_top)):
            ax.fill_between(
                x,
                low,
                high,
                step="post",
                facecolor=COLOURS[state],
                edgecolor=EDGE,
                hatch=HATCHES[state],
                linewidth=0,
            )
        if outcome.time_likely_down is not None:
            x = max(outcome.time_likely_down, 0.02)
            ax.plot([x], [base + LANE + 0.02], marker="v", color="black", markersize=6)
            ax.annotate(
                format_offset(outcome.time_likely_down, lang),
                (x, base + LANE * 0.5),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=7.5,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
            )
    for hours, numbers in _decision_groups(result):
        ax.axvline(hours, color="black", linestyle=(0, (4, 3)), linewidth=0.8)
        ax.annotate(
            ",".join(str(n) for n in numbers),
            (hours, len(services) + 0.35),
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
            bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "black", "lw": 0.8},
        )
    ax.set_yticks([len(services) - 1 - i + 0.5 for i in range(len(services))])
    ax.set_yticklabels([f"{s.name(lang)} ({s.severity})" for s in services], fontsize=9)
    ticks = [t for t in TICKS if t <= horizon]
    ax.set_xticks(ticks)
    ax.set_xticklabels([format_offset(t, lang) for t in ticks], fontsize=8)
    ax.grid(axis="x", color="#BBBBBB", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(in_language(lang, gettext_noop("Time after onset (square-root scale)")))
    ax.set_title(_title(result, lang), loc="left", fontsize=11, pad=24)
    ax.legend(
        handles=_legend(lang),
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncol=5,
        frameon=False,
        fontsize=8,
    )
    heading = in_language(lang, gettext_noop("Decision points"))
    body = "\n".join(notes) if notes else "-"
    text_ax.text(0, 1, f"{heading}\n{body}", va="top", ha="left", fontsize=8, family="sans-serif")
    return figure


def _breakpoints(
    p_down: np.ndarray, p_degraded: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Only the time points where the drawn bands change (on a 0.5% grid): smaller files."""
    down = np.round(p_down * 200) / 200
    degraded = np.round(p_degraded * 200) / 200
    changes = np.flatnonzero((np.diff(down) != 0) | (np.diff(degraded) != 0)) + 1
    keep = np.unique(np.concatenate(([0], changes, [len(down) - 1])))
    return keep, down[keep], degraded[keep]


def _sqrt(x: np.ndarray) -> np.ndarray:
    root: np.ndarray = abs(x) ** 0.5
    return root


def _square(x: np.ndarray) -> np.ndarray:
    return x**2


def _title(result: Result, lang: str) -> str:
    weather = result.weather.label_nl if lang == "nl" else result.weather.label_en
    runs = (
        f"{result.runs} runs" if result.runs else in_language(lang, gettext_noop("likely values"))
    )
    title = f"{result.scenario.title(lang)} - {weather}, {runs}"
    if result.measures:
        title += " - " + in_language(lang, gettext_noop("measures: %(measures)s")) % {
            "measures": ", ".join(result.measures)
        }
    return title


def _legend(lang: str) -> list[Patch | Line2D]:
    handles: list[Patch | Line2D] = [
        Patch(
            facecolor=COLOURS[s],
            edgecolor=EDGE,
            hatch=HATCHES[s],
            label=state_label(s, lang),
            lw=0.5,
        )  # fmt: skip
        for s in ("up", "degraded", "down")
    ]
    handles.append(
        Line2D(
            [],
            [],
            marker="v",
            color="black",
            linestyle="none",
            label=in_language(lang, gettext_noop("likely down (50%)")),
        )
    )
    handles.append(
        Line2D(
            [],
            [],
            color="black",
            linestyle=(0, (4, 3)),
            lw=0.8,
            label=in_language(lang, pgettext("in the chart's legend", "decision point")),
        )
    )
    return handles


def render(result: Result, path: str | os.PathLike[str], *, lang: str = "nl") -> Path:
    """Write the chart to `path`; the format (SVG, PNG or PDF) follows from the extension."""
    target = Path(os.fspath(path))
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot render to {suffix or 'a file without extension'}; use {FORMATS}")
    with matplotlib.rc_context({"svg.fonttype": "none", "hatch.linewidth": 0.6}):
        figure = build_figure(result, lang=lang)
        figure.savefig(target, dpi=150, metadata={"Title": _title(result, lang)})
    return target
