from django import template
from django.utils.html import format_html, format_html_join

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
    """The heatmap's day squares as compact SVG, built in Python (a template loop took most of the dashboard's render).

    Days without progress (most of a year) are one path of small squares, with no tooltip of their own; each day
    with progress is a square with its date and count as a tooltip. 371 rectangles with titles were 41 KB of the
    cached page; this is about a quarter of that for a learner active one day in seven.
    """
    empty = "".join(f"M{cell.x} {cell.y}h11v11h-11z" for cell in heatmap.cells if not cell.count)
    active = format_html_join(
        "",
        '<rect class="heat heat-{}" x="{}" y="{}" width="11" height="11" rx="2"><title>{}: {} change{}</title></rect>',
        (
            (cell.level, cell.x, cell.y, f"{cell.day.day} {cell.day:%b %Y}", cell.count, "" if cell.count == 1 else "s")
            for cell in heatmap.cells
            if cell.count
        ),
    )
    return format_html('<path class="heat heat-0" d="{}"/>{}', empty, active) if empty else active
