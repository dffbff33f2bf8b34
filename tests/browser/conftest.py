"""Browser tests: Debian's Chromium (never a downloaded browser) against Django's live server."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

# pytest-django's database access runs inside Playwright's event loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def curated_site(live_server, transactional_db):
    """The live server with the curated content loaded, as `make run` serves it."""
    call_command("import_content", verbosity=0)
    return live_server


@pytest.fixture
def screenshot(page):
    """Save a screenshot (the full page unless told otherwise) under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
