from functools import lru_cache
from html import escape

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from careerpath.reversing import reverse_once
from progress import forms, selectors
from progress.activity import HEATMAP_LEFT, HEATMAP_STEP, HEATMAP_TOP
from roadmap.templatetags.roadmap_tags import item_badges

register = template.Library()


@register.simple_tag
def status_choice(progress):
    """The status select's value for a learner's progress (None when they have not touched the item)."""
    return forms.status_choice(progress)


@register.simple_tag
def status_choices():
    return forms.STATUS_CHOICES


_STATUS_ICONS = {
    "done": ("bi-check-circle-fill text-success", "Done: "),
    "in_progress": ("bi-circle-half text-primary", "In progress: "),
    "skipped": ("bi-skip-forward-circle text-body-secondary", "Skipped: "),
}


@register.simple_tag
def status_icon(status):
    """The row's status icon, with its word for screen readers (none for "not started"). A tag, not an include:
    a track page draws one per row, and an include's own context and lookup cost more than the markup."""
    icon, words = _STATUS_ICONS.get(status, ("bi-circle text-body-tertiary", ""))  # fixed markup: nothing to escape
    hidden = f'<span class="visually-hidden">{words}</span>' if words else ""
    return SafeString(f'<i class="bi {icon} status-icon" aria-hidden="true"></i>{hidden}')


