"""/jobs/: the user's own jobs (a coordinator: the region's), and `paraat jobs cleanup`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from paraat.core import jobs
from paraat.core.constants import JobKind, JobStatus
from paraat.core.models import Job
from paraat.testing.isolation import command_text
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _job(region: Any, user: Any, **fields: Any) -> Job:
    return Job.objects.create(kind=JobKind.OPTIMISATION, region=region, started_by=user, **fields)


def test_it_lists_the_users_own_jobs_with_state_and_progress(cast: Cast) -> None:
    mine = _job(cast.region, cast.olaf, status=JobStatus.RUNNING, done=1, total=4)
    theirs = _job(cast.region, cast.vera, status=JobStatus.DONE)
    page = _client(cast.olaf).get("/jobs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/jobs/{mine.pk}/"' in html and "25%" in html
    assert f'href="/jobs/{theirs.pk}/"' not in html
    assert '<meta http-equiv="refresh" content="5">' in html


def test_it_shows_the_coordinator_every_job_of_the_region_only(cast: Cast) -> None:
    olafs = _job(cast.region, cast.olaf, status=JobStatus.DONE)
    xanders = _job(cast.xander.region, cast.xander, status=JobStatus.DONE)
    html = _client(cast.rianne).get("/jobs/").content.decode()
    assert f'href="/jobs/{olafs.pk}/"' in html and "olaf" in html
    assert f'href="/jobs/{xanders.pk}/"' not in html
    assert _client(cast.rianne).get(f"/jobs/{olafs.pk}/").status_code == 200
    assert _client(cast.rianne).get(f"/jobs/{xanders.pk}/").status_code == 404
    assert _client(cast.vera).get(f"/jobs/{olafs.pk}/").status_code == 404
    other = _client(cast.xander).get("/jobs/").content.decode()
    assert f'href="/jobs/{olafs.pk}/"' not in other and f'href="/jobs/{xanders.pk}/"' in other


def test_it_removes_old_finished_jobs_and_their_files(cast: Cast, settings: Any, tmp_path: Path):
    settings.DATA_DIR = tmp_path
    folder = jobs.jobs_folder()
    now = timezone.now()
    old = _job(cast.region, cast.rianne, status=JobStatus.DONE, result_file="old.zip")
    (folder / "old.zip").write_bytes(b"zip")
    failed = _job(cast.xander.region, cast.xander, status=JobStatus.FAILED)
    recent = _job(cast.region, cast.rianne, status=JobStatus.DONE, result_file="new.zip")
    (folder / "new.zip").write_bytes(b"zip")
    running = _job(cast.region, cast.rianne, status=JobStatus.RUNNING)
    Job.objects.filter(pk__in=[old.pk, failed.pk]).update(finished_at=now - dt.timedelta(days=40))
    Job.objects.filter(pk=recent.pk).update(finished_at=now - dt.timedelta(days=2))
    Job.objects.filter(pk=running.pk).update(created_at=now - dt.timedelta(days=90))
    out = json.loads(command_text("jobs", "cleanup", "--days", "30", "--json"))
    assert out == {"jobs": 2, "files": 1, "days": 30}
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not (folder / "old.zip").exists() and (folder / "new.zip").exists()
    assert "0" in command_text("jobs", "cleanup", "--days", "30")


def test_it_refuses_a_negative_number_of_days(cast: Cast) -> None:
    with pytest.raises(CommandError):
        call_command("jobs", "cleanup", "--days", "-1")
