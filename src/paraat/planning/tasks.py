"""Planning work that runs in the background worker (paraat.core.jobs): the siting optimisation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django_tasks import task

from paraat.areas.models import Municipality
from paraat.core import jobs
from paraat.core.constants import JobKind
from paraat.core.models import Job
from paraat.planning import services
from paraat.planning.models import WalkingNetwork


def start_optimisation(*, region: Any, user: Any, arguments: dict[str, Any]) -> Job:
    """Queue an optimisation with the form's arguments (objects stored by their id)."""
    plain = dict(arguments)
    municipality = plain.pop("municipality", None)
    network = plain.pop("network", None)
    plain["municipality_id"] = municipality.pk if municipality else None
    plain["network_id"] = network.pk if network else None
    return jobs.start(
        task=optimise, kind=JobKind.OPTIMISATION, region=region, user=user, arguments=plain
    )


def _optimise(job: Job, progress: jobs.ProgressFn) -> jobs.JobResult:
    arguments = dict(job.arguments)
    municipality_id = arguments.pop("municipality_id", None)
    network_id = arguments.pop("network_id", None)
    run = services.run_optimisation(
        region=job.region,
        user=job.started_by,
        municipality=(
            Municipality.objects.in_region(job.region).get(pk=municipality_id)
            if municipality_id
            else None
        ),
        network=(
            WalkingNetwork.objects.filter(region=job.region).get(pk=network_id)
            if network_id
            else None
        ),
        progress=progress,
        **arguments,
    )
    return jobs.JobResult(url=reverse("planning:optimisation", args=[run.pk]))


@task()
def optimise(job_id: int) -> None:
    jobs.run(job_id, _optimise)
