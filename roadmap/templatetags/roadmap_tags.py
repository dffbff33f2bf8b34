from django import template
from django.utils.html import format_html, format_html_join

from roadmap import forms
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


@register.simple_tag
def status_choice(progress):
    """The status select's value for a learner's progress (None when they have not touched the item)."""
    return forms.status_choice(progress)


@register.simple_tag
def status_choices():
    return forms.STATUS_CHOICES


@register.simple_tag
def heatmap_cells(heatmap):
    """The heatmap's 371 day squares as SVG, built in Python: the template loop took most of the dashboard's render."""
    return format_html_join(
        "",
        '<rect class="heat heat-{}" x="{}" y="{}" width="11" height="11" rx="2"><title>{}: {} change{}</title></rect>',
        (
            (cell.level, cell.x, cell.y, f"{cell.day.day} {cell.day:%b %Y}", cell.count, "" if cell.count == 1 else "s")
            for cell in heatmap.cells
        ),
    )
