"""Taking an item's self-check: one page, one POST, no JavaScript needed; then the result with the explanations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from progress.selectors import progress_get
from roadmap.models import Item, Publication, SelfCheck

from . import selectors, services


def _published_check(slug: str) -> SelfCheck:
    """The check of the published item `slug`, with its item (one query)."""
    published = SelfCheck.objects.select_related("item").filter(item__slug=slug, item__status=Publication.PUBLISHED)
    self_check = published.first()
    if self_check is None:
        raise Http404("No published item with a check has this address.")
    return self_check


@login_required
@require_http_methods(["GET", "POST"])
def check_take(request, slug):
    """GET: the learner's draw (the same one until they submit it); POST: score it and show the result."""
    self_check = _published_check(slug)
    try:
        if request.method == "POST":
            answers = {name: request.POST.getlist(name) for name in request.POST}
            attempt = services.attempt_submit(
                user=request.user, self_check=self_check, attempt_id=request.POST.get("attempt"), answers=answers
            )
            return redirect("assessment:attempt", slug=slug, attempt_id=attempt.pk)
        attempt, questions = services.attempt_start(user=request.user, self_check=self_check)
    except services.CheckRefused as refused:
        context = {"item": self_check.item, "self_check": self_check, "message": refused.message}
        return render(request, "assessment/refused.html", context, status=refused.status)
    drawn = [
        {"number": number, "question": question, "choices": _shown_choices(question, attempt.draw[number - 1])}
        for number, question in enumerate(questions, start=1)
    ]
    return render(request, "assessment/check.html", {"item": self_check.item, "self_check": self_check,
                                                      "attempt": attempt, "drawn": drawn})  # fmt: skip


def _shown_choices(question, drawn) -> list:
    """The question's choices in the order this attempt shows them (their place is the form's value)."""
    by_id = {choice.pk: choice for choice in question.choices.all()}
    return [by_id[choice_id] for choice_id in drawn["choices"] if choice_id in by_id]


@login_required
@require_GET
def attempt_result(request, slug, attempt_id):
    """A submitted attempt of the learner's own: each question with their answer, the right one and why."""
    self_check = _published_check(slug)
    attempt = selectors.attempt_submitted(user=request.user, self_check=self_check, attempt_id=attempt_id)
    if attempt is None:
        raise Http404("No submitted attempt of yours has this number.")
    questions = selectors.attempt_questions(attempt)
    rows = []
    for number, question in enumerate(questions, start=1):
        given = attempt.answers.get(str(question.pk))
        choices = _shown_choices(question, attempt.draw[number - 1])
        rows.append({"number": number, "question": question, "given": given, "choices": choices,
                     "picked": set(given) if isinstance(given, list) else set(),
                     "right": services.is_right(question, given)})  # fmt: skip
    progress = progress_get(user=request.user, item=self_check.item)
    context = {"item": self_check.item, "self_check": self_check, "attempt": attempt, "rows": rows,
               "offer_done": attempt.passed and (progress is None or progress.status != "done"),
               "retake_at": selectors.retake_at(user=request.user, self_check=self_check)}  # fmt: skip
    return render(request, "assessment/result.html", context)


@login_required
@require_POST
def self_review(request, slug):
    """The learner scores their own project against its rubric: kept and shown to them, never counted as shown."""
    item = get_object_or_404(Item.objects.published(), slug=slug)
    scores = {}
    for name, value in request.POST.items():
        if name.startswith("score-"):
            scores[name.removeprefix("score-")] = int(value) if value.isdigit() else 0
    try:
        services.self_review_save(user=request.user, item=item, scores=scores)
    except services.CheckRefused as refused:
        context = {"item": item, "self_check": None, "message": refused.message}
        return render(request, "assessment/refused.html", context, status=refused.status)
    messages.success(request, "Your self-review is saved. It helps you prepare; only a mentor's review shows it.")
    return redirect(item.get_absolute_url() + "#item-rubric")
