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

    One square is defined once and used everywhere. The empty squares are one pattern filling the year's grid (full
    weeks, then the days of this week so far); each day with progress is a square drawn over it, with its date and
    count as a tooltip. 371 rectangles with titles were 41 KB of the cached page; the grid is now a few hundred bytes
    and each active day about 90.
    """
    if not heatmap.cells:
        return ""
    full_weeks = heatmap.cells[-1].week
    this_week = sum(1 for cell in heatmap.cells if cell.week == full_weeks)
    step, left, top = HEATMAP_STEP, HEATMAP_LEFT, HEATMAP_TOP
    grid = format_html(
        '<defs><rect id="hc" width="11" height="11" rx="2"/>'
        '<pattern id="heat-grid" x="{}" y="{}" width="{}" height="{}" patternUnits="userSpaceOnUse">'
        '<use class="heat heat-0" href="#hc"/></pattern></defs>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#heat-grid)"/>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#heat-grid)"/>',
        left, top, step, step,
        left, top, full_weeks * step, 7 * step,
        left + full_weeks * step, top, step, this_week * step,
    )  # fmt: skip
    groups = []
    for level in range(1, 5):  # one group per shade: the squares inside take its fill
        squares = format_html_join(
            "",
            '<use href="#hc" x="{}" y="{}"><title>{}: {} change{}</title></use>',
            (
                (cell.x, cell.y, f"{cell.day.day} {cell.day:%b %Y}", cell.count, "" if cell.count == 1 else "s")
                for cell in heatmap.cells
                if cell.count and cell.level == level
            ),
        )
        if squares:
            groups.append(format_html('<g class="heat heat-{}">{}</g>', level, squares))
    active = format_html_join("", "{}", ((group,) for group in groups))
    return grid + active
