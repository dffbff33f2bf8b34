"""Taking a self-check: starting an attempt (its draw) and submitting it (its score). Every input is checked before
the first write; a refused submission writes nothing and says why (CheckRefused, with the HTTP status to answer)."""

import random
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from progress.cache import learner_changed
from roadmap.models import QuestionKind, Rubric, SelfCheck

from .models import Attempt, SelfReview, ShownBy, ShownItem
from .selectors import attempt_open, attempt_questions, attempts_started_today, retake_at

NUMBER_MAX_LENGTH = 30
_random = random.SystemRandom()


class CheckRefused(Exception):
    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def attempts_per_day() -> int:
    return getattr(settings, "ASSESSMENT_ATTEMPTS_PER_DAY", 20)


def attempt_start(*, user, self_check: SelfCheck) -> tuple[Attempt, list]:
    """The learner's open attempt at this check (a reload shows the same questions), or a new one with a fresh draw:
    `questions_shown` questions at random from the bank, in random order, each with its choices shuffled.

    Refused while a failed attempt's cool-down runs (409), past the attempts a learner may start in a day (429), or
    when the bank is smaller than the check needs (404: the check is not ready). Returns the attempt and its
    questions in the order drawn.
    """
    open_attempt = attempt_open(user=user, self_check=self_check)
    if open_attempt is not None:
        questions = attempt_questions(open_attempt)
        if len(questions) == len(open_attempt.draw):
            return open_attempt, questions
        open_attempt.delete()  # an editor removed a drawn question: nothing was answered, so draw again
    if (when := retake_at(user=user, self_check=self_check)) is not None:
        raise CheckRefused(f"You can take this check again from {when:%d %B, %H:%M} (UTC), with other questions.",
                           status=409)  # fmt: skip
    if attempts_started_today(user=user) >= attempts_per_day():
        raise CheckRefused("You have started as many checks as a day allows. Come back tomorrow.", status=429)
    questions = list(self_check.questions.prefetch_related("choices"))
    if len(questions) < self_check.bank_needed:
        raise CheckRefused("This check is not ready yet: its bank of questions is too small.", status=404)
    drawn = _random.sample(questions, self_check.questions_shown)
    draw = []
    for question in drawn:
        choices = [choice.pk for choice in question.choices.all()]
        _random.shuffle(choices)
        draw.append({"question": question.pk, "choices": choices})
    attempt = Attempt.objects.create(learner=user, self_check=self_check, item_id=self_check.item_id, draw=draw)
    return attempt, drawn


def attempt_submit(*, user, self_check: SelfCheck, attempt_id, answers: Mapping[str, list[str]]) -> Attempt:
    """Score the learner's open attempt from the form's answers: `q1`…`qN` (the drawn questions in order), each the
    positions of the picked choices as shown, or the number typed. A question left blank is wrong."""
    with transaction.atomic():
        attempt = _attempt_to_submit(user=user, self_check=self_check, attempt_id=attempt_id)
        questions = attempt_questions(attempt)
        if len(questions) != len(attempt.draw):
            raise CheckRefused("This check changed since you opened it: open it again for a new draw.", status=409)
        given = _checked_answers(attempt, questions, answers)
        right = [question.pk for question in questions if is_right(question, given.get(str(question.pk)))]
        correct = len(right)
        now = timezone.now()
        attempt.answers, attempt.correct, attempt.right_questions = given, correct, right
        attempt.score_percent = correct * 100 // len(questions)
        attempt.passed = attempt.score_percent >= self_check.pass_percent
        attempt.submitted_at = now
        attempt.save(update_fields=["answers", "correct", "right_questions", "score_percent", "passed", "submitted_at"])
        if attempt.passed:
            shown = ShownItem(
                learner=user, item_id=attempt.item_id, shown_by=ShownBy.CHECK, shown_at=now, attempt=attempt
            )
            ShownItem.objects.bulk_create([shown], ignore_conflicts=True)  # shown once: the first pass's date stays
            learner_changed(user.pk)
    return attempt


