"""gunicorn settings for `bench_load.py --profile DIR`: every request of each worker runs under
cProfile (one profiler per request thread); each worker writes DIR/worker-PID.prof as it stops."""

from __future__ import annotations

import cProfile
import os
import pstats
import threading
from typing import Any

_profiles: list[cProfile.Profile] = []
_local = threading.local()
_lock = threading.Lock()


def _profiled(app: Any) -> Any:
    def application(environ: Any, start_response: Any) -> Any:
        profile = getattr(_local, "profile", None)
        if profile is None:
            profile = _local.profile = cProfile.Profile()
            with _lock:
                _profiles.append(profile)
        profile.enable()
        try:
            return app(environ, start_response)
        finally:
            profile.disable()

    return application


def post_worker_init(worker: Any) -> None:
    worker.wsgi = _profiled(worker.wsgi)


def worker_exit(server: Any, worker: Any) -> None:
    with _lock:
        profiles = list(_profiles)
    if not profiles:
        return
    stats = pstats.Stats(profiles[0])
    for profile in profiles[1:]:
        stats.add(profile)
    stats.dump_stats(
        os.path.join(os.environ["PARAAT_BENCH_PROFILE_DIR"], f"worker-{os.getpid()}.prof")
    )
