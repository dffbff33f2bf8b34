"""The dashboard's lists, tables and charts: thin tags over the Jinja2 macros of jinja2/progress/dashboard.html.

A computed dashboard draws about 300 rows, bars and labels: through Django template loops their variables, filters,
`date` formatting and per-row includes took half of the page (9 of 20 ms for a busy learner), so they are Jinja2
(careerpath/jinja2.py). Numbers print as the Django template printed them (whole numbers as plain digits, `intcomma`
where the template used it) and day names come from Django's translated month names, without the `date` filter's
cost.
"""

from django import template
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3

from careerpath.jinja2 import macros
from progress.models import ProgressEventKind, ProgressStatus

register = template.Library()


def _month(day) -> str:
    """The month's translated three-letter name, as Django's `date` filter writes "M" (its formatting takes 25 µs
    a call: a table of 34 weeks spent 1 ms on it)."""
    return MONTHS_3[day.month].title()


@register.filter
def day_label(day) -> str:
    """`day|date:"j M Y"` for a date: 4 Mar 2026."""
    return f"{day.day} {_month(day)} {day.year}" if day else ""


@register.filter
def long_day_label(day) -> str:
    """`day|date:"j F Y"` for a date: 4 March 2026."""
    return f"{day.day} {MONTHS[day.month]} {day.year}" if day else ""


def _dashboard():
    return macros("progress/dashboard.html")


@register.simple_tag
def stage_bar_items(stages):
    """A track's stages as bars: name, done out of all items, percent."""
    return _dashboard().stage_bar_items(stages)


@register.simple_tag
def area_bar_items(areas):
    """The goal's readiness by skill area, one bar each."""
    return _dashboard().area_bar_items(areas)


@register.simple_tag
def role_rows(states):
    """The other roles' table rows: readiness bar and percent, required items done, hours left."""
    return _dashboard().role_rows(states)


@register.simple_tag
def missing_items(states):
    """The goal's required items not done yet, each with its hours and whether it is skipped or under way."""
    return _dashboard().missing_items(states)


@register.simple_tag
def burnup_chart(chart):
    """The burn-up chart (SVG), its legend and its numbers, or nothing without a chart."""
    return _dashboard().burnup_chart(chart, day_label)


@register.simple_tag
def month_rows(heatmap):
    """The heatmap's text equivalent: progress days and changes per month."""
    return _dashboard().month_rows(heatmap)


@register.simple_tag
def heatmap_month_labels(heatmap):
    """The month names along the heatmap's top, over the week each month starts in."""
    return _dashboard().heatmap_month_labels(heatmap)


_STATUS_LABELS = dict(ProgressStatus.choices)  # what get_to_status_display() reads, without its 25 µs a call


def event_change(event) -> str:
    """What a change (an event, or its columns as progress.selectors.LatestChange) did, in a few words ("done",
    "known before joining", "not started (track reset)")."""
    if event.kind == ProgressEventKind.KNOWN:
        return "known before joining" if event.to_status == ProgressStatus.DONE else "no longer marked as known"
    words = str(_STATUS_LABELS.get(event.to_status, event.to_status)).lower()
    return f"{words} (track reset)" if event.kind == ProgressEventKind.RESET else words


@register.simple_tag
def latest_changes(changes):
    """The learner's latest changes (progress.selectors.LatestChange), at their local time."""
    return _dashboard().latest_changes(changes, timezone.localtime, _month, event_change)
