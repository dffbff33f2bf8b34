"""A content release applied to many learners: the issue's target is 10,000 demo learners under 60 s on SQLite.

    .venv/bin/python bench/release.py                     # SQLite, 10,000 learners (about two minutes in all)
    .venv/bin/python bench/release.py --learners 1000     # a smoke test
    DATABASE_URL=postgres://... .venv/bin/python bench/release.py --database-ready   # a database you prepared

On a fresh SQLite file (`/tmp/careerpath-bench/release.sqlite3`) it migrates, loads the curated content and seeds
the demo learners, then prepares a release as an editor would (the live content exported and changed: the item
most learners hold split in two, two items merged into one, one item moved to another stage) and publishes it,
timed: the content import, the carry-over of every record and the notices, in one transaction. The floor, measured
in the same run, is one read of every learner's statuses by item slug, which publishing needs at least twice
(before and after); the report gives the time, its ratio to the floor, and checks the target. It also checks that
nothing was lost: every learner who held the split item holds both parts with the same status.
"""

import argparse
import copy
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_SECONDS = 60
DEFAULT_DB = "/tmp/careerpath-bench/release.sqlite3"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--database-ready", action="store_true", help="Use DATABASE_URL as it is (content, learners).")
    return parser.parse_args()


def prepare(learners: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("import_content", verbosity=0)
    call_command("seed_demo", learners=learners, verbosity=0)


def release_objects():
    """The live content with a split, a merge and a move, and the lineage saying so."""
    from django.db.models import Count

    from roadmap.models import Item, LineageKind, StageItem
    from roadmap.services import content_export

    objects = json.loads(content_export())
    held = list(Item.objects.published().annotate(n=Count("progress")).order_by("-n").values_list("slug", flat=True))
    split, merged = held[0], held[1:3]
    moving = next(p for p in StageItem.objects.select_related("stage__track", "item") if p.item.slug not in held[:3])
    other_stage = next(s for s in moving.stage.track.stages.all() if s.pk != moving.stage_id)

    def copy_of(slug, new_slug):
        for obj in [obj for obj in objects if obj["fields"].get("slug") == slug and obj["model"] == "roadmap.item"]:
            twin = copy.deepcopy(obj)
            twin["fields"].update(slug=new_slug, title=f"{twin['fields']['title']} ({new_slug})")
            objects.append(twin)
        for obj in [obj for obj in objects if obj["fields"].get("item") == [slug]]:
            twin = copy.deepcopy(obj)
            twin["fields"]["item"] = [new_slug]
            objects.append(twin)

    def drop(slug):
        gone = [obj for obj in objects if obj["model"] == "roadmap.item" and obj["fields"]["slug"] == slug]
        objects[:] = [obj for obj in objects if obj not in gone and obj["fields"].get("item") != [slug]]

    parts = [f"{split}-part-1", f"{split}-part-2"]
    for part in parts:
        copy_of(split, part)
    copy_of(merged[0], "merged-item")
    for slug in (split, *merged):
        drop(slug)
    for obj in objects:
        if obj["model"] == "roadmap.stageitem" and obj["fields"]["item"] == [moving.item.slug]:
            obj["fields"]["stage"] = [moving.stage.track.slug, other_stage.slug]
    lineage = [(split, LineageKind.SPLIT, parts)] + [(slug, LineageKind.MERGED, ["merged-item"]) for slug in merged]
    return objects, lineage, split, parts, moving.item.slug


def main():
    args = arguments()
    if not args.database_ready:
        Path(DEFAULT_DB).parent.mkdir(parents=True, exist_ok=True)
        for end in ("", "-wal", "-shm"):
            Path(DEFAULT_DB + end).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DEFAULT_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpath.settings.bench")
    import django

    django.setup()
    from django.db import connection

    from progress.models import Progress, ReleaseNotice
    from progress.releases import learner_statuses
    from roadmap.models import ItemLineage
    from roadmap.services import release_draft_save, release_publish

    started = time.perf_counter()
    if not args.database_ready:
        prepare(args.learners)
    print(f"{connection.vendor}: prepared in {time.perf_counter() - started:.1f} s")
    objects, lineage, split, parts, moved = release_objects()
    release = release_draft_save(name="bench", data=json.dumps(objects))
    for from_slug, kind, to_slugs in lineage:
        ItemLineage.objects.create(release=release, from_slug=from_slug, kind=kind, to_slugs=to_slugs)
    before = dict(Progress.objects.filter(item__slug=split).values_list("learner_id", "status"))

    floors = []
    for _ in range(3):
        start = time.perf_counter()
        learner_statuses({})
        floors.append(time.perf_counter() - start)
    floor = sorted(floors)[1]
    start = time.perf_counter()
    release_publish(release=release)
    seconds = time.perf_counter() - start

    learners = Progress.objects.values("learner_id").distinct().count()
    rows = Progress.objects.count()
    for part in parts:
        after = dict(Progress.objects.filter(item__slug=part).values_list("learner_id", "status"))
        lost = {learner for learner, status in before.items() if after.get(learner) != status}
        if lost:
            print(f"LOST: {len(lost)} learners' records on {split} did not reach {part}")
            return 1
    print(
        f"{learners:,} learners with records, {rows:,} rows after; split {split} ({len(before):,} learners held it), "
        f"merged {lineage[1][0]} and {lineage[2][0]}, moved {moved}; {ReleaseNotice.objects.count():,} notices"
    )
    print(f"floor (one read of every learner's statuses): {floor:.2f} s")
    verdict = "met" if seconds < TARGET_SECONDS else "MISSED"
    print(f"publish: {seconds:.1f} s = {seconds / floor:.1f}x the floor; target under {TARGET_SECONDS} s: {verdict}")
    return 0 if seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
