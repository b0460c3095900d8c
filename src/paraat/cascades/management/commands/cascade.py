from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from paraat.areas.models import Region
from paraat.cascades import areas, engine, overrides, presenters, runs
from paraat.cascades.constants import DEFAULT_RUNS, DEFAULT_SCENARIO, DEFAULT_SEED
from paraat.cascades.engine.text import format_optional
from paraat.cascades.models import RegionalFigures
from paraat.core.management.base import ParaatCommand


class Command(ParaatCommand):
    region_help = (
        "code of the safety region whose figures and points are used (required when there are "
        "several; default: the only one; none: national figures)"
    )
    help = (
        "The outage clock: simulate a cascade timeline (run) or draw it as SVG, PNG or PDF "
        "(render). Uses the region's own partner figures and its support points' energy "
        "autonomy from the registry when a region exists."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser(
            "run", help="print the timeline and decision points (text, or JSON with --json)"
        )
        self.add_json_argument(run)
        render = sub.add_parser("render", help="draw the swimlane chart to a file")
        render.add_argument(
            "--out", required=True, help="the file to write; .svg, .png or .pdf sets the format"
        )
        render.add_argument("--lang", choices=("nl", "en"), default="nl")
        for p in (run, render):
            p.add_argument(
                "--scenario",
                default=DEFAULT_SCENARIO,
                help=f"a shipped scenario ({', '.join(engine.available_scenarios())}) or a "
                f".toml/.json file (default {DEFAULT_SCENARIO})",
            )
            p.add_argument(
                "--runs", type=int, default=DEFAULT_RUNS, help="Monte Carlo runs (0: likely only)"
            )
            p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
            p.add_argument("--weather", default="mild", help="mild, cold or frost")
            p.add_argument(
                "--measure",
                action="append",
                default=[],
                metavar="ID",
                help=f"a what-if measure; repeat for more ({', '.join(engine.load_measures())})",
            )
            self.add_region_argument(p)
            p.add_argument(
                "--national",
                action="store_true",
                help="ignore the region: national figures and no registry points",
            )

    def handle(self, *args: Any, **options: Any) -> None:
        region = self._region(options)
        settings = runs.RunSettings(
            scenario=options["scenario"],
            runs=options["runs"],
            seed=options["seed"],
            weather=options["weather"],
            measures=tuple(options["measure"]),
        )
        if settings.runs < 0:
            raise CommandError("--runs must be 0 or more")
        try:
            prepared = runs.prepare(region, settings)
            result = runs.simulate(prepared)
        except engine.ScenarioError as error:
            raise CommandError(str(error)) from None
        if options["action"] == "render":
            out = Path(options["out"])
            if out.suffix.lower() not in (".svg", ".png", ".pdf"):
                raise CommandError("--out must end in .svg, .png or .pdf")
            engine.render(result, out, lang=options["lang"])
            self.stdout.write(f"{out}")
            return
        if self.wants_json(options):
            data = result.to_dict()
            figures = RegionalFigures.objects.for_region(region) if region else None
            data["region"] = None
            if region is not None:
                data["region"] = {
                    "code": region.code,
                    "name": region.name,
                    "figures_version": figures.version if figures else 0,
                    "points": len(prepared.points),
                    "partner_figures": overrides.partner_sources(prepared.override or {}),
                }
                data["power_dependent"] = presenters.power_dependent(result, region)
                data["areas"] = areas.clocks(region, result).to_dict()
            self.emit_json(data)
            return
        self.stdout.write(_text(result, region, len(prepared.points)))

    def _region(self, options: dict[str, Any]) -> Region | None:
        if options["national"]:
            return None
        if not options["region"] and not Region.objects.exists():
            return None
        return self.region(options)


def _text(result: engine.Result, region: Region | None, points: int) -> str:
    """The run in short, in the active language (the scenario's own words in Dutch or English)."""
    lang = "en" if (translation.get_language() or "").startswith("en") else "nl"
    horizon = result.scenario.horizon_hours
    weather = result.weather.label_nl if lang == "nl" else result.weather.label_en
    lines = [
        f"{result.scenario.title(lang)} ({result.runs} runs, seed {result.seed}, "
        f"{weather.lower()})",
        _("Region: %(name)s (%(count)s support points)") % {"name": region.name, "count": points}
        if region
        else _("National figures"),
        "",
        _("Likely down (probability >= 50%):"),
    ]
    for s in result.services:
        down = format_optional(s.time_likely_down, horizon, lang)
        lines.append(f"  {down:>14}  {s.name(lang)}")
    lines += ["", _("Decision points:")]
    for number, d in enumerate(result.decisions, start=1):
        lines.append(f"  {number:>2}. {engine.format_offset(d.hours, lang)}: {d.text(lang)}")
    return "\n".join(lines)