@lru_cache(maxsize=64)
def _status_options(language: str, chosen: str) -> str:
    """The select's options with `chosen` selected, in a language: a handful of variants, made once per process."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == chosen else "", label) for value, label in forms.STATUS_CHOICES),
    )


@register.simple_tag
def status_select(progress, select_id):
    """The status control of a track row, its current choice selected (drawn once per row, so built here)."""
    options = _status_options(get_language(), forms.status_choice(progress))
    select_id = escape(select_id)
    return SafeString(
        f'<select class="form-select form-select-sm status-select" name="status" id="{select_id}">{options}</select>'
    )


_EVIDENCE = '<i class="bi bi-link-45deg" aria-hidden="true"></i> evidence linked'
_NO_TOKEN = "NOTPROVIDED"  # noqa: S105 - what {% csrf_token %} reads as "no token", not a secret
_NOTE = ' <i class="bi bi-journal-text ms-1" aria-hidden="true"></i> note'


@register.simple_tag(takes_context=True)
def track_row(context, row, stage):
    """One item's row on a track page, and in a tick's htmx answer (the `item-row` partial): its status, link,
    summary, marks for a note or evidence, badges, and for a learner the status form (which works without JavaScript
    too). Built here rather than in the template: a track page draws one per item, 70 on the ML path, and the
    template's variables, tags and filters took two thirds of a computed page (0.2 ms a row). An f-string with its
    text escaped (`html.escape`, what Django's `escape` calls): `format_html` escaped every argument through lazy-
    string checks, a third of the row's cost."""
    item = row.item
    row_id = f"row-{stage.pk}-{item.pk}"
    status = getattr(row, "status", "")
    progress = getattr(row, "progress", None)
    marks = ""
    if progress is not None and (progress.evidence_url or progress.note):
        evidence, note = _EVIDENCE if progress.evidence_url else "", _NOTE if progress.note else ""
        marks = f'<div class="small mt-1 text-body-secondary">{evidence}{note}</div>'
    title = escape(item.title)
    icon, form = "", ""
    if context["user"].is_authenticated:
        icon = status_icon(status)
        token = context.get("csrf_token")
        csrf = ""
        if token and token != _NO_TOKEN:
            csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'
        select_id = f"status-{stage.slug}-{item.slug}"
        url = escape(reverse_once("progress:status", item.slug))
        form = (
            f'<form class="status-form" method="post" action="{url}" hx-post="{url}" hx-trigger="change" '
            f'hx-swap="none">{csrf}'
            f'<input type="hidden" name="next" value="{escape(context.get("here", ""))}#{row_id}">'
            f'<input type="hidden" name="track" value="{escape(context["track"].slug)}">'
            f'<label class="visually-hidden" for="{escape(select_id)}">Your status on {title}</label>'
            f"{status_select(progress, select_id)}"
            '<button type="submit" class="btn btn-sm btn-outline-primary no-htmx">Save</button></form>'
        )
    return SafeString(
        f'<li class="item-row" id="{row_id}" data-status="{escape(status)}" hx-swap-oob="true">{icon}'
        f'<div class="item-main"><a class="fw-semibold" href="{escape(item.get_absolute_url())}">{title}</a>'
        f'<div class="small text-body-secondary">{escape(item.summary)}</div>{marks}</div>'
        f'<div class="item-meta">{item_badges(item)}{form}</div></li>'
    )


@register.simple_tag
def stage_progress(entry):
    """A stage's bar on a track page, and in a tick's answer when the item sits in it (swapped out of band): its
    tally counted once (a learner's stage computes it on each read), its title escaped."""
    tally, stage = entry.tally, entry.stage
    skipped = f" · {tally.skipped} skipped" if tally.skipped else ""
    return SafeString(
        f'<div id="stage-progress-{stage.pk}" class="stage-progress d-flex align-items-center gap-2 small mb-2" '
        f'hx-swap-oob="true"><progress class="progress-meter" max="{tally.total}" value="{tally.done}" '
        f'aria-label="{escape(stage.title)}: {tally.percent}% done">{tally.percent}%</progress>'
        f'<span class="text-nowrap">{tally.done}/{tally.total} done{skipped}</span></div>'
    )


@register.simple_tag
def track_progress(track, tally):
    """The learner's bar for the whole track on its page, and in a tick's answer (swapped out of band): counts as
    plain digits (what en-us shows), the reset link once anything was touched."""
    reset = ""
    if tally.done or tally.in_progress or tally.skipped:
        reset = f'<a href="{escape(reverse_once("progress:track-reset", track.slug))}">Reset this track…</a>'
    return SafeString(
        '<section id="track-progress" class="card card-body mb-4 track-progress" '
        'aria-labelledby="track-progress-heading" hx-swap-oob="true">'
        '<div class="d-flex flex-wrap justify-content-between align-items-baseline gap-2">'
        '<h2 id="track-progress-heading" class="h6 mb-0">Your progress on this track</h2>'
        f'<span class="fw-semibold">{tally.percent}% done</span></div>'
        f'<progress class="progress-meter my-2" max="{tally.total or 1}" value="{tally.done}" '
        f'aria-labelledby="track-progress-heading">{tally.percent}%</progress>'
        '<p class="small text-body-secondary mb-0">\n'
        f"{tally.done} of {tally.total} done · {tally.in_progress} in progress · {tally.skipped} skipped.\n"
        f"Skipped items stay in the total and never count as done.\n{reset}</p></section>"
    )


@register.simple_tag
def stage_complete(finished=None, following=None):
    """The place on a track page where a tick that completes a stage says so (empty until then), and that message
    in the tick's answer, with a link to the next stage."""
    message = ""
    if finished:
        if following:
            then = f' Next: <a href="#stage-{escape(following.slug)}">{escape(following.title)}</a>.'
        else:
            then = " That was the last stage of this track."
        message = (
            '<p class="alert alert-success" role="status"><i class="bi bi-trophy" aria-hidden="true"></i> '
            f"<strong>Stage complete: {escape(finished.stage.title)}</strong>, "
            f"{finished.tally.done} of {finished.tally.total}.{then}</p>"
        )
    return SafeString(f'<div id="stage-complete" hx-swap-oob="true">{message}</div>')


@register.simple_tag(takes_context=True)
def status_answer(context):
    """The answer to an htmx status change from a track row: every fragment the change touches, swapped out of band
    (the track's bar, the stage-complete message, the bars and rows of the stages the item sits in) and the words
    announced to screen readers. Built here: the answer is what learners wait for after each tick, and the template's
    includes and loops were a sixth of it."""
    tally, finished, following = context["track_tally"], context["finished"], context["following"]
    parts = [track_progress(context["track"], tally), stage_complete(finished, following)]
    for entry in context["stages"]:
        parts.append(stage_progress(entry))
        parts.extend(track_row(context, row, entry.stage) for row in entry.rows)
    said = f"Saved: {escape(context['changed_item'].title)}. {tally.done} of {tally.total} done on this track."
    if finished:
        said += f" {escape(selectors.stage_complete_words(finished, following))}"
    parts.append(
        '<div id="progress-announcement" class="visually-hidden" role="status" aria-live="polite" '
        f'hx-swap-oob="true">{said}</div>'
    )
    return SafeString("\n".join(parts))


@register.simple_tag
def heatmap_cells(heatmap):
    """The heatmap's day squares as compact SVG, built in Python (a template loop took most of the dashboard's render).

    One square is defined once and used everywhere. The empty squares are one pattern filling the year's grid (full
    weeks, then the days of this week so far); each day with progress is a square drawn over it, with its date and
    count as a tooltip. 371 rectangles with titles were 41 KB of the cached page; the grid is now a few hundred bytes
    and each active day about 90.
    """
    full_weeks, this_week = heatmap.full_weeks, heatmap.days_this_week
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
    by_level: dict[int, list[str]] = {}
    for cell in heatmap.active:  # numbers and C-locale month names only: nothing to escape
        by_level.setdefault(cell.level, []).append(
            f'<use href="#hc" x="{cell.x}" y="{cell.y}"><title>{cell.day.day} {cell.day:%b %Y}: {cell.count} '
            f"change{'' if cell.count == 1 else 's'}</title></use>"
        )
    # one group per shade: the squares inside take its fill
    active = "".join(f'<g class="heat heat-{level}">{"".join(uses)}</g>' for level, uses in sorted(by_level.items()))
    return grid + mark_safe(active)  # noqa: S308 - built above from numbers and fixed words
