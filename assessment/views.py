"""Taking an item's self-check: one page, one POST, no JavaScript needed; then the result with the explanations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from progress.selectors import progress_get
from roadmap.models import Item, SelfCheck, posted_scores

from . import selectors, services


def _published_check(slug: str) -> SelfCheck:
    if (self_check := selectors.self_check_published(slug=slug)) is None:
        raise Http404("No published item with a check has this address.")
    return self_check


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
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
        {
            "number": number,
            "question": question,
            "choices": selectors.choices_as_drawn(question, attempt.draw[number - 1]),
        }
        for number, question in enumerate(questions, start=1)
    ]
    return render(request, "assessment/check.html", {"item": self_check.item, "self_check": self_check,
                                                      "attempt": attempt, "drawn": drawn})  # fmt: skip


@login_required
@require_safe
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
        choices = selectors.choices_as_drawn(question, attempt.draw[number - 1])
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
    try:
        services.self_review_save(user=request.user, item=item, scores=posted_scores(request.POST))
    except services.CheckRefused as refused:
        context = {"item": item, "self_check": None, "message": refused.message}
        return render(request, "assessment/refused.html", context, status=refused.status)
    messages.success(request, "Your self-review is saved. It helps you prepare; only a mentor's review shows it.")
    return redirect(item.get_absolute_url() + "#item-rubric")
