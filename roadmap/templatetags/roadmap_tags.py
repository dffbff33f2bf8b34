from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from careerpath.reversing import reverse_once
from roadmap.markdown import render_markdown
from roadmap.models import ItemKind

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """`{{ item.description|markdown }}`: sanitized HTML from admin-authored Markdown."""
    return render_markdown(text)


@register.simple_tag
def weight_dots(weight: int):
    """Five dots, `weight` of them filled, with the number spelled out for screen readers."""
    weight = max(0, min(5, int(weight)))
    return format_html(
        '<span class="weight" aria-hidden="true">{}</span><span class="visually-hidden">weight {} of 5</span>',
        "●" * weight + "○" * (5 - weight),
        weight,
    )


_KIND_LABELS = dict(ItemKind.choices)  # what get_kind_display() reads, without its cost on every row


@register.simple_tag
def item_badges(item):
    """The item's kind, skill area and hours as badges: on every row of a track page, so built here (an f-string,
    its text escaped), not included."""
    area = item.skill_area
    area_badge = (
        f' <span class="badge rounded-pill bg-body-secondary text-body-emphasis border">{escape(area.title)}</span> '
        if area
        else " "
    )
    return SafeString(
        f'<span class="badge rounded-pill badge-kind-{escape(item.kind)}">'
        f"{escape(str(_KIND_LABELS.get(item.kind, item.kind)))}</span>{area_badge}"
        f'<span class="small text-body-secondary ms-1"><i class="bi bi-clock" aria-hidden="true"></i> '
        f'{item.estimated_hours} h<span class="visually-hidden"> estimated</span></span>'
    )


@register.simple_tag
def url_once(name, *args):
    """`{% url %}` with positional arguments, reversed once per process (careerpath.reversing): for pages that show
    a URL per row."""
    return reverse_once(name, *args)


@register.simple_tag(takes_context=True)
def nav_track_links(context):
    """The navbar's link to every published track, the current page's marked: on every page, so built here (the
    template's loop with two comparisons a link was most of the navbar's cost)."""
    path = getattr(context.get("request"), "path", None)
    links = []
    for track in context.get("nav_tracks", ()):
        url = reverse_once("roadmap:track-detail", track.slug)
        marks = ' class="nav-link active" aria-current="page"' if url == path else ' class="nav-link"'
        links.append(f'<li class="nav-item"><a{marks} href="{escape(url)}">{escape(track.short_title)}</a></li>')
    return SafeString("".join(links))