def _attempt_to_submit(*, user, self_check, attempt_id) -> Attempt:
    try:
        attempt_id = int(attempt_id)
    except (TypeError, ValueError):
        raise CheckRefused("This form names no attempt of yours: open the check again.") from None
    if not 1 <= attempt_id < 2**63:
        raise CheckRefused("This form names no attempt of yours: open the check again.", status=404)
    attempt = Attempt.objects.select_for_update().filter(pk=attempt_id, learner=user, self_check=self_check).first()
    if attempt is None:
        raise CheckRefused("This form names no attempt of yours: open the check again.", status=404)
    if attempt.submitted_at is not None:
        raise CheckRefused("This attempt was submitted already; its result stands.", status=409)
    return attempt


def _checked_answers(attempt: Attempt, questions, answers: Mapping[str, list[str]]) -> dict:
    """The answers by question id, or CheckRefused naming what is wrong with the form."""
    fields = {f"q{number}": (drawn, question) for number, (drawn, question) in enumerate(
        zip(attempt.draw, questions, strict=True), start=1)}  # fmt: skip
    unknown = sorted(set(answers) - set(fields) - {"attempt", "csrfmiddlewaretoken"})
    if unknown:
        raise CheckRefused(f"These answers are to no question of this attempt: {', '.join(unknown)}.")
    given = {}
    for name, (drawn, question) in fields.items():
        values = [value.strip() for value in answers.get(name, []) if value.strip()]
        if not values:
            continue
        if len(values) > len(drawn["choices"]) + 1:
            raise CheckRefused(f"{name}: more answers than the question has choices.")
        if question.kind == QuestionKind.NUMERIC:
            given[str(question.pk)] = _number(name, values)
            continue
        try:
            positions = sorted({int(value) for value in values})
        except ValueError:
            raise CheckRefused(f"{name}: a choice is given by its place in the list.") from None
        if any(not 0 <= position < len(drawn["choices"]) for position in positions):
            raise CheckRefused(f"{name}: there is no such choice.")
        if question.kind == QuestionKind.SINGLE and len(positions) > 1:
            raise CheckRefused(f"{name}: this question takes one choice.")
        given[str(question.pk)] = [drawn["choices"][position] for position in positions]
    return given


def _number(name: str, values: list[str]) -> str:
    if len(values) > 1 or len(values[0]) > NUMBER_MAX_LENGTH:
        raise CheckRefused(f"{name}: type one number.")
    try:
        number = Decimal(values[0].replace(",", "").replace(" ", ""))
    except InvalidOperation:
        raise CheckRefused(f"{name}: “{values[0]}” is not a number.") from None
    if not number.is_finite():
        raise CheckRefused(f"{name}: “{values[0]}” is not a number.")
    return str(number)


def is_right(question, given) -> bool:
    """Whether an answer as stored (choice ids, or the number typed) is right: every right choice and no other."""
    if given is None:
        return False
    if question.kind == QuestionKind.NUMERIC:
        return abs(Decimal(given) - question.answer) <= question.tolerance
    right = {choice.pk for choice in question.choices.all() if choice.is_correct}
    return set(given) == right


def self_review_save(*, user, item, scores: Mapping[str, int]) -> SelfReview:
    """The learner's own scores of their project against its rubric (every criterion 1-4), replacing their last."""
    rubric = Rubric.objects.filter(item=item).prefetch_related("criteria").first()
    if rubric is None:
        raise CheckRefused("This item has no rubric to score it against.", status=404)
    checked = rubric.scored(dict(scores))
    if checked is None:
        raise CheckRefused("Score every criterion of the rubric from 1 to 4.")
    review, _created = SelfReview.objects.update_or_create(
        learner=user,
        item=item,
        defaults={"scores": checked, "total": sum(checked.values()), "updated_at": timezone.now()},
    )
    return review
