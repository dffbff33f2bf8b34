"""The targets, and the tables that hold a run against them (under load, in process, Markdown)."""

import statistics
import sys
import time

from processes import ROOT, Server

# The performance issue's targets: each page's share of the floor's throughput (wrk, 16 connections).
TARGETS = {
    "sqlite": {"track": 0.80, "dashboard": 0.45, "status": 0.25},
    "postgres": {"track": 0.70, "dashboard": 0.40, "status": 0.15},
    "postgres+redis": {"track": 0.70, "dashboard": 0.40, "status": 0.15},
}
# p95 of every page, as a multiple of the floor's p95 in the same block. The performance issue set 30 ms (SQLite) and
# 40 ms (PostgreSQL); in the runs that first met every target (2026-11-30, 03:37 and 04:06) the floor's p95 was
# 5.0-5.5 ms, so the limits are 6x and 8x. Under wrk's 16 connections a p95 is mostly time queued behind other
# requests, so it moves with the machine's speed as throughput does: the floor's own p95 was 5.1-9.6 ms across the
# runs of 2026-12-04 (bench/results/).
P95_LIMIT = {"sqlite": 6, "postgres": 8, "postgres+redis": 8}
SCALE_LIMIT = 1.1


def median(results, key):
    return statistics.median(result[key] for result in results)


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
        floor, floor_p95 = median(block["floor"], "rps"), median(block["floor"], "p95")
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
            p95 = median(results, "p95")
            if key == "cached" and p95 >= P95_LIMIT[kind] * floor_p95:
                misses.append(
                    f"{kind}: {name} p95 {p95:.1f} ms, {p95 / floor_p95:.1f}x the floor's {floor_p95:.1f} ms, "
                    f"target < {P95_LIMIT[kind]}x"
                )
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
# machine, without wrk competing for the cores. Times are held against a floor measured in the same run, as every
# other target here: the cached dashboard, a signed-in GET through every middleware with the session and user read
# and the page served from the cache (what any signed-in page costs before its own work). The performance issue set
# these targets as 3, 10 and 15 ms; in the runs that first met them all (2026-11-30) that floor was 1.0 ms on
# PostgreSQL (with Redis too) and 0.8-0.9 ms on SQLite, so the ratios are 3x, 10x and 15x (stricter on SQLite).
# Absolute milliseconds measured the machine's moment instead: the same commit's in-process numbers spread 1.5-2x
# within one day on this virtual machine (bench/README.md, 2026-12-04).
INPROCESS_FLOOR = "dashboard_cached_ms"
INPROCESS_TARGETS = {"tick_ms": 3, "dashboard_computed_ms": 10, "track_computed_ms": 15}  # times the floor
INPROCESS_SIZE_TARGETS = {"dashboard_cached_kb": 30}  # sizes stay absolute
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

# Sent as htmx sends a row's form (and as the load test does): urlencoded, not the test client's default multipart.
def tick(index):
    status = "done" if (index // len(items)) % 2 == 0 else "in_progress"
    return client.post(f"/items/{items[index % len(items)]}/status/",
                       f"status={status}&track=machine-learning-engineer",
                       content_type="application/x-www-form-urlencoded",
                       HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=csrf)

def computed(path):
    def call(_index):
        caches["pages"].clear()
        return client.get(path)
    return call

# The machine's floor for a write: one UPDATE of the learner's profile committed on its own (a round trip and, on
# PostgreSQL, the WAL flush every acknowledged write waits for), as the tick's one statement is committed.
def commits(times):
    from django.db import connection
    runs = []
    for _index in range(times):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("UPDATE accounts_profile SET record_version = record_version WHERE user_id = %s",
                           [learner.pk])
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)

timed(tick, 40)
tick_ms, _response = timed(tick, 200)
commit_ms = commits(200)
dashboard_computed_ms, _response = timed(computed("/dashboard/"), 30)
dashboard_cached_ms, page = timed(lambda _index: client.get("/dashboard/"), 100)
track_computed_ms, _response = timed(computed("/tracks/machine-learning-engineer/"), 30)
print(json.dumps({"tick_ms": tick_ms, "commit_ms": commit_ms, "dashboard_computed_ms": dashboard_computed_ms,
                  "dashboard_cached_ms": dashboard_cached_ms, "dashboard_cached_kb": len(page.content) / 1024,
                  "dashboard_cached_gzip_kb": len(gzip.compress(page.content)) / 1024,
                  "track_computed_ms": track_computed_ms}))
"""


def inprocess_report(kind, numbers) -> tuple[list[str], list[str]]:
    floor = numbers[INPROCESS_FLOOR]
    lines = [f"\n{kind}, in process (median; test client, every middleware, no HTTP; floor: {INPROCESS_FLOOR}):"]
    for name, value in numbers.items():
        if name in INPROCESS_TARGETS:
            ratio = value / floor
            lines.append(f"  {name:<26} {value:8.1f} {ratio:6.1f}x the floor   target <= {INPROCESS_TARGETS[name]}x")
        elif name in INPROCESS_SIZE_TARGETS:
            lines.append(f"  {name:<26} {value:8.1f}   target <= {INPROCESS_SIZE_TARGETS[name]}")
        else:
            lines.append(f"  {name:<26} {value:8.1f}" + ("   (the floor)" if name == INPROCESS_FLOOR else ""))
    misses = [f"{kind}: {name} {numbers[name]:.1f} ms, {numbers[name] / floor:.1f}x the floor, target <= {target}x"
              for name, target in INPROCESS_TARGETS.items() if numbers[name] > target * floor]  # fmt: skip
    misses += [f"{kind}: {name} {numbers[name]:.1f}, target <= {target}"
               for name, target in INPROCESS_SIZE_TARGETS.items() if numbers[name] > target]  # fmt: skip
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
