from django import template
from django.utils.html import format_html

from roadmap.markdown import render_markdown

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
