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
def burnup_chart(chart):
    """The burn-up chart (SVG), its legend and its numbers, or nothing without a chart. Coordinates print as the
    template printed them: floats as Python writes them (en-us, the site's only language), labels' offsets through
    `add`'s whole numbers."""
    if not chart:
        return ""
    scope_y, bottom_y, left, right_x = chart.scope_y, chart.bottom_y, chart.left, chart.right_x
    y_labels = "".join(
        f'<text class="chart-label" x="0" y="{int(y) + 4}">{escape(label)}</text>' for y, label in chart.y_labels
    )
    x_labels = "".join(
        f'<text class="chart-label" x="{x}" y="{int(chart.height) - 8}">{escape(label)}</text>'
        for x, label in chart.x_labels
    )
    target = ""
    if chart.target_x is not None:
        target = (
            f'<line class="burnup-target" x1="{chart.target_x}" y1="{scope_y}" x2="{chart.target_x}" '
            f'y2="{bottom_y}"></line>'
        )
    forecasts = "".join(
        f'<polyline class="burnup-forecast burnup-forecast-{escape(line.kind)}" points="{escape(line.points)}">'
        "</polyline>"
        for line in chart.lines
    )
    reached = "".join(
        f"<li>{escape(line.label)}: {intcomma(line.end[1])} h reached on {day_label(line.end[0])}</li>"
        for line in chart.lines
    )
    if chart.target_date:
        reached += f"<li>Target date: {day_label(chart.target_date)}</li>"
    return SafeString(
        '<h3 class="h6 mt-3" id="burnup-heading">Hours finished here, and where the forecasts lead</h3>\n'
        f'<svg class="chart burnup" viewBox="0 0 {chart.width} {chart.height}" role="img" '
        'aria-labelledby="burnup-title" preserveAspectRatio="xMinYMin meet">\n'
        '<title id="burnup-title">Burn-up chart: the table that follows gives the same numbers.</title>\n'
        f'<line class="burnup-axis" x1="{left}" y1="{bottom_y}" x2="{right_x}" y2="{bottom_y}"></line>\n'
        f'<line class="burnup-scope" x1="{left}" y1="{scope_y}" x2="{right_x}" y2="{scope_y}"></line>\n'
        f"{y_labels}\n{x_labels}\n{target}\n{forecasts}\n"
        f'<polyline class="burnup-done" points="{escape(chart.done_points)}"></polyline>\n</svg>\n'
        '<p class="small text-body-secondary mb-1"><span class="legend legend-done" aria-hidden="true"></span> '
        'finished here · <span class="legend legend-pace" aria-hidden="true"></span> at your pace · '
        '<span class="legend legend-planned" aria-hidden="true"></span> at your planned hours · '
        '<span class="legend legend-target" aria-hidden="true"></span> target date · top line: '
        f"{intcomma(chart.scope)} h, ready</p>\n"
        '<details class="small">\n<summary>The numbers</summary>\n'
        '<table class="table table-sm mb-0 numbers" id="burnup-table">\n'
        '<caption class="visually-hidden">Hours finished here, in the weeks the total changed, and the forecasts'
        "</caption>\n"
        '<thead><tr><th scope="col">Week of</th><th scope="col">Hours finished here (total)</th></tr></thead>\n'
        f"<tbody>{burnup_rows(chart)}</tbody>\n</table>\n"
        f'<ul class="mt-2 mb-0">\n{reached}\n</ul>\n</details>'
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
