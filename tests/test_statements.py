"""Queries compiled once per process (careerpath.statements.rows_compiled_once): the value given each time is the
one the query runs with, alone or sent together with others (rows_compiled_once_together)."""

import pytest
from django.db import connection

from accounts.models import User
from careerpath.statements import rows_compiled_once, rows_compiled_once_together
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _email_of(user_id):
    return User.objects.filter(pk=user_id).values_list("email")


def _email_if_domain(user_id, domain):
    return User.objects.filter(pk=user_id, email__endswith=domain).values_list("email")


def _everyone(_user_id):
    return User.objects.values_list("email")


def test_each_run_takes_the_value_it_is_given():
    first, second = UserFactory(email="first@example.com"), UserFactory(email="second@example.com")
    assert rows_compiled_once("default", _email_of, first.pk) == [("first@example.com",)]
    assert rows_compiled_once("default", _email_of, second.pk) == [("second@example.com",)]
    assert rows_compiled_once("default", _email_of, -1) == []


def test_a_query_that_ignores_its_argument_is_refused():
    with pytest.raises(ValueError, match="does not use its argument"):
        rows_compiled_once("default", _everyone, 1)


def test_fixed_values_are_compiled_in_one_query_each():
    """A query compiled with a fixed value (a time zone's name, say) is compiled once per value, never mixed up."""
    user = UserFactory(email="learner@example.org")
    assert rows_compiled_once("default", _email_if_domain, user.pk, "@example.org") == [("learner@example.org",)]
    assert rows_compiled_once("default", _email_if_domain, user.pk, "@example.com") == []
    assert rows_compiled_once("default", _email_if_domain, user.pk, "@example.org") == [("learner@example.org",)]


def test_queries_sent_together_give_each_its_own_rows_in_order(django_assert_num_queries):
    """In one round trip where the database takes several statements at once (PostgreSQL), one by one elsewhere."""
    first, second = UserFactory(email="first@example.org"), UserFactory(email="second@example.com")
    queries = [(_email_of, second.pk), (_email_if_domain, first.pk, "@example.org"), (_email_of, -1)]
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 3):
        rows = rows_compiled_once_together("default", *queries)
    assert rows == [[("second@example.com",)], [("first@example.org",)], []]
