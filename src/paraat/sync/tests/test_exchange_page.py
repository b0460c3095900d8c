"""The exchange button on /sync/: the coordinator starts `paraat sync` as a background job."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from paraat.core.constants import JobKind, JobStatus
from paraat.core.models import Job
from paraat.sync.models import Peer
from paraat.testing.jobs import run_queued_jobs
from paraat.testing.personas import Cast
from paraat.testing.processes import free_port

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_it_asks_for_the_instances_token_before_it_offers_the_exchange(cast: Cast) -> None:
    client = _client(cast.rianne)
    page = client.get("/sync/").content.decode()
    assert "PARAAT_SYNC_TOKEN" in page and 'name="url"' not in page
    assert client.post("/sync/", {"url": "https://paraat.example.nl"}).status_code == 403
    assert not Job.objects.exists()


@override_settings(PARAAT_SYNC_TOKEN="a-token-of-the-region")
def test_it_runs_the_exchange_in_the_worker_and_says_why_it_failed(cast: Cast) -> None:
    Peer.objects.create(
        node="9f8e7d6c5b4a", name="Regio", url="http://127.0.0.1:1", coordination_point="CP-OSS"
    )
    client = _client(cast.rianne)
    page = client.get("/sync/").content.decode()
    assert 'value="http://127.0.0.1:1"' in page and 'value="CP-OSS"' in page  # the last peer
    address = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    response = client.post("/sync/", {"url": address, "coordination_point": "cp-oss"})
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    job = Job.objects.get()
    assert job.kind == JobKind.SYNC and job.region == cast.region
    assert job.arguments == {"url": address, "coordination_point": "CP-OSS"}
    assert "a-token" not in str(job.arguments)  # the token is never stored with the job
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "cannot reach the server" in job.error
    assert "cannot reach the server" in client.get(response["Location"]).content.decode()


@override_settings(PARAAT_SYNC_TOKEN="a-token-of-the-region")
def test_it_refuses_a_bad_address_and_people_who_do_not_run_the_instance(cast: Cast) -> None:
    response = _client(cast.rianne).post("/sync/", {"url": "geen adres"})
    assert response.status_code == 400 and not Job.objects.exists()
    for persona in (cast.cas, cast.olaf, cast.kees, cast.pim):
        assert _client(persona).post("/sync/", {"url": "https://x.nl"}).status_code == 403
    assert not Job.objects.exists()
