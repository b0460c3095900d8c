"""Run in its own process by test_concurrency: N threads, each with its own database connection,
answer 'yes' to their ask at the same moment. Prints what each got, as JSON.

    DATABASE_URL=... python -m paraat.community.tests.accept_storm ASK_ID ASK_ID ...
"""

from __future__ import annotations

import json
import os
import sys
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paraat.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from paraat.community import callouts  # noqa: E402
from paraat.community.models import Ask  # noqa: E402


def main(ids: list[int]) -> None:
    barrier = threading.Barrier(len(ids))
    results: dict[int, str] = {}

    def accept(pk: int) -> None:
        ask = Ask.objects.get(pk=pk)
        barrier.wait()
        try:
            results[pk] = callouts.answer(ask=ask, accept=True)
        except Exception as exc:  # reported, so the test shows what went wrong
            results[pk] = f"error: {exc!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(pk,)) for pk in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"results": [results[pk] for pk in ids]}))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]])
