"""A self-check built as an editor would: a bank of single-choice questions (the right choice written first, so a
draw that leaked creation order would show), one multiple-choice and one numeric question."""

from decimal import Decimal

from roadmap.models import Choice, Question, QuestionKind, SelfCheck

NUMERIC_ANSWER = Decimal("0.375")


def make_check(item, *, singles=4, shown=4, pass_percent=80) -> SelfCheck:
    self_check = SelfCheck.objects.create(item=item, questions_shown=shown, pass_percent=pass_percent)
    for number in range(singles):
        question = Question.objects.create(
            self_check=self_check, key=f"single-{number}", kind=QuestionKind.SINGLE, position=number,
            text=f"Single question {number}?", explanation=f"Because of reason {number}.",
        )  # fmt: skip
        for position, right in enumerate([True, False, False, False]):
            Choice.objects.create(question=question, text=f"Option {number}-{position}", is_correct=right,
                                  position=position)  # fmt: skip
    multiple = Question.objects.create(
        self_check=self_check, key="multiple", kind=QuestionKind.MULTIPLE, position=singles,
        text="Which are right?", explanation="The first two are.",
    )  # fmt: skip
    for position, right in enumerate([True, True, False, False]):
        Choice.objects.create(question=multiple, text=f"Many {position}", is_correct=right, position=position)
    Question.objects.create(
        self_check=self_check, key="numeric", kind=QuestionKind.NUMERIC, position=singles + 1,
        text="What is three eighths as a decimal?", explanation="3 / 8 = 0.375.", answer=NUMERIC_ANSWER,
        tolerance=Decimal("0.001"),
    )  # fmt: skip
    return self_check


def right_answers(attempt) -> dict[str, list[str]]:
    """The form's answers that get every drawn question right: choice places as shown, or the number."""
    answers = {"attempt": [str(attempt.pk)]}
    for number, drawn in enumerate(attempt.draw, start=1):
        question = Question.objects.get(pk=drawn["question"])
        if question.kind == QuestionKind.NUMERIC:
            answers[f"q{number}"] = [str(question.answer)]
            continue
        right = set(question.choices.filter(is_correct=True).values_list("pk", flat=True))
        answers[f"q{number}"] = [str(place) for place, choice in enumerate(drawn["choices"]) if choice in right]
    return answers


def wrong_answers(attempt) -> dict[str, list[str]]:
    """Every drawn question answered wrong."""
    answers = {"attempt": [str(attempt.pk)]}
    for number, drawn in enumerate(attempt.draw, start=1):
        question = Question.objects.get(pk=drawn["question"])
        if question.kind == QuestionKind.NUMERIC:
            answers[f"q{number}"] = [str(question.answer + question.tolerance + 1000)]
            continue
        right = set(question.choices.filter(is_correct=True).values_list("pk", flat=True))
        answers[f"q{number}"] = [next(str(p) for p, choice in enumerate(drawn["choices"]) if choice not in right)]
    return answers
