"""A large area file is imported by the background worker, with its result on the job page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from paraat.areas.models import Area
from paraat.core import jobs
from paraat.core.constants import JobKind, JobStatus
from paraat.core.models import Job
from paraat.testing import geometry
from paraat.testing.jobs import run_queued_jobs
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _upload(rows: list[str]) -> SimpleUploadedFile:
    square = geometry.square_wgs84(164_000, 419_000, 1000).wkt
    body = "wk_code;inwoners;wkt\n" + "".join(f'{row};"{square}"\n' for row in rows)
    return SimpleUploadedFile("wijken.csv", body.encode())


@override_settings(PARAAT_IMPORT_BACKGROUND_MB=0)
def test_it_imports_a_large_file_in_the_background_and_reports_on_the_job_page(
    cast: Cast,
) -> None:
    client = _client(cast.rianne)
    response = client.post(reverse("areas:import"), {"file": _upload(["WK082801;1.500"])})
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    assert not Area.objects.exists()  # the request only queued it
    job = Job.objects.get()
    assert job.kind == JobKind.AREA_IMPORT and job.region == cast.region
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert Area.objects.get().population == 1500
    page = client.get(response["Location"]).content.decode()
    assert "wijken.csv" in page and reverse("areas:region") in page
    report = jobs.download_path(job)
    assert report is not None and "wijken.csv" in report.read_text(encoding="utf-8")
    assert not (jobs.jobs_folder() / "uploads" / job.arguments["folder"]).exists()


@override_settings(PARAAT_IMPORT_BACKGROUND_MB=0)
def test_it_names_the_file_row_and_field_when_the_worker_refuses_a_file(cast: Cast) -> None:
    client = _client(cast.rianne)
    rows = ["WK082801;1.500", *(f"WK0828{n:02d};veel" for n in range(2, 40))]
    response = client.post(reverse("areas:import"), {"file": _upload(rows)})
    run_queued_jobs()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert not Area.objects.exists()  # all or nothing: the good first row is not stored
    assert "wijken.csv, rij 3, veld 'inwoners'" in job.error
    page = client.get(response["Location"]).content.decode()
    assert "rij 3" in page and "18" in page  # 20 problems named, the other 18 in the report


@override_settings(PARAAT_IMPORT_BACKGROUND_MB=0)
def test_it_shows_the_import_job_only_to_the_coordinator_who_started_it(cast: Cast) -> None:
    response = _client(cast.rianne).post(
        reverse("areas:import"), {"file": _upload(["WK082801;1.500"])}
    )
    for persona in (cast.olaf, cast.xander):
        assert _client(persona).get(response["Location"]).status_code == 404
