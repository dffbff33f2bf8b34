from django import template
from django.utils.html import format_html, format_html_join

from progress import forms
from progress.activity import HEATMAP_LEFT, HEATMAP_STEP, HEATMAP_TOP

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

    The empty squares are one pattern filling the year's grid (full weeks, then the days of this week so far); each
    day with progress is a square drawn over it, with its date and count as a tooltip. 371 rectangles with titles
    were 41 KB of the cached page; the grid is now a few hundred bytes and each active day about 100.
    """
    if not heatmap.cells:
        return ""
    full_weeks = heatmap.cells[-1].week
    this_week = sum(1 for cell in heatmap.cells if cell.week == full_weeks)
    step, left, top = HEATMAP_STEP, HEATMAP_LEFT, HEATMAP_TOP
    grid = format_html(
        '<defs><pattern id="heat-grid" x="{}" y="{}" width="{}" height="{}" patternUnits="userSpaceOnUse">'
        '<rect class="heat heat-0" width="11" height="11" rx="2"/></pattern></defs>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#heat-grid)"/>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#heat-grid)"/>',
        left, top, step, step,
        left, top, full_weeks * step, 7 * step,
        left + full_weeks * step, top, step, this_week * step,
    )  # fmt: skip
    active = format_html_join(
        "",
        '<rect class="heat heat-{}" x="{}" y="{}" width="11" height="11" rx="2"><title>{}: {} change{}</title></rect>',
        (
            (cell.level, cell.x, cell.y, f"{cell.day.day} {cell.day:%b %Y}", cell.count, "" if cell.count == 1 else "s")
            for cell in heatmap.cells
            if cell.count
        ),
    )
    return grid + active
