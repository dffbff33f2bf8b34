"""Pages as an independent HTML parser reads them (html5lib, the WHATWG parsing algorithm; the W3C checker needs
Java, which these machines lack): no parse error on the pages with times and help texts, every `<time datetime>`
value in the HTML standard's syntax, and no help text that a browser would read as markup."""

import re

import html5lib
import pytest
from django.apps import apps
from django.urls import reverse

from progress.services import progress_set_status
from tests.factories import StageItemFactory

pytestmark = pytest.mark.django_db

# HTML Living Standard 2.4.5: a date; a local or global date and time (fractions of a second: 1 to 3 digits; the
# offset Z, or +hh:mm, +hhmm); a time.
DATE = r"\d{4,}-\d\d-\d\d"
TIME = r"\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?"
OFFSET = r"(?:Z|[+-]\d\d:?\d\d)"
VALID_DATETIME = re.compile(rf"^(?:{DATE}|{TIME}|{DATE}[T ]{TIME}{OFFSET}?)$")


def parsed(page: bytes):
    """The page's tree; any parse error fails (strict)."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


@pytest.fixture
def history(user):
    item = StageItemFactory(item__slug="python", item__title="Python").item
    progress_set_status(user=user, item=item, status="in_progress")
    progress_set_status(user=user, item=item, status="done")
    return item


def test_time_values_are_valid_html_on_the_pages_that_show_times(client_logged_in, history):
    times = []
    for url in (reverse("progress:history"), history.get_absolute_url(), reverse("progress:dashboard")):
        answer = client_logged_in.get(url)
        assert answer.status_code == 200, url
        times += [(url, element.get("datetime")) for element in parsed(answer.content).iter("time")]
    assert len(times) >= 4, times
    assert [value for value in times if not VALID_DATETIME.match(value[1] or "")] == []


def test_the_portfolio_settings_say_the_address_in_words_not_as_a_lost_tag(client_logged_in):
    answer = client_logged_in.get(reverse("portfolio:settings"))
    tree = parsed(answer.content)
    text = " ".join(" ".join(tree.find("body").itertext()).split())
    assert "/u/your-handle/." in text and "/u//." not in text


def test_no_help_text_holds_markup():
    """Django writes help texts into forms unescaped (they may hold HTML): ours are plain text, so a `<word>` in
    one is a tag a browser swallows."""
    ours = {"accounts", "assessment", "careerpath", "mentoring", "onboarding", "planning", "portfolio", "progress",
            "roadmap"}  # fmt: skip
    marked = [
        f"{model._meta.label}.{field.name}: {field.help_text}"
        for model in apps.get_models()
        if model._meta.app_label in ours
        for field in model._meta.get_fields()
        if re.search(r"[<>&]", str(getattr(field, "help_text", "")))
    ]
    assert marked == []
