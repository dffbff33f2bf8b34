"""Sessions signed in before allauth.usersessions was installed are recorded, so ending them deletes their rows."""

from importlib import import_module

import pytest
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from accounts.services import user_delete
from tests.migrations import latest_but, leaf_nodes, migrate, schema_at


@pytest.fixture
def database_before_the_backfill(transactional_db):
    with schema_at(latest_but("accounts", "0005_text_without_control_characters")) as apps:
        yield apps


def session_signed_in_as(user_id=None) -> str:
    """A session row as Django writes it: signed with the engine's own salt."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    if user_id is not None:
        store["_auth_user_id"] = str(user_id)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["shown_welcome"] = True
    store.create()
    return store.session_key


def test_a_session_from_before_is_recorded_and_ends_with_the_account(database_before_the_backfill):
    User = database_before_the_backfill.get_model("accounts", "User")
    learner = User.objects.create(username="early", email="early@example.com", password="!")
    other = User.objects.create(username="other", email="other@example.com", password="!")
    old_session = session_signed_in_as(learner.pk)
    others_session = session_signed_in_as(other.pk)
    visitor_session = session_signed_in_as(None)
    Session.objects.create(session_key="x" * 32, session_data="not a signed value", expire_date="2999-01-01T00:00Z")

    migrate(leaf_nodes())

    recorded = dict(UserSession.objects.values_list("session_key", "user_id"))
    assert recorded == {old_session: learner.pk, others_session: other.pk}, "visitors and garbage are not users"
    user_delete(user=get_user_model().objects.get(pk=learner.pk))
    assert not Session.objects.filter(session_key=old_session).exists(), "the row is deleted, not only invalid"
    assert Session.objects.filter(session_key__in=[others_session, visitor_session]).count() == 2


def test_reversing_the_backfill_keeps_every_session(database_before_the_backfill):
    User = database_before_the_backfill.get_model("accounts", "User")
    learner = User.objects.create(username="early", email="early@example.com", password="!")
    key = session_signed_in_as(learner.pk)
    migrate(leaf_nodes())
    migrate(latest_but("accounts", "0005_text_without_control_characters"))
    assert Session.objects.filter(session_key=key).exists(), "going back deletes no session"
