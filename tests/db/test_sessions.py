"""Upgrade test for careerpath.db.sessions: Django's database SessionStore still reads the session row through
`_get_session_from_db`, the private method the hook overrides (docs/development.md, "Upgrading Django")."""

import inspect

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.utils.module_loading import import_string

from careerpath.db.sessions import SessionReadHookMixin

pytestmark = pytest.mark.django_db
CHANGED = (
    "Django changed how django.contrib.sessions.backends.db.SessionStore.load reads the row (_get_session_from_db): "
    "careerpath.db.sessions.SessionReadHookMixin must be rewritten, or every session read goes back to the ORM"
)


def test_the_private_method_still_exists_and_load_calls_it():
    method = getattr(db.SessionStore, "_get_session_from_db", None)
    assert callable(method), CHANGED
    assert list(inspect.signature(method).parameters) == ["self"], CHANGED
    assert "self._get_session_from_db()" in inspect.getsource(db.SessionStore.load), CHANGED


def test_the_projects_session_engine_reads_through_the_hook(monkeypatch):
    store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    assert issubclass(store_class, SessionReadHookMixin), "careerpath.sessions.db uses the hook"
    store = store_class()
    store["answer"] = 42
    store.save()
    calls = []
    real = store_class.read_session

    def counted(self):
        calls.append(self.session_key)
        return real(self)

    monkeypatch.setattr(store_class, "read_session", counted)
    assert store_class(store.session_key).load() == {"answer": 42}, CHANGED
    assert calls == [store.session_key], f"load() did not call the hook: {CHANGED}"


def test_a_key_with_no_live_session_is_dropped_as_django_drops_it():
    store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    ours, djangos = store_class("x" * 32), db.SessionStore("x" * 32)
    assert ours.load() == djangos.load() == {}
    assert ours.session_key is None and djangos.session_key is None, CHANGED
