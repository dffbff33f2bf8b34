"""The import rule of the house (docs/development.md): apps depend one way, and this test is what keeps it so.

accounts and roadmap sit at the bottom and import no app of ours; progress uses roadmap and accounts; the
feature apps (onboarding, planning, portfolio, mentoring) use those below them and never each other's models. The
project package's neutral modules (the personal-data registry, the page cache, the health check) import no app, so
every app may use them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEUTRAL = {
    "careerpath.personal_data",
    "careerpath.page_cache",
    "careerpath.reversing",
    "careerpath.statements",
    "careerpath.validators",
    "careerpath.views",
    "careerpath.middleware",
    "careerpath.mail",
    "careerpath.tasks",
    "careerpath.outbox",
    "careerpath.models",
    "careerpath.admin",
    "careerpath.api_errors",
}
# app -> the apps of ours it may import (besides the neutral project modules)
ALLOWED = {
    "accounts": set(),
    "roadmap": set(),
    "progress": {"accounts", "roadmap"},
    "onboarding": {"accounts", "roadmap", "progress"},
    "planning": {"accounts", "roadmap", "progress"},
    "portfolio": {"accounts", "roadmap", "progress"},
    "mentoring": {"accounts", "roadmap", "progress"},
}
OURS = {*ALLOWED, "careerpath", "onboarding", "planning", "portfolio", "mentoring"}


def imported_modules(source: str) -> set[str]:
    """Every module a file imports, at the top or inside a function (absolute names; relative ones are local)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def forbidden_imports(app: str, source: str) -> set[str]:
    forbidden = set()
    for module in imported_modules(source):
        top = module.split(".")[0]
        if top not in OURS or top == app or top in ALLOWED[app]:
            continue
        if top == "careerpath" and (module in NEUTRAL or any(module.startswith(f"{name}.") for name in NEUTRAL)):
            continue
        if top == "careerpath" and module == "careerpath":
            continue  # `from careerpath import personal_data` names the module itself, checked below
        forbidden.add(module)
    return forbidden


def app_sources(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        yield path, path.read_text()


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_apps_import_only_what_lies_below_them(app):
    problems = {
        str(path.relative_to(ROOT)): sorted(forbidden)
        for path, source in app_sources(app)
        if (forbidden := forbidden_imports(app, source))
    }
    assert problems == {}, f"{app} imports upward or sideways: {problems}"


def test_the_neutral_project_modules_import_no_app():
    for name in NEUTRAL:
        source = (ROOT / (name.replace(".", "/") + ".py")).read_text()
        ours = {module for module in imported_modules(source) if module.split(".")[0] in OURS - {"careerpath"}}
        assert ours == set(), f"{name} imports {ours}"


@pytest.mark.parametrize(
    ("app", "source", "expected"),
    [
        ("roadmap", "from progress.models import Progress", {"progress.models", "progress.models.Progress"}),
        ("roadmap", "def f():\n    import progress.selectors", {"progress.selectors"}),
        ("accounts", "from roadmap.models import Role", {"roadmap.models", "roadmap.models.Role"}),
        ("accounts", "from careerpath.urls import urlpatterns", {"careerpath.urls", "careerpath.urls.urlpatterns"}),
        ("accounts", "from careerpath import personal_data", set()),
        ("progress", "from roadmap.models import Item\nfrom accounts.models import Profile", set()),
        ("roadmap", "from . import hooks\nfrom django.db import models", set()),
    ],
)
def test_the_rule_catches_an_upward_import(app, source, expected):
    assert forbidden_imports(app, source) == expected
