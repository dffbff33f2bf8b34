"""Move the test database to a migration state and back, for tests that migrate databases holding users' rows."""

from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def leaf_nodes() -> list[tuple[str, str]]:
    """Today's state: every app at its latest migration."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    """Migrate to `targets` ((app, migration) pairs; None for "no migration of this app") and return the
    historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1] is not None]).apps


def latest_but(app: str, migration: str) -> list[tuple[str, str]]:
    """Every app at its latest migration but `app`, which stands at `migration`."""
    return [node for node in leaf_nodes() if node[0] != app] + [(app, migration)]


@contextmanager
def schema_at(targets):
    """The database at `targets` (as `migrate` takes them) for the block, yielding that state's models; back at
    today's schema afterwards, whatever the block did, so the next test starts from it."""
    apps = migrate(targets)
    try:
        yield apps
    finally:
        migrate(leaf_nodes())
