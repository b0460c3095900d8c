"""The public site in a spike, through the documented production setup (issue 16).

    .venv/bin/python benchmarks/publicinfo/bench_spike.py [--pages 20000] [--seconds 20]
        [--connections 64] [--mirror-on-disk]

Needs nginx and wrk from Debian's packages (`apt-get install nginx-light wrk`).

In a fresh SQLite database: the Brabant-Noord demo region, PC6 areas added (invented, inside the
demo's PC4 areas, imported with `paraat import-areas` like a real PC6 file) until there are
``--pages`` distinct postcode pages, and a real incident in progress: every demo point activated
and each has reported its state once. Then
`paraat serve` (gunicorn, 2 workers × 8 threads) runs behind nginx with deploy/nginx-paraat.conf
(paraat.testing.nginx: the repository's file with this machine's ports and folders), over TLS,
with the public mirror on (PARAAT_PUBLIC_MIRROR_DIR: serve keeps the static export current and
nginx serves it; in memory, /dev/shm, as docs/deployment.md advises for a large region, or on
the disk with --mirror-on-disk), and wrk measures in the same run:

1. the baseline: the same nginx serving one rendered postcode page as a file from disk;
2. the app: the ``--pages`` distinct postcode pages through nginx, while the crisis staff keep
   working (a status report of a random point every 0.2 s with its figures, over the API through
   nginx; as in a crisis, most reports repeat the point's state and one in ten changes it);
3. freshness: during (2), one point's state changes; the postcode page that lists it is read
   through nginx every 0.1 s until it shows the new state or no longer lists the point (a
   point that closes makes way for open ones), and every page that may show the point (both
   languages' pages of the areas whose data lists it among their nearest points, read from the
   mirror's folder that nginx serves) until each shows the new state or does not show the point.

PASS needs the app at ≥ 0.5× the static file's requests per second, no errors, and the probe
point's new state on every page that listed it within 5 s. The load average is printed before
and after (the machine may be shared). The client shares the 2 cores with nginx and Paraat: figures are lower
bounds, and the ratio is what counts.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from paraat.testing.nginx import HOST, nginx_conf  # noqa: E402
from paraat.testing.processes import free_port  # noqa: E402

RATIO = 0.5
FOLLOWER = b""  # the mirror folder of this run, to tell its follower from another benchmark's
FRESH_SECONDS = 5.0
CHANGE_EVERY = 10  # one staff report in ten changes its point's state; the others repeat it

SEED = r"""
import json, random, sys
import django
django.setup()
import shapely
from shapely.geometry import box, shape
from paraat.accounts.constants import Role
from paraat.accounts.services import create_user
from paraat.accounts.tokens import create_api_token
from paraat.areas.constants import AreaKind
from paraat.areas.models import Area, Region
from paraat.operations import services
from paraat.operations.constants import Channel, IncidentKind

pages, out, csv = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(16)
region = Region.objects.get()
pc4 = list(Area.objects.in_region(region).of_kind(AreaKind.PC4).select_related("municipality"))
letters = [a + b for a in "ABCDEFGHJKLMNPRSTVWXZ" for b in "ABCDEFGHJKLMNPRSTVWXZ"]
rows, wanted = [], max(0, pages - len(pc4))
for n in range(wanted):
    area = pc4[n % len(pc4)]
    outline = shape(area.geometry)
    x0, y0, x1, y1 = outline.bounds
    while True:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if outline.contains(shapely.Point(x, y)):
            break
    code = f"{area.code}{letters[n // len(pc4)]}"
    square = box(x - 3e-4, y - 2e-4, x + 3e-4, y + 2e-4).wkt
    rows.append(f'{code};{area.municipality.code};{rng.randint(5, 60)};"{square}"')
with open(csv, "w", encoding="utf-8") as handle:
    handle.write("postcode;gm_code;inwoners;wkt\n" + "\n".join(rows) + "\n")
