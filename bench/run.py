"""Benchmark careerpath against a bare-Django floor measured in the same run; see bench/README.md.

    make bench                 # or: .venv/bin/python bench/run.py [--quick] [--databases sqlite postgres]

For each database: a fresh database, migrations, the curated content and 100 demo learners; gunicorn with 2 workers
on 127.0.0.1; then wrk (2 threads, 16 connections) on the floor view, the anonymous track page, a signed-in
dashboard and a status change (POST), interleaved over several runs, as served (cached) and with the cache off.
Then 99,900 more learners are seeded (bulk inserts, about two minutes) and the dashboard measured again. Prints a
table of medians with every figure as a ratio to the floor, checks the targets, and writes the raw numbers to
bench/results/.
"""

import argparse
import html
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
WORK = Path("/tmp/careerpath-bench")
HOST, PORT = "127.0.0.1", 8765
BASE_URL = f"http://{HOST}:{PORT}"
PG_ADMIN_URL = "postgres://careerpath:careerpath@127.0.0.1:5432/postgres"
PG_URL = "postgres://careerpath:careerpath@127.0.0.1:5432/careerpath_bench"
TRACK = "/tracks/machine-learning-engineer/"
# The performance issue's targets: share of the floor's throughput per page, and p95 of every page at 16 connections.
TARGETS = {
    "sqlite": {"track": 0.80, "dashboard": 0.45, "status": 0.25},
    "postgres": {"track": 0.70, "dashboard": 0.40, "status": 0.15},
    "postgres+redis": {"track": 0.70, "dashboard": 0.40, "status": 0.15},
}
P95_LIMIT_MS = {"sqlite": 30, "postgres": 40, "postgres+redis": 40}
SCALE_LIMIT = 1.1

SESSION_SCRIPT = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from progress.models import Progress
from roadmap.models import Item

def session_for(email):
    user = get_user_model().objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key

# The dashboard learner is the demo learner with the most progress: the heaviest page there is.
email = (Progress.objects.filter(learner__email__startswith="demo-1-").values("learner__email")
         .annotate(n=Count("id")).order_by("-n", "learner__email")[0]["learner__email"])
secret = _get_new_csrf_string()
item = Item.objects.published().filter(placements__stage__track__slug="machine-learning-engineer").first()
status = [session_for(f"demo-1-{n}@example.com") for n in range(1, 33)]
print(json.dumps({"dashboard": session_for(email), "status": status,
                  "csrf_cookie": secret, "csrf_token": _mask_cipher_secret(secret), "item": item.slug,
                  "item_id": item.pk, "item_title": item.title}))
