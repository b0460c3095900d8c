"""Background jobs: long work (an optimisation, the static export, a large import) runs in the
worker as a django-tasks task, never in a web request, and reports how far it is.

An app defines its task in its own ``tasks.py``; a view or command calls `start()` with it, the
region and the user, and sends the user to the job page (/jobs/<id>/). The task calls `run()`,
which marks the job running, hands the work a `Progress` to report steps with, and records the
result (a page to link to, a file to download) or the error. Who may see a job: `paraat.site.access.job_for()`.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from paraat.core.audit import acting_as
from paraat.core.constants import JobKind, JobStatus
from paraat.core.models import Job

# How often a running job writes its progress at most (the job page refreshes every 2 s).
WRITE_INTERVAL_S = 0.5

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class JobResult:
    """What a finished job offers: a page (``url``) and/or a file in the jobs folder, and a line
    that says what it did (``summary``, shown on the job page)."""

    url: str = ""
    file: str = ""
    summary: str = ""


def jobs_folder() -> Path:
    """Where jobs leave files for download (the data directory, never a public folder)."""
    folder = Path(settings.DATA_DIR) / "jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start(
    *, task: Any, kind: JobKind, region: Any, user: Any, arguments: dict[str, Any] | None = None
) -> Job:
    """Record a job and queue its task in one transaction, so the worker never sees a task whose
    job is missing (nor a job whose task was never queued). ``arguments`` must be JSON."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            region=region,
            started_by=user if getattr(user, "is_authenticated", False) else None,
            arguments=arguments or {},
        )
        result = task.enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


class Progress:
    """Reports a job's steps; writes at most every WRITE_INTERVAL_S, and always the last step."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._written = 0.0
        self._message = ""

    def __call__(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if done < total and message == self._message and now - self._written < WRITE_INTERVAL_S:
            return
        self._written, self._message = now, message
        Job.objects.filter(pk=self.job_id).update(
            done=max(0, done), total=max(0, total), message=message[:300]
        )


def run(job_id: int, work: Callable[[Job, ProgressFn], JobResult]) -> None:
    """Run ``work`` for the job as the user who started it; record its result or its error.

    Errors a user can act on (a refused input, a file that cannot be written) become the job's
    error text; anything else gets a plain sentence and is raised again for the worker's log.
    """
    job = Job.objects.select_related("region", "started_by").get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    try:
        with acting_as(job.started_by, "job"):
            result = work(job, Progress(job_id))
    except (ValidationError, CommandError, OSError) as exc:
        _fail(job_id, error_text(exc))
        return
    except Exception:
        _fail(job_id, _("An unexpected error stopped the job; the worker's log has the details."))
        raise
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.DONE,
        result_url=result.url,
        result_file=result.file,
        finished_at=timezone.now(),
        message=result.summary[:300],
    )


def error_text(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(exc.messages)
    return str(exc)


def _fail(job_id: int, error: str) -> None:
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, error=error, finished_at=timezone.now()
    )


@dataclass(frozen=True)
class Cleanup:
    jobs: int
    files: int


def cleanup(*, days: int, now: Any = None) -> Cleanup:
    """Remove finished jobs (done or failed) older than ``days`` and their result files, so the
    jobs folder does not fill the disk with old exports. Queued and running jobs stay."""
    if days < 0:
        raise ValidationError(_("Give a number of days of 0 or more."))
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    old = Job.objects.filter(status__in=(JobStatus.DONE, JobStatus.FAILED), finished_at__lt=cutoff)
    folder = jobs_folder().resolve()
    files = 0
    with transaction.atomic():
        rows = list(old.values_list("pk", "result_file", "task_id"))
        Job.objects.filter(pk__in=[pk for pk, _file, _task in rows]).delete()
        _forget_tasks([task for _pk, _file, task in rows if task])
    for _pk, name, _task in rows:
        path = (folder / name).resolve() if name else None
        if path is not None and folder in path.parents and path.is_file():
            path.unlink()
            files += 1
    return Cleanup(jobs=len(rows), files=files)


def _forget_tasks(task_ids: list[str]) -> None:
    """django-tasks' own rows of the removed jobs (the database backend keeps them forever)."""
    valid = []
    for task_id in task_ids:
        try:
            valid.append(uuid.UUID(task_id))
        except ValueError:
            continue  # not a database task (the immediate backend in development)
    if not valid:
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend keeps no rows
        return
    DBTaskResult.objects.filter(id__in=valid).delete()


def download_path(job: Job) -> Path | None:
    """The job's file, only when it lies in the jobs folder and still exists."""
    if not job.result_file or job.status != JobStatus.DONE:
        return None
    folder = jobs_folder().resolve()
    path = (folder / job.result_file).resolve()
    if folder not in path.parents or not path.is_file():
        return None
    return path
