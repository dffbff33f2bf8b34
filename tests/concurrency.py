"""Requests at the same moment, for the tests about races: PostgreSQL runs them, SQLite's one writer lock cannot."""

import threading

import pytest
from django.db import close_old_connections, connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers with one database lock, so no two transactions ever race; PostgreSQL runs it",
)


def run_at_once_with_results(*calls) -> tuple[list, list]:
    """Start every call on its own thread and database connection, released together by a barrier; returns what
    the calls returned and what they raised."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def worker(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except Exception as error:  # noqa: BLE001 - any error is the failure these tests look for
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def run_at_once(*calls) -> list:
    """The errors of `calls` run at the same moment (run_at_once_with_results)."""
    return run_at_once_with_results(*calls)[1]
