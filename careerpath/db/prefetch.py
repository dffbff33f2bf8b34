"""A relation's objects set on an instance as `prefetch_related` leaves them, for rows read another way.

Django's non-public API used here (tests/db/test_prefetch.py; docs/development.md, "Upgrading Django"): what
`django.db.models.query.prefetch_one_level` does, a related manager's queryset with `_result_cache` and
`_prefetch_done` set, kept in the instance's `_prefetched_objects_cache` under the relation's name, where the
manager's `get_queryset` looks first.
"""

from collections.abc import Iterable


def set_prefetched(instance, name: str, objects: Iterable) -> None:
    """`instance.<name>.all()` is `objects` (in that order) without a query, as after `prefetch_related(name)`.
    `name` is a reverse foreign key's accessor (`plan.entries`), the relation's prefetch cache name."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
