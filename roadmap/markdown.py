"""Markdown (from editors in the admin, and learners' notes), turned into HTML that is safe to show any visitor.

cmarkgfm (GitHub's cmark-gfm, the C reference parser of CommonMark, which PyPI uses for READMEs) parses in linear time,
with tables and strikethrough; nh3 then keeps only harmless tags: no script, no event handlers, no javascript:
links. Learners' notes are rendered once, when saved (progress stores the HTML), so a page view never parses.

Why C: Python-Markdown's link parsing is quadratic (5,000 `[` took 6.6 s). markdown-it-py is linear but pure Python:
its worst 5,000-character notes (`[` runs, `![` runs) took 85-150 ms on our machines, over the 50 ms target, and
about 18 ms even for plain text of that length. cmark-gfm renders each of them in under 1 ms (`bench/` reports it).

One thing stays quadratic: sanitizing deeply nested containers (html5ever checks the open elements' scope at each
tag), and cmark nests without limit (`> ` 2,500 times is 2,500 block quotes: 85 ms in nh3). Containers deeper than
`MAX_NESTING` therefore lose their tags before sanitizing, keeping their text, as markdown-it's `maxNesting` did.
"""

import re
from functools import lru_cache

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# GitHub's autolink extension stays off: a bare URL stays text, as it always has.
EXTENSIONS = ["table", "strikethrough"]
# Raw HTML passes the parser ("unsafe") so that nh3, one place, decides what survives; tags it drops keep their text.
OPTIONS = Options.CMARK_OPT_UNSAFE

MAX_NESTING = 32  # block quotes, lists and list items inside each other; a list level counts two (list, item)
_CONTAINER_TAG = re.compile(r"<(/?)(?:blockquote|ul|ol|li|dl|dd)\b[^>]*>", re.IGNORECASE)


def _flatten_deep_containers(html: str) -> str:
    """Drop the tags of containers nested deeper than MAX_NESTING (their content stays), in one pass."""
    depth = 0

    def keep_or_drop(tag: re.Match) -> str:
        nonlocal depth
        if tag.group(1):
            depth = max(depth - 1, 0)
            return "" if depth >= MAX_NESTING else tag.group(0)
        depth += 1
        return "" if depth > MAX_NESTING else tag.group(0)

    return _CONTAINER_TAG.sub(keep_or_drop, html)


def markdown_to_safe_html(text: str) -> str:
    """Render and sanitize, uncached: the HTML stored with a learner's note."""
    html = cmarkgfm.markdown_to_html_with_extensions(text or "", options=OPTIONS, extensions=EXTENSIONS)
    return nh3.clean(
        _flatten_deep_containers(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


@lru_cache(maxsize=2048)
def render_markdown(text: str) -> SafeString:
    """Editors' Markdown for the content pages; the same texts repeat on every page view, so they are cached."""
    return mark_safe(markdown_to_safe_html(text))  # noqa: S308 - nh3 has just sanitized it


@lru_cache(maxsize=2048)
def render_markdown_inline(text: str) -> SafeString:
    """Editors' Markdown for a line inside other markup (a choice's label): one paragraph, without its <p>."""
    html = markdown_to_safe_html(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return mark_safe(html)  # noqa: S308 - nh3 has just sanitized it
