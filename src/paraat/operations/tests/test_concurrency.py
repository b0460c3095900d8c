"""Simultaneous reports of one point: the picture shows the newest, on SQLite and PostgreSQL.

Each thread has its own database connection (Django opens one per thread), so the reports really
race in the database; ``transaction=True`` lets every thread see what the others committed. On
PostgreSQL the old code read the latest report through a join in the locking query, which went
stale in about one round in five.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from paraat.operations import picture, services, state
from paraat.operations.constants import Channel, PointState
from paraat.operations.models import Activation
from paraat.operations.tests.factories import make_scene
from paraat.testing.personas import Cast

ROUNDS = 12
REPORTERS = 8
STATES = [PointState.OPEN, PointState.LIMITED, PointState.FULL, PointState.CLOSED]


def _race(scene: Any, round_no: int, base: dt.datetime) -> tuple[str, list[BaseException]]:
    """Eight reports of one point at once; returns the state of the newest and any errors."""
    barrier = threading.Barrier(REPORTERS)
    problems: list[BaseException] = []
    moments = [base + dt.timedelta(minutes=round_no, seconds=i) for i in range(REPORTERS)]
    chosen = [STATES[(round_no + i) % len(STATES)] for i in range(REPORTERS)]
    order = list(range(REPORTERS))
    random.Random(round_no).shuffle(order)  # the newest report is not always the last thread

    def send(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            services.record_status(
                incident=scene.incident, point=scene.a, idempotency_key=f"r{round_no}-{i}",
                state=chosen[i], channel=Channel.API, reported_at=moments[i],
            )  # fmt: skip
        except BaseException as error:  # reported to the test below
            problems.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in order]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return chosen[-1], problems


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_newest_report_as_the_latest_under_concurrency(cast: Cast) -> None:
    scene = make_scene(cast, exercise=False)
    base = timezone.now() - dt.timedelta(hours=1)
    wrong = []
    for round_no in range(ROUNDS):
        newest, problems = _race(scene, round_no, base)
        assert problems == []
        activation = Activation.objects.select_related("latest_report").get(
            incident=scene.incident, point=scene.a
        )
        shown = {row.point.code: row.state for row in picture.build(scene.incident).rows}
        real = state.real_states(cast.region)[scene.a.pk].state
        if (activation.latest_report.state, shown["OSS-01"], real) != (newest,) * 3:
            wrong.append((round_no, newest, shown["OSS-01"], real))
    assert wrong == [], f"{connection.vendor}: {len(wrong)} of {ROUNDS} rounds went stale"
