"""Upgrade tests for careerpath.db.rows: what it takes from Django's non-public API still behaves as it relies on.

Each failure names what changed in Django and what to rewrite (docs/development.md, "Upgrading Django").
"""

import datetime
import inspect

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler

from accounts.models import Profile, User
from careerpath.db import rows as db_rows
from planning.models import PlanEntry, WeekPlan
from progress.models import Progress, ProgressEvent, ProgressStatus
from tests.factories import ItemFactory, ProgressFactory, UserFactory

pytestmark = pytest.mark.django_db
ALIAS = "default"
CONVERTERS = (
    "Django changed SQLCompiler.get_converters/apply_converters: careerpath.db.rows.converted must be rewritten"
)
FROM_DB = "Django changed Model.from_db or the _state it leaves: careerpath.db.rows.instances must be rewritten"
CACHED = "Django changed Field.set_cached_value (FieldCacheMixin): careerpath.db.rows.set_related must be rewritten"


def raw_rows(model, pks):
    """Every concrete column of the rows, as the database returns them (what a written-out statement fetches)."""
    name = connection.ops.quote_name
    columns = ", ".join(name(field.column) for field in model._meta.concrete_fields)
    marks = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {name(model._meta.db_table)} WHERE {name(model._meta.pk.column)} IN ({marks}) "  # noqa: S608
            f"ORDER BY {name(model._meta.pk.column)}",
            list(pks),
        )
        return cursor.fetchall()


@pytest.fixture
def stored():
    """Rows of every field type the written-out statements read: aware datetimes (set and null), dates (set and
    null), booleans, small and big integers, text, foreign keys."""
    joined = datetime.datetime(2026, 3, 29, 1, 0, 0, 1, tzinfo=datetime.UTC)
    users = [
        UserFactory(date_joined=joined, is_staff=True),
        UserFactory(last_login=datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC)),
    ]
    Profile.objects.create(user=users[0], target_date=datetime.date(2027, 2, 28), weekly_digest=False)
    Profile.objects.create(user=users[1], time_zone="Asia/Kathmandu")
    item = ItemFactory()
    progress = [
        ProgressFactory(learner=users[0], item=item, started_at=joined),
        ProgressFactory(learner=users[1], item=item, status=ProgressStatus.IN_PROGRESS),
    ]
    plan = WeekPlan.objects.create(learner=users[0], week_start=datetime.date(2026, 3, 2), hours_budget=6)
    PlanEntry.objects.create(plan=plan, item=item, hours=2, pinned=True)
    PlanEntry.objects.create(plan=plan, item=ItemFactory(), hours=3, dropped=True, position=1)
    ProgressEvent.objects.create(learner=users[0], item=item, from_status="not_started", to_status="done")
    return {User: users, Profile: Profile.objects.all(), Progress: progress, WeekPlan: [plan],
            PlanEntry: PlanEntry.objects.all(), ProgressEvent: ProgressEvent.objects.all()}  # fmt: skip


def test_the_compiler_still_offers_the_converter_methods():
    assert callable(getattr(SQLCompiler, "get_converters", None)), CONVERTERS
    assert callable(getattr(SQLCompiler, "apply_converters", None)), CONVERTERS
    assert list(inspect.signature(SQLCompiler.get_converters).parameters) == ["self", "expressions"], CONVERTERS
    assert list(inspect.signature(SQLCompiler.apply_converters).parameters) == ["self", "rows", "converters"], (
        CONVERTERS
    )


def test_converted_values_are_a_querysets_for_every_field_type(stored):
    """The same values, of the same types (aware datetimes in the same zone), as `values_list` gives."""
    for model, objects in stored.items():
        pks = sorted(obj.pk for obj in objects)
        fields = model._meta.concrete_fields
        converted = db_rows.converted(ALIAS, fields, raw_rows(model, pks))
        expected = list(model.objects.filter(pk__in=pks).order_by("pk").values_list(*(f.attname for f in fields)))
        assert converted == expected, f"{model.__name__}: {CONVERTERS}"
        for row, expected_row in zip(converted, expected, strict=True):
            types = [(type(value), getattr(value, "tzinfo", None)) for value in row]
            expected_types = [(type(value), getattr(value, "tzinfo", None)) for value in expected_row]
            assert types == expected_types, f"{model.__name__}: {CONVERTERS}"


def test_instances_are_loaded_as_a_queryset_loads_them(stored, django_assert_num_queries):
    for model, objects in stored.items():
        pks = sorted(obj.pk for obj in objects)
        fetched = raw_rows(model, pks)
        with django_assert_num_queries(0):
            built = list(db_rows.instances(ALIAS, model, fetched))
        loaded = list(model.objects.filter(pk__in=pks).order_by("pk"))
        names = [field.attname for field in model._meta.concrete_fields]
        assert [[getattr(obj, name) for name in names] for obj in built] == [
            [getattr(obj, name) for name in names] for obj in loaded
        ], f"{model.__name__}: {FROM_DB}"
        for obj in built:
            assert type(obj) is model, FROM_DB
            assert obj._state.adding is False and not db_rows.is_new(obj), f"loaded, not new: {FROM_DB}"
            assert obj._state.db == ALIAS, f"on the alias it was read from: {FROM_DB}"
    assert db_rows.is_new(User()) is True, f"an unsaved instance is new: {FROM_DB}"


def test_a_loaded_profile_saves_its_goals_only(stored):
    """Profile.save tells a loaded profile from a new one with is_new (`_state.adding`)."""
    profile = next(db_rows.instances(ALIAS, Profile, raw_rows(Profile, [stored[Profile][0].pk])))
    Profile.objects.filter(pk=profile.pk).update(record_version=99)
    profile.display_name = "Ada"
    profile.save()
    assert Profile.objects.values_list("display_name", "record_version").get(pk=profile.pk) == ("Ada", 99), FROM_DB


def test_set_related_leaves_what_select_related_leaves(stored, django_assert_num_queries):
    """A foreign key, and the reverse side of a one-to-one (None: "there is none", no query asked)."""
    progress = next(db_rows.instances(ALIAS, Progress, raw_rows(Progress, [stored[Progress][0].pk])))
    item = stored[Progress][0].item
    user = next(db_rows.instances(ALIAS, User, raw_rows(User, [stored[User][0].pk])))
    profile = Profile(user_id=user.pk)
    with django_assert_num_queries(0):
        db_rows.set_related(progress, "item", item)
        assert progress.item is item, CACHED
        db_rows.set_related(user, "profile", profile)
        assert user.profile is profile, CACHED
        db_rows.set_related(user, "profile", None)
        with pytest.raises(Profile.DoesNotExist):
            user.profile  # noqa: B018
    selected = User.objects.select_related("profile").get(pk=stored[User][0].pk)
    assert Profile._meta.get_field("user").remote_field.is_cached(selected), CACHED
