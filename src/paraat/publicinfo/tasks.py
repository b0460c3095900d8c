"""Resident-side work that runs in the background worker (paraat.core.jobs): the static export."""

from __future__ import annotations

import shutil
from typing import Any

from django_tasks import task

from paraat.core import jobs
from paraat.core.constants import JobKind
from paraat.core.models import Job
from paraat.publicinfo import export, snapshot


def start_export(*, region: Any, user: Any, posters_too: bool = True) -> Job:
    """Queue the static public site of ``region`` as a zip file to download."""
    return jobs.start(
        task=export_public,
        kind=JobKind.PUBLIC_EXPORT,
        region=region,
        user=user,
        arguments={"posters_too": posters_too},
    )


def _export(job: Job, progress: jobs.ProgressFn) -> jobs.JobResult:
    folder = jobs.jobs_folder()
    name = f"public-site-{job.region.code}-{job.pk}"
    site = folder / name
    snap = snapshot.build(job.region)
    try:
        export.export_site(
            snap,
            site,
            region=job.region,
            posters_too=bool(job.arguments.get("posters_too", True)),
            progress=progress,
        )
        shutil.make_archive(str(folder / name), "zip", root_dir=site)
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return jobs.JobResult(file=f"{name}.zip")


@task()
def export_public(job_id: int) -> None:
    jobs.run(job_id, _export)
