"""The import rule of the house (docs/development.md): apps depend one way, and this test is what keeps it so.

accounts and roadmap sit at the bottom and import no app of ours; progress uses roadmap and accounts; the
feature apps (onboarding, planning, portfolio, mentoring) use those below them and never each other's models. The
project package's neutral modules (the personal-data registry, the page cache, the health check) import no app, so
every app may use them.
"""

import ast
import re
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
    "careerpath.api_errors",
    "careerpath.jinja2",
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


# Markup lives in templates (docs/development.md, "Templates: Django and Jinja2"): these calls mark a string as HTML.
MARKING_SAFE = {"SafeString", "mark_safe", "format_html", "format_html_join", "Markup"}
# the only places allowed one, and which: the Markdown renderer's sanitized output; the Jinja2 environment's
# `finalize`, which escapes text itself
MARKING_ALLOWED = {"roadmap/markdown.py": {"SafeString", "mark_safe"}, "careerpath/jinja2.py": {"Markup"}}
HTML_TAG = re.compile(r"</?[A-Za-z!]")


def markup_in_python(source: str) -> list[str]:
    """Calls that mark a string safe, and f-strings that write an HTML tag, each as "line: what"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in MARKING_SAFE:
                found.append(f"{node.lineno}: {name}(")
        elif isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if HTML_TAG.search(text):
                found.append(f"{node.lineno}: f-string {text[:40]!r}")
    return found


def project_sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] not in {"tests", ".venv"}:
            yield relative.as_posix(), path.read_text()


def test_no_app_code_builds_markup_in_python():
    """HTML is written in templates; Python gathers data. A hot fragment goes to Jinja2, not to an f-string."""
    problems = {}
    for name, source in project_sources():
        allowed = MARKING_ALLOWED.get(name, set())
        found = [line for line in markup_in_python(source) if line.split(": ")[1].rstrip("(") not in allowed]
        if found:
            problems[name] = found
    assert problems == {}, f"markup built in Python: {problems}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("SafeString(f'<b>{x}</b>')", ["1: SafeString(", "1: f-string '<b></b>'"]),
        ("from django.utils import html\nhtml.format_html('<i>{}</i>', x)", ["2: format_html("]),
        (
            "mark_safe(x)\nformat_html_join('', '{}', rows)\nMarkup(x)",
            ["1: mark_safe(", "2: format_html_join(", "3: Markup("],
        ),
        ("row = f'<tr><td>{cell}</td></tr>'", ["1: f-string '<tr><td></td></tr>'"]),
        ("closing = f'{text}</p>'", ["1: f-string '</p>'"]),
        ('headers = {"List-Unsubscribe": f"<{url}>"}', []),
        ("said = f'{done} < {total} and {a}<{b}'", []),
        ("escape(title)\nrender_markdown(text)", []),
    ],
)
def test_the_markup_rule_catches_what_it_should(source, expected):
    assert markup_in_python(source) == expected
