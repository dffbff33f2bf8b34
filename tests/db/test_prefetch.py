"""Upgrade test for careerpath.db.prefetch: `set_prefetched` leaves what `prefetch_related` leaves.

It sets a related manager's queryset's `_result_cache` and `_prefetch_done` and the instance's
`_prefetched_objects_cache` by hand, as django.db.models.query.prefetch_one_level does (docs/development.md,
"Upgrading Django").
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careerpath.db.prefetch import set_prefetched
from planning.models import PlanEntry, WeekPlan
from tests.factories import ItemFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGED = (
    "Django changed how prefetch_related leaves objects (prefetch_one_level: _result_cache, _prefetch_done, "
    "_prefetched_objects_cache): careerpath.db.prefetch.set_prefetched must be rewritten"
)


@pytest.fixture
def plan():
    plan = WeekPlan.objects.create(learner=UserFactory(), week_start=datetime.date(2026, 3, 2), hours_budget=6)
    for position in (2, 0, 1):
        PlanEntry.objects.create(plan=plan, item=ItemFactory(), hours=2, position=position)
    return plan


def test_the_relation_reads_the_objects_set_without_a_query(plan):
    entries = list(PlanEntry.objects.filter(plan=plan).order_by("position"))
    fresh = WeekPlan.objects.get(pk=plan.pk)
    with CaptureQueriesContext(connection) as queries:
        set_prefetched(fresh, "entries", entries)
        read = list(fresh.entries.all())
        counted = len(fresh.entries.all())
    assert len(queries) == 0, f"plan.entries.all() asked the database: {CHANGED}"
    assert read == entries, CHANGED
    assert [entry.position for entry in read] == [0, 1, 2], f"in the order given: {CHANGED}"
    assert counted == 3, CHANGED


def test_the_cache_is_where_prefetch_related_puts_it(plan):
    prefetched = WeekPlan.objects.prefetch_related("entries").get(pk=plan.pk)
    fresh = WeekPlan.objects.get(pk=plan.pk)
    set_prefetched(fresh, "entries", list(plan.entries.all()))
    assert fresh._prefetched_objects_cache.keys() == prefetched._prefetched_objects_cache.keys(), CHANGED
    ours, theirs = fresh._prefetched_objects_cache["entries"], prefetched._prefetched_objects_cache["entries"]
    assert (ours._prefetch_done, type(ours)) == (theirs._prefetch_done, type(theirs)), CHANGED