"""


def run(*args, env, quiet=True):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"failed: {' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def manage(*args, env):
    return run(str(BIN / "python"), "manage.py", *args, env=env)


def ensure_tools():
    if not shutil.which("wrk"):
        print("installing wrk (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    if not (BIN / "gunicorn").exists():
        sys.exit("Run `make install` first (gunicorn is in requirements.txt).")


REDIS_PORT = 6390


def start_redis() -> str | None:
    """A throwaway Redis on 127.0.0.1 for the PostgreSQL + Redis block (installed with apt-get when missing)."""
    if not shutil.which("redis-server"):
        print("installing redis-server (apt-get install -y redis-server)")
        installed = subprocess.run(["apt-get", "install", "-y", "-qq", "redis-server"], capture_output=True)
        if installed.returncode:
            print("  redis-server could not be installed: the PostgreSQL + Redis block is skipped")
            return None
    subprocess.run(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            HOST,
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
        ],
        check=True,
        capture_output=True,
    )
    time.sleep(0.5)
    return f"redis://{HOST}:{REDIS_PORT}/0"


def stop_redis():
    subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True, check=False)


def fresh_database(kind) -> str:
    if kind == "sqlite":
        path = WORK / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS careerpath_bench WITH (FORCE)")
        connection.execute("CREATE DATABASE careerpath_bench")
    return PG_URL


class Server:
    # gunicorn: `workers` processes (by default 2, the machine's cores); threads > 1 runs each as gthread with that
    # many threads.
    workers = 2
    threads = 1

    def __init__(self, env, port=PORT):
        self.env = env
        self.port = port
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "careerpath.wsgi:application",
                "--workers",
                str(self.workers),
                *(["--worker-class", "gthread", "--threads", str(self.threads)] if self.threads > 1 else []),
                "--bind",
                f"{HOST}:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(300):  # up to 30 s: two workers importing Django on a loaded machine can take more than 10
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited with {self.process.returncode} before answering")
            try:
                # The floor view, not /healthz: with the cache off (a dummy cache) healthz rightly says 503.
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/bench/floor/", timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        sys.exit("gunicorn did not answer /bench/floor/ within 30 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


# What every current browser sends: pages are measured as browsers get them (cached pages go out compressed).
BROWSER_HEADERS = ["Accept-Encoding: gzip, deflate, br, zstd"]


def wrk(path, seconds, *, cookie="", cookies=(), method="GET", bodies=(), headers=()):
    env = os.environ | {
        "BENCH_METHOD": method,
        "BENCH_BODIES": "|".join(bodies),
        "BENCH_COOKIES": "|".join(cookies),
        "BENCH_HEADERS": "|".join([*BROWSER_HEADERS, *headers, *([f"Cookie: {cookie}"] if cookie else [])]),
    }
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(ROOT / "bench" / "report.lua"), BASE_URL + path],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def scenarios(logins):
    status_body = "status={}&track=machine-learning-engineer"
    csrf = f"csrftoken={logins['csrf_cookie']}"
    return {
        "floor": {"path": "/bench/floor/"},
        "track": {"path": TRACK},
        # A browser sends back both cookies it was given (without the CSRF cookie every response would make one).
        "dashboard": {"path": "/dashboard/", "cookie": f"sessionid={logins['dashboard']}; {csrf}"},
        "status": {
            "path": f"/items/{logins['item']}/status/",
            "method": "POST",
            "cookies": [f"sessionid={session}; {csrf}" for session in logins["status"]],
            "bodies": [status_body.format("done"), status_body.format("in_progress")],
            "headers": [
                "Content-Type: application/x-www-form-urlencoded",
                f"X-CSRFToken: {logins['csrf_token']}",
                "HX-Request: true",
            ],
        },
    }


def measure(names, logins, runs, seconds):
    """Interleave the scenarios run by run, so a slow moment of the machine hits all of them alike."""
    all_scenarios = scenarios(logins)
    results = {name: [] for name in names}
    for name in names:  # warm up: templates, connections, caches
        wrk(**all_scenarios[name], seconds=1)
    for _ in range(runs):
        for name in names:
            result = wrk(**all_scenarios[name], seconds=seconds)
            if result["errors"] or result["non2xx"]:
                print(f"  ! {name}: {result['errors']} socket errors, {result['non2xx']} error statuses")
            results[name].append(result)
    return results


SECOND_PORT = 8766
CONSISTENCY_PAIRS = 1000


def consistency(env, logins, pairs) -> dict:
    """Two app servers, one truth: two gunicorn instances over one database (and one Redis when set). Each pair
    ticks on the first server (done, then in progress, then done...) and at once reads, on the second, the
    dashboard, the signed-in track page or the API in turn; a read that does not show the tick is stale."""
    cookie = f"sessionid={logins['status'][0]}; csrftoken={logins['csrf_cookie']}"
    slug, item_id, title = logins["item"], logins["item_id"], html.escape(logins["item_title"])
    row = re.compile(rf'id="row-\d+-{item_id}" data-status="(\w+)"')

    def call(port, path, data=None):
        headers = {"Cookie": cookie}
        if data is not None:
            headers |= {"X-CSRFToken": logins["csrf_token"], "HX-Request": "true",
                        "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
        request = urllib.request.Request(f"http://{HOST}:{port}{path}", data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()

    def shown(page: str, body: str) -> str:
        if page == "api":  # my done items: the item is there after a "done" tick, gone after "in progress"
            return "done" if any(row["item"] == slug for row in json.loads(body)["items"]) else "in_progress"
        if page == "track":
            found = row.search(body)
            return found.group(1) if found else "missing"
        latest = body.split("Latest changes", 1)[1].split("</li>", 1)[0]
        return "done" if f"{title}: done" in latest else "in_progress" if f"{title}: in progress" in latest else "?"

    reads = {"dashboard": "/dashboard/", "track": TRACK, "api": "/api/v1/me/progress?status=done&limit=100"}
    stale = dict.fromkeys(reads, 0)
    env = env | {"API_READ_RATE": "100000/m"}  # the reads measure consistency, not the rate limit
    with Server(env), Server(env, port=SECOND_PORT):
        for path in reads.values():  # each server has rendered each page once before the first tick
            call(PORT, path)
            call(SECOND_PORT, path)
        for index in range(pairs):
            status = "done" if index % 2 == 0 else "in_progress"
            call(PORT, f"/items/{slug}/status/", f"status={status}&track=machine-learning-engineer".encode())
            page = list(reads)[index % len(reads)]
            if shown(page, call(SECOND_PORT, reads[page])) != status:
                stale[page] += 1
    return {"pairs": pairs, "stale": stale}


def median(results, key):
    return statistics.median(result[key] for result in results)


def bench_database(kind, runs, seconds, large, redis_url=None):
    print(f"\n== {kind}")
    url = fresh_database("postgres" if kind == "postgres+redis" else kind)
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "careerpath.settings.bench", "DATABASE_URL": url}
    env.pop("BENCH_NO_CACHE", None)
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    manage("migrate", "--noinput", env=env)
    manage("import_content", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("seed_demo", "--learners", "100", "--seed", "1", env=env)
    logins = json.loads(manage("shell", "-c", SESSION_SCRIPT, env=env).strip().splitlines()[-1])
    report = {"inprocess": json.loads(manage("shell", "-c", INPROCESS_SCRIPT, env=env).strip().splitlines()[-1])}
    with Server(env):
        report["cached"] = measure(["floor", "track", "dashboard", "status"], logins, runs, seconds)
    if redis_url:  # the cache-off and scale blocks do not depend on where the cache lives
        report["consistency"] = consistency(env, logins, CONSISTENCY_PAIRS)
        return report
    with Server(env | {"BENCH_NO_CACHE": "1"}):
        report["uncached"] = measure(["floor", "track", "dashboard"], logins, runs, seconds)
    print(f"  seeding {large - 100:,} more learners")
    manage("seed_demo", "--learners", str(large - 100), "--seed", "2", env=env)
    with Server(env):
        report["large_cached"] = measure(["floor", "dashboard"], logins, runs, seconds)
    with Server(env | {"BENCH_NO_CACHE": "1"}):
        report["large_uncached"] = measure(["floor", "dashboard"], logins, runs, seconds)
    return report


def summarise(kind, report, large):
    lines, misses = [], []
    header = f"{'page':<28}{'req/s':>9}{'x floor':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    workers = f"gunicorn -w {Server.workers}" + (f" --threads {Server.threads}" if Server.threads > 1 else "")
    lines.append(f"\n{kind}: medians of {len(report['cached']['floor'])} runs, wrk -t2 -c16, {workers}")
    lines.append(header)
    for label, key in [("100 learners, cached", "cached"), ("100 learners, cache off", "uncached"),
                       (f"{large:,} learners, cached", "large_cached"),
                       (f"{large:,} learners, cache off", "large_uncached")]:  # fmt: skip
        if key not in report:
            continue
        block = report[key]
        floor = median(block["floor"], "rps")
        for name, results in block.items():
            rps = median(results, "rps")
            ratio = rps / floor
            lines.append(
                f"{name + ' (' + label + ')':<28.28}{rps:>9.0f}{ratio:>9.2f}{median(results, 'p50'):>9.1f}"
                f"{median(results, 'p95'):>9.1f}{median(results, 'p99'):>9.1f}"
            )
            target = TARGETS[kind].get(name)
            if key == "cached" and target is not None and ratio < target:
                misses.append(f"{kind}: {name} at {ratio:.2f}x the floor, target {target:.2f}x")
            if key == "cached" and median(results, "p95") >= P95_LIMIT_MS[kind]:
                misses.append(f"{kind}: {name} p95 {median(results, 'p95'):.1f} ms, target < {P95_LIMIT_MS[kind]} ms")
    if "consistency" in report:
        result = report["consistency"]
        lines.append(f"two app servers: {result['pairs']:,} tick/read pairs, stale reads {result['stale']}")
        if any(result["stale"].values()):
            misses.append(f"{kind}: {sum(result['stale'].values())} stale reads on the second app server")
    for variant in ("cached", "uncached") if "uncached" in report else ():
        small, big = report[variant], report[f"large_{variant}"]
        p50s = median(big["dashboard"], "p50") / median(small["dashboard"], "p50")
        # Each block's dashboard against the floor measured in that block: the blocks run minutes apart, and a
        # machine that slows in between would otherwise read as the dashboard slowing with the learners.
        slower = (median(small["dashboard"], "rps") / median(small["floor"], "rps")) / (
            median(big["dashboard"], "rps") / median(big["floor"], "rps")
        )
        lines.append(
            f"dashboard at {large:,} / at 100 learners ({variant}): {slower:.2f}x the cost, each against its floor "
            f"(p50 over p50 {p50s:.2f}x)"
        )
        if slower > SCALE_LIMIT:
            misses.append(f"{kind}: dashboard ({variant}) {slower:.2f}x slower at {large:,} learners")
    return lines, misses


MARKDOWN_TARGET_MS = 50

# In process, through Django's test client (every middleware, no HTTP): what one request costs in CPU on this
# machine, without wrk competing for the cores. Targets from the performance issue.
INPROCESS_TARGETS = {"tick_ms": 3, "dashboard_computed_ms": 10, "dashboard_cached_kb": 30, "track_computed_ms": 15}
INPROCESS_SCRIPT = """
import gzip, json, statistics, time
from django.core.cache import caches
from django.db.models import Count
from django.test import Client
from accounts.models import User
from roadmap.models import Item

