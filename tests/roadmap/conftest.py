"""What the roadmap tests share: the curated content of fixtures/, loaded as `make run` loads it."""

import pytest
from django.core.management import call_command


@pytest.fixture
def curated(db):
    call_command("import_content", verbosity=0)