operator = create_user(
    username="spike-operator", password="spike-operator-pw-1", role=Role.CRISIS_OPERATOR,
    region=region,
)
incident = services.create_incident(
    region=region, title="Stroomuitval (benchmark)", kind=IncidentKind.POWER_OUTAGE,
    is_exercise=False, municipalities=list(region.municipalities.all()), user=operator,
)
services.activate(incident=incident, user=operator)
# An incident in progress: every point has reported its state once (the probe's, the first, open).
states = {}
for activation in incident.activations.select_related("point").order_by("pk"):
    code = activation.point.code
    states[code] = "open" if not states else rng.choice(["open", "limited", "full"])
    services.record_status(
        incident=incident, point=activation.point, idempotency_key=f"seed-{code}",
        state=states[code], channel=Channel.WEB, visitors=rng.randint(0, 400), reporter=operator,
    )
codes = list(states)
token = create_api_token(user=operator, days=1)[1]
json.dump({"incident": incident.pk, "points": codes, "token": token, "states": states,
           "pc4": [a.code for a in pc4]}, open(out, "w"))
"""

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local threads, n = 0, 0
function setup(thread) thread:set("offset", threads * 7919); threads = threads + 1 end
function init(args) n = offset end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1], {["Host"] = "%(host)s"})
end
"""


def _env(tmp: Path, upstream: int) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("PARAAT_") and k != "DATABASE_URL"
    }
    env.update(
        PARAAT_DATA_DIR=str(tmp / "data"),
        PARAAT_ENV="development",
        PARAAT_DEBUG="false",
        PARAAT_LOG_LEVEL="WARNING",
        PARAAT_ALLOWED_HOSTS=f"{HOST},127.0.0.1,localhost",
        PARAAT_WEB_BIND=f"127.0.0.1:{upstream}",
        PARAAT_WEB_WORKERS="2",
        PARAAT_WEB_THREADS="8",
        PARAAT_PUBLIC_MIRROR_DIR=str(tmp / "mirror" / "public"),
        DATABASE_URL=f"sqlite:///{tmp / 'spike.sqlite3'}",
        DJANGO_SETTINGS_MODULE="paraat.settings",
        PYTHONPATH=str(ROOT / "src"),
    )
    return env


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "paraat", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def _wait(port: int, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    import socket

    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the process for port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port}")


def _wait_for_file(path: Path, process: subprocess.Popen[bytes], seconds: float = 900) -> None:
    deadline = time.time() + seconds
    while not path.is_file():
        if process.poll() is not None or time.time() > deadline:
            raise RuntimeError(f"{path} was not written")
        time.sleep(0.5)


class Tls:
    """HTTPS to the local nginx, named as the server (the certificate is not checked)."""

    def __init__(self, port: int) -> None:
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE
        self.port = port
        self.conn = self._connect()

    def _connect(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30, context=self.context)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:  # fmt: skip
        for attempt in (1, 2):
            try:
                self.conn.request(
                    method, path, body=body, headers={"Host": HOST, **(headers or {})}
                )
                response = self.conn.getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = self._connect()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def _wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script is not None:
        command += ["-s", str(script)]
    else:
        command += ["-H", f"Host: {HOST}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]

    def latency(label: str) -> float:
        found = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)\b", output)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)
    return {"rps": rps, "p50": latency("50"), "p99": latency("99"), "errors": failed}


def _staff(port: int, seed: dict, stop: threading.Event, counter: list[int]) -> None:
    """The crisis staff keep working: a status report of a random point every 0.2 s, with its
    figures (visitors). As in a crisis, most reports repeat the point's state (a state changes a
    few times per point in an incident); one in ``CHANGE_EVERY`` changes it."""
    client, rng = Tls(port), random.Random(5)
    states = ["open", "limited", "full"]
    current: dict[str, str] = dict(seed["states"])
    while not stop.wait(0.2):
        code = rng.choice(seed["points"][1:])  # the first point is the freshness probe's
        state = current.get(code)
        if state is None or rng.randrange(CHANGE_EVERY) == 0:
            state = rng.choice([s for s in states if s != state])
            counter[2] += 1
        current[code] = state
        body = json.dumps({"point": code, "state": state, "visitors": rng.randint(0, 400),
                           "idempotency_key": f"staff-{counter[0]}"}).encode()  # fmt: skip
        status, _ = client.request(
            "POST", f"/api/v1/incidents/{seed['incident']}/reports/", body,
            {"Authorization": f"Token {seed['token']}", "Content-Type": "application/json"},
        )  # fmt: skip
        counter[0] += 1
        if status not in (200, 201):
            counter[1] += 1


