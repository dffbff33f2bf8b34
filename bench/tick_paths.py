"""The status change's ways of writing, timed against each other in one process (the numbers in progress/tick.py).

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=careerpath.settings.bench .venv/bin/python bench/tick_paths.py

Run it on a database `bench/pair.py` or `make bench` set up (content and demo learners). Three learners take turns,
one per way, each alternating done and in progress on ten items, so every call really writes and a slow moment of
the machine hits every way alike: `progress.tick`'s steps, its one statement (PostgreSQL only), and the same change
through the ORM's own queries (`select_for_update().first()`, `save(update_fields=...)`, `objects.create()`), which
is what the written-out statements replace.
"""

import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from progress import tick, tick_sql  # noqa: E402
from progress.cache import learner_changed  # noqa: E402
from progress.models import Progress, ProgressEvent  # noqa: E402
from roadmap.models import Item  # noqa: E402


def through_the_orm(*, user, item, status, skip_reason, origin):
    progress = Progress.objects.select_for_update().filter(learner=user, item=item).first()
    if progress is None:
        progress = Progress.objects.create(learner=user, item=item)
    if (progress.status, progress.skip_reason, progress.origin) == (status, skip_reason, origin):
        return progress
    now = timezone.now()
    previous = tick.moved(progress, status=status, skip_reason=skip_reason, origin=origin, now=now)
    progress.save(update_fields=tick_sql.CHANGED_FIELDS)
    ProgressEvent.objects.create(
        learner_id=progress.learner_id, item_id=progress.item_id, from_status=previous, to_status=status,
        skip_reason=skip_reason, kind=tick.event_kind(origin), created_at=now,
    )  # fmt: skip
    learner_changed(user.pk)
    return progress


def atomic(write):
    """The change in its transaction, then the learner's statuses the answer's bars are drawn from (the one
    statement brings them back with the change)."""

    def call(**change):
        with transaction.atomic():
            progress = write(**change)
        with connection.cursor() as cursor:
            cursor.execute(tick_sql.statuses(connection.alias), [change["user"].pk])
            cursor.fetchall()
        return progress

    return call


def main():
    ways = {"steps": atomic(tick.set_status_in_steps), "orm": atomic(through_the_orm)}
    if tick.one_statement_supported(connection.alias):
        ways["one statement"] = lambda **change: tick.set_status_in_one_statement(
            alias=connection.alias, **change, with_statuses=True
        )
    learners = list(User.objects.order_by("id")[: len(ways)])
    items = list(Item.objects.published().order_by("id")[:10])
    times = {name: [] for name in ways}
    for index in range(1200):
        status = "done" if (index // len(items)) % 2 == 0 else "in_progress"
        origin = "here" if status == "done" else ""
        for (name, write), learner in zip(ways.items(), learners, strict=True):
            start = time.perf_counter()
            write(user=learner, item=items[index % len(items)], status=status, skip_reason="", origin=origin)
            times[name].append((time.perf_counter() - start) * 1000)
    print(f"{connection.vendor}, a status change and the statuses after it (median of 1,000 after 200 to warm up):")
    for name, runs in times.items():
        print(f"  {name:14} {statistics.median(runs[200:]):.2f} ms")


if __name__ == "__main__":
    main()
