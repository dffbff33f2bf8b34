from django import template
from django.utils.html import format_html_join

from progress import forms

register = template.Library()


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
