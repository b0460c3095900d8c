from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from paraat.core.management.base import ParaatCommand
from paraat.planning import documents, explain, services
from paraat.planning.constants import DEFAULT_TIME_LIMIT, OptimisationModel
from paraat.planning.management.commands._options import add_common, messages, scope


class Command(ParaatCommand):
    region_option = True
    json_option = True

    help = (
        "Propose new support point sites among the candidate sites, keeping the existing points: "
        "mclp (most residents covered with k sites), lscp (fewest sites for a target share), "
        "pmedian (shortest average distance), pcenter (shortest longest distance)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_common(parser)
        parser.add_argument(
            "--model", choices=OptimisationModel.values, default=OptimisationModel.MCLP
        )
        parser.add_argument(
            "--k", type=int, default=None, help="number of new sites (mclp, pmedian, pcenter)"
        )
        parser.add_argument(
            "--target",
            type=float,
            default=None,
            help="share to cover for lscp, e.g. 0.95 (default 1.0)",
        )
        parser.add_argument(
            "--time-limit", type=float, default=DEFAULT_TIME_LIMIT, help="seconds (default 30)"
        )
        parser.add_argument(
            "--capacity", type=int, default=None, help="residents one site may serve (mclp, lscp)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region, municipality = scope(self.region(options), options)
        bar = self.progress_bar(options)
        try:
            run = services.run_optimisation(
                region=region,
                municipality=municipality,
                model=options["model"],
                k=options["k"],
                target=options["target"],
                time_limit=options["time_limit"],
                threshold_m=options["threshold"],
                weight=options["weight"],
                area_kind=options["area_kind"],
                network_file=options["network"],
                capacity=options["capacity"],
                progress=bar,
                save=not options["no_save"],
            )
            document = documents.document(run)
        except ValidationError as error:
            raise CommandError(messages(error)) from None
        finally:
            bar.close()
        if self.wants_json(options):
            self.emit_json(document)
            return
        figures = document["figures"]
        self.stdout.write(document["explanation"])
        for i, site in enumerate(figures["selected"], start=1):
            self.stdout.write(
                f"  {i:>2}. {site['code']:<12} {site['name']:<40} +{explain.number(site['adds'])}"
            )
        gap = (
            _("proven optimal")
            if figures["optimal"]
            else _("gap %(gap)s") % {"gap": explain.percent(figures["gap"])}
        )
        self.stdout.write(f"  {figures['method']}, {gap}, {figures['solver_seconds']:.2f} s")
