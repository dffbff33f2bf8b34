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


def latest_but(app: str, migration: str) -> list[tuple[str, str | None]]:
    """Every app at its latest migration but `app`, which stands at `migration`; an app whose later migrations need
    `app`'s later ones stands at its last migration that does not (None: before its first)."""
    graph = MigrationExecutor(connection).loader.graph
    kept = set(graph.forwards_plan((app, migration)))
    later = {node for node in graph.nodes if node[0] == app and node not in kept}
    targets = [(app, migration)]
    for leaf in graph.leaf_nodes():
        if leaf[0] == app:
            continue
        node = leaf
        while node is not None and later.intersection(graph.forwards_plan(node)):
            parents = [parent.key for parent in graph.node_map[node].parents if parent.key[0] == node[0]]
            node = parents[0] if parents else None
        targets.append((leaf[0], node[1] if node is not None else None))
    return targets


@contextmanager
def schema_at(targets):
    """The database at `targets` (as `migrate` takes them) for the block, yielding that state's models; back at
    today's schema afterwards, whatever the block did, so the next test starts from it."""
    apps = migrate(targets)
    try:
        yield apps
    finally:
        migrate(leaf_nodes())
