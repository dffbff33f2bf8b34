"""Reads of what a learner has shown and of their check attempts, each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache

from django.db import connections
from django.db.models import Count
from django.utils import timezone

from roadmap.models import Publication, Question, SelfCheck

from .models import Attempt, ShownItem

COOL_DOWN = timedelta(hours=24)
FLAG_AFTER = 10  # a question drawn this often, and always missed or always right, is flagged to editors


def self_check_published(*, slug: str) -> SelfCheck | None:
    """The check of the published item `slug`, with its item (one query)."""
    published = SelfCheck.objects.select_related("item").filter(item__slug=slug, item__status=Publication.PUBLISHED)
    return published.first()


def choices_as_drawn(question: Question, drawn: dict) -> list:
    """The question's choices in the order an attempt shows them (their place is what an answer sends)."""
    by_id = {choice.pk: choice for choice in question.choices.all()}
    return [by_id[choice_id] for choice_id in drawn["choices"] if choice_id in by_id]


def attempt_open(*, user, self_check: SelfCheck) -> Attempt | None:
    """The learner's attempt at this check that is started and not submitted, if it began within a day."""
    since = timezone.now() - COOL_DOWN
    return Attempt.objects.for_user(user).open().filter(self_check=self_check, started_at__gte=since).first()


def retake_at(*, user, self_check: SelfCheck):
    """When a learner whose last attempt failed may take the check again (None: now, or never needed)."""
    last = Attempt.objects.for_user(user).submitted().filter(self_check=self_check).order_by("-submitted_at").first()
    if last is None or last.passed or last.submitted_at + COOL_DOWN <= timezone.now():
        return None
    return last.submitted_at + COOL_DOWN


def attempts_started_today(*, user) -> int:
    return Attempt.objects.for_user(user).filter(started_at__gte=timezone.now() - timedelta(days=1)).count()


def attempt_questions(attempt: Attempt) -> list[Question]:
    """The attempt's questions in the order drawn, with their choices (two queries); a question an editor has since
    deleted is left out."""
    ids = [drawn["question"] for drawn in attempt.draw]
    by_id = Question.objects.prefetch_related("choices").in_bulk(ids)
    return [by_id[question_id] for question_id in ids if question_id in by_id]


def shown_items_statement(alias: str, learner_ids: list[int]) -> tuple[str, list]:
    """Registered with progress.hooks: (learner id, item id) of every item the learners have shown by a passed check,
    the rows of `ShownItem.objects.filter(learner_id__in=learner_ids).values_list("learner_id", "item_id")`
    (tests/db/test_written_out_statements.py compares them), written out: the dashboard sends it in its one round
    trip."""
    return _shown_items_sql(alias, len(learner_ids)), list(learner_ids)


@cache
def _shown_items_sql(alias: str, learners: int) -> str:
    name = connections[alias].ops.quote_name
    learner, item = (name(ShownItem._meta.get_field(field).column) for field in ("learner", "item"))
    placeholders = ", ".join(["%s"] * learners)
    return f"SELECT {learner}, {item} FROM {name(ShownItem._meta.db_table)} WHERE {learner} IN ({placeholders})"  # noqa: S608


def attempt_submitted(*, user, self_check: SelfCheck, attempt_id: int) -> Attempt | None:
    return Attempt.objects.for_user(user).submitted().filter(self_check=self_check, pk=attempt_id).first()


@dataclass
class QuestionStatistics:
    question_id: int
    drawn: int = 0
    right: int = 0

    @property
    def percent(self) -> int | None:
        return self.right * 100 // self.drawn if self.drawn else None

    @property
    def flag(self) -> str:
        """ "everyone misses it" or "everyone gets it", once it was drawn often enough to tell (10 times)."""
        if self.drawn < FLAG_AFTER:
            return ""
        return "everyone misses it" if self.right == 0 else "everyone gets it" if self.right == self.drawn else ""


@dataclass
class CheckStatistics:
    attempts: int = 0
    passed: int = 0
    questions: dict[int, QuestionStatistics] = field(default_factory=dict)

    @property
    def pass_percent(self) -> int | None:
        return self.passed * 100 // self.attempts if self.attempts else None


def check_statistics(*, self_check_id: int) -> CheckStatistics:
    """How a check fares: submitted attempts, passes, and each question's right answers when drawn (one query)."""
    statistics = CheckStatistics()
    submitted = Attempt.objects.submitted().filter(self_check_id=self_check_id)
    for draw, right, passed in submitted.values_list("draw", "right_questions", "passed").iterator():
        statistics.attempts += 1
        statistics.passed += bool(passed)
        for drawn in draw:
            row = statistics.questions.setdefault(drawn["question"], QuestionStatistics(drawn["question"]))
            row.drawn += 1
            row.right += drawn["question"] in right
    return statistics


def shown_counts_by_item() -> dict[int, int]:
    """How many learners (staff aside) have shown each item, by any way (one query): staff insights."""
    rows = (
        ShownItem.objects.filter(learner__is_staff=False).values("item_id")
        .annotate(learners=Count("learner_id", distinct=True)).values_list("item_id", "learners")
    )  # fmt: skip
    return dict(rows)
