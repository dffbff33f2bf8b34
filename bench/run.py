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
import json
import subprocess
from datetime import UTC, datetime

from load import bench_database
from processes import ROOT, WORK, Server, ensure_tools, start_redis, stop_redis
from report import inprocess_report, markdown_report, summarise


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
