"""Two code trees measured in process on one fresh database, taking turns: is a change faster or slower?

    .venv/bin/python bench/pair.py --before /tmp/tree-before --after . [--database postgres] [--pairs 3]

`make bench` measures one commit against a floor; a change's own cost hides in the machine's drift between two such
runs. Here both trees run the in-process script of `report.py` (the tick, the computed and cached dashboard, the
computed track page; the test client with every middleware) alternately on the same database, so a slow moment of
the machine hits both alike. A tree is a checkout (`git worktree add /tmp/tree-before <commit>`); it needs no
virtualenv of its own (this one's Python runs both). The database is set up by the `--after` tree (its migrations,
the curated content, 100 demo learners); a tree whose models differ from the other's cannot be paired this way.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from processes import BIN, WORK, fresh_database
from report import INPROCESS_SCRIPT

KEYS = ("tick_ms", "dashboard_computed_ms", "track_computed_ms", "dashboard_cached_ms", "dashboard_cached_kb")


def manage(tree: Path, *args, env) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args], cwd=tree, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"failed in {tree}: manage.py {' '.join(args)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--name", default="careerpath_pair", help="the database's name (one per measurement at once)")
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    WORK.mkdir(parents=True, exist_ok=True)
    url = fresh_database(args.database, args.name)
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "careerpath.settings.bench", "DATABASE_URL": url}
    for name in ("BENCH_NO_CACHE", "REDIS_URL"):
        env.pop(name, None)
    for step in (("migrate", "--noinput"), ("import_content",), ("seed_demo", "--learners", "100", "--seed", "1")):
        manage(trees["after"], *step, env=env)
    runs = {name: [] for name in trees}
    for index in range(args.pairs):
        for name in trees if index % 2 == 0 else reversed(trees):
            static = env | {"BENCH_STATIC_ROOT": str(WORK / f"static-{args.name}-{name}")}
            if index == 0:
                manage(trees[name], "collectstatic", "--noinput", env=static)
            numbers = json.loads(manage(trees[name], "shell", "-c", INPROCESS_SCRIPT, env=static).splitlines()[-1])
            runs[name].append(numbers)
            print(f"pair {index + 1} {name:6} " + "  ".join(f"{key} {numbers[key]:.2f}" for key in KEYS), flush=True)
    print(f"\n{args.database}, median of {args.pairs} runs each (before -> after):")
    for key in KEYS:
        before, after = (statistics.median(run[key] for run in runs[name]) for name in ("before", "after"))
        print(f"  {key:24} {before:7.2f} -> {after:7.2f}  ({after / before:.2f}x)")


if __name__ == "__main__":
    main()