learner = User.objects.annotate(n=Count("progress")).order_by("-n").first()
client = Client()
client.force_login(learner)
client.get("/dashboard/")
csrf = client.cookies["csrftoken"].value
items = list(Item.objects.filter(status="published").order_by("id").values_list("slug", flat=True)[:10])

def timed(call, times):
    runs = []
    for index in range(times):
        start = time.perf_counter()
        response = call(index)
        runs.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(runs), response

def tick(index):
    status = "done" if (index // len(items)) % 2 == 0 else "in_progress"
    return client.post(f"/items/{items[index % len(items)]}/status/",
                       {"status": status, "track": "machine-learning-engineer"},
                       HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=csrf)

def computed(path):
    def call(_index):
        caches["pages"].clear()
        return client.get(path)
    return call

timed(tick, 40)
tick_ms, _response = timed(tick, 200)
dashboard_computed_ms, _response = timed(computed("/dashboard/"), 30)
dashboard_cached_ms, page = timed(lambda _index: client.get("/dashboard/"), 100)
track_computed_ms, _response = timed(computed("/tracks/machine-learning-engineer/"), 30)
print(json.dumps({"tick_ms": tick_ms, "dashboard_computed_ms": dashboard_computed_ms,
                  "dashboard_cached_ms": dashboard_cached_ms, "dashboard_cached_kb": len(page.content) / 1024,
                  "dashboard_cached_gzip_kb": len(gzip.compress(page.content)) / 1024,
                  "track_computed_ms": track_computed_ms}))
"""


def inprocess_report(kind, numbers) -> tuple[list[str], list[str]]:
    lines = [f"\n{kind}, in process (median; test client, every middleware, no HTTP):"]
    for name, value in numbers.items():
        target = INPROCESS_TARGETS.get(name)
        lines.append(f"  {name:<26} {value:8.1f}" + (f"   target <= {target}" if target is not None else ""))
    misses = [f"{kind}: {name} {numbers[name]:.1f}, target <= {target}"
              for name, target in INPROCESS_TARGETS.items() if numbers[name] > target]  # fmt: skip
    return lines, misses


def markdown_report() -> tuple[list[str], list[str], dict]:
    """In process: the worst note a learner can save (5,000 `[`, the old parser's 6.6 s case) and other
    pathological ones, best of five renders each. Notes render once, on save; pages never parse."""
    sys.path.insert(0, str(ROOT))
    from roadmap.markdown import markdown_to_safe_html

    cases = {
        "brackets": "[" * 5000,
        "closed": "[" * 4999 + "]",
        "images": "![" * 2500,
        "emphasis": "*a " * 1666,
        "links": "[a](" * 1250,
        "backticks": "`" * 5000,
        "quotes": "> " * 2500,
        "lists": "<ul><li>" * 625,
    }
    timings = {}
    for name, text in cases.items():
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            markdown_to_safe_html(text)
            runs.append((time.perf_counter() - start) * 1000)
        timings[name] = min(runs)
    lines = ["", "Markdown, a 5,000-character pathological note (best of 5):"]
    lines += [f"  {name:<10} {ms:6.1f} ms" for name, ms in timings.items()]
    misses = [f"markdown: {name} note in {ms:.0f} ms, target < {MARKDOWN_TARGET_MS} ms"
              for name, ms in timings.items() if ms >= MARKDOWN_TARGET_MS]  # fmt: skip
    return lines, misses, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--databases",
        nargs="+",
        choices=["sqlite", "postgres", "postgres+redis"],
        default=["sqlite", "postgres", "postgres+redis"],
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--large", type=int, default=100_000, help="learners for the scale check")
    parser.add_argument("--quick", action="store_true", help="1 run of 3 s, 1,000 learners: a smoke test")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (gthread if > 1)")
    args = parser.parse_args()
    Server.workers, Server.threads = args.workers, args.threads
    if args.quick:
        args.runs, args.seconds, args.large = 1, 3, 1000
    ensure_tools()
    WORK.mkdir(parents=True, exist_ok=True)
    if any(kind.startswith("postgres") for kind in args.databases):
        subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh")], check=True)
    reports, output, misses = {}, [], []
    for kind in args.databases:
        redis_url = None
        if kind == "postgres+redis":
            redis_url = start_redis()
            if redis_url is None:
                continue
        try:
            reports[kind] = bench_database(kind, args.runs, args.seconds, args.large, redis_url)
        finally:
            if redis_url:
                stop_redis()
        lines, missed = summarise(kind, reports[kind], args.large)
        output += lines
        misses += missed
        lines, missed = inprocess_report(kind, reports[kind]["inprocess"])
        output += lines
        misses += missed
    lines, missed, markdown_timings = markdown_report()
    output += lines
    misses += missed
    reports["markdown_ms"] = markdown_timings
    print("\n".join(output))
    print("\nTargets: " + ("all met." if not misses else "missed:\n  - " + "\n  - ".join(misses)))
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (results_dir / f"{stamp}.json").write_text(json.dumps({"args": vars(args), "reports": reports}, indent=1))
    (results_dir / f"{stamp}.txt").write_text("\n".join(output) + "\n")


if __name__ == "__main__":
    main()
