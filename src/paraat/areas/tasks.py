"""Large area imports run in the background worker (paraat.core.jobs), never in a web request.

The view keeps small files in the request, so their problems show on the form at once; a file
above PARAAT_IMPORT_BACKGROUND_MB is stored in the jobs folder and imported by the worker. The
job's page then says what was imported; the warnings (and, when the file was refused, every
problem) are in a text report to download, each naming the file, row and field.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from paraat.areas import services
from paraat.core import jobs
from paraat.core.constants import JobKind
from paraat.core.models import Job
from paraat.geo.readers import ReadError

# How many problems the job page names itself; the rest are in the report.
SHOWN_PROBLEMS = 20


def start_import(
    *, upload: Any, region: Any, user: Any, kind: str | None, crs: int | None, year: int | None
) -> Job:
    """Store the uploaded file in the jobs folder and queue its import."""
    folder = jobs.jobs_folder() / "uploads" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    name = Path(upload.name).name or "upload"
    with (folder / name).open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return jobs.start(
        task=import_areas_job,
        kind=JobKind.AREA_IMPORT,
        region=region,
        user=user,
        arguments={
            "folder": folder.name,
            "name": name,
            "kind": kind,
            "crs": crs,
            "population_year": year,
        },
    )


def _report(job: Job, lines: list[str]) -> str:
    name = f"area-import-{job.region.code}-{job.pk}.txt"
    (jobs.jobs_folder() / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def _import(job: Job, progress: jobs.ProgressFn) -> jobs.JobResult:
    args = job.arguments
    folder = jobs.jobs_folder() / "uploads" / str(args["folder"])
    path = folder / str(args["name"])
    progress(0, 2, _("Reading %(file)s") % {"file": args["name"]})
    try:
        result = services.import_areas(
            path=path,
            region=job.region,
            kind=args.get("kind") or None,
            crs=args.get("crs"),
            display_name=str(args["name"]),
            population_year=args.get("population_year"),
        )
    except ReadError as error:
        problems = [str(p) for p in error.problems]
        report = _report(job, [_("Nothing imported:"), *problems])
        shown = problems[:SHOWN_PROBLEMS]
        more = len(problems) - len(shown)
        if more:
            shown.append(_("… and %(count)d more in the report %(report)s") % {
                "count": more, "report": report,
            })  # fmt: skip
        raise ValidationError([_("Nothing imported:"), *shown]) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    progress(2, 2, "")
    report = _report(job, [result.summary(), *(str(w) for w in result.warnings)])
    return jobs.JobResult(url=reverse("areas:region"), file=report, summary=result.summary())


@task()
def import_areas_job(job_id: int) -> None:
    jobs.run(job_id, _import)
