"""The API reads a report with fields made once, exactly as its serializer would (issue 16)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.http import QueryDict
from rest_framework.exceptions import ValidationError

from paraat.operations.api import StatusReportInSerializer, report_input

GOOD = {"point": "OSS-01", "idempotency_key": "k-1", "state": "open"}
BODIES: list[Any] = [
    GOOD,
    {**GOOD, "services_available": ["drinking_water", "first_aid"], "needs": ["fuel"]},
    {**GOOD, "visitors": "12", "fuel_hours_left": "7.5", "comms_working": "true"},
    {**GOOD, "visitors": 12.0, "fuel_litres_left": 40, "comms_working": 0, "power_source": ""},
    {**GOOD, "reported_at": "2026-12-04T10:00:00+01:00", "channel": "web", "note": "ok"},
    {**GOOD, "reported_at": "2026-12-04T10:00:00", "visitors": None, "comms_working": None},
    {**GOOD, "point": 7, "idempotency_key": 12},  # numbers become text, as DRF's CharField does
    {**GOOD, "extra": "ignored"},
    {},
    {"point": "", "idempotency_key": "", "state": ""},
    {**GOOD, "state": "burning", "services_available": ["castle"], "needs": "fuel"},
    {**GOOD, "visitors": -1, "fuel_hours_left": 10_001, "fuel_litres_left": -3},
    {**GOOD, "visitors": 1.5, "fuel_hours_left": "nan", "comms_working": "perhaps"},
    {**GOOD, "visitors": True, "fuel_hours_left": [], "channel": "line"},
    {**GOOD, "idempotency_key": "x" * 81, "note": "y" * 2001},
    {**GOOD, "reported_at": "yesterday", "power_source": "nuclear"},
    {**GOOD, "point": None, "state": None, "services_available": None},
    {**GOOD, "point": {"code": "OSS-01"}, "idempotency_key": ["k"]},
    ["not", "a", "mapping"],
    "text",
    None,
    42,
]


def _serializer(data: Any) -> tuple[str, Any]:
    serializer = StatusReportInSerializer(data=data)
    if serializer.is_valid():
        return "valid", dict(serializer.validated_data)
    return "invalid", serializer.errors


def _shared(data: Any) -> tuple[str, Any]:
    try:
        return "valid", report_input(data)
    except ValidationError as exc:
        return "invalid", exc.detail


@pytest.mark.parametrize("body", BODIES, ids=lambda body: repr(body)[:60])
def test_it_reads_a_report_as_its_serializer_does(body: Any) -> None:
    assert _shared(body) == _serializer(body)


def test_it_reads_a_form_encoded_report_as_its_serializer_does() -> None:
    form = QueryDict(mutable=True)
    form.update({"point": "OSS-01", "idempotency_key": "k", "state": "full", "visitors": "3"})
    form.setlist("needs", ["fuel", "water"])
    assert _shared(form) == _serializer(form)


def test_it_reads_reports_in_many_threads_at_once_each_as_its_own() -> None:
    answers: dict[int, tuple[str, Any]] = {}
    start = threading.Barrier(8)

    def read(i: int) -> None:
        start.wait(timeout=10)
        for round_no in range(200):
            body = BODIES[(i + round_no) % len(BODIES)]
            if _shared(body) != _serializer(body):
                answers[i] = ("differs", body)
                return
        answers[i] = ("same", None)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == {i: ("same", None) for i in range(8)}
