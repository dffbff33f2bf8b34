from django import template

from careerpath.jinja2 import macros
from careerpath.reversing import reverse_once
from roadmap.markdown import render_markdown, render_markdown_inline
from roadmap.models import ItemKind

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """`{{ item.description|markdown }}`: sanitized HTML from admin-authored Markdown."""
    return render_markdown(text)


@register.filter(name="markdown_inline")
def markdown_inline_filter(text: str):
    """`{{ choice.text|markdown_inline }}`: sanitized HTML from admin-authored Markdown, without a paragraph."""
    return render_markdown_inline(text)


@register.filter
def weight_dots(weight: int) -> str:
    """Five dots, `weight` of them filled: "●●●○○" for 3 (includes/weight_dots.html draws them)."""
    weight = max(0, min(5, int(weight)))
    return "●" * weight + "○" * (5 - weight)


def kind_labels() -> dict[str, str]:
    """Each item kind's label in the current language: what get_kind_display() reads, without its cost per row."""
    return {value: str(label) for value, label in ItemKind.choices}


@register.simple_tag
def item_badges(item):
    """The item's kind, skill area and hours as badges (jinja2/roadmap/item.html, which the track rows share)."""
    return macros("roadmap/item.html").item_badges(item, kind_labels())


@register.simple_tag
def url_once(name, *args):
    """`{% url %}` with positional arguments, reversed once per process (careerpath.reversing): for pages that show
    a URL per row."""
    return reverse_once(name, *args)


@register.simple_tag(takes_context=True)
def nav_track_links(context):
    """The navbar's link to every published track, the current page's marked: on every page, so Jinja2
    (roadmap/jinja2/roadmap/navigation.html; the Django template's loop cost 30-80 µs more a page)."""
    path = getattr(context.get("request"), "path", None)
    return macros("roadmap/navigation.html").track_links(context.get("nav_tracks", ()), path)
