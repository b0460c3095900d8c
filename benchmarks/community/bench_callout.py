"""Benchmark of a call-out's first ring over 100,000 volunteers (issue 13).

    .venv/bin/python benchmarks/community/bench_callout.py [--volunteers 100000] [--repeat 5]

Builds a fresh SQLite database in a temporary directory with N synthetic volunteers spread over
Brabant-Noord (40 × 40 km, a third first-aiders, most with a valid certificate, random weekly
patterns), then measures in the same run:
- Paraat's selection (`callouts._eligible`): the database narrows to volunteers with the skill
  and a valid certificate inside the ring's bounding box, availability is checked on those, and
  `ring.first_ring` orders them nearest first; target: under 200 ms (PASS/FAIL, exit code 1);
- the straightforward Python baseline: every volunteer with her skills, certificates and
  availability already in memory, a loop that checks each one and sorts by distance
  (`ring.first_ring_baseline`), i.e. no database time at all;
- that both choose the same volunteers in the same order, and the ratio baseline / Paraat.
Timing belongs here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
TARGET_MS = 200.0
CENTRE = (164_000.0, 419_000.0)  # Oss, RD New


def setup_django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["PARAAT_DATA_DIR"] = str(folder)
    os.environ.setdefault("PARAAT_ENV", "development")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paraat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(count: int, seed: int) -> tuple[object, list[tuple]]:
    """N volunteers (bulk inserts, no audit: this is synthetic data), and the same as plain rows."""
    from django.utils import timezone

    from paraat.community import availability
    from paraat.community.models import Certificate, Volunteer, VolunteerSkill
    from paraat.geo import crs
    from paraat.testing import factories
    from paraat.testing.geometry import OSS_RD

    rnd = random.Random(seed)
    municipality = factories.MunicipalityFactory(code="GM0828", name="Oss", centre_rd=OSS_RD)
    region = municipality.region
    today = timezone.localdate()
    now = timezone.now()
    slots = list(availability.ALL_SLOTS)
    rows, volunteers = [], []
    for i in range(count):
        x = CENTRE[0] + rnd.uniform(-20_000, 20_000)
        y = CENTRE[1] + rnd.uniform(-20_000, 20_000)
        pattern = [s for s in slots if rnd.random() < 0.6]
        first_aid = rnd.random() < 0.33
        valid = rnd.random() < 0.85
        rows.append((i, x, y, first_aid, valid, pattern))
        volunteers.append(
            Volunteer(region=region, municipality=municipality, name=f"V{i}", phone="06",
                      postcode="5341", lon=0.0, lat=0.0, x_rd=x, y_rd=y, origin="import",
                      availability=pattern, last_active_at=now)
        )  # fmt: skip
    Volunteer.objects.bulk_create(volunteers, batch_size=2_000)
    ids = list(Volunteer.objects.order_by("pk").values_list("pk", flat=True))
    skills, certificates = [], []
    for pk, (_, _, _, first_aid, valid, _) in zip(ids, rows, strict=True):
        skills.append(
            VolunteerSkill(volunteer_id=pk, skill="first_aid" if first_aid else "driving")
        )
        if first_aid:
            expires = today + dt.timedelta(days=300 if valid else -5)
            certificates.append(
                Certificate(volunteer_id=pk, skill="first_aid", issuer="x", expires_on=expires)
            )
    VolunteerSkill.objects.bulk_create(skills, batch_size=5_000)
    Certificate.objects.bulk_create(certificates, batch_size=5_000)
    lon, lat = crs.to_wgs84([CENTRE[0]], [CENTRE[1]])
    rows = [(pk, *rest) for pk, (_, *rest) in zip(ids, rows, strict=True)]
    return (region, municipality, float(lon[0]), float(lat[0])), rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--radius", type=float, default=2_000)
    parser.add_argument("--needed", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder))
        from django.utils import timezone

        from paraat.community import availability, callouts, ring
        from paraat.community.models import Callout
        from paraat.operations.models import Incident
        from paraat.supportpoints.models import SupportPoint

        start = time.perf_counter()
        (region, municipality, lon, lat), rows = populate(args.volunteers, seed=13)
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, SQLite")
        print(f"{args.volunteers:,} volunteers stored in {time.perf_counter() - start:.1f} s")
        point = SupportPoint.objects.create(region=region, municipality=municipality, code="CP-OSS", name="Oss", lon=lon, lat=lat)  # fmt: skip
        incident = Incident.objects.create(region=region, title="bench", kind="power_outage", is_exercise=True, started_at=timezone.now())  # fmt: skip
        callout = Callout.objects.create(incident=incident, point=point, skill="first_aid", needed=args.needed, radius_m=int(args.radius), max_radius_m=int(args.radius), step_m=1)  # fmt: skip
        now = timezone.now()
        local = timezone.localtime(now)

        def paraat() -> list[tuple[int, float]]:
            return callouts._eligible(callout, now, args.radius)

        def baseline() -> list[tuple[int, float]]:
            xs = [r[1] for r in rows]
            ys = [r[2] for r in rows]
            eligible = [r[3] and r[4] and availability.is_available(r[5], [], local) for r in rows]
            found = ring.first_ring_baseline(xs, ys, eligible, CENTRE, args.radius, 3 * args.needed)
            return [(rows[i][0], d) for i, d in found]

        paraat()  # warm-up
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            chosen = paraat()
            times.append((time.perf_counter() - t) * 1000)
        paraat_ms = statistics.median(times)
        t = time.perf_counter()
        expected = baseline()
        baseline_ms = (time.perf_counter() - t) * 1000
        same = [pk for pk, _ in chosen] == [pk for pk, _ in expected]
        print(f"first ring: {len(chosen)} of {args.volunteers:,} chosen within {args.radius:.0f} m")
        print(f"paraat (database + numpy):     {paraat_ms:8.1f} ms (median of {args.repeat})")
        print(f"plain Python, data in memory:  {baseline_ms:8.1f} ms")
        print(
            f"ratio baseline / paraat: {baseline_ms / paraat_ms:.1f}x; same volunteers, same order: {same}"
        )
        verdict = "PASS" if paraat_ms < TARGET_MS and same else "FAIL"
        print(f"{verdict}: first ring in {paraat_ms:.1f} ms (target < {TARGET_MS:.0f} ms)")
        return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
