"""Demo planning for Brabant-Noord: today's coverage and a proposal for the next 10 sites.

Runs after the support points' demo (INSTALLED_APPS order). The optimisation gets a small time
limit so `paraat demo` stays quick; the greedy answer with its proven gap is shown either way.
"""

from __future__ import annotations

from django.utils import translation

from paraat.areas.demo import REGION_CODE
from paraat.areas.models import Region
from paraat.planning import explain, services
from paraat.planning.constants import OptimisationModel

DEMO_SITES = 10
DEMO_TIME_LIMIT = 5.0


def load() -> list[str]:
    region = Region.objects.filter(code=REGION_CODE).first()
    if region is None:
        return []
    with translation.override("nl"):
        coverage = services.run_coverage(region=region)
        proposal = services.run_optimisation(
            region=region,
            model=OptimisationModel.MCLP,
            k=DEMO_SITES,
            time_limit=DEMO_TIME_LIMIT,
        )
        return [
            f"dekking berekend: {explain.percent(coverage.figures['share'])} van de inwoners binnen 1 km",
            f"voorstel voor {len(proposal.figures['selected'])} nieuwe locaties: "
            f"+{explain.number(proposal.residents_added)} inwoners binnen 1 km",
        ]
