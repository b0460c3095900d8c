"""The exchange started from the instance page runs in the background worker (paraat.core.jobs).

The token is the instance's own, from PARAAT_SYNC_TOKEN in the server's environment (set once on
the laptop, docs/deployment.md): a token typed into a page would have to be stored with the job.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from paraat.core import jobs
from paraat.core.constants import JobKind
from paraat.core.models import Job
from paraat.sync import exchange, hlc


def token() -> str:
    return str(getattr(settings, "PARAAT_SYNC_TOKEN", "") or "")


def start_exchange(*, url: str, coordination_point: str, region: Any, user: Any) -> Job:
    return jobs.start(
        task=exchange_job,
        kind=JobKind.SYNC,
        region=region,
        user=user,
        arguments={"url": url, "coordination_point": coordination_point},
    )


def _exchange(job: Job, progress: jobs.ProgressFn) -> jobs.JobResult:
    url = str(job.arguments["url"])
    progress(0, 1, _("Exchanging with %(url)s") % {"url": url})
    try:
        result = exchange.sync_with(
            url=url,
            token=token(),
            coordination_point=str(job.arguments.get("coordination_point", "")),
        )
    except (exchange.SyncError, hlc.ClockError) as exc:
        raise ValidationError(str(exc)) from None
    progress(1, 1, "")
    summary = (
        _(
            "%(received)s changes received, %(merged)s merged (%(conflicts)s conflicts); "
            "%(sent)s sent."
        )
        % result.as_json()
    )
    return jobs.JobResult(url=reverse("sync:conflicts"), summary=summary)


@task()
def exchange_job(job_id: int) -> None:
    jobs.run(job_id, _exchange)
