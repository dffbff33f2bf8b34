"""The Jinja2 environment of the hot fragments: the track page's rows, a tick's htmx answer, the dashboard's lists.

Django's template language stays the default (pages, includes, `{% partialdef %}`); these few fragments render
through Jinja2 (the second engine in settings.TEMPLATES) because they draw a row or a bar per item and Jinja2
compiles a template to Python, where Django's engine walks nodes and resolves each variable at run time. Each is
reached from a Django template through a thin tag in the app's templatetags that gathers the data and calls
`macros` (docs/development.md, "Templates: Django and Jinja2").

Their templates live in the app that draws them, `<app>/jinja2/<app>/` (roadmap/jinja2/roadmap/item.html,
progress/jinja2/progress/track.html), beside the tags that call them, rather than in a top-level `jinja2/` beside
`templates/`: a directory named `jinja2` at the project's root is a namespace package of that name on `sys.path`,
which tools take for our own code (ruff sorted `from jinja2 import ...` as first-party), and the app folders keep
one app's fragments from reaching into another's except by a named `{% from %}` import.

Autoescape is on, with MarkupSafe's escaping (in C): quotes come out as `&#34;` and `&#39;` where Django's
`escape` writes `&quot;` and `&#x27;`, the same characters to a browser. Escaping as Django does, through a Python
`finalize` on every value, cost 2.1 ms of the computed track page's 10.3 (bench/pair.py, three pairs on SQLite), so
it was dropped. Undefined names raise: a typo fails in tests instead of printing nothing. This module imports no
app (tests/test_architecture.py): what a fragment needs from an app (labels, date words) its tag passes in.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import engines
from django.templatetags.static import static
from jinja2 import Environment, StrictUndefined

from careerpath.reversing import reverse_once


def environment(**options) -> Environment:
    """The Jinja2 backend's environment (settings.TEMPLATES): `url(name, *args)` (reversed once per process),
    `static(path)`, and the `intcomma` filter."""
    options["undefined"] = StrictUndefined
    env = Environment(**options)  # noqa: S701 - the backend passes autoescape=True; settings keep it on
    env.globals.update(url=reverse_once, static=static)
    env.filters["intcomma"] = intcomma
    return env


def macros(template_name: str):
    """The macros of a Jinja2 template, for a Django template tag to call: `macros("progress/track.html").track_row(
    ...)`. A macro returns Markup, HTML that Jinja2 escaped as it built it, which a Django template inserts as it is.
    Calling the macro skips a render's new context: the fragments are drawn per row and per tick."""
    return engines["jinja2"].env.get_template(template_name).module