def _probe_page(port: int, seed: dict) -> tuple[str, str]:
    """A postcode whose page shows the probe point, and that point's code."""
    client = Tls(port)
    point = seed["points"][0]
    for code in seed["pc4"]:
        status, body = client.request("GET", f"/public/postcode/{code}/")
        if status == 200 and _state_shown(body.decode(), point) is not None:
            return code, point
    raise RuntimeError(f"no postcode page shows {point}")


def _state_shown(page: str, point: str) -> str | None:
    """The state a postcode page shows for ``point``, None when it does not show the point."""
    found = re.findall(rf'point--(\w+)" id="point-{re.escape(point)}"', page)
    return found[0] if found else None


def _follower_cpu() -> tuple[int, float]:
    """The public mirror's follower (`export-public DIR --follow`, started by `paraat serve`): its
    pid and CPU seconds so far (this benchmark's own follower: its data directory)."""
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            if b"export-public" in command and b"--follow" in command and FOLLOWER in command:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                return int(entry.name), (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            continue
    return 0, float("nan")


def _rounds(log: Path) -> tuple[int, int]:
    """How many follower rounds rewrote files so far, and how many files (each round says so in
    the server's log)."""
    found = re.findall(r"(\d+) files rewritten for", log.read_text(errors="replace"))
    return len(found), sum(map(int, found))


def _listing(mirror: Path, point: str) -> set[str]:
    """The postcode areas whose data in the mirror lists ``point`` among their nearest points
    (those whose page may show it)."""
    folder = mirror / "data" / "postcode"
    found = set()
    for f in folder.glob("*.json"):  # not the writer's temporary ``.NAME.json.new-PID`` files
        try:
            if f'"{point}"' in f.read_text(encoding="utf-8"):
                found.add(f.stem)
        except FileNotFoundError:  # replaced between the listing and the read
            continue
    return found


def _shows(mirror: Path, code: str, point: str, state: str) -> bool:
    """The area's pages (both languages) show ``point`` in ``state``, or do not show it (an
    area's data holds no state: it never changes with a report)."""
    for name in (f"postcode/{code}/index.html", f"en/postcode/{code}/index.html"):
        shown = _state_shown((mirror / name).read_text(encoding="utf-8"), point)
        if shown is not None and shown != state:
            return False
    return True


def _freshness(port: int, seed: dict, code: str, point: str, state: str,
               mirror: Path, pages: set[str]) -> tuple[float, float]:  # fmt: skip
    """Report ``state`` for the probe point; seconds until its postcode page shows it (through
    nginx), and until every page in ``pages`` (and every page listing the point when it was
    reported) shows it or no longer lists it (read from the mirror's folder that nginx serves)."""
    client = Tls(port)
    waiting = set(pages) | _listing(mirror, point)
    body = json.dumps({"point": point, "state": state,
                       "idempotency_key": f"probe-{state}-{time.time()}"}).encode()  # fmt: skip
    start = time.perf_counter()
    status, answer = client.request(
        "POST", f"/api/v1/incidents/{seed['incident']}/reports/", body,
        {"Authorization": f"Token {seed['token']}", "Content-Type": "application/json"},
    )  # fmt: skip
    if status not in (200, 201):
        raise RuntimeError(f"the probe's report was refused: {status} {answer[:200]!r}")
    first = everywhere = float("inf")
    while time.perf_counter() - start < 60:
        if first == float("inf"):
            _, page = client.request("GET", f"/public/postcode/{code}/")
            shown = _state_shown(page.decode(), point)
            # The new state shown, or the point no longer shown ("open first" put the open
            # points before it): either way the page is the new one.
            if shown is None or shown == state:
                first = time.perf_counter() - start
        waiting = {c for c in waiting if not _shows(mirror, c, point, state)}
        if not waiting and everywhere == float("inf"):
            everywhere = time.perf_counter() - start
        if first < float("inf") and everywhere < float("inf"):
            break
        time.sleep(0.1)
    return first, max(first, everywhere)


def run(tmp: Path, pages: int, seconds: int, connections: int) -> int:
    global FOLLOWER
    FOLLOWER = str(tmp / "mirror" / "public").encode()
    load_before = os.getloadavg()
    print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*load_before), flush=True)
    upstream, http_port, https_port = free_port(), free_port(), free_port()
    env = _env(tmp, upstream)
    print("Loading the demo region, adding PC6 areas, starting a real incident…", flush=True)
    _run(env, "demo", "--no-serve")
    seed_file, csv = tmp / "seed.json", tmp / "pc6.csv"
    subprocess.run([sys.executable, "-c", SEED, str(pages), str(seed_file), str(csv)], env=env,
                   check=True)  # fmt: skip
    _run(env, "import-areas", str(csv), "--kind", "pc6")
    seed = json.loads(seed_file.read_text())
    codes = seed["pc4"] + [line.split(";", 1)[0] for line in csv.read_text().splitlines()[1:]]
    print(f"{len(codes):,} distinct postcode pages, {len(seed['points'])} active points")

    conf = nginx_conf(tmp, http_port=http_port, https_port=https_port, upstream=upstream)
    static = tmp / "static"
    static.mkdir()
    site = (tmp / "site.conf").read_text(encoding="utf-8")
    site = site.replace(
        "    location /public/ {", f"    location = /bench-static.html {{ root {static}; }}\n\n"
        "    location /public/ {", 1,
    )  # fmt: skip
    (tmp / "site.conf").write_text(site, encoding="utf-8")
    (tmp / "cache").mkdir(exist_ok=True)
    log = (tmp / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "paraat", "serve"], env=env,
                              stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)  # fmt: skip
    proxy = None
    try:
        _wait(upstream, server)
        print("Waiting for the public mirror's first full export…", flush=True)
        _wait_for_file(tmp / "mirror" / "public" / "data" / "points.json", server)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        proxy = subprocess.Popen([nginx, "-c", str(conf)], start_new_session=True,
                                 stderr=subprocess.DEVNULL)  # fmt: skip
        _wait(https_port, proxy)
        client = Tls(https_port)
        status, page = client.request("GET", f"/public/postcode/{codes[0]}/")
        assert status == 200, status
        (static / "bench-static.html").write_bytes(page)
        paths = tmp / "paths.txt"
        order = codes[:]
        random.Random(6).shuffle(order)
        paths.write_text("".join(f"/public/postcode/{c}/\n" for c in order))
        script = tmp / "paths.lua"
        script.write_text(WRK_SCRIPT % {"paths": paths, "host": HOST})
        base = f"https://127.0.0.1:{https_port}"

        print("Warming: every postcode page once…", flush=True)
        _wrk(base, max(5, seconds // 2), connections, script)
        baseline = _wrk(f"{base}/bench-static.html", seconds, connections)
        code, point = _probe_page(https_port, seed)
        stop, counter = threading.Event(), [0, 0, 0]
        staff = threading.Thread(target=_staff, args=(https_port, seed, stop, counter))
        fresh: list[tuple[float, float]] = []
        mirror = tmp / "mirror" / "public"
        listed = _listing(mirror, point)
        print(f"the probe point {point} is on {len(listed):,} postcode areas' pages", flush=True)

        def probe() -> None:
            time.sleep(seconds / 3)
            fresh.append(_freshness(https_port, seed, code, point, "closed", mirror, listed))
            fresh.append(_freshness(https_port, seed, code, point, "open", mirror, listed))

        prober = threading.Thread(target=probe)
        rounds_before = _rounds(tmp / "serve.log")
        _pid, cpu_before = _follower_cpu()
        wall_before = time.perf_counter()
        staff.start()
        prober.start()
        app = _wrk(base, seconds, connections, script)
        prober.join()
        stop.set()
        staff.join()
        _pid, cpu_after = _follower_cpu()
        follower_wall = time.perf_counter() - wall_before
        rounds_after = _rounds(tmp / "serve.log")
        rounds = rounds_after[0] - rounds_before[0]
        written = rounds_after[1] - rounds_before[1]
    finally:
        if proxy is not None:
            os.killpg(proxy.pid, signal.SIGQUIT)
            proxy.wait(timeout=30)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    print(f"{'through nginx':34} {'req/s':>8} {'p50':>9} {'p99':>9} {'errors':>6}")
    for name, r in (("static file (baseline)", baseline), ("postcode pages (app)", app)):
        print(
            f"{name:34} {r['rps']:>8.0f} {r['p50']:>7.1f}ms {r['p99']:>7.1f}ms {r['errors']:>6.0f}"
        )
    ratio = app["rps"] / baseline["rps"]
    worst = max(every for _first, every in fresh) if fresh else float("inf")
    print(
        f"staff reports during the run: {counter[0]} ({counter[1]} refused), "
        f"{counter[2]} of them changed a point's state"
    )
    print("load average (1, 5, 15 min) before: {:.1f} {:.1f} {:.1f}".format(*load_before)
          + ", after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))  # fmt: skip
    print(
        "new state on the first page / on every page after: "
        + ", ".join(f"{first:.1f} s / {every:.1f} s" for first, every in fresh)
    )
    cpu = cpu_after - cpu_before
    print(
        f"follower: {cpu:.1f} s CPU in {follower_wall:.1f} s, {rounds} rounds that rewrote "
        f"{written:,} files, {cpu / max(rounds, 1):.2f} s CPU per round, "
        f"{1000 * cpu / max(written, 1):.2f} ms CPU per file"
    )
    problems = [
        line
        for line in (tmp / "serve.log").read_text(errors="replace").splitlines()
        if "export-public" in line or "Error" in line
    ]
    for line in problems[-10:]:
        print(f"  serve: {line}")
    verdicts = [
        (ratio >= RATIO, f"postcode pages at {ratio:.2f}× the static file (target ≥ {RATIO})"),
        (app["errors"] == 0 and counter[1] == 0, "no errors"),
        (worst < FRESH_SECONDS, f"new state on every page within {worst:.1f} s (target < 5 s)"),
    ]
    for ok, text in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}: {text}")
    return 0 if all(ok for ok, _ in verdicts) else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument(
        "--mirror-on-disk", action="store_true",
        help="keep the mirror beside the database instead of in memory (/dev/shm)",
    )  # fmt: skip
    args = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            print(f"{tool} is needed: apt-get install nginx-light wrk", file=sys.stderr)
            return 2
    tmp = Path(tempfile.mkdtemp(prefix="paraat-bench-spike-"))
    memory = None
    if not args.mirror_on_disk and Path("/dev/shm").is_dir():
        # The mirror in memory (docs/deployment.md): creating a file on a disk file system costs
        # more CPU than rendering the page. The database stays on the disk.
        memory = Path(tempfile.mkdtemp(prefix="paraat-bench-spike-mirror-", dir="/dev/shm"))
        (tmp / "mirror").symlink_to(memory)
    print(f"mirror: {'in memory, ' + str(memory) if memory else 'on the disk'}", flush=True)
    try:
        return run(tmp, args.pages, args.seconds, args.connections)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if memory is not None:
            shutil.rmtree(memory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
