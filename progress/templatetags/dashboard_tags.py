"""The dashboard's lists and tables, built in Python.

A computed dashboard drew about 300 rows, bars and labels through template loops: their variables, filters, `date`
formatting and per-row includes took half of the page (9 of 20 ms for a busy learner). Each tag here draws one loop
with the same markup and the same words; numbers print as the template printed them (whole numbers as plain
digits, `intcomma` where the template used it) and day names come from Django's translated month names.

The rows are f-strings with only their text escaped (`html.escape`, what Django's `escape` calls): `format_html`
escapes every argument, numbers too, through lazy-string checks, and that cost 1 µs an argument.
"""

from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.safestring import SafeString

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


def _joined(rows) -> SafeString:
    return SafeString("".join(rows))


@register.simple_tag
def stage_bar_items(stages):
    """A track's stages as bars: name, done out of all items, percent (each stage's tally counted once)."""
    rows = []
    for stage in stages:
        tally, title = stage.tally, escape(stage.stage.title)
        rows.append(
            f'<li><span class="stage-name">{title}</span><progress class="progress-meter" max="{tally.total or 1}" '
            f'value="{tally.done}" aria-label="{title}: {tally.percent}% done">{tally.percent}%</progress>'
            f'<span class="text-nowrap">{tally.done}/{tally.total}</span></li>'
        )
    return _joined(rows)


@register.simple_tag
def area_bar_items(areas):
    """The goal's readiness by skill area, one bar each."""
    return _joined(
        f'<li><span class="stage-name">{escape(bar.title)}</span><progress class="progress-meter" '
        f'max="{bar.weight or 1}" value="{bar.done_weight}" aria-label="{escape(bar.title)}: {bar.done_weight} of '
        f'{bar.weight} weight done">{bar.percent}%</progress><b>{bar.percent}%</b></li>'
        for bar in areas
    )


@register.simple_tag
def role_rows(states):
    """The other roles' table rows: readiness bar and percent, required items done, hours left."""
    rows = []
    for state in states:
        required_weight, done_weight, percent = state.required_weight, state.done_weight, state.percent
        role = state.role
        title = escape(role.title)
        rows.append(
            f'<tr><th scope="row"><a href="{escape(role.get_absolute_url())}">{title}</a></th><td class="text-nowrap">'
            f'<progress class="progress-meter d-none d-sm-inline-block align-middle" max="{required_weight or 1}" '
            f'value="{done_weight}" aria-label="{title}: {percent}% ready">{percent}%</progress> '
            f'<span class="fw-bold" data-readiness="{escape(role.slug)}">{percent}%</span></td>'
            f"<td>{state.done_count}/{len(state.required)}</td><td>{escape(intcomma(state.hours_left))} h</td></tr>"
        )
    return _joined(rows)


_MISSING_MARKS = {ProgressStatus.SKIPPED: " · skipped", ProgressStatus.IN_PROGRESS: " · in progress"}


@register.simple_tag
def missing_items(states):
    """The goal's required items not done yet, each with its hours and whether it is skipped or under way."""
    return _joined(
        f'<li><a href="{escape(state.item.get_absolute_url())}">{escape(state.item.title)}</a> · '
        f"{state.item.estimated_hours} h{_MISSING_MARKS.get(state.status, '')}</li>"
        for state in states
    )


@register.simple_tag
def burnup_rows(chart):
    """The burn-up chart's numbers: the weeks in which the hours finished here changed."""
    return _joined(
        f'<tr><th scope="row">{escape(day_label(day))}</th><td>{hours}</td></tr>' for day, hours in chart.changes
    )


@register.simple_tag
def month_rows(heatmap):
    """The heatmap's text equivalent: progress days and changes per month."""
    return _joined(
        f'<tr><th scope="row">{escape(label)}</th><td>{days}</td><td>{changes}</td></tr>'
        for label, days, changes in heatmap.by_month
    )


@register.simple_tag
def heatmap_month_labels(heatmap):
    """The month names along the heatmap's top, over the week each month starts in."""
    return _joined(
        f'<text class="chart-label" x="{x}" y="10">{escape(label)}</text>' for x, label in heatmap.month_labels
    )


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
    rows = []
    for change in changes:
        moment = timezone.localtime(change.created_at)
        rows.append(
            f'<li class="py-1"><time datetime="{moment:%Y-%m-%dT%H:%M%z}">'  # date:'Y-m-d\\TH:iO'
            f"{moment.day} {escape(_month(moment))}, {moment:%H:%M}</time> · "  # date:"j M, H:i"
            f"{escape(change.item_title)}: {escape(event_change(change))}</li>"
        )
    return _joined(rows)
