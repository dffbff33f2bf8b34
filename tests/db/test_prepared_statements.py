"""Written-out statements prepared on the server, once per connection (careerpath.db.statements): on PostgreSQL
with client-side binding a statement's first call sends PREPARE with its EXECUTE in one execute, later calls send
EXECUTE only; every call gives the rows the statement as text gives. PostgreSQL only: elsewhere nothing is prepared
(the SQLite run checks that)."""

import re
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from careerpath.db import statements
from progress import tick
from progress.models import ProgressStatus
from tests.factories import ItemFactory, UserFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")


def table_and(*columns):
    return [connection.ops.quote_name(name) for name in (User._meta.db_table, *columns)]


def unique_statement(marker: str) -> str:
    """A statement no other test has run on this connection (prepared statements live as long as it does)."""
    table, email, pk = table_and("email", "id")
    return f"SELECT {email} FROM {table} WHERE {pk} = %s AND {email} <> '{marker}'"  # noqa: S608


def sent(call) -> tuple[list[str], object]:
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return [query["sql"] for query in captured.captured_queries], result


@postgresql_only
def test_a_statement_is_prepared_by_its_first_call_and_executed_by_name_after():
    user = UserFactory(email="prepared@example.com")
    sql = unique_statement("first-then-by-name")
    first, first_rows = sent(lambda: statements.rows("default", sql, [user.pk]))
    later, later_rows = sent(lambda: statements.rows("default", sql, [user.pk]))
    assert len(first) == len(later) == 1, "one query either way: PREPARE travels with the first EXECUTE"
    assert first[0].startswith("PREPARE careerpath_") and "\nEXECUTE careerpath_" in first[0]
    assert later[0].startswith("EXECUTE careerpath_") and "SELECT" not in later[0]
    assert first_rows == later_rows == [("prepared@example.com",)]
    assert statements.sent_statements(first[0]) == statements.sent_statements(later[0]) == [sql], "as written out"
    name = re.match(r"PREPARE (careerpath_\w+)", first[0]).group(1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT parameter_types::text FROM pg_prepared_statements WHERE name = %s", [name])
        assert cursor.fetchall() == [("{bigint}",)], "typed from the value: the id is an int"


@postgresql_only
def test_named_parameters_used_twice_and_escaped_percents_give_the_rows_the_text_gives():
    UserFactory(email="percent@example.org")
    UserFactory(email="other@example.com")
    table, email = table_and("email")
    sql = f"SELECT {email} FROM {table} WHERE {email} LIKE '%%' || %(end)s AND {email} <> %(end)s ORDER BY 1"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, {"end": "@example.org"})
        as_text = cursor.fetchall()
    assert as_text == [("percent@example.org",)]
    assert statements.rows("default", sql, {"end": "@example.org"}) == as_text
    assert statements.rows("default", sql, {"end": "@example.org"}) == as_text, "and executed by name"


@postgresql_only
def test_statements_together_mix_prepared_and_new_in_one_round_trip_each_with_its_rows():
    first, second = UserFactory(email="one@example.com"), UserFactory(email="two@example.com")
    known, fresh = unique_statement("known"), unique_statement("fresh")
    statements.rows("default", known, [first.pk])
    queries, fetched = sent(lambda: statements.rows_together("default", (known, [first.pk]), (fresh, [second.pk])))
    assert len(queries) == 1
    assert fetched == [[("one@example.com",)], [("two@example.com",)]]


@postgresql_only
def test_a_first_call_that_fails_is_prepared_again_under_a_new_name():
    sql = "SELECT 10 / %s /* failed first */"
    with pytest.raises(DatabaseError), transaction.atomic():
        statements.rows("default", sql, [0])
    queries, fetched = sent(lambda: statements.rows("default", sql, [5]))
    assert fetched == [(2,)]
    assert queries[0].startswith("PREPARE"), "what the failed call left behind is not relied on"


@postgresql_only
def test_statements_deallocated_behind_its_back_fail_one_call_and_are_prepared_again_by_the_next():
    user = UserFactory(email="again@example.com")
    sql = unique_statement("deallocated")
    statements.rows("default", sql, [user.pk])
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # what a pooler's DISCARD ALL does
    with pytest.raises(DatabaseError), transaction.atomic():
        statements.rows("default", sql, [user.pk])
    queries, fetched = sent(lambda: statements.rows("default", sql, [user.pk]))
    assert fetched == [("again@example.com",)] and queries[0].startswith("PREPARE")


