"""The job page: progress while a background job runs, its result or error when it is done, and
only for the user who started it, in the region it ran for."""

from __future__ import annotations

import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from paraat.core import jobs
from paraat.core.constants import JobKind, JobStatus
from paraat.core.management.progress import ProgressBar
from paraat.core.models import Job
from paraat.testing.jobs import run_queued_jobs
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _job(cast: Cast, **fields: object) -> Job:
    return Job.objects.create(
        kind=JobKind.OPTIMISATION, region=cast.region, started_by=cast.rianne, **fields
    )


def test_it_shows_progress_and_refreshes_while_running(cast: Cast) -> None:
    job = _job(cast, status=JobStatus.RUNNING, done=3, total=6, message="Searching the best sites")
    page = _client(cast.rianne).get(reverse("job", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'aria-live="polite"' in page
    assert "3" in page and "6" in page and "50%" in page
    assert "Searching the best sites" in page
    assert 'value="50"' in page


def test_it_shows_the_result_and_stops_refreshing_when_done(cast: Cast) -> None:
    job = _job(cast, status=JobStatus.DONE, done=6, total=6, result_url="/planning/optimise/7/")
    page = _client(cast.rianne).get(reverse("job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert 'href="/planning/optimise/7/"' in page


def test_it_shows_the_error_of_a_failed_job(cast: Cast) -> None:
    job = _job(cast, status=JobStatus.FAILED, error="There are no candidate sites to choose from.")
    page = _client(cast.rianne).get(reverse("job", args=[job.pk])).content.decode()
    assert "There are no candidate sites to choose from." in page
    assert 'role="alert"' in page and 'http-equiv="refresh"' not in page


def test_it_hides_a_job_from_another_region_and_from_other_users(cast: Cast) -> None:
    job = _job(cast, status=JobStatus.DONE, result_file="nothing.zip")
    assert _client(cast.xander).get(reverse("job", args=[job.pk])).status_code == 404
    assert _client(cast.xander).get(reverse("job-download", args=[job.pk])).status_code == 404
    assert _client(cast.olaf).get(reverse("job", args=[job.pk])).status_code == 404
    assert Client().get(reverse("job", args=[job.pk])).status_code in (302, 403)


def test_it_exports_the_public_site_as_a_download(cast: Cast, settings, tmp_path) -> None:
    settings.DATA_DIR = tmp_path
    client = _client(cast.rianne)
    assert "editor/export/" in client.get(reverse("publicinfo:editor-advice")).content.decode()
    response = client.post(reverse("publicinfo:editor-export"))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("job", args=[job.pk])
    assert job.status == JobStatus.QUEUED and job.kind == JobKind.PUBLIC_EXPORT
    assert run_queued_jobs() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.done == job.total > 10
    page = client.get(response["Location"]).content.decode()
    assert reverse("job-download", args=[job.pk]) in page
    download = client.get(reverse("job-download", args=[job.pk]))
    body = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    path = tmp_path / "download.zip"
    path.write_bytes(body)
    with zipfile.ZipFile(path) as archive:
        assert "index.html" in archive.namelist()


def test_it_refuses_the_export_to_others_than_coordinators(cast: Cast) -> None:
    assert _client(cast.olaf).post(reverse("publicinfo:editor-export")).status_code == 403
    assert not Job.objects.exists()
    # Xander exports his own region; nobody of Brabant-Noord sees that job.
    assert _client(cast.xander).post(reverse("publicinfo:editor-export")).status_code == 302
    job = Job.objects.get()
    assert job.region == cast.xander.region != cast.region
    assert _client(cast.rianne).get(reverse("job", args=[job.pk])).status_code == 404


def test_it_writes_progress_at_most_twice_a_second_but_always_the_last_step(cast: Cast) -> None:
    job = _job(cast)
    progress = jobs.Progress(job.pk)
    progress(1, 100, "a")
    progress(2, 100, "a")
    job.refresh_from_db()
    assert job.done == 1
    progress(100, 100, "a")
    job.refresh_from_db()
    assert (job.done, job.total) == (100, 100)


class _Stream:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str, ending: str = "\n") -> None:
        self.text += text + ending

    def flush(self) -> None:
        pass


def test_it_draws_a_progress_bar_only_when_enabled() -> None:
    shown, hidden = _Stream(), _Stream()
    ProgressBar(shown, enabled=True)(15, 30, "pages")
    ProgressBar(hidden, enabled=False)(15, 30, "pages")
    assert "[###############---------------] 15/30 pages" in shown.text
    assert hidden.text == ""
