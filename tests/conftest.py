import pytest

from tests.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def client_logged_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def client_reauthenticated(client_logged_in):
    """Signed in and has just typed the password again (allauth's reauthentication), as making a token asks."""
    from django.urls import reverse

    from tests.factories import PASSWORD

    response = client_logged_in.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, "the password was accepted"
    return client_logged_in


@pytest.fixture
def editor(db):
    """A staff member with every content permission, as the editors group will have."""
    from django.contrib.auth.models import Permission

    editor = UserFactory(is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="roadmap"))
    return editor


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages live in the caches; each test starts with none."""
    from django.core.cache import caches

    from careerpath.sessions import forget_users
    from roadmap.cache import content_token_forget

    for name in ("default", "pages"):
        caches[name].clear()
    content_token_forget()
    forget_users()
    yield
    for name in ("default", "pages"):
        caches[name].clear()
    content_token_forget()


@pytest.fixture
def ml_engineer_role(db):
    from tests.factories import RoleFactory

    return RoleFactory(title="Machine learning engineer", slug="machine-learning-engineer", is_primary=True)


@pytest.fixture(autouse=True)
def _cache_tokens_replaced_at_commit(monkeypatch):
    """Cached pages are invalidated when a change commits; a test runs in a transaction that never commits, so the
    replacement runs at once, where the commit of a real request would run it."""
    import roadmap.cache

    monkeypatch.setattr(roadmap.cache, "on_commit", lambda callback: callback())


@pytest.fixture
def assert_page_queries(django_assert_num_queries):
    """`assert_page_queries(client, url, n)`: the page, rendered from scratch (caches emptied), answers 200 after
    exactly n queries. Every page pins its count with it, at 5 items and at 200, so a new query shows in the diff."""
    from django.core.cache import caches

    from careerpath.sessions import forget_users
    from roadmap.cache import content_token_forget

    def check(client, url, expected, **headers):
        for name in ("default", "pages"):
            caches[name].clear()
        content_token_forget()
        forget_users()
        with django_assert_num_queries(expected):
            response = client.get(url, **headers)
        assert response.status_code == 200
        return response

    return check


@pytest.fixture(scope="module")
def _curated_content(django_db_setup, django_db_blocker):
    """The curated content, imported once per test module (publishing the shipped releases takes seconds) inside a
    transaction that is rolled back after the module: each test's own transaction nests in it (a savepoint), so a
    test still sees only the content and what it wrote itself. Not for modules with transactional tests."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_content", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def curated(_curated_content, db):
    """The curated content, as `make run` loads it (import_content: the base export, then each shipped release)."""
