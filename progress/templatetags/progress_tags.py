"""The track page's learner fragments and a tick's htmx answer: thin tags over the Jinja2 macros of
jinja2/progress/track.html (careerpath/jinja2.py says why those fragments are Jinja2), plus the heatmap's squares
(jinja2/progress/dashboard.html). Each tag gathers what its macro needs; the markup is in the templates."""

from dataclasses import dataclass
from typing import ClassVar

from django import template

from careerpath.jinja2 import macros
from progress import forms, tallies
from progress.activity import HEATMAP_LEFT, HEATMAP_STEP, HEATMAP_TOP
from roadmap.templatetags.roadmap_tags import kind_labels

register = template.Library()

_NO_TOKEN = "NOTPROVIDED"  # noqa: S105 - what {% csrf_token %} reads as "no token", not a secret


@register.simple_tag
def status_choice(progress):
    """The status select's value for a learner's progress (None when they have not touched the item)."""
    return forms.status_choice(progress)


@register.simple_tag
def status_choices():
    return forms.STATUS_CHOICES


@dataclass(frozen=True)
class RowPage:
    """What every track row of one page or answer shares: who reads it, where its form returns, the labels."""

    signed_in: bool
    csrf_token: str
    here: str
    track_slug: str
    kind_labels: dict
    status_choices: list
    status_choice: ClassVar = staticmethod(forms.status_choice)


def row_page(context) -> RowPage:
    """The rows' shared data from a Django template's context (the track page's, or a tick answer's)."""
    signed_in = context["user"].is_authenticated
    token = context.get("csrf_token") if signed_in else None
    return RowPage(
        signed_in=signed_in,
        csrf_token=str(token) if token and token != _NO_TOKEN else "",
        here=context.get("here", ""),
        track_slug=context["track"].slug,
        kind_labels=kind_labels(),
        # the labels translated once a page, not once a row
        status_choices=[(value, str(label)) for value, label in forms.STATUS_CHOICES] if signed_in else [],
    )


def _track():
    return macros("progress/track.html")


@register.simple_tag
def status_icon(status):
    """The status icon, with its word for screen readers (none for "not started")."""
    return _track().status_icon(status)


@register.simple_tag(takes_context=True)
def stage_rows(context, entry):
    """A stage's rows on a track page (those its filter shows), and for a learner each row's status form. Jinja2:
    a track page draws one row per item, 73 on the ML path."""
    return _track().stage_rows(entry, row_page(context))


@register.simple_tag
def stage_progress(entry):
    """A stage's bar on a track page (a tick's answer redraws it out of band)."""
    return _track().stage_progress(entry)


@register.simple_tag
def track_progress(track, tally):
    """The learner's bar for the whole track on its page (a tick's answer redraws it out of band)."""
    return _track().track_progress(track, tally)


@register.simple_tag
def stage_complete(finished=None, following=None):
    """The place on a track page where a tick that completes a stage says so (empty until then)."""
    return _track().stage_complete(finished, following)


@register.simple_tag(takes_context=True)
def status_answer(context):
    """The answer to an htmx status change from a track row (the `progress-changed` partial): every fragment the
    change touches, swapped out of band. Jinja2: the answer is what learners wait for after each tick."""
    finished, following = context["finished"], context["following"]
    answer = {
        "track": context["track"],
        "track_tally": context["track_tally"],
        "stages": context["stages"],
        "changed_item": context["changed_item"],
        "finished": finished,
        "following": following,
        "finished_words": tallies.stage_complete_words(finished, following) if finished else "",
    }
    return _track().status_answer(answer, row_page(context))


@register.simple_tag
def heatmap_cells(heatmap):
    """The heatmap's day squares as compact SVG (jinja2/progress/dashboard.html says how)."""
    return macros("progress/dashboard.html").heatmap_cells(heatmap, HEATMAP_STEP, HEATMAP_LEFT, HEATMAP_TOP)
