"""Written-out statements run alone or together (careerpath.db.statements): several go in one round trip where the
database takes them in one execute (PostgreSQL with client-side binding), one by one elsewhere, each with its rows."""

import pytest
from django.db import connection, connections

from accounts.models import User
from careerpath.db.statements import rows, rows_together, sends_two_at_once
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def email_of(user_id):
    table, email, pk = (connection.ops.quote_name(name) for name in (User._meta.db_table, "email", "id"))
    return f"SELECT {email} FROM {table} WHERE {pk} = %s", [user_id]  # noqa: S608


def emails_ending(user_id, domain):
    table, email, pk = (connection.ops.quote_name(name) for name in (User._meta.db_table, "email", "id"))
    return f"SELECT {email} FROM {table} WHERE {pk} = %s AND {email} LIKE %s", [user_id, f"%{domain}"]  # noqa: S608


def test_a_statement_runs_with_the_values_it_is_given():
    first, second = UserFactory(email="first@example.com"), UserFactory(email="second@example.com")
    assert rows("default", *email_of(first.pk)) == [("first@example.com",)]
    assert rows("default", *email_of(second.pk)) == [("second@example.com",)]
    assert rows("default", *email_of(-1)) == []


def test_statements_sent_together_give_each_its_own_rows_in_order(django_assert_num_queries):
    """In one round trip where the database takes several statements at once (PostgreSQL), one by one elsewhere."""
    first, second = UserFactory(email="first@example.org"), UserFactory(email="second@example.com")
    together = [email_of(second.pk), emails_ending(first.pk, "@example.org"), email_of(-1)]
    with django_assert_num_queries(1 if sends_two_at_once("default") else 3):
        fetched = rows_together("default", *together)
    assert fetched == [[("second@example.com",)], [("first@example.org",)], []]


def test_only_postgresql_with_client_side_binding_takes_two_at_once(monkeypatch):
    options = connections["default"].settings_dict["OPTIONS"]
    assert sends_two_at_once("default") == (
        connection.vendor == "postgresql" and not options.get("server_side_binding")
    )
    monkeypatch.setitem(options, "server_side_binding", True)
    assert not sends_two_at_once("default"), "a statement bound on the server goes alone"
