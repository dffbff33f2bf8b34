"""The property-based API tester against the live server: no answer is a server error, every answer fits the schema.

schemathesis reads /api/v1/openapi.json from a live server holding the curated content and a learner with a write
token, then generates requests (valid and invalid) for every operation, through its examples, coverage, fuzzing and
stateful phases (all four, named). It runs with two fixed seeds, so a run repeats and the fuzzer covers more than
one draw (one seed let a 500 through that another found), with the suite, so on SQLite and again on PostgreSQL.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import Profile
from accounts.tokens import token_create
from roadmap.models import Role
from tests.factories import UserFactory

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
SEEDS, EXAMPLES = ("20261125", "20261204"), "25"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.django_db(transaction=True)
def test_the_api_tester_finds_no_server_error_and_no_answer_outside_the_schema(live_server, settings, tmp_path, seed):
    settings.API_RATE_LIMITS = {"read": "100000/m", "write": "100000/m"}  # the tester is one very busy caller
    call_command("import_content", verbosity=0)
    learner = UserFactory(email="tester@example.com")
    Profile.objects.create(user=learner, target_role=Role.objects.get(slug="data-scientist"), hours_per_week=6)
    secret = token_create(user=learner, name="schemathesis", scope="write", days=30)[1]
    command = [
        str(SCHEMATHESIS), "run", f"{live_server.url}/api/v1/openapi.json",
        "--checks", "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
        "--header", f"Authorization: Bearer {secret}",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--seed", seed, "--max-examples", EXAMPLES, "--generation-deterministic", "--no-color",
        "--request-timeout", "20",
    ]  # fmt: skip
    # Run in a temporary folder: schemathesis keeps its cache (.schemathesis/) in the working directory.
    result = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        command, capture_output=True, text=True, timeout=900, cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"}
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-6000:]
    assert "passed" in report and "failed" not in report.split("SUMMARY", 1)[-1].lower()
