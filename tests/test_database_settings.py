"""Every settings module runs its database alike: production's SQLite has development's write settings, and
PostgreSQL gets careerpath's backend (careerpath.settings.base.database)."""

import json

import pytest

from tests.accounts.test_my_data import PROD_ENV, run_with_prod_settings

SHOW = "import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.DATABASES))"


def production_database(url: str) -> dict:
    result = run_with_prod_settings(SHOW, **{**PROD_ENV, "DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["default"]


def test_production_on_sqlite_writes_as_development_does():
    database = production_database("sqlite:////tmp/careerpath-test-settings.sqlite3")
    options = database["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE", "writers never deadlock upgrading a read lock"
    assert "journal_mode=WAL" in options["init_command"] and options["timeout"] == 20
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_production_on_postgresql_uses_the_quiet_health_check(scheme):
    database = production_database(f"{scheme}://careerpath:secret@db.example.com:5432/careerpath")
    assert database["ENGINE"] == "careerpath.db.postgresql"
    assert database["CONN_HEALTH_CHECKS"] is True and database["CONN_MAX_AGE"] == 60
