"""The import rule of the house (docs/development.md): apps depend one way, and this test is what keeps it so.

accounts and roadmap sit at the bottom and import no app of ours; progress uses roadmap and accounts; the feature
apps (onboarding, planning, portfolio, mentoring, assessment) use those below them and never each other's models.
The project package's neutral modules (the personal-data registry, the page cache, the health check) import no app, so
every app may use them.
"""

import ast
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NEUTRAL = {
    "careerpath.personal_data",
    "careerpath.page_cache",
    "careerpath.reversing",
    "careerpath.db",
    "careerpath.validators",
    "careerpath.views",
    "careerpath.middleware",
    "careerpath.mail",
    "careerpath.tasks",
    "careerpath.outbox",
    "careerpath.models",
    "careerpath.admin",
    "careerpath.api_errors",
    "careerpath.api_pagination",
    "careerpath.api_conditional",
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
    "assessment": {"accounts", "roadmap", "progress"},
    # a job ad's missing items go on the week's plan; a mentor sees a member's job search with their consent
    "jobs": {"accounts", "roadmap", "progress", "planning", "mentoring"},
}
OURS = {*ALLOWED, "careerpath", "onboarding", "planning", "portfolio", "mentoring", "assessment", "jobs"}


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


def neutral_sources(name: str):
    """The module's file, or every file of the package (careerpath.db)."""
    path = ROOT / name.replace(".", "/")
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def test_the_neutral_project_modules_import_no_app():
    for name in NEUTRAL:
        for path in neutral_sources(name):
            ours = {
                module for module in imported_modules(path.read_text()) if module.split(".")[0] in OURS - {"careerpath"}
            }
            assert ours == set(), f"{path.relative_to(ROOT)} imports {ours}"


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
# the only place allowed one, and which: the Markdown renderer's sanitized output
MARKING_ALLOWED = {"roadmap/markdown.py": {"SafeString", "mark_safe"}}
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


# Django's non-public API lives behind one door, careerpath/db/: each use there has an upgrade test
# in tests/db/ and a line in docs/development.md ("Upgrading Django"). Attribute and method names that reach into it:
DJANGO_INTERNALS = {
    "apply_converters",  # SQLCompiler
    "get_converters",
    "get_compiler",
    "get_col",  # Field.get_col, the column expression the converters are asked for
    "from_db",  # Model.from_db, as a queryset loads rows
    "set_cached_value",  # FieldCacheMixin, what select_related leaves
    "_state",  # Model._state (adding, db)
    "_prefetched_objects_cache",  # what prefetch_related leaves
    "_result_cache",
    "_prefetch_done",
    "_get_session_from_db",  # the database SessionStore's read
    "_aget_session_from_db",
    "_session_key",
    "_session_cache",
    "close_if_health_check_failed",  # the PostgreSQL backend's quiet health check (careerpath/db/postgresql)
    "health_check_done",
    "health_check_enabled",
    "get_new_connection",
}
BEHIND_THE_DOOR = ROOT / "careerpath" / "db"
NOT_APP_CODE = {"tests", "migrations", "node_modules", "__pycache__"}


def internals_used(source: str) -> set[str]:
    """The DJANGO_INTERNALS a file reads, sets, calls or overrides (an attribute, a method defined, a name)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.add(node.name)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.alias):
            found.add(node.name.rsplit(".", 1)[-1])
    return found & DJANGO_INTERNALS


def app_code():
    """Every Python file of the project but the tests, the migrations and careerpath/db/ (virtualenvs pruned)."""
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(name for name in subfolders if name not in NOT_APP_CODE and not name.startswith("."))
        if Path(folder) == BEHIND_THE_DOOR:
            subfolders[:] = []
            continue
        for name in sorted(files):
            if name.endswith(".py"):
                path = Path(folder) / name
                yield path.relative_to(ROOT), path.read_text()


def test_django_internals_are_used_in_careerpath_db_only():
    problems = {str(path): sorted(used) for path, source in app_code() if (used := internals_used(source))}
    assert problems == {}, (
        f"Django's non-public API outside careerpath/db/: {problems}. Add a function there (with its upgrade test in "
        "tests/db/ and a line in docs/development.md, 'Upgrading Django') and call it instead."
    )


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


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("compiler.apply_converters(rows, converters)", {"apply_converters"}),
        ("User.from_db('default', names, values)", {"from_db"}),
        ("if not self._state.adding: pass", {"_state"}),
        ("queryset._result_cache = []", {"_result_cache"}),
        ("class S:\n    def _get_session_from_db(self): pass", {"_get_session_from_db"}),
        ("field.set_cached_value(row, item)", {"set_cached_value"}),
        ("obj.refresh_from_db()\nModel._meta.get_field('x')\nModel._default_manager.all()", set()),
        ("from careerpath.db.rows import instances, set_related", set()),
    ],
)
def test_the_door_rule_catches_an_internal(source, expected):
    assert internals_used(source) == expected
