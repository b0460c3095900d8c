"""Run queued background jobs inside a test's transaction.

The real worker (`paraat worker`) takes an exclusive transaction per task, which SQLite cannot
open inside the transaction a test runs in; this runs the same task functions the same way, in
order, in this process. The end-to-end test (core/tests/test_worker_process.py) uses the worker.
"""

from __future__ import annotations


def run_queued_jobs() -> int:
    """Run every task that is waiting; the number run."""
    from django_tasks_db.models import DBTaskResult

    count = 0
    for result in DBTaskResult.objects.ready().order_by("enqueued_at"):
        result.claim("test")
        try:
            value = result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        except Exception as exc:  # noqa: BLE001 - the worker records it, so do we
            result.set_failed(exc)
        else:
            result.set_successful(value)
        count += 1
    return count