@postgresql_only
def test_a_value_without_a_known_type_runs_the_statement_as_text_until_a_call_that_has_one():
    table, last_login = table_and("last_login")
    sql = f"SELECT count(*) FROM {table} WHERE %s::timestamptz IS NULL OR {last_login} < %s /* None */"  # noqa: S608
    queries, fetched = sent(lambda: statements.rows("default", sql, [None, None]))
    assert fetched == [(0,)] and not queries[0].startswith("PREPARE")
    when = datetime(2026, 1, 1, tzinfo=UTC)
    queries, _fetched = sent(lambda: statements.rows("default", sql, [when, when]))
    assert queries[0].startswith("PREPARE")
    UserFactory()
    assert statements.rows("default", sql, [None, None]) == [(1,)], "then None is a NULL of the declared type"


@postgresql_only
def test_past_the_limit_of_a_connection_statements_run_as_text(monkeypatch):
    user = UserFactory(email="limit@example.com")
    monkeypatch.setattr(statements, "PREPARED_PER_CONNECTION", 0)
    queries, fetched = sent(lambda: statements.rows("default", unique_statement("past-the-limit"), [user.pk]))
    assert fetched == [("limit@example.com",)] and queries[0].startswith("SELECT")


def test_turned_off_or_elsewhere_statements_run_as_text(settings):
    user = UserFactory(email="text@example.com")
    settings.DATABASE_PREPARED_STATEMENTS = False
    assert not statements.prepares("default")
    queries, fetched = sent(lambda: statements.rows("default", unique_statement("turned-off"), [user.pk]))
    assert fetched == [("text@example.com",)] and queries[0].startswith("SELECT")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again_and_a_tick_without_dates_prepares_the_change():
    """A connection closed and opened again knows no prepared statement. A tick to in progress sets no done date:
    the NULL goes with its column's type (`Typed`), so that tick prepares the change and the tick to done after it
    runs it by name."""
    learner, item = UserFactory(), ItemFactory()
    change = {"user": learner, "item": item, "skip_reason": "", "with_statuses": True}
    tick.set_status(**change, status=ProgressStatus.DONE, origin="here")
    connection.close()
    queries, row = sent(lambda: tick.set_status(**change, status=ProgressStatus.IN_PROGRESS, origin=""))
    assert row.status == ProgressStatus.IN_PROGRESS and row.completed_at is None
    assert queries[-1].startswith("PREPARE"), "prepared on the new connection"
    queries, row = sent(lambda: tick.set_status(**change, status=ProgressStatus.DONE, origin="here"))
    assert row.status == ProgressStatus.DONE and row.completed_at is not None
    assert queries[-1].startswith("EXECUTE") and "WITH old" not in queries[-1]
    assert row.statuses_after == [(item.pk, ProgressStatus.DONE)]


@postgresql_only
def test_with_preparing_turned_off_a_tick_and_its_statuses_still_go_together(settings):
    """Named and positional placeholders in one execute: every statement goes as `%s`."""
    settings.DATABASE_PREPARED_STATEMENTS = False
    learner, item = UserFactory(), ItemFactory()
    change = {"user": learner, "item": item, "skip_reason": "", "with_statuses": True}
    queries, row = sent(lambda: tick.set_status(**change, status=ProgressStatus.IN_PROGRESS, origin=""))
    assert row.status == ProgressStatus.IN_PROGRESS
    assert row.statuses_after == [(item.pk, ProgressStatus.IN_PROGRESS)]
    assert len(statements.sent_statements(queries[0])) == 2, "the change and the statuses in one round trip"
    assert not any(query.startswith(("PREPARE", "EXECUTE")) for query in queries)


@postgresql_only
def test_a_result_type_changed_under_a_prepared_statement_fails_one_call_and_the_next_prepares_again():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE careerpath_changing (label varchar(5))")
        cursor.execute("INSERT INTO careerpath_changing VALUES ('a')")
    sql = "SELECT label FROM careerpath_changing WHERE label <> %s"
    assert statements.rows("default", sql, ["b"]) == [("a",)]
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE careerpath_changing ALTER COLUMN label TYPE varchar(50)")  # as a migration might
    with pytest.raises(DatabaseError), transaction.atomic():
        statements.rows("default", sql, ["b"])
    queries, fetched = sent(lambda: statements.rows("default", sql, ["b"]))
    assert fetched == [("a",)] and queries[0].startswith("PREPARE")
